/**
 * Issue 12: a weight edited in the weights table reaches the run's history.
 * On report 000's lecture net: w5 = W[1][0][0] typed as 0.5 at epoch 0 makes
 * the loss (1.5·0.5 + 0.5·1 + 0.5 − 2)² = 0.0625; after three epochs
 * W[1][0][1] typed as 0.25 re-records entry 3. The History CSV and the loss
 * chart's readout hold the new losses; the expected entry 3 comes from the
 * command line, run on the parameters after three epochs with the edit made.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, type Page } from './app-test';
import { artifact, cli, fixture, historyCSV, openFile, readoutAtEnd, waitStatus } from './helpers';

const lecture = JSON.parse(readFileSync(fixture('lecture-000.nnlab'), 'utf8'));

async function edit(page: Page, name: string, value: string): Promise<void> {
  const box = page.getByRole('textbox', { name, exact: true });
  await box.fill(value);
  await box.press('Enter');
}

test('a weight edited at epoch 0 and at epoch 3: the History CSV and the loss chart hold the new loss', async ({ page }) => {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');

  // epoch 0: entry 0 is the edited start
  await edit(page, 'W[1][0][0]', '0.5');
  await expect(page.getByTestId('train-loss')).toHaveText('0.0625');
  let rows = await historyCSV(page);
  expect(rows.map((r) => r.epoch)).toEqual(['0']);
  expect(Number(rows[0].train_loss)).toBe(0.0625);

  const stepEpoch = page.getByRole('button', { name: 'Step epoch', exact: true });
  for (let k = 1; k <= 3; k++) {
    await stepEpoch.click();
    await expect(page.getByTestId('epoch')).toHaveText(String(k));
  }
  rows = await historyCSV(page);
  expect(rows.map((r) => r.epoch)).toEqual(['0', '1', '2', '3']);
  const old3 = Number(rows[3].train_loss);

  // what the command line says: the same start, three epochs, then W[1][0][1] = 0.25, measured
  const start = structuredClone(lecture);
  start.experiment.init.weights[1][0][0] = 0.5;
  const three = cli(JSON.stringify(start), ['run', '--epochs', '3', '--json']);
  expect(three.history.train_loss[0]).toBe(0.0625);
  expect(three.history.train_loss[3]).toBe(old3);
  const edited = structuredClone(lecture);
  edited.experiment.init = { kind: 'explicit', ...three.params };
  edited.experiment.init.weights[1][0][1] = 0.25;
  const want3 = cli(JSON.stringify(edited), ['run', '--epochs', '0', '--json']).history.train_loss[0];
  expect(want3).not.toBe(old3);

  // epoch 3: entry 3 is re-recorded with the edit
  await edit(page, 'W[1][0][1]', '0.25');
  await expect(page.getByTestId('train-loss')).not.toHaveText(String(old3));
  rows = await historyCSV(page);
  expect(rows.map((r) => r.epoch)).toEqual(['0', '1', '2', '3']);
  expect(Number(rows[0].train_loss)).toBe(0.0625);
  expect(Number(rows[1].train_loss)).toBe(three.history.train_loss[1]);
  expect(Number(rows[3].train_loss)).toBe(want3);

  // the loss chart's readout at epoch 3: the new loss (as the readout rounds it)
  const text = await readoutAtEnd(page);
  expect(text).toMatch(/^epoch 3: train loss /);
  const shown = Number(text.replace(/^epoch 3: train loss /, '').split(' ')[0]);
  expect(Math.abs(shown - want3) / want3).toBeLessThan(1e-3);
  expect(Math.abs(shown - old3) / old3).toBeGreaterThan(1e-2);
  await page.locator('figure.chart').first().screenshot({ path: artifact('history-edit-loss.png') });
});

test('a diverged run names the first value that went bad and the update that did it, as the command line does', async ({ page }) => {
  // the all-linear lecture net at lr 1: each step overshoots more (src-cli/cli.test.ts)
  const s = structuredClone(lecture);
  s.experiment.network.layers.forEach((l: { activation: string }) => (l.activation = 'linear'));
  s.experiment.optimizer.lr = 1;
  s.experiment.epochs = 50;
  const ref = cli(JSON.stringify(s), ['run', '--json']);
  expect(ref.status).toBe('diverged');
  const d = ref.divergence;
  const file = artifact('diverging-lecture.nnlab');
  writeFileSync(file, JSON.stringify(s));
  await page.goto('/');
  await openFile(page, file);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus(page, /diverged/);
  const status = (await page.getByTestId('status').textContent())!;
  expect(status).toContain(`diverged at epoch ${d.epoch}: ${d.what} became ${d.became}`);
  expect(status).toContain(`update ${d.update}`);
  await page.getByTestId('status').screenshot({ path: artifact('history-edit-diverged.png') });
});
