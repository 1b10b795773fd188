/**
 * A change of the data's kind or size that the rest of the experiment must
 * follow, planned and said before it is made (components/data/plan.ts).
 *
 * Data with fewer training samples than the batch: the batch becomes the
 * whole set, said with the other changes before it is made. The rings
 * example trains in batches of 20; its data changed to the 4 typed-in
 * samples, or to 20 points (13 of them for training), was refused by the
 * trainer ("batch_size: expected at most 4 … or "full", got 20") and nothing
 * changed but that message.
 *
 * Classes with one score (MNIST 5 vs 6, 2-D classes) from a regression: the
 * output becomes a sigmoid unit with binary cross entropy. It stayed the
 * lecture's ReLU unit with squared error, and the digits view said "the
 * output layer (1 relu unit) is not a classifier" in place of the digits.
 */
import { test, expect } from './app-test';
import { saveText } from './helpers';

const RINGS = 'classification-rings-hidden-units.nnlab';

test('the rings example changed to typed-in samples: the batch of 20 becomes the full set of 4, undo brings both back, saved as "full"', async ({ page }) => {
  await page.goto('/');
  await page.locator(`button.example[data-file="${RINGS}"]`).click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
  await expect(page.getByLabel('Batch size')).toHaveValue('20');
  await page.getByLabel('Data kind').selectOption('inline');
  const ask = page.getByRole('alertdialog', { name: 'Change the network to fit the data?' });
  await expect(ask).toContainText('batch size 20 → the full set (4 training samples)');
  await ask.getByRole('button', { name: 'Change the network' }).click();
  await expect(page.getByLabel('Data kind')).toHaveValue('inline');
  await expect(page.getByTestId('data-size')).toHaveText('4 training samples');
  await expect(page.getByLabel('Batch size')).toHaveValue('full');
  await expect(page.locator('.field-errors')).toHaveCount(0);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  expect(JSON.parse(await saveText(page)).experiment.batch_size).toBe('full');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByLabel('Data kind')).toHaveValue('classification_2d');
  await expect(page.getByLabel('Batch size')).toHaveValue('20');
});

test('the rings example with 20 points (13 to train on): asked, then the batch is the full set', async ({ page }) => {
  await page.goto('/');
  await page.locator(`button.example[data-file="${RINGS}"]`).click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
  const points = page.getByLabel('Number of points');
  await points.fill('20');
  await points.press('Enter');
  const ask = page.getByRole('alertdialog', { name: 'Change the batch to fit the data?' });
  await expect(ask).toContainText('This data needs a smaller batch:');
  await expect(ask).toContainText('batch size 20 → the full set (13 training samples)');
  await ask.getByRole('button', { name: 'Change the batch' }).click();
  await expect(page.getByTestId('data-size')).toHaveText('13 training samples, 7 test');
  await expect(page.getByLabel('Batch size')).toHaveValue('full');
  await expect(page.locator('.field-errors, .err')).toHaveCount(0);
});

test('report 000\'s lecture net (one ReLU output, squared error) changed to MNIST 5 vs 6: asked, the output becomes a sigmoid unit with binary cross entropy, the digits view shows digits', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.locator('button.example[data-file="000-lecture-relu-net-learning-rates.nnlab"]').click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
  await page.getByLabel('Data kind').selectOption('mnist');
  const ask = page.getByRole('alertdialog', { name: 'Change the network to fit the data?' });
  await expect(ask).toContainText('output activation relu → sigmoid');
  await expect(ask).toContainText('loss squared error → binary cross entropy');
  await ask.getByRole('button', { name: 'Change the network' }).click();
  await expect(page.getByLabel('Number of inputs')).toHaveValue('784');
  await expect(page.getByLabel('Activation of layer 1')).toHaveValue('sigmoid');
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
  const digits = page.getByTestId('digits-view');
  await digits.scrollIntoViewIfNeeded();
  await expect(digits).toBeVisible();
  await expect(digits.getByTestId('digit').first()).toBeVisible({ timeout: 30_000 });
  await expect(digits).not.toContainText('not a classifier');
  await expect(page.getByText('not a classifier')).toHaveCount(0);
});
