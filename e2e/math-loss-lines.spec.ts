/**
 * The math view's loss lines at the app's smallest window (800×560): a
 * sample's loss line breaks only at its = signs (never inside
 * −y ln a − (1 − y) ln(1 − a)), and a formula too wide for the column even
 * set smaller — report 003's ten digits under squared error, ℓ with its ten
 * outputs — scrolls in its own box instead of being cut off or widening the
 * page. Under cross-entropy the ten digits' line is −ln of the target's output.
 * Screenshots: e2e/artifacts/math-loss-{xor,mnist,mnist-squared}-800.png.
 */
import { test, expect, type Page } from './app-test';
import { artifact } from './helpers';

/** The pieces KaTeX may break a line between (its top-level .base boxes), as text, with each one's top. */
async function pieces(page: Page, k: number): Promise<{ text: string; top: number }[]> {
  const line = page.getByTestId('math-loss').getByTestId('math-line').nth(k);
  await expect(line.locator('.katex-html')).toBeVisible();
  await expect(line.locator('.tex.pending')).toHaveCount(0);
  return line.locator('.katex-html > .base').evaluateAll((els) => els.map((e) => ({ text: (e.textContent ?? '').replace(/[\s\u200b]+/g, ''), top: Math.round(e.getBoundingClientRect().top) })));
}

test.use({ viewport: { width: 800, height: 560 } });

test("a sample's loss line breaks only at its = signs", async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  await expect(page.getByRole('button', { name: 'Step phase: backward pass' })).toBeVisible();
  const loss = page.getByTestId('math-loss');
  await loss.scrollIntoViewIfNeeded();
  for (const k of [0, 1]) {
    const p = await pieces(page, k);
    // ℓ₁ = {the loss at a, y} = {its value}: breaks only after an =
    expect(p.length).toBeGreaterThan(1);
    for (const piece of p.slice(0, -1)) expect(piece.text).toMatch(/=$/);
  }
  // the sample's line is too wide for the column at this size: it does wrap, after an =
  const sample = await pieces(page, 0);
  expect(new Set(sample.map((x) => x.top)).size).toBeGreaterThan(1);
  expect(sample[1].text).toMatch(/^−yln/);
  await loss.screenshot({ path: artifact('math-loss-xor-800.png') });
});

test("ten digits: the cross-entropy line is −ln of the target's output and fits; the outputs' labels keep to one line", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.locator('button.example[data-file="003-mnist-10-digits-softmax.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  await expect(page.getByRole('button', { name: 'Step phase: backward pass' })).toBeVisible({ timeout: 30_000 });
  const loss = page.getByTestId('math-loss');
  await loss.scrollIntoViewIfNeeded();
  // ℓ₁ = −Σ_k y_k ln a_k = −ln a_k = −ln(its value) = ℓ₁: it listed all ten a's and y's, set too small to read
  const p = await pieces(page, 0);
  expect(p.map((x) => x.text).join('')).toMatch(/^ℓ1=−k?∑k?yklnak=−lna\d+=−ln0\.\d+=\d/);
  const box = loss.getByTestId('math-line').first().locator('.tex');
  const m = await box.evaluate((el) => ({ need: el.scrollWidth, have: el.clientWidth }));
  expect(m.need).toBeLessThanOrEqual(m.have);
  await loss.screenshot({ path: artifact('math-loss-mnist-800.png') });
  // "digit 1: 2.18e-5" wrapped at the exponent's hyphen (a 14 px line of type 11 px: one line)
  const labels = page.locator('.olabel');
  await expect(labels).toHaveCount(10);
  const large = await page.locator('.large').first().boundingBox();
  for (const b of await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(b.height, 'an output label is one line').toBeLessThan(20);
    expect(b.right, 'an output label stays inside the drawing').toBeLessThanOrEqual(large!.x + large!.width);
  }
});

test('a formula too wide at the smallest size scrolls in its own box', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.locator('button.example[data-file="003-mnist-10-digits-softmax.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 60_000 });
  // squared error over the ten outputs: its line lists every a and y
  await page.getByRole('combobox', { name: 'Loss', exact: true }).selectOption('squared_error');
  await expect(page.getByRole('button', { name: 'Step phase: forward pass' })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  await expect(page.getByRole('button', { name: 'Step phase: backward pass' })).toBeVisible({ timeout: 30_000 });
  const loss = page.getByTestId('math-loss');
  await loss.scrollIntoViewIfNeeded();
  await pieces(page, 0);
  const box = loss.getByTestId('math-line').first().locator('.tex');
  const m = await box.evaluate((el) => ({ overflow: getComputedStyle(el).overflowX, need: el.scrollWidth, have: el.clientWidth }));
  expect(m.need).toBeGreaterThan(m.have);
  expect(m.overflow).toBe('auto');
  // its own box scrolls to the end of the line; the page does not widen
  const scrolled = await box.evaluate((el) => { el.scrollLeft = el.scrollWidth; return el.scrollLeft; });
  expect(scrolled).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  await loss.screenshot({ path: artifact('math-loss-mnist-squared-800.png') });
});
