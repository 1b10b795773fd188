/**
 * The MNIST example's first layer runs resident (net/resident.ts): after the
 * trainer's first evaluation keeps every row's nonzero pixels, a training
 * batch gathers only y and the step's x is filled in when the view reads it
 * (batches.ts's fillX). The input image of the forward phase must still be
 * the sample's digit, not a blank page: and the same digit after an epoch.
 */
import { test, expect } from './app-test';
import { openExample } from './helpers';
import type { Page } from '@playwright/test';

/** Dark pixels in the 28×28 input image (140 px square at (16, 120) of LargeNet's canvas). */
const darkPixels = (page: Page) => page.locator('.large canvas').first().evaluate((c: HTMLCanvasElement) => {
  const dpr = window.devicePixelRatio || 1;
  const d = c.getContext('2d')!.getImageData(Math.round(16 * dpr), Math.round(120 * dpr), Math.round(140 * dpr), Math.round(140 * dpr)).data;
  let n = 0;
  for (let q = 0; q < d.length; q += 4) if (d[q] < 100 && d[q + 1] < 100 && d[q + 2] < 100) n++;
  return n;
});

test('MNIST 5 vs 6: the forward phase shows the sample\'s digit, also after an epoch and for the next sample', async ({ page }) => {
  await openExample(page, '003-mnist-5-vs-6.nnlab');
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  await expect(page.getByTestId('sample-picker')).toContainText('of 32');
  await expect.poll(() => darkPixels(page)).toBeGreaterThan(200);
  const first = await darkPixels(page);
  await page.getByTestId('sample-picker').getByRole('button', { name: 'Next sample' }).click();
  await expect.poll(() => darkPixels(page)).not.toBe(first);
  expect(await darkPixels(page)).toBeGreaterThan(200);
  await page.getByRole('button', { name: /^Step epoch/ }).first().click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  await expect(page.getByTestId('sample-picker')).toContainText('of 32');
  await expect.poll(() => darkPixels(page)).toBeGreaterThan(200);
});
