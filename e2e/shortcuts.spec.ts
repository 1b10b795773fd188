/**
 * The page's keyboard shortcuts in a browser, where the page's own handler
 * owns them all (in the desktop app the menu's accelerators own the keys the
 * menu binds: src-renderer/lib/shortcuts.svelte.test.ts, src-main/main.smoke.test.ts).
 * Report 000's lecture net: one epoch ("E") gives the loss 0.21399876 and
 * w1 = 0.995, as `nnlab run --epochs 1` computes; Ctrl+S saves the run where
 * it stopped, Ctrl+O asks before discarding it, "?" shows the sheet.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './app-test';
import { artifact, cli, fixture } from './helpers';

test('shortcuts in the browser: Ctrl+O opens, E steps an epoch, Ctrl+S saves it, Ctrl+O asks before discarding, ? shows the sheet', async ({ page }) => {
  await page.goto('/');
  let chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');

  await page.locator('main').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('e');
  await expect(page.getByTestId('epoch')).toHaveText('1');
  const expected = cli(readFileSync(fixture('lecture-000.nnlab'), 'utf8'), ['run', '--json', '--epochs', '1']);
  expect(Number(await page.getByTestId('train-loss').getAttribute('data-value'))).toBe(expected.history.train_loss[1]);

  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const saved = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(saved.runs[0].epochs_run).toBe(1);
  expect(saved.runs[0].params).toEqual(expected.params);

  // unsaved work (a weight typed in), then Ctrl+O: the page asks first; "Cancel" keeps the work
  const w1 = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  await w1.fill('0.5');
  await w1.press('Enter');
  await page.locator('main').first().click({ position: { x: 5, y: 5 } });
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await page.keyboard.press('Control+o');
  await expect.poll(() => asked).toEqual(['This session has unsaved changes. Discard them?']);
  await expect(w1).toHaveValue('0.5');
  // "OK" discards it and the chosen file replaces it in the same page
  page.once('dialog', (d) => void d.accept());
  chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expect(w1).toHaveValue('1');

  await page.keyboard.press('Shift+?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await page.screenshot({ path: artifact('shortcuts-sheet.png') });
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
});

test('Escape takes back what was typed into a weight box or a setting; leaving the field then commits nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  const undo = page.getByRole('button', { name: 'Undo' });
  const loss = await page.getByTestId('train-loss').textContent();
  // a weight in the table: typed, Escape, Tab (it had committed the typing)
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  const before = await w.inputValue();
  await w.click();
  await w.press('Control+a');
  await w.pressSequentially('0.9');
  await w.press('Escape');
  await expect(w).toHaveValue(before);
  await expect(w).toBeFocused();
  await w.press('Tab');
  await expect(w).toHaveValue(before);
  // Enter sets it and the keyboard stays in the table (it went to the page's body); Tab goes on to the next box
  await w.focus();
  await w.press('Control+a');
  await w.pressSequentially('0.45');
  await w.press('Enter');
  await expect(w).toBeFocused();
  await expect(w).toHaveValue('0.45');
  await w.press('Tab');
  await expect(page.getByRole('textbox', { name: 'W[0][0][1]', exact: true })).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(w).toHaveValue(before);
  // a setting of the experiment panel: typed, Escape, Enter
  const lr = page.getByRole('complementary', { name: 'Experiment' }).getByLabel('Learning rate');
  const lr0 = await lr.inputValue();
  await lr.click();
  await lr.press('Control+a');
  await lr.pressSequentially('7');
  await lr.press('Escape');
  await expect(lr).toHaveValue(lr0);
  await lr.press('Enter');
  await lr.press('Tab');
  await expect(undo).toBeDisabled();
  await expect(page.getByTestId('train-loss')).toHaveText(loss!);
  // an edit committed with Enter stays; Escape afterwards has nothing to take back
  await lr.fill('0.25');
  await lr.press('Enter');
  await lr.press('Escape');
  await expect(lr).toHaveValue('0.25');
  await expect(undo).toBeEnabled();
  // the notes keep a paragraph through Escape
  await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  const notes = page.getByRole('textbox', { name: 'Notes (Markdown, $…$ for formulas)' });
  await notes.pressSequentially('Try lr 0.25.');
  await notes.press('Escape');
  await expect(notes).toHaveValue('Try lr 0.25.');
});
