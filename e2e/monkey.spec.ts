/**
 * A monkey in the experiment panel, the graph and the tables: a seeded
 * random walk of clicks, choices and typed values (good ones and bad ones)
 * over three sessions. After every action the page has no error (the shared
 * fixture), the trainer's parameters have the experiment's shape, and the
 * graph draws exactly one circle per unit and one edge per weight. A failure
 * prints the seed and the actions so far, so it can be replayed.
 */
import seedrandom from 'seedrandom';
import { test, expect } from './app-test';
import type { Page } from '@playwright/test';

const SEED = process.env.MONKEY_SEED ?? 'nnlab-monkey-1';
const ACTIONS_PER_SESSION = Number(process.env.MONKEY_ACTIONS ?? 170);
/** values typed into fields: sensible ones, edge cases and nonsense */
const TYPED = ['0', '1', '2', '3', '4', '-1', '0.5', '0.05', '2.5', '10', '1e-3', 'abc', '', ' 3 ', '−0.2'];

interface Target { k: number; tag: string; type: string; label: string; options: string[] }

/** Tags every control the monkey may use with data-monkey and describes it. */
function collect(): Target[] {
  const scopes = ['aside.panel', '[aria-label="Toolbar"]', 'section[aria-label="Network"]', 'section[aria-label="Math"]', '.param-table, [aria-label="Weights and biases"]'];
  const skip = /^(open|save|new|copy|save \.md|png|svg|history csv|export|download|run sweep)/i;
  const out: Target[] = [];
  let k = 0;
  document.querySelectorAll('[data-monkey]').forEach((e) => e.removeAttribute('data-monkey'));
  for (const scope of scopes) {
    for (const root of document.querySelectorAll(scope)) {
      for (const el of root.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="button"]')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || (el as HTMLButtonElement).disabled || el.dataset.monkey) continue;
        const label = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
        const type = (el as HTMLInputElement).type ?? '';
        if (skip.test(label) || type === 'file') continue;
        el.dataset.monkey = String(k);
        const options = el.tagName === 'SELECT' ? Array.from((el as HTMLSelectElement).options).map((o) => o.value) : [];
        out.push({ k: k++, tag: el.tagName, type, label: label.slice(0, 60), options });
      }
    }
  }
  return out;
}

/** The invariants, in the page; a message when one fails. */
function check(): string | null {
  const app = (window as unknown as { nnlabApp: any }).nnlabApp;
  const net = app.session?.experiment.network;
  const snap = app.snapshot;
  if (!net || !snap) return 'no session or no snapshot';
  const w = snap.params.weights as number[][][];
  if (w.length !== net.layers.length) return `trainer has ${w.length} layers, the experiment ${net.layers.length}`;
  for (let l = 0; l < w.length; l++) {
    const fanIn = l === 0 ? net.inputs : net.layers[l - 1].units;
    if (w[l].length !== net.layers[l].units || w[l].some((row) => row.length !== fanIn)) return `W[${l}] does not have the experiment's shape`;
  }
  const graph = document.querySelector('[aria-label^="Network graph"]');
  if (graph) {
    const units = net.inputs + net.layers.reduce((n: number, l: { units: number }) => n + l.units, 0);
    const circles = graph.querySelectorAll('g.unit circle').length;
    if (circles !== units) return `graph draws ${circles} circles for ${units} units`;
    let weights = 0;
    let prev = net.inputs;
    for (const l of net.layers) { weights += prev * l.units; prev = l.units; }
    const edges = graph.querySelectorAll('g.edge line.hit').length;
    if (edges !== weights) return `graph draws ${edges} edges for ${weights} weights`;
  }
  return null;
}

async function settle(page: Page) {
  await page.waitForFunction(() => !(window as unknown as { nnlabApp: { loading: boolean } }).nnlabApp.loading, null, { timeout: 15_000 });
}

async function walk(page: Page, rng: () => number, log: string[]) {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  for (let n = 0; n < ACTIONS_PER_SESSION; n++) {
    const t0 = Date.now();
    const targets = await page.evaluate(collect);
    if (!targets.length) throw new Error('nothing to click');
    const t = pick(targets);
    const el = page.locator(`[data-monkey="${t.k}"]`);
    let what: string;
    if (t.tag === 'SELECT') {
      const v = pick(t.options);
      what = `choose ${JSON.stringify(v)} in ${t.label}`;
      await el.selectOption(v, { timeout: 600 }).catch(() => undefined);
    } else if (t.tag === 'INPUT' && t.type === 'checkbox') {
      what = `toggle ${t.label}`;
      await el.click({ timeout: 600 }).catch(() => undefined);
    } else if (t.tag === 'INPUT' || t.tag === 'TEXTAREA') {
      const v = t.tag === 'TEXTAREA' ? pick(['0 0 | 0\n1 1 | 1', '1 2 | 3', 'x | y', '']) : pick(TYPED);
      what = `type ${JSON.stringify(v)} in ${t.label}`;
      await el.fill(v, { timeout: 600 }).catch(() => undefined);
      await el.press(t.tag === 'TEXTAREA' ? 'Tab' : 'Enter', { timeout: 600 }).catch(() => undefined);
    } else {
      what = `click ${t.label}`;
      await el.click({ timeout: 600 }).catch(() => undefined);
      if (rng() < 0.3) await page.keyboard.press('Escape');
    }
    log.push(what);
    const t1 = Date.now();
    await settle(page);
    const problem = await page.evaluate(check);
    if (process.env.MONKEY_TIMES) console.log(`${Date.now() - t0} ms (settle+check ${Date.now() - t1}): ${what}`);
    expect(problem, `after action ${log.length} (${what}); seed ${SEED}; actions: ${log.slice(-15).join(' → ')}`).toBeNull();
  }
  // whatever the walk did: pause, and the app still steps
  if (await page.getByRole('button', { name: 'Pause' }).isVisible()) await page.getByRole('button', { name: 'Pause' }).click();
}

test('a seeded random walk of 500+ actions over three sessions keeps the app whole', async ({ page }) => {
  test.setTimeout(900_000);
  const rng = seedrandom(SEED);
  const log: string[] = [];
  page.on('dialog', (d) => void d.accept()); // "discard unsaved changes?" when a session is replaced
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await settle(page);
  await walk(page, rng, log);
  for (const example of [/lecture|ReLU/i, /XOR/i]) {
    await page.getByRole('button', { name: 'New', exact: true }).click(); // back to the start? New replaces the session
    await page.goto('/');
    await page.locator('button.example', { hasText: example }).first().click();
    await settle(page);
    await walk(page, rng, log);
  }
  expect(log.length).toBeGreaterThanOrEqual(3 * ACTIONS_PER_SESSION);
});
