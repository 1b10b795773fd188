/**
 * A sweep's run labels (explore finding 14): a log range of learning rates
 * from 0.01 to 1 with 60 values gives labels rounded to the fewest digits
 * that keep them apart (`lr = 0.0108`, not `lr = 0.0108114…`), each on one
 * line of the RUNS table, all different; hovering a run's name shows the exact
 * value its overrides hold, and the sweep table shows the same short labels.
 *
 *   E2E_PORT=4341 npx playwright test e2e/sweep-labels.spec.ts --project web
 */
import { test, expect } from './app-test';
import { fileURLToPath } from 'node:url';
import { artifact, fillSweep, openFile } from './helpers';

const xorFile = fileURLToPath(new URL('../src-cli/fixtures/xor-004.nnlab', import.meta.url));

test('a 60-value log range of learning rates: short, distinct run labels; the exact value on hover', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/');
  await openFile(page, xorFile);
  const form = page.getByTestId('sweep-form');
  await expect(form).toBeVisible();
  await fillSweep(page, { name: 'lrs', epochs: '2', field: 'optimizer.lr', logRange: ['0.01', '1', '60'] });
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-outcome')).toHaveText('60 of 60 runs finished', { timeout: 90_000 });

  const names = page.getByTestId('runs-table').locator('tr[data-run^="lrs/"] .name');
  await expect(names).toHaveCount(60);
  const labels = await names.allTextContents();
  expect(labels[0]).toBe('lr = 0.01');
  expect(labels[59]).toBe('lr = 1');
  expect(new Set(labels).size).toBe(60);
  for (const l of labels) {
    const digits = l.replace('lr = ', '').replace(/^0\.0*/, '').replace('.', '');
    expect(digits.length, l).toBeLessThanOrEqual(3);
  }
  // the second value: 10^(−2 + 2/59) = 0.010811…, shown as 0.0108, the exact value in the run's overrides (its hover text)
  expect(labels[1]).toBe('lr = 0.0108');
  const title = await names.nth(1).getAttribute('title');
  expect(title).toMatch(/optimizer\.lr = 0\.01081\d{6,}/);
  // one line each: the name's box no taller than one line of its text
  const heights = await names.evaluateAll((els) => els.map((e) => e.getClientRects().length));
  expect(heights.every((n) => n === 1)).toBe(true);

  const sweepLabs = page.getByTestId('sweep-table').locator('tbody tr td.lab');
  await expect(sweepLabs.nth(1)).toHaveText('0.0108');
  expect(await sweepLabs.nth(1).getAttribute('title')).toMatch(/^0\.01081\d{6,}$/);
  await page.getByTestId('runs-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('sweep-labels-1280.png') });
});
