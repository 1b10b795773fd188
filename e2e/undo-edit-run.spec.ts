/**
 * A setting changed after a run restarts the run; Undo brings the trained run back where it was, with
 * its history and weights (a student pass: "train, then just try another learning rate" lost 3 000
 * epochs, and Ctrl+Z put the learning rate back on an untrained run). Built through the UI from report
 * 002's example; the run brought back is saved, and its history equals `nnlab run`'s.
 */
import { test, expect } from './app-test';
import { artifact, cli, openExample, saveText, waitStatus } from './helpers';

test('Run, change the learning rate, Ctrl+Z: the trained run is back, as nnlab run computes it', async ({ page }) => {
  test.setTimeout(120_000);
  await openExample(page, '002-basic-network-f1-f2.nnlab');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus(page, /^finished$/);
  await expect(page.getByTestId('epoch')).toHaveText('1000');
  const loss = await page.getByTestId('train-loss').textContent();
  const w = await page.getByRole('textbox', { name: 'W[0][0][0]', exact: true }).inputValue();

  const lr = page.getByLabel('Learning rate');
  await lr.fill('0.2');
  await lr.press('Enter');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await page.keyboard.press('Control+z');
  await expect(lr).toHaveValue('0.1');
  await expect(page.getByTestId('epoch')).toHaveText('1000');
  await expect(page.getByTestId('train-loss')).toHaveText(loss!);
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue(w);
  await page.screenshot({ path: artifact('undo-edit-run.png') });

  // Redo restarts it, as the edit did; Undo again brings it back
  await page.keyboard.press('Control+Shift+z');
  await expect(lr).toHaveValue('0.2');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('epoch')).toHaveText('1000');

  const text = await saveText(page);
  const own = JSON.parse(text).runs.find((r: { id: string }) => r.id === 'current');
  expect(own.epochs_run).toBe(1000);
  const fromCli = cli(text, ['run', '--json']);
  expect(own.history.train_loss).toEqual(fromCli.history.train_loss);
  expect(String(fromCli.history.train_loss.at(-1))).toContain(loss!.slice(0, 8));
  // typing not yet committed is the field's own to undo: the box's text goes back, the run stays
  await lr.click();
  await page.keyboard.press('End');
  await page.keyboard.type('5');
  await expect(lr).toHaveValue('0.15');
  await page.keyboard.press('Control+z');
  await expect(lr).toHaveValue('0.1');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('epoch')).toHaveText('1000');
  // and it runs on from there
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1001');
});

test('Ctrl+Z in another box after a weight was typed undoes the weight in the session, not as the browser\'s text undo of the weight box (which showed 0.99 while the network used 0.5)', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  const was = await w.inputValue();
  const loss = await page.getByTestId('train-loss').textContent();
  await w.fill('0.99');
  await w.press('Enter');
  await expect(page.getByTestId('train-loss')).not.toHaveText(loss!);
  const lr = page.getByLabel('Learning rate');
  await lr.click();
  await page.keyboard.press('Control+z');
  await expect(w).toHaveValue(was);
  await expect(page.getByTestId('train-loss')).toHaveText(loss!);
  await expect(page.getByRole('button', { name: 'Redo' })).toBeEnabled();
  // typed in the box, undone there, and once more: the session's undo (nothing left), never another box's text
  await page.keyboard.press('Control+Shift+z');
  await expect(w).toHaveValue('0.99');
  const lrWas = await lr.inputValue();
  await lr.click();
  await page.keyboard.press('End');
  await page.keyboard.type('5');
  await expect(lr).toHaveValue(`${lrWas}5`);
  await page.keyboard.press('Control+z');
  await expect(lr).toHaveValue(lrWas);
  await page.keyboard.press('Control+z');
  await expect(w).toHaveValue(was);
  await expect(page.getByTestId('train-loss')).toHaveText(loss!);
});
