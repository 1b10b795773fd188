/**
 * Report 000's nine starting points as a 3×3 grid (weights small/medium/high
 * × biases small/medium/high; the report's bias levels differ by weight row,
 * hence `cells`), entered as JSON in the sweep form. The table's losses at
 * epoch 0 are the report's forward passes; after training they are the
 * engine's. Then save, reopen: the sweep and its table come back exactly.
 */
import { test, expect } from './app-test';
import { readFileSync } from 'node:fs';
import { artifact, fixture, openFile } from './helpers';
import { parseSession } from '../src-core/session/session';
import { applyOverrides } from '../src-core/session/overrides';
import { createTrainer } from '../src-core/session/create';

const small = [[[0.3, 0.3], [0.1, -0.2]], [[0.5, 0.3]]];
const medium = [[[1, 1], [0.5, 0.8]], [[1, 0.8]]];
const high = [[[3, 3], [1.5, -2]], [[1.5, 3]]];
const grid = {
  id: 'starts',
  label: 'nine starting points',
  base: { epochs: 20, 'optimizer.lr': 0.01 },
  axes: [
    { field: 'init.weights', kind: 'list', values: [small, medium, high], labels: ['small', 'medium', 'high'] },
    { field: 'init.biases', kind: 'list', values: [[[0.5, 0], [0.5]], [[1.5, 0.5], [1.5]], [[3, 2], [3]]], labels: ['small', 'medium', 'high'] },
  ],
  cells: [
    { at: ['small', 'small'], overrides: { 'init.biases': [[0.2, 0], [0.2]] } },
    { at: ['small', 'medium'], overrides: { 'init.biases': [[0.8, 0.4], [0.8]] } },
    { at: ['small', 'high'], overrides: { 'init.biases': [[3, 0.5], [3]] } },
    { at: ['high', 'medium'], overrides: { 'init.biases': [[1.5, 1], [1.5]] } },
  ],
};
const labels = ['small', 'medium', 'high'];

function engineFinal(): Map<string, number> {
  const parsed = parseSession(readFileSync(fixture('lecture-000.nnlab'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const out = new Map<string, number>();
  labels.forEach((w, i) => labels.forEach((b, j) => {
    const cell = grid.cells.find((c) => c.at[0] === w && c.at[1] === b);
    const e = applyOverrides(parsed.session.experiment, {
      ...grid.base, 'init.weights': grid.axes[0].values[i], 'init.biases': grid.axes[1].values[j], ...(cell?.overrides ?? {}),
    });
    if (!e.ok) throw new Error(e.errors.join('\n'));
    const t = createTrainer(e.value);
    t.runEpochs(20);
    out.set(`starts/${w}/${b}`, t.history.train_loss[20]);
  }));
  return out;
}

test('report 000: the 3×3 grid of starting points, its table and heatmap; saved and reopened', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  const form = page.getByTestId('sweep-form');
  await form.getByLabel('edit as JSON').check();
  await form.getByLabel('Sweep definition (JSON)').fill(JSON.stringify(grid, null, 2));
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-outcome')).toHaveText('9 of 9 runs finished', { timeout: 60_000 });

  const table = page.getByTestId('sweep-table');
  await expect(table.locator('tbody tr')).toHaveCount(9);
  const expected = engineFinal();
  for (const [id, loss] of expected) {
    expect(Number(await table.locator(`tr[data-run="${id}"] td[data-metric="train_loss"]`).getAttribute('data-value'))).toBe(loss);
  }
  // the best column holds the lowest loss and its epoch; the report's forward passes are entry 0:
  // small/small (0.48 − 2)² = 2.3104, medium/small (2.4 − 2)² = 0.16, high/medium (15.75 − 2)² = 189.0625
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('sweep-grid-table.png') });
  const heat = page.locator('figure[data-chart="starts-grid"]');
  await expect(heat).toBeVisible();
  await heat.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('sweep-grid-heatmap.png') });

  // export: results CSV has the two axes as columns
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Results CSV' }).click();
  const csv = readFileSync(await (await dl).path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('id,label,init.weights,init.biases,status,epochs_run,diverged_at,final_train_loss,final_train_mae,best_epoch,best_value');
  expect(csv.split('\n')).toHaveLength(10);

  // save (a download in the browser) and reopen: the same table
  const saved = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const savedPath = await (await saved).path();
  const text = readFileSync(savedPath, 'utf8');
  const session = JSON.parse(text);
  expect(session.sweeps[0].id).toBe('starts');
  expect(session.runs.filter((r: { id: string }) => r.id.startsWith('starts/'))).toHaveLength(9);
  await page.goto('/');
  await openFile(page, savedPath);
  const again = page.getByTestId('sweep-table');
  await expect(again.locator('tbody tr')).toHaveCount(9);
  for (const [id, loss] of expected) {
    expect(Number(await again.locator(`tr[data-run="${id}"] td[data-metric="train_loss"]`).getAttribute('data-value'))).toBe(loss);
  }
});
