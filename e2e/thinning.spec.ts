/**
 * Issue 11: a long run keeps bounded memory — the app thins its history past
 * 100 000 epochs (src-core/train/thinning.ts). Report 004's XOR net, set to
 * 250 000 epochs in the panel and run: the loss chart says how it is thinned,
 * the History CSV and the saved file hold every epoch to 100 000 and every
 * 2nd after it, each number equal to the command line's full, unthinned
 * history of the same experiment; the run reopens from its file the same.
 */
import { writeFileSync } from 'node:fs';
import { test, expect } from './app-test';
import { artifact, cli, historyCSV, openFile, readoutAtEnd, saveText, waitStatus } from './helpers';

const EPOCHS = 250_000;
const NOTE = 'every 2nd epoch shown past epoch 100 000';

test(`report 004's XOR run for ${EPOCHS} epochs: the history is thinned past 100 000, every kept number the command line's`, async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.locator('button.example[data-file="004-xor-seven-learning-rates.nnlab"]').click();
  await waitStatus(page, /ready/);
  const epochs = page.getByRole('complementary', { name: 'Experiment' }).getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill(String(EPOCHS));
  await epochs.press('Enter');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText(/finished/, { timeout: 150_000 });
  await expect(page.getByTestId('epoch')).toHaveText(String(EPOCHS));

  const chart = page.locator('figure.chart').first();
  await expect(chart.getByText(NOTE)).toBeVisible();
  await chart.screenshot({ path: artifact('thinning-loss.png') });
  // a pixel is ~500 epochs here: the readout names a kept epoch near the end (past 100 000: an even one)
  const hovered = Number(/^epoch (\d+): train loss \S+/.exec(await readoutAtEnd(page))?.[1]);
  expect(hovered).toBeGreaterThan(EPOCHS - 1000);
  expect(hovered % 2).toBe(0);

  // the History CSV: epochs 0 … 100 000, then every 2nd, and the last
  const rows = await historyCSV(page);
  const kept = rows.map((r) => Number(r.epoch));
  expect(kept.length).toBe(100_001 + 75_000);
  expect(kept.slice(0, 100_001).every((e, k) => e === k)).toBe(true);
  expect(kept.slice(100_001).every((e, k) => e === 100_002 + 2 * k)).toBe(true);

  // the command line trains the same experiment and keeps every epoch: the app's numbers are its numbers at the epochs kept
  const text = await saveText(page);
  writeFileSync(artifact('thinning.nnlab'), text);
  const saved = JSON.parse(text);
  const full = cli(JSON.stringify({ ...saved, runs: [] }), ['run', '--json']);
  expect(full.history.train_loss.length).toBe(EPOCHS + 1);
  const want = kept.map((e) => full.history.train_loss[e]);
  expect(rows.map((r) => Number(r.train_loss))).toEqual(want);
  const gradWant = kept.map((e) => full.history.grad_norm[0][e]);
  expect(rows.map((r) => (r.grad_norm_layer1 === '' ? null : Number(r.grad_norm_layer1)))).toEqual(gradWant.map((g: number | null) => (g === null || g === undefined ? null : g)));

  // the saved run: thinned the same way, with its epochs and the rule; its final parameters the command line's
  const run = saved.runs.find((r: { epochs_run: number }) => r.epochs_run === EPOCHS);
  expect(run.history.train_loss.length).toBe(kept.length);
  expect(run.history.epochs).toEqual(kept);
  expect(run.history.thinning).toEqual({ dense: 100_000, budget: 100_000, stride: 2 });
  expect(run.params).toEqual(full.params);

  // reopened from its file: the same chart note, the same history
  await page.goto('/');
  await openFile(page, artifact('thinning.nnlab'));
  await expect(page.getByTestId('epoch')).toHaveText(String(EPOCHS));
  await expect(page.locator('figure.chart').first().getByText(NOTE)).toBeVisible();
  const again = await historyCSV(page);
  expect(again.map((r) => Number(r.epoch))).toEqual(kept);
  expect(again.map((r) => Number(r.train_loss))).toEqual(want);
});
