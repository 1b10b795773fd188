/**
 * Every example on the start screen opens in Chromium and steps one epoch
 * without an error (MNIST ones included: their digits are loaded into the
 * worker first). Screenshots: e2e/artifacts/example-<file>.png.
 */
import { test, expect } from './app-test';
import { readdirSync } from 'node:fs';
import { artifact } from './helpers';

const files = readdirSync(new URL('../assets/examples/', import.meta.url)).filter((f) => f.endsWith('.nnlab')).sort();

test('the start screen lists every example', async ({ page }) => {
  await page.goto('/');
  // one button per file (grouped by topic: each found by its data-file)
  await expect(page.locator('button.example')).toHaveCount(files.length);
  await page.screenshot({ path: artifact('examples-start-screen.png'), fullPage: true });
});

files.forEach((file) => {
  test(`example ${file}: opens and steps one epoch`, async ({ page }) => {
    // an MNIST epoch is hundreds of minibatches of a 784-input net, and the page draws its big network view
    const mnist = file.includes('mnist');
    if (mnist) test.setTimeout(300_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await page.locator(`button.example[data-file="${file}"]`).click();
    await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
    const loss0 = Number(await page.getByTestId('train-loss').textContent());
    expect(Number.isFinite(loss0)).toBe(true);
    await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
    await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: mnist ? 240_000 : 30_000 });
    await expect(page.getByTestId('status')).not.toHaveText(/error|refused/i);
    await page.screenshot({ path: artifact(`example-${file.replace(/\.nnlab$/, '')}.png`), timeout: 60_000 });
    expect(errors).toEqual([]);
  });
});
