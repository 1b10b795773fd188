/**
 * The math view says which update its numbers are of (explore finding 12):
 * after report 002's 1000-epoch run the header shows W[0][0][0] now (after
 * update 1000) while the forward line uses the weight before that update;
 * one line under the header says so. Phase by phase from New, the update
 * under way is named with the weights now.
 *
 *   E2E_PORT=4341 npx playwright test e2e/math-which-update.spec.ts --project web
 */
import { test, expect } from './app-test';
import { artifact } from './helpers';

test('after a 1000-epoch run: "Update 1000 (epoch 1000, batch 1)", made with the weights before it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/');
  await page.locator('button.example[data-file="002-basic-network-f1-f2.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  const math = page.getByTestId('math-view');
  await page.getByRole('button', { name: 'Run', exact: true }).first().click();
  await expect(page.getByTestId('epoch')).toHaveText('1000', { timeout: 90_000 });
  await expect(page.getByTestId('status')).not.toHaveText(/running/, { timeout: 30_000 });
  const which = math.getByTestId('math-which-update');
  await expect(which).toHaveText('Update 1000 (epoch 1000, batch 1): forward and backward with the weights before this update; the header shows the value now, after it.');
  // the header's value is the table's (now); the forward line's is a different number, the one before the update
  const now = await page.getByRole('textbox', { name: 'W[0][0][0]', exact: true }).inputValue();
  await expect(math.getByTestId('math-selected')).toContainText(`= ${now}`);
  await expect(math.getByTestId('math-forward')).not.toContainText(now);
  await math.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('math-which-update-1280.png') });
  await page.setViewportSize({ width: 800, height: 860 });
  await which.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('math-which-update-800.png') });
  await page.setViewportSize({ width: 1600, height: 860 });
  await which.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('math-which-update-1600.png') });
});

test('phase by phase from New: the update under way, computed with the weights now', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  const which = page.getByTestId('math-which-update');
  await expect(which).toHaveText('Update 1 (epoch 1, batch 1), under way: forward and backward with the weights now, as in the header; the backward and update phases come next.');
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(which).toContainText(/^Update \d+ \(epoch 1, batch \d+\): forward and backward with the weights before this update/);
});
