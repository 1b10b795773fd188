/**
 * Deleting a run is one undo step (a student's slip used to lose a run with its whole history):
 * report 000's learning rates, Run all, then a run deleted and brought back with Ctrl+Z — one that is
 * not current, and the current one after Step epoch on it. The run comes back with its results, which
 * equal `nnlab run --run ID` on the saved file, and can be run on from where it was.
 */
import { test, expect, type Page } from './app-test';
import { artifact, cli, epoch, openExample, saveText } from './helpers';

const FILE = '000-lecture-relu-net-learning-rates.nnlab';

async function deleteRun(page: Page, id: string, label: string) {
  const row = page.getByTestId('runs-panel').locator(`tr[data-run="${id}"]`);
  await row.getByRole('button', { name: `Delete ${label}`, exact: true }).click();
  await row.getByRole('button', { name: `Really delete ${label}` }).click();
  await expect(row).toHaveCount(0);
}

test('a deleted run comes back with Undo, with its results, and goes again with Redo', async ({ page }) => {
  test.setTimeout(180_000);
  await openExample(page, FILE);
  const panel = page.getByTestId('runs-panel');
  await panel.getByRole('button', { name: /^▶ Run all \(\d+\)$/ }).click();
  await expect(panel.getByTestId('run-all-outcome')).toHaveText(/^(\d+) of \1 runs finished$/, { timeout: 150_000 });
  const row = panel.locator('tr[data-run="lr-0.02"]');
  const final = await row.getByTestId('run-final').getAttribute('data-value');
  const epochs = await row.getByTestId('run-epochs').textContent(); // "N / N": what the run was to train
  const n = Number(epochs!.split(' / ')[0]);
  expect(n).toBeGreaterThan(0);

  // 1. a run that is not current
  await deleteRun(page, 'lr-0.02', 'lr = 0.02');
  await page.keyboard.press('Control+z');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('run-final')).toHaveAttribute('data-value', final!);
  await expect(row.getByTestId('run-epochs')).toHaveText(epochs!);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row).toHaveCount(1);

  // the run brought back is saved with its history, which is the command line's
  const text = await saveText(page);
  const saved = JSON.parse(text).runs.find((r: { id: string }) => r.id === 'lr-0.02');
  const fromCli = cli(text, ['run', '--run', 'lr-0.02', '--json']);
  expect(saved.history.train_loss.at(-1)).toBe(fromCli.history.train_loss.at(-1));
  expect(Number(final)).toBe(fromCli.history.train_loss.at(-1));

  // 2. the current run, stepped on by hand: the experiment's own run takes its place, and Undo brings it back
  await row.getByRole('radio', { name: 'Make lr = 0.02 the current run' }).check();
  await expect(row).toHaveClass(/current/);
  expect(await epoch(page)).toBe(n);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText(String(n + 1));
  await deleteRun(page, 'lr-0.02', 'lr = 0.02');
  await expect(panel.locator('tr[data-run="current"]')).toHaveClass(/current/);
  await page.keyboard.press('Control+z');
  await expect(row.getByTestId('run-epochs')).toHaveText(`${n + 1} / ${n}`);
  await row.getByRole('radio', { name: 'Make lr = 0.02 the current run' }).check();
  await expect(page.getByTestId('epoch')).toHaveText(String(n + 1));
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('run-delete-undo.png') });
  const again = await saveText(page);
  const back = JSON.parse(again).runs.find((r: { id: string }) => r.id === 'lr-0.02');
  expect([back.epochs_run, back.history.train_loss.length]).toEqual([n + 1, n + 2]);
  expect(back.history.train_loss.slice(0, n + 1)).toEqual(fromCli.history.train_loss);
});

test('Undo of a rename keeps the copy made after it (Undo put the whole session back, and the copy went with it)', async ({ page }) => {
  await openExample(page, FILE);
  const panel = page.getByTestId('runs-panel');
  const row = panel.locator('tr[data-run="lr-0.01"]');
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox', { name: 'New name of the run' }).fill('my lr');
  await row.getByRole('textbox', { name: 'New name of the run' }).press('Enter');
  await row.getByRole('button', { name: 'Duplicate' }).click();
  await expect(panel.getByTestId('run-copied')).toHaveText('Now on “my lr (copy)”: Step and Run train the copy; its settings are below.');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(row.locator('.name')).toHaveText('lr = 0.01');
  const copy = panel.locator('tr').filter({ hasText: 'my lr (copy)' });
  await expect(copy).toHaveCount(1);
  await expect(copy.getByRole('radio')).toBeChecked();
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  const saved = JSON.parse(await saveText(page)).runs.map((r: { label?: string }) => r.label);
  expect(saved).toContain('my lr (copy)');
  expect(saved).toContain('lr = 0.01');
});
