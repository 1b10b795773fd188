/**
 * Edit ▸ Undo / Redo for parameter and setting edits, on report 000's lecture
 * net: typing w5 = W[1][0][0] = 0.5 makes out = 1.5·0.5 + 0.5·1 + 0.5 = 1.75 and
 * the loss (1.75 − 2)² = 0.0625; undo brings back w5 = 1 and the loss 0.25
 * (out = 2.5), redo the edit again. A setting (the learning rate) undoes too.
 */
import { test, expect } from './app-test';
import { fixture, openExample, openFile, saveText } from './helpers';

test('undo and redo a weight typed in by hand, and a setting', async ({ page }) => {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await expect(undo).toBeDisabled();

  const w5 = page.getByRole('textbox', { name: 'W[1][0][0]', exact: true });
  await w5.fill('0.5');
  await w5.press('Enter');
  await expect(page.getByTestId('train-loss')).toHaveText('0.0625');
  await expect(undo).toBeEnabled();

  // Ctrl+Z outside a text field: the app's undo
  await page.locator('main').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  await expect(w5).toHaveValue('1');
  await expect(redo).toBeEnabled();

  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('train-loss')).toHaveText('0.0625');
  await expect(w5).toHaveValue('0.5');

  // the toolbar buttons do the same
  await undo.click();
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');

  // a setting: the learning rate
  const lr = page.getByLabel('learning rate');
  const lrBefore = await lr.inputValue();
  await lr.fill('0.125');
  await lr.press('Enter');
  await lr.blur();
  await expect(lr).toHaveValue('0.125');
  await undo.click();
  await expect(lr).toHaveValue(lrBefore);
  await redo.click();
  await expect(lr).toHaveValue('0.125');
});

// A second Ctrl+Z pressed while the first undo still loads was dropped (found by a student pass on the rings).
// On MNIST 5 vs 6 a load builds the digits again (~100 ms): the second press always comes while the first loads.
test('two quick undos and a redo of setting edits: each is made, in order', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="003-mnist-5-vs-6.nnlab"]').click();
  const lr = page.getByLabel('learning rate');
  await expect(lr).toBeVisible();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready/);
  const lrBefore = await lr.inputValue();
  const loss = page.getByTestId('train-loss');
  const lossBefore = await loss.innerText();
  for (const value of ['0.125', '0.25']) {
    await lr.fill(value);
    await lr.press('Enter');
    await expect(lr).toHaveValue(value);
  }
  await lr.blur();
  await page.locator('main').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(lr).toHaveValue('0.125');
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect(lr).toHaveValue(lrBefore);
  await expect(loss).toHaveText(lossBefore);
});

// CI caught the test above failing: the second value typed while the first edit loaded became "0.125" when
// that edit committed (the page redrew the box), so Enter committed nothing and the typing was lost. Here
// the commit always comes while the second value is being typed: the first edit and the typing are made in
// one task, before the trainer can answer.
test('a setting typed while the edit before it loads keeps its text when that edit commits; Enter makes it', async ({ page }) => {
  await openExample(page, '003-homework-2-3-1-sigmoid-step.nnlab');
  const lr = page.getByLabel('learning rate');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await expect(undo).toBeDisabled();
  const lrBefore = await lr.inputValue();
  expect(['0.125', '0.25']).not.toContain(lrBefore);
  await lr.evaluate((box: HTMLInputElement) => {
    // typed as a user types (execCommand is the browser's own typing: a script's box.value is not)
    const type = (text: string) => { box.select(); document.execCommand('insertText', false, text); };
    box.focus();
    type('0.125');
    box.dispatchEvent(new Event('change', { bubbles: true }));
    type('0.25'); // the next value, not yet committed
  });
  await expect(undo).toBeEnabled(); // the first edit committed
  await expect(lr).toBeFocused();
  await expect(lr).toHaveValue('0.25');
  await lr.press('Enter');
  await expect.poll(async () => JSON.parse(await saveText(page)).experiment.optimizer.lr).toBe(0.25);
  await lr.blur();
  await undo.click();
  await expect(lr).toHaveValue('0.125');
  await undo.click();
  await expect(lr).toHaveValue(lrBefore);
});

// Notes written and Done pressed while an edit of the experiment loaded were lost when it committed: the
// window took the session the edit was built from. On MNIST 5 vs 6 a load builds the digits (~100 ms);
// the learning rate and Done are one task here, so the edit is always still loading when the notes change.
test('notes saved while a setting edit loads stay; Undo takes back the notes, then the setting', async ({ page }) => {
  await openExample(page, '003-mnist-5-vs-6.nnlab');
  const lr = page.getByLabel('learning rate');
  const lrBefore = await lr.inputValue();
  const notesView = page.getByTestId('notes');
  await notesView.getByRole('button', { name: 'Edit', exact: true }).click();
  const box = page.getByLabel('Notes (Markdown, $…$ for formulas)');
  const notesBefore = await box.inputValue();
  await box.fill(`${notesBefore}\n\nMy run at lr 0.125.`);
  await page.evaluate(() => {
    const field = document.querySelector<HTMLInputElement>('[aria-label="Learning rate"]')!;
    field.value = '0.125';
    field.dispatchEvent(new Event('change', { bubbles: true }));
    [...document.querySelectorAll<HTMLButtonElement>('[data-testid="notes"] button')].find((b) => b.textContent?.trim() === 'Done')!.click();
  });
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready/);
  await expect(lr).toHaveValue('0.125');
  await expect(notesView).toContainText('My run at lr 0.125.');
  const file = JSON.parse(await saveText(page));
  expect([file.experiment.optimizer.lr, file.notes.endsWith('My run at lr 0.125.')]).toEqual([0.125, true]);
  // undone in the order they were made, newest first: the notes (Done pressed after the change), then the
  // setting (its undo step, recorded when its load was accepted, had gone on top of the notes)
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await undo.click();
  await expect(notesView).not.toContainText('My run at lr 0.125.');
  await expect(lr).toHaveValue('0.125');
  await undo.click();
  await expect(lr).toHaveValue(lrBefore);
  await expect(notesView).not.toContainText('My run at lr 0.125.');
});

// The first fix put the text back after the redraw, and a number box reads "0." as "0": typing "0." while
// the edit before it loaded, then "5", made "05", and the run trained at lr 5 (a student pass).
test('"0." typed while the edit before it loads keeps its point: "5" then makes 0.5', async ({ page }) => {
  await openExample(page, '003-homework-2-3-1-sigmoid-step.nnlab');
  const lr = page.getByLabel('learning rate');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await lr.evaluate((box: HTMLInputElement) => {
    const type = (text: string) => { box.select(); document.execCommand('insertText', false, text); };
    box.focus();
    type('0.125');
    box.dispatchEvent(new Event('change', { bubbles: true }));
    type('0.');
  });
  await expect(undo).toBeEnabled(); // the first edit committed
  await page.keyboard.type('5');
  await expect(lr).toHaveValue('0.5');
  await lr.press('Enter');
  await expect.poll(async () => JSON.parse(await saveText(page)).experiment.optimizer.lr).toBe(0.5);
});

// Three values entered while the first still loaded were two undo steps: the queue runs only the newest of
// the waiting edits, and the one it replaced lost its step, so one Undo took back 0.5 and 0.25 (a student
// pass). The three changes are one task here, so the second and third always wait for the first.
test('three settings entered while the first loads: three undo steps, each back to the value before it', async ({ page }) => {
  await openExample(page, '003-homework-2-3-1-sigmoid-step.nnlab');
  const lr = page.getByLabel('learning rate');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  const lrBefore = await lr.inputValue();
  await lr.evaluate((box: HTMLInputElement) => {
    for (const v of ['0.125', '0.25', '0.5']) {
      box.value = v;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready/);
  await expect(lr).toHaveValue('0.5');
  expect(JSON.parse(await saveText(page)).experiment.optimizer.lr).toBe(0.5);
  for (const want of ['0.25', '0.125', lrBefore]) {
    await undo.click();
    await expect(lr).toHaveValue(want);
  }
  await expect(undo).toBeDisabled();
  // the trainer holds what the box says: the file written now is the first value's
  await redo.click();
  await expect(lr).toHaveValue('0.125');
  expect(JSON.parse(await saveText(page)).experiment.optimizer.lr).toBe(0.125);
});
