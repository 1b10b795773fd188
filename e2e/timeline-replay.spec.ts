/**
 * Issue 12: the network view's timeline replays the epoch it shows. From New
 * (XOR, 2-3-1 tanh/sigmoid, binary cross-entropy, full batch of 4), three
 * epochs, sample 2 — x = (0, 1) — picked, the timeline scrubbed back to epoch
 * 1: the loss readout, marked "epoch 1 (recorded)", shows the history's entry
 * 1 (`nnlab run --json` on the saved session: loss, mean absolute error,
 * accuracy), the edges epoch 1's weights (`nnlab run --epochs 1`'s final
 * parameters) and the units sample 2's forward pass with them (plain numpy).
 * Back to now, the readout and the units are those of epoch 3 again.
 * A 784-2 net (drawn in aggregate, LargeNet) replays its image and outputs too.
 * Screenshots: e2e/artifacts/timeline-{epoch1,now,large}.png.
 */
import { test, expect, type Page } from './app-test';
import { execFileSync } from 'node:child_process';
import { artifact, cli, saveText } from './helpers';
import { openSession } from './network-session';

interface Run {
  history: { train_loss: number[]; train_mae: number[]; train_accuracy: number[] };
  params: { weights: number[][][]; biases: number[][] };
}

/** a of every unit, as its circle's label says it in full (inputs 0–1, hidden 2–4, output 5) */
async function unitValues(page: Page): Promise<number[]> {
  const labels = await page.locator('g.unit').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => Number(/, a = ([^,]+?)(,| with|$)/.exec(l)?.[1] ?? NaN));
}

/** numpy: x through the 2-3-1 tanh/sigmoid net with these parameters: [x1, x2, h1, h2, h3, out] */
function numpyForward(p: Run['params'], x: number[]): number[] {
  const script = `
import json, sys
import numpy as np
d = json.load(sys.stdin)
W0, W1 = (np.array(w, float) for w in d["p"]["weights"])
b0, b1 = (np.array(b, float) for b in d["p"]["biases"])
x = np.array(d["x"], float)
h = np.tanh(W0 @ x + b0)
out = 1 / (1 + np.exp(-(W1 @ h + b1)))
print(json.dumps(list(x) + list(h) + list(out)))
`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify({ p, x }), encoding: 'utf8' }));
}

test('the timeline replays epoch 1: the readout from the history, the units a forward pass with its weights', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  await page.getByRole('spinbutton', { name: 'Run to epoch' }).fill('3');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('3', { timeout: 30_000 });
  await expect(page.getByTestId('status')).not.toHaveText(/running/i);

  const text = await saveText(page);
  const run = cli(text, ['run', '--epochs', '3', '--json']) as Run;
  const epoch1 = (cli(text, ['run', '--epochs', '1', '--json']) as Run).params;
  const now = run.params;
  expect(run.history.train_loss).toHaveLength(4);
  // the two epochs differ on screen: a test that can fail
  expect(run.history.train_loss[1]).not.toBe(run.history.train_loss[3]);
  await expect(page.getByTestId('train-loss')).toHaveAttribute('data-value', String(run.history.train_loss[3]));

  const picker = page.getByTestId('sample-picker');
  await picker.getByRole('button', { name: 'Next sample' }).click();
  await expect(picker.getByRole('spinbutton', { name: 'Sample shown (1 to 4)' })).toHaveValue('2');

  // back to epoch 1
  const timeline = page.getByRole('slider', { name: 'Timeline: recorded epoch shown' });
  await timeline.fill('1');
  await expect(page.getByTestId('timeline-epoch')).toHaveText('epoch 1');
  await expect(page.getByTestId('readout-epoch')).toHaveText('epoch 1 (recorded)');
  await expect(page.getByTestId('network-phase')).toContainText('Epoch 1 (recorded)');
  await expect(page.getByTestId('train-loss')).toHaveAttribute('data-value', String(run.history.train_loss[1]));
  await expect(page.getByTestId('train-mae')).toHaveAttribute('data-value', String(run.history.train_mae[1]));
  await expect(page.getByTestId('train-accuracy')).toHaveAttribute('data-value', String(run.history.train_accuracy[1]));
  // the edges: epoch 1's weights; the units: sample 2 through them
  await expect(page.getByRole('button', { name: /^W\[1\]\[0\]\[0\] .*value: / })).toHaveAttribute('aria-label', new RegExp(`value: ${String(Number(epoch1.weights[1][0][0].toPrecision(8))).replace('.', '\\.')}`));
  await expect.poll(async () => (await unitValues(page))[2]).not.toBeNaN();
  const shown = await unitValues(page);
  const want = numpyForward(epoch1, [0, 1]);
  expect(shown).toHaveLength(6);
  shown.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(1e-12));
  // and they are not the values of now
  const nowValues = numpyForward(now, [0, 1]);
  expect(Math.abs(nowValues[5] - want[5])).toBeGreaterThan(1e-6);
  await page.getByTestId('network-view').screenshot({ path: artifact('timeline-epoch1.png') });
  await page.screenshot({ path: artifact('timeline-epoch1-page.png') });
  // the loss chart marks the epoch shown
  const lossChart = page.locator('figure.chart').first();
  await expect(lossChart.getByText('shown: epoch 1', { exact: true })).toBeVisible();
  await lossChart.screenshot({ path: artifact('timeline-epoch1-loss.png') });

  // back to now
  await page.getByRole('button', { name: 'Back to now' }).click();
  await expect(page.getByTestId('timeline-epoch')).toHaveText('now');
  await expect(page.getByTestId('readout-epoch')).toHaveCount(0);
  await expect(lossChart.getByText(/^shown: epoch/)).toHaveCount(0);
  await expect(page.getByTestId('train-loss')).toHaveAttribute('data-value', String(run.history.train_loss[3]));
  await expect.poll(async () => Math.abs((await unitValues(page))[5] - nowValues[5])).toBeLessThan(1e-12);
  await page.getByTestId('network-view').screenshot({ path: artifact('timeline-now.png') });
});

test('a large net (784 inputs) replays the chosen image and its outputs at a recorded epoch', async ({ page }) => {
  const blank = Array(784).fill(0);
  const full = Array(784).fill(1);
  const session = {
    format: 'nnlab', version: 1, title: 'Two images',
    experiment: {
      network: { inputs: 784, layers: [{ units: 2, activation: 'sigmoid', bias: true }] },
      loss: 'squared_error', reduction: 'mean', init: { kind: 'uniform', low: -0.1, high: 0.1 },
      data: { kind: 'inline', train: { x: [blank, full], y: [[0, 1], [1, 0]] } },
      optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 'full', shuffle: false, epochs: 10, seed: 1,
    },
  };
  await openSession(page, 'two-images.nnlab', session);
  for (const k of ['1', '2']) {
    await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
    await expect(page.getByTestId('epoch')).toHaveText(k);
  }
  const picker = page.getByTestId('sample-picker');
  await picker.getByRole('button', { name: 'Next sample' }).click();
  await expect(picker.getByRole('spinbutton')).toHaveValue('2');
  await page.getByRole('slider', { name: 'Timeline: recorded epoch shown' }).fill('1');
  await expect(page.getByTestId('readout-epoch')).toHaveText('epoch 1 (recorded)');
  // the outputs of the full image (x = 1 everywhere) with epoch 1's weights: σ(Σ_i W[0][k][i] + b[0][k]), in numpy
  const p = (cli(JSON.stringify(session), ['run', '--epochs', '1', '--json']) as Run).params;
  const script = 'import json, sys\nimport numpy as np\nd = json.load(sys.stdin)\nz = np.array(d["weights"][0]) @ np.ones(784) + np.array(d["biases"][0])\nprint(json.dumps((1 / (1 + np.exp(-z))).tolist()))';
  const want = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(p), encoding: 'utf8' })) as number[];
  const labels = page.locator('.large .olabel');
  await expect(labels).toHaveCount(2);
  for (let k = 0; k < 2; k++) expect(Math.abs(Number(await labels.nth(k).getAttribute('title')) - want[k])).toBeLessThan(1e-12);
  // the image drawn is the chosen sample's: its centre pixel is black (LargeNet's canvas, as in sample-picker.spec.ts)
  const centre = () => page.locator('.large canvas').first().evaluate((c: HTMLCanvasElement) => {
    const dpr = window.devicePixelRatio || 1;
    return Array.from(c.getContext('2d')!.getImageData(Math.round((16 + 72) * dpr), Math.round((120 + 72) * dpr), 1, 1).data.slice(0, 3));
  });
  await expect.poll(centre).toEqual([0, 0, 0]);
  await page.getByTestId('network-view').screenshot({ path: artifact('timeline-large.png') });
});
