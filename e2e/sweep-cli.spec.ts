/**
 * A sweep built in the form, run on the job workers (the same path as the
 * desktop app's job processes, through the job host and the validated job
 * protocol): each run, as the saved session holds it, equals what the
 * command line computes for that point (`nnlab run FILE --set … --json`),
 * every history entry and every final parameter. Then a long sweep is
 * cancelled: its rows say so.
 */
import { test, expect } from './app-test';
import { readFileSync } from 'node:fs';
import { artifact, cli, fillSweep, fixture, openFile } from './helpers';

const lecture = fixture('lecture-000.nnlab');

/** `nnlab run FILE --set PATH=VALUE … --json` for a run's overrides */
function cliRun(overrides: Record<string, unknown>): { status: string; history: Record<string, unknown>; params: unknown } {
  return cli(readFileSync(lecture, 'utf8'), ['run', ...Object.entries(overrides).flatMap(([p, v]) => ['--set', `${p}=${JSON.stringify(v)}`]), '--json']);
}

test('each run of a sweep equals the command line for its point', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await openFile(page, lecture);
  await fillSweep(page, { name: 'clilr', epochs: '40', field: 'optimizer.lr', list: '0.005, 0.05, 0.25, 0.3' });
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-outcome')).toHaveText('4 of 4 runs finished', { timeout: 120_000 });
  await page.getByTestId('sweep-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('sweep-cli-table.png') });

  const saved = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const session = JSON.parse(readFileSync(await (await saved).path(), 'utf8'));
  const mine = session.runs.filter((r: { id: string }) => r.id.startsWith('clilr/'));
  expect(mine).toHaveLength(4);
  for (const run of mine) {
    const want = cliRun(run.overrides);
    expect(run.status).toBe(want.status);
    expect(run.epochs_run).toBe(40);
    for (const series of ['train_loss', 'train_mae']) expect(run.history[series], `${run.id} ${series}`).toEqual(want.history[series]);
    expect(run.params, `${run.id} params`).toEqual(want.params);
    const cell = page.locator(`[data-testid="sweep-table"] tr[data-run="${run.id}"] td[data-metric="train_loss"]`);
    expect(Number(await cell.getAttribute('data-value'))).toBe((want.history.train_loss as number[]).at(-1));
  }
});

test('a cancelled sweep says so in the rows of the runs it did not finish', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await openFile(page, lecture);
  await fillSweep(page, { name: 'long', epochs: '1000000', field: 'optimizer.lr', list: '0.001, 0.002, 0.003' });
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress')).toBeVisible();
  await expect(page.locator('[data-testid="sweep-job"]').filter({ hasText: /^running \d+ \/ 1000000$/ }).first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('sweep-cancel').click();
  await expect(page.getByTestId('sweep-outcome')).toHaveText(/^cancelled after 0 of 3 runs$/);
  await expect(page.locator('[data-testid="sweep-job"]')).toHaveText(['cancelled', 'cancelled', 'cancelled']);
  await page.screenshot({ path: artifact('sweep-cancelled.png') });
});
