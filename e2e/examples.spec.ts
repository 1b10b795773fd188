/**
 * Every example on the start screen opens in Chromium and steps one epoch
 * without an error (MNIST ones included: their digits are loaded into the
 * worker first). Screenshots: e2e/artifacts/example-<file>.png.
 */
import { test, expect } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { artifact } from './helpers';

const files = readdirSync(new URL('../assets/examples/', import.meta.url)).filter((f) => f.endsWith('.nnlab')).sort();

test('the start screen lists every example', async ({ page }) => {
  await page.goto('/');
  for (const f of files) await expect(page.getByRole('button', { name: new RegExp(f.replace(/\./g, '\\.')) })).toBeVisible();
  await page.screenshot({ path: artifact('examples-start-screen.png'), fullPage: true });
});

for (const file of files) {
  test(`example ${file}: opens and steps one epoch`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await page.getByRole('button', { name: new RegExp(file.replace(/\./g, '\\.')) }).click();
    await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
    const loss0 = Number(await page.getByTestId('train-loss').textContent());
    expect(Number.isFinite(loss0)).toBe(true);
    await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
    await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
    await expect(page.getByTestId('status')).not.toHaveText(/error|refused/i);
    await page.screenshot({ path: artifact(`example-${file.replace(/\.nnlab$/, '')}.png`) });
    expect(errors).toEqual([]);
  });
}
