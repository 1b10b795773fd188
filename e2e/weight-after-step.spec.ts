/**
 * A weight typed right after Step, before the trainer (a Web Worker) has
 * answered the step, is set on the run after the step — as if typed once the
 * step had come back. It was taken for a starting weight: the page still
 * showed epoch 0, so the file's starting weights were rewritten while the
 * trainer set it after the step. And weights typed at the start leave the
 * toolbar at "ready" (it said "paused": nothing had run), the second one a
 * starting weight too. Report 003's homework (its W[0][0][0] starts at 1).
 */
import { test, expect } from './app-test';
import { saveText } from './helpers';

const HOMEWORK = '003-homework-2-3-1-sigmoid-step.nnlab';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.locator(`button.example[data-file="${HOMEWORK}"]`).click();
  await expect(page.getByTestId('status')).toHaveText('ready');
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('1');
});

test('a weight typed before Step has come back is set after the step; the starting weights stay as they were', async ({ page }) => {
  const before = JSON.parse(await saveText(page)).experiment.init;
  // Step, then the weight, in one task: the worker cannot have answered the step in between
  await page.evaluate(() => {
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Step epoch')!.click();
    const w = document.querySelector<HTMLInputElement>('section.card.params input[aria-label="W[0][0][0]"]')!;
    w.value = '0.75';
    w.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('0.75');
  await expect(page.locator('text.wlabel[data-param="W[0][0][0]"]')).toHaveText('0.75');
  await expect(page.getByTestId('status')).not.toHaveText('ready');
  await expect(page.getByRole('complementary', { name: 'Experiment' })).not.toContainText('was set before the first step');
  const file = JSON.parse(await saveText(page));
  expect(file.experiment.init).toEqual(before);
  // Reset returns to the starting weights: W[0][0][0] = 1 again
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('1');
});

test('weights typed at the start leave the status "ready"; both are starting weights, and Reset returns to them', async ({ page }) => {
  const status = page.getByTestId('status');
  for (const [name, value] of [['W[0][0][0]', '0.75'], ['b[1][0]', '-0.5']]) {
    const field = page.getByRole('textbox', { name, exact: true });
    await field.fill(value);
    await field.press('Enter');
    // the trainer has it (the graph draws the trainer's numbers)
    await expect(page.locator(`svg text[data-param="${name}"]`).first()).toHaveText(new RegExp(value.replace('.', '\\.')));
    await expect(status).toHaveText('ready');
  }
  const file = JSON.parse(await saveText(page));
  expect(file.experiment.init.weights[0][0][0]).toBe(0.75);
  expect(file.experiment.init.biases[1][0]).toBe(-0.5);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(status).not.toHaveText('ready');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expect(status).toHaveText('ready');
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('0.75');
  await expect(page.getByRole('textbox', { name: 'b[1][0]', exact: true })).toHaveValue('-0.5');
});

// The step's snapshot redrew the box being typed in: the post-step weight replaced the typing, and Enter
// then set nothing. Typing (not yet committed) survives the step coming back, and Enter sets it after the step.
test('a weight being typed when Step comes back keeps its text; Enter sets it on the run after the step', async ({ page }) => {
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  await page.evaluate(() => {
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Step epoch')!.click();
    const box = document.querySelector<HTMLInputElement>('section.card.params input[aria-label="W[0][0][0]"]')!;
    box.focus();
    box.select();
    document.execCommand('insertText', false, '0.75'); // the browser's own typing
  });
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(w).toBeFocused();
  await expect(w).toHaveValue('0.75');
  await w.press('Enter');
  await expect(page.locator('text.wlabel[data-param="W[0][0][0]"]')).toHaveText('0.75');
  await expect(page.getByTestId('epoch')).toHaveText('1');
  expect(JSON.parse(await saveText(page)).experiment.init.weights[0][0][0]).toBe(1);
});
