/**
 * Report 003's comparison of starting weights on MNIST 5 vs 6: "Run all"
 * trains the example's runs (random normal, He normal, Glorot uniform, and
 * the experiment itself) in the job workers, which need the digits as the
 * trainer's worker does. Every run failed with "the MNIST digits are not
 * available in this program" before the job worker loaded them. Each run's
 * final and best test loss in Compare must be the command line's
 * (`nnlab run --run ID`), and a sweep over the learning rate runs too.
 */
import { test, expect } from './app-test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt } from '../src-core/derivation/format';
import { artifact, fillSweep, openExample } from './helpers';

const file = '003-mnist-5-vs-6.nnlab';
const examplePath = fileURLToPath(new URL(`../assets/examples/${file}`, import.meta.url));
const nnlab = (...args: string[]) => JSON.parse(execFileSync('node', [fileURLToPath(new URL('../bin/nnlab.mjs', import.meta.url)), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }));

test('MNIST 5 vs 6: Run all trains every run in the job workers, each as nnlab run --run ID does', async ({ page }) => {
  test.setTimeout(300_000);
  await openExample(page, file);
  const runs = page.getByTestId('runs-panel');
  await runs.getByRole('button', { name: '▶ Run all (4)' }).click();
  await expect(runs.getByTestId('run-all-outcome')).toHaveText('4 of 4 runs finished', { timeout: 280_000 });
  await runs.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('mnist-run-all.png') });

  const table = page.getByTestId('compare-table');
  for (const id of ['random-normal', 'he-normal', 'glorot-uniform', 'current']) {
    const cli = nnlab('run', examplePath, ...(id === 'current' ? [] : ['--run', id]), '--json');
    const test = cli.history.test_loss as number[];
    const cell = table.locator(`tr[data-run="${id}"] td[data-metric="test_loss"]`);
    await expect(cell).toHaveText(fmt(test.at(-1)!));
    expect(Number(await cell.getAttribute('data-value'))).toBe(test.at(-1));
    const best = Math.min(...test);
    await expect(table.locator(`tr[data-run="${id}"] td[data-metric="best"]`)).toHaveText(`${fmt(best)} @ ${test.indexOf(best)}`);
  }
});

test('MNIST 5 vs 6: a two-value learning-rate sweep finishes', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.locator(`button.example[data-file="${file}"]`).click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  await fillSweep(page, { epochs: '2', field: 'optimizer.lr', logRange: ['0.001', '0.01', '2'] });
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-outcome')).toHaveText('2 of 2 runs finished', { timeout: 200_000 });
  await expect(page.getByTestId('sweep-table').locator('tbody tr')).toHaveCount(2);
});

test('MNIST 5 vs 6 stops early: the readout and the confusion matrix are of the weights put back, as nnlab run gives them', async ({ page }) => {
  test.setTimeout(180_000);
  const cli = nnlab('run', examplePath, '--json');
  const h = cli.history as { train_accuracy: number[]; test_loss: number[]; train_loss: number[] };
  const best = h.test_loss.indexOf(Math.min(...h.test_loss)); // monitor test_loss, min_delta 0: the first lowest
  const last = h.test_loss.length - 1;
  expect(best).toBeLessThan(last);
  await page.goto('/');
  await page.locator(`button.example[data-file="${file}"]`).click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText('stopped early', { timeout: 150_000 });
  await expect(page.getByTestId('epoch')).toHaveText(String(last));
  // the readout: epoch `best`'s entry (it showed the last one, epoch 11's accuracy, beside epoch 8's weights)
  await expect(page.getByTestId('readout-restored')).toHaveText(`Early stopping put back the weights of epoch ${best}: these are their numbers (training went on to epoch ${last}).`);
  expect(Number(await page.getByTestId('train-loss').getAttribute('data-value'))).toBe(h.train_loss[best]);
  expect(Number(await page.getByTestId('test-loss').getAttribute('data-value'))).toBe(h.test_loss[best]);
  expect(Number(await page.getByTestId('train-accuracy').getAttribute('data-value'))).toBe(h.train_accuracy[best]);
  // the training set's confusion matrix: the same accuracy, said to be of those weights
  await page.getByRole('tab', { name: 'Classification' }).click();
  await page.getByRole('radio', { name: 'training set' }).click();
  const cls = page.getByTestId('cm-accuracy');
  await expect(cls).toHaveText(await page.getByTestId('train-accuracy').innerText());
  // (and the misclassified digits say the same)
  await expect(page.getByText(`weights of epoch ${best}, put back by early stopping`)).toHaveCount(2);
  await cls.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('mnist-stopped-early.png') });
});
