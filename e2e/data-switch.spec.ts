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
import { artifact, saveText } from './helpers';

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

test('"CSV file" chosen with no file read yet says the network still trains on the typed-in samples; a file then replaces them, and Keep returns', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('data-size')).toHaveText('4 training samples');
  await page.getByLabel('Data kind').selectOption('csv');
  const pending = page.getByTestId('csv-pending');
  await expect(pending).toContainText('No file read yet: the network still trains on the typed-in samples (4 training samples) until a CSV file is read.');
  await page.getByTestId('csv-pending').screenshot({ path: artifact('csv-pending.png') });
  // Step trains on them, as it says; the session still holds them
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  expect(JSON.parse(await saveText(page)).experiment.data.kind).toBe('inline');
  await pending.getByRole('button', { name: 'Keep the typed-in samples' }).click();
  await expect(page.getByLabel('Data kind')).toHaveValue('inline');
  await expect(pending).toHaveCount(0);
  await expect(page.getByTestId('data-size')).toHaveText('4 training samples');

  // chosen again, then a file: the pending note goes and the file's rows are the data
  await page.getByLabel('Data kind').selectOption('csv');
  await expect(pending).toBeVisible();
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'xor.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n1,1,0\n') });
  // its targets are numbers: the question of the network comes, and the note goes while it is asked
  const ask = page.getByRole('alertdialog', { name: 'Change the network to fit the data?' });
  await expect(ask).toContainText('loss binary cross entropy → squared error');
  await expect(pending).toHaveCount(0);
  await ask.getByRole('button', { name: 'Change the network' }).click();
  await expect(page.getByTestId('csv-summary')).toHaveText('5 rows, 3 columns');
  await expect(pending).toHaveCount(0);
  await expect(page.getByTestId('data-size')).toHaveText('4 training samples, 1 test'); // the CSV's default split: a fifth of the rows to test
  expect(JSON.parse(await saveText(page)).experiment.data.kind).toBe('csv');
});
