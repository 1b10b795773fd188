/**
 * A weight typed while an edit of the experiment is still loading is set on
 * the new run once it is loaded. It was dropped: the weights table kept
 * showing the value typed while the network (and the file saved) had the old
 * one. Report 003's homework: the learning rate changed, then w1 typed
 * before the trainer has the change (both in one task, so the load cannot
 * have come back in between).
 */
import { test, expect } from './app-test';
import { saveText } from './helpers';

test('a weight typed while a learning-rate change loads is in the run and in the file', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="003-homework-2-3-1-sigmoid-step.nnlab"]').click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('1');
  await page.evaluate(() => {
    const type = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    type(document.querySelector<HTMLInputElement>('input[aria-label="Learning rate"]')!, '0.0123');
    type(document.querySelector<HTMLInputElement>('section.card.params input[aria-label="W[0][0][0]"]')!, '0.75');
  });
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.0123');
  // the graph draws what the trainer has
  await expect(page.locator('text.wlabel[data-param="W[0][0][0]"]')).toHaveText('0.75');
  const saved = JSON.parse(await saveText(page));
  expect(saved.experiment.optimizer.lr).toBe(0.0123);
  expect(saved.experiment.init.weights[0][0][0]).toBe(0.75);
  // and the step uses it: one more step leaves the other starting weights at 1
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  expect(JSON.parse(await saveText(page)).experiment.init.weights[0][0][0]).toBe(0.75);
});
