/**
 * A sweep over the hidden units from New, whose starting weights are set by
 * hand: picking the field sets values that suit it (1, 2, 4, 8; it kept the
 * learning rate's 0.001 … 1000), and each run keeps the hand-set weights that
 * still fit and draws the others, as the units field does (every run was
 * refused, three lines each). Saved, each run is the command line's.
 */
import { test, expect } from './app-test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { artifact } from './helpers';

const nnlab = (...args: string[]) => JSON.parse(execFileSync('node', [fileURLToPath(new URL('../bin/nnlab.mjs', import.meta.url)), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }));

test('New: a sweep over the hidden units runs, each run as nnlab run --run ID gives it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  const form = page.getByTestId('sweep-form');
  await form.getByLabel('Sweep name').fill('units');
  await form.getByLabel('Epochs per run').fill('50');
  await form.getByLabel('Field 1').selectOption('network.layers[0].units');
  await expect(form.getByLabel('How 1')).toHaveValue('list');
  await expect(form.getByLabel('Values 1')).toHaveValue('1, 2, 4, 8');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-outcome')).toHaveText('4 of 4 runs finished', { timeout: 150_000 });
  await expect(page.getByTestId('sweep-table').locator('tbody tr')).toHaveCount(4);
  await page.getByTestId('sweep-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('sweep-units.png') });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = artifact('sweep-units.nnlab');
  await (await download).saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8')) as { runs: { id: string; overrides: Record<string, unknown>; history: { train_loss: (number | null)[] } }[] };
  const runs = saved.runs.filter((r) => 'network.layers[0].units' in r.overrides);
  expect(runs.map((r) => r.overrides['network.layers[0].units'])).toEqual([1, 2, 4, 8]);
  for (const r of runs) {
    const cli = nnlab('run', path, '--run', r.id, '--json');
    expect(cli.history.train_loss.at(-1)).toBe(r.history.train_loss.at(-1));
    expect(cli.history.train_loss).toHaveLength(51);
  }
});
