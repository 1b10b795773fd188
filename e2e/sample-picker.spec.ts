/**
 * The sample picker of the network view on report 004's XOR net (3-4-1
 * sigmoid, no biases, the four truth-table rows (x1, x2, 1) as one batch):
 * after the forward phase, sample 3 — x = (1, 0, 1) — is picked, and the
 * hidden units must show σ(W[0][j] · x) computed here from the snapshot's
 * weights, to the digits shown; the math view's forward equation of
 * W[0][0][0] must use the same sample. Screenshot: e2e/artifacts/sample-picker.png.
 */
import { test, expect } from './app-test';
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { artifact, openFile } from './helpers';
import { openSession } from './network-session';
import { fmt, tex } from '../src-core/derivation/format';

const xorFile = fileURLToPath(new URL('../assets/examples/004-xor-seven-learning-rates.nnlab', import.meta.url));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** the value written in a unit circle: 4 significant digits (Graph.svelte's `short`) */
const shown = (a: number) => fmt(Number(a.toPrecision(4)));

/** W[0] (4 rows of 3) as the trainer holds it now */
async function firstLayer(page: Page): Promise<number[][]> {
  return page.evaluate(() => (window as unknown as { nnlabApp: { snapshot: { params: { weights: number[][][] } } } }).nnlabApp.snapshot.params.weights[0]);
}

test('report 004 XOR: pick sample 3, the hidden units show σ(W[0] · (1, 0, 1))', async ({ page }) => {
  await page.goto('/');
  await openFile(page, xorFile);
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();

  const picker = page.getByTestId('sample-picker');
  const box = picker.getByRole('spinbutton', { name: 'Sample shown (1 to 4)' });
  await expect(box).toHaveValue('1');
  await expect(picker).toContainText('of 4');
  // sample 1 is the first truth-table row (0, 0, 1) with target 0 (the third input, a constant 1, is named "1")
  await expect(picker.getByTestId('sample-values')).toHaveText(/^\s*x1 = 0, x2 = 0, 1 = 1\s+target\s+0\s*$/);

  // the units are drawn inputs first, then the hidden layer: the 4 hidden circles are .aval 3..6
  const aval = page.locator('text.aval');
  await expect(aval).toHaveCount(3 + 4 + 1);
  const W0 = await firstLayer(page);
  expect(W0.length).toBe(4);
  const hidden = (x: number[]) => W0.map((row) => sigmoid(row[0] * x[0] + row[1] * x[1] + row[2] * x[2]));
  const h1 = hidden([0, 0, 1]);
  for (let j = 0; j < 4; j++) await expect(aval.nth(3 + j)).toHaveText(shown(h1[j]));

  // to sample 3 with the keyboard: ▶ twice
  const next = picker.getByRole('button', { name: 'Next sample' });
  await next.focus();
  await next.press('Enter');
  await next.press('Enter');
  await expect(box).toHaveValue('3');
  await expect(picker.getByTestId('sample-values')).toHaveText(/^\s*x1 = 1, x2 = 0, 1 = 1\s+target\s+1\s*$/);
  // the inputs' circles show x = (1, 0, 1)
  for (const [k, v] of [[0, '1'], [1, '0'], [2, '1']] as const) await expect(aval.nth(k)).toHaveText(v);

  const h3 = hidden([1, 0, 1]);
  for (let j = 0; j < 4; j++) {
    await expect(aval.nth(3 + j)).toHaveText(shown(h3[j]));
    // and the unit's full value (aria-label) agrees to rounding
    const label = (await page.locator('g.unit').nth(3 + j).getAttribute('aria-label')) ?? '';
    const a = Number(/a = (\S+?),/.exec(label)?.[1]);
    expect(Math.abs(a - h3[j])).toBeLessThan(1e-12);
  }
  // a test that can fail: sample 3's hidden values are not sample 1's
  expect(h3.some((v, j) => shown(v) !== shown(h1[j]))).toBe(true);

  // z and δ: z of h1 for sample 3 is W[0][0][0] + W[0][0][2] (x2 = 0)
  await page.getByRole('checkbox', { name: 'z and δ' }).check();
  await expect(page.locator('g.unit').nth(3).locator('text.zval').first()).toHaveText(`z ${fmt(W0[0][0] + W0[0][2], 4)}`);

  // the math view's forward equation of W[0][0][0] (the default selection) uses sample 3 too
  await expect(page.getByTestId('math-sample')).toHaveText(/^Sample 3 of the batch of 4/);
  const z00 = W0[0][0] * 1 + W0[0][1] * 0 + W0[0][2] * 1;
  const math = page.getByTestId('math-view');
  await expect(math.locator(`[data-tex$="= ${tex(z00)}"]`).first()).toHaveAttribute('data-tex', /\\cdot 1 \+ .*\\cdot 0 \+ .*\\cdot 1 = /);
  await expect(math.locator(`[data-tex$="(${tex(z00)}) = ${tex(sigmoid(z00))}"]`)).toHaveCount(1);

  await page.getByTestId('network-view').screenshot({ path: artifact('sample-picker.png') });
});

test('a 784-input net: the input image is the chosen sample\'s', async ({ page }) => {
  // two samples: a blank image (0 everywhere, drawn white) and a full one (1 everywhere, drawn black)
  const blank = Array(784).fill(0);
  const full = Array(784).fill(1);
  await openSession(page, 'two-images.nnlab', {
    format: 'nnlab', version: 1, title: 'Two images',
    experiment: {
      network: { inputs: 784, layers: [{ units: 2, activation: 'sigmoid', bias: true }] },
      loss: 'squared_error', reduction: 'mean', init: { kind: 'uniform', low: -0.1, high: 0.1 },
      data: { kind: 'inline', train: { x: [blank, full], y: [[0, 1], [1, 0]] } },
      optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 'full', shuffle: false, epochs: 10, seed: 1,
    },
  });
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  const picker = page.getByTestId('sample-picker');
  await expect(picker).toContainText('of 2');
  // the centre pixel of the 28×28 image (5 px a pixel, at x 16, y (380 − 140) / 2 in LargeNet's canvas)
  const centre = () => page.locator('.large canvas').first().evaluate((c: HTMLCanvasElement) => {
    const dpr = window.devicePixelRatio || 1;
    return Array.from(c.getContext('2d')!.getImageData(Math.round((16 + 72) * dpr), Math.round((120 + 72) * dpr), 1, 1).data.slice(0, 3));
  });
  await expect.poll(centre).toEqual([255, 255, 255]);
  await picker.getByRole('button', { name: 'Next sample' }).click();
  await expect(picker.getByRole('spinbutton')).toHaveValue('2');
  await expect.poll(centre).toEqual([0, 0, 0]);
});
