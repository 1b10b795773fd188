/**
 * KaTeX, kept off the critical path. A formula costs 1–5 ms to typeset, and
 * the math view shows dozens of them, all new after every step: typesetting
 * them in one go stalls the page for 100 ms and more. So:
 *   - every result is cached (the table's parameter names, the symbolic
 *     lines, and a formula seen before come back for free);
 *   - within one task at most BUDGET_MS of typesetting happens at once; the
 *     rest is queued and done in later tasks, a slice at a time, while the
 *     element shows its previous formula (or the TeX source) meanwhile.
 */
import katex from 'katex';

const BUDGET_MS = 8;
const CACHE_SIZE = 2000;

const cache = new Map<string, string>();
let spentInTask = 0;
let taskResetQueued = false;
const queue: { key: string; tex: string; display: boolean; done: (html: string) => void; cancelled: boolean }[] = [];
let drainQueued = false;

/** Runs `fn` in a new task, after pending input and rendering (a MessageChannel is not clamped like setTimeout). */
const nextTask: (fn: () => void) => void = (() => {
  if (typeof MessageChannel === 'undefined') return (fn) => void setTimeout(fn, 0);
  const ch = new MessageChannel();
  const fns: (() => void)[] = [];
  ch.port1.onmessage = () => fns.shift()?.();
  return (fn) => {
    fns.push(fn);
    ch.port2.postMessage(0);
  };
})();

function typeset(tex: string, display: boolean): string {
  const t0 = performance.now();
  // A display formula is typeset in display style but in KaTeX's inline mode, so that a long one
  // (a chain rule with one term per sample) wraps after its top-level = and + instead of running out
  // of the column; Tex.svelte scales down what still does not fit.
  const source = display ? `\\displaystyle ${tex}` : tex;
  const html = katex.renderToString(source, { displayMode: false, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
  spentInTask += performance.now() - t0;
  if (!taskResetQueued) {
    taskResetQueued = true;
    nextTask(() => {
      taskResetQueued = false;
      spentInTask = 0;
    });
  }
  return html;
}

function remember(key: string, html: string): string {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}

/** The typeset formula if it is cached or fits in this task's budget; null when it was queued. */
export function texNow(tex: string, display: boolean): string | null {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (spentInTask >= BUDGET_MS) return null;
  return remember(key, typeset(tex, display));
}

/** Queues a formula that did not fit; `done` gets its HTML in a later task. Returns a cancel function. */
export function texLater(tex: string, display: boolean, done: (html: string) => void): () => void {
  const job = { key: `${display ? 'D' : 'I'}${tex}`, tex, display, done, cancelled: false };
  queue.push(job);
  if (!drainQueued) {
    drainQueued = true;
    nextTask(drain);
  }
  return () => void (job.cancelled = true);
}

function drain(): void {
  drainQueued = false;
  spentInTask = 0;
  while (queue.length && spentInTask < BUDGET_MS) {
    const job = queue.shift()!;
    if (job.cancelled) continue;
    job.done(cache.get(job.key) ?? remember(job.key, typeset(job.tex, job.display)));
  }
  if (queue.length) {
    drainQueued = true;
    nextTask(drain);
  }
}
