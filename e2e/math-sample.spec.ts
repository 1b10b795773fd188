/**
 * Issue 12: one selected sample drives every line of the math view. Built
 * through the UI: New (XOR, 2-3-1 tanh/sigmoid, binary cross-entropy, its
 * explicit starting weights), the samples table grown to 10 rows (a cell and
 * a row typed, five pasted as a spreadsheet block), batch size 10, one update. With sample
 * 1 picked, then sample 10 (beyond the first 8, where the loss line used to
 * show ℓ₈), every per-sample line — the forward equations of W[0][0][0]'s
 * unit, ℓ_s, the chain rule's term and its factors — carries that sample's
 * numbers, and the batch lines (L, the gradient as the mean of the terms, the
 * update) the batch's: compared with `nnlab step --json` on the saved session
 * (the same bits) and with plain numpy (e2e/ref/xor10_step.py).
 * Screenshots: e2e/artifacts/math-sample-{1,10}.png.
 */
import { test, expect, type Page } from './app-test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { artifact, cli, saveText } from './helpers';
import { tex } from '../src-core/derivation/format';

const numpyScript = fileURLToPath(new URL('./ref/xor10_step.py', import.meta.url));
const panel = (page: Page) => page.getByRole('complementary', { name: 'Experiment' });

async function fill(page: Page, name: string, value: string): Promise<void> {
  const field = panel(page).getByLabel(name, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

interface Step {
  forward: { z: number[][]; a: number[][] }[];
  loss: number;
  gradients: { weights: number[][][] };
  before: { weights: number[][][]; biases: number[][] };
  after: { weights: number[][][] };
}
interface Numpy {
  z1: number[][]; a1: number[][]; loss: number[]; L: number; dl_dz2: number[]; fprime1: number[][];
  term: number[]; grad: number; after: number;
}

const value = async (loc: ReturnType<Page['locator']>) => Number(await loc.getAttribute('data-value'));
const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));

/** Every line of the math view for W[0][0][0] against the CLI (exact) and numpy (to 1e-12), for row s of the batch. */
async function checkLines(page: Page, s: number, step: Step, np: Numpy, x: number[][]): Promise<void> {
  const math = page.getByTestId('math-view');
  await expect(page.getByTestId('math-sample')).toHaveText(new RegExp(`^Sample ${s + 1} of the batch of 10 \\(training-set row ${s + 1}\\)`));
  // every per-sample line says it is sample s's, every other line that it is the batch's
  const lines = math.getByTestId('math-line');
  const scopes = await lines.evaluateAll((els) => els.map((e) => [e.getAttribute('data-scope'), e.getAttribute('data-sample')]));
  expect(scopes.length).toBeGreaterThan(8);
  for (const [scope, sample] of scopes) expect(scope === 'batch' ? sample === null : scope === 'sample' && sample === String(s)).toBe(true);
  for (const l of await lines.all()) await expect(l.locator('.tag')).toHaveText(/^(sample \d+|batch of 10)$/);
  await expect(math.locator('[data-scope="sample"] .tag').first()).toHaveText(`sample ${s + 1}`);

  // forward: z and a of h1 for sample s (the weights before the update)
  const fwd = page.getByTestId('math-forward').getByTestId('math-line');
  await expect(fwd).toHaveCount(3);
  await expect(fwd.nth(1)).toHaveAttribute('data-value', String(step.forward[0].z[s][0]));
  await expect(fwd.nth(2)).toHaveAttribute('data-value', String(step.forward[0].a[s][0]));
  await expect(fwd.nth(1).locator('[data-tex]')).toHaveAttribute('data-tex', new RegExp(`\\\\cdot ${escape(tex(x[s][0], true))} \\+ .*\\\\cdot ${escape(tex(x[s][1], true))} \\+ `));
  close(await value(fwd.nth(1)), np.z1[s][0]);
  close(await value(fwd.nth(2)), np.a1[s][0]);

  // the loss: ℓ_s of sample s, then L of the batch
  const loss = page.getByTestId('math-loss').getByTestId('math-line');
  await expect(loss).toHaveCount(2);
  await expect(loss.nth(0).locator('[data-tex]')).toHaveAttribute('data-tex', new RegExp(`^\\{\\\\ell_\\{${s + 1}\\}\\} = `));
  close(await value(loss.nth(0)), np.loss[s]);
  await expect(loss.nth(1)).toHaveAttribute('data-scope', 'batch');
  await expect(loss.nth(1)).toHaveAttribute('data-value', String(step.loss));
  close(step.loss, np.L);

  // the chain rule: sample s's term and its factors (a − y, w of h1 → out, tanh'(z), x1), then the mean over the batch
  const chain = page.getByTestId('chain-rule');
  const term = chain.locator('[data-testid="math-line"][data-scope="sample"][data-value]');
  await expect(term).toHaveCount(1);
  await expect(term.locator('[data-tex]')).toHaveAttribute('data-tex', new RegExp(`^\\\\frac\\{\\\\partial \\\\ell_\\{${s + 1}\\}\\}`));
  close(await value(term), np.term[s]);
  const factors = await chain.getByTestId('factor').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  const want = [np.dl_dz2[s], step.before.weights[1][0][0], np.fprime1[s][0], x[s][0]];
  expect(factors).toHaveLength(want.length);
  factors.forEach((f, k) => close(f, want[k]));
  const sum = chain.locator('[data-testid="math-line"][data-scope="batch"]');
  await expect(sum).toHaveAttribute('data-value', String(step.gradients.weights[0][0][0]));
  await expect(sum.locator('[data-tex]')).toHaveAttribute('data-tex', new RegExp(`\\\\boxed\\{${escape(tex(np.term[s], true))}\\}`));
  close(step.gradients.weights[0][0][0], np.grad);
  await expect(page.getByTestId('gradient').locator('[data-value]')).toHaveAttribute('data-value', String(step.gradients.weights[0][0][0]));

  // the update of the batch
  const upd = page.getByTestId('math-update').locator('[data-testid="math-line"][data-value]');
  await expect(upd).toHaveAttribute('data-value', String(step.after.weights[0][0][0]));
  await expect(upd).toHaveAttribute('data-scope', 'batch');
  close(step.after.weights[0][0][0], np.after);
}

const escape = (t: string) => t.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

test('a batch of 10: the picked sample drives every line of the math view', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  const table = panel(page).getByRole('region', { name: 'Training samples table' });
  await expect(table.getByRole('row')).toHaveCount(5);
  // XOR's 4 rows, the first moved off x1 = 0 (its term would be 0), a fifth typed in, five more pasted from a spreadsheet
  await fill(page, 'Training samples row 1 x1', '0.7');
  await panel(page).getByRole('button', { name: '+ row' }).first().click();
  await fill(page, 'Training samples row 5 x1', '0.5');
  await fill(page, 'Training samples row 5 x2', '0.25');
  await fill(page, 'Training samples row 5 y1', '1');
  await panel(page).getByLabel('Training samples row 5 x1', { exact: true }).evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '0.5\t0.25\t1\n-1\t2\t0\n0.3\t-0.7\t1\n1.5\t0.5\t0\n-0.2\t-0.9\t1\n0.8\t1.2\t0\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(table.getByRole('row')).toHaveCount(11);
  await fill(page, 'Batch size', '10');
  await expect(page.getByTestId('experiment-errors')).toHaveCount(0);
  await expect(page.getByTestId('epoch')).toHaveText('0');

  await page.getByRole('button', { name: 'Step update' }).click();
  await expect(page.getByTestId('gradient')).toBeVisible();
  await expect(page.getByTestId('sample-picker')).toContainText('of 10');

  const text = await saveText(page);
  const saved = JSON.parse(text).experiment;
  expect(saved.batch_size).toBe(10);
  expect(saved.data.train.x).toHaveLength(10);
  const step = cli(text, ['step', '--json']) as Step;
  const x = saved.data.train.x as number[][];
  const input = JSON.stringify({ x, y: saved.data.train.y, W: step.before.weights, b: step.before.biases, lr: saved.optimizer.lr });
  const np = JSON.parse(execFileSync('python3', [numpyScript], { input, encoding: 'utf8' })) as Numpy;
  // samples 1 and 10 differ from every other where it matters: a test that can fail
  for (const s of [0, 9]) {
    for (const series of [np.term, np.loss, np.z1.map((z) => z[0])]) expect(series.filter((t) => tex(t) === tex(series[s]))).toHaveLength(1);
  }

  await checkLines(page, 0, step, np, x);
  await page.getByTestId('math-view').screenshot({ path: artifact('math-sample-1.png') });

  // sample 10: beyond the first 8 the loss line used to show
  const box = page.getByTestId('sample-picker').getByRole('spinbutton', { name: 'Sample shown (1 to 10)' });
  await box.fill('10');
  await expect(box).toHaveValue('10');
  await checkLines(page, 9, step, np, x);
  await page.getByTestId('math-view').screenshot({ path: artifact('math-sample-10.png') });
});
