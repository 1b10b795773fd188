/**
 * The 10-class confusion matrix of MNIST 10 digits (about 700 px wide as a
 * plain table) at 800, 1280 and 1600 px: it scrolls inside its own box, which
 * stays inside its card; the page never gets wider than the window, and
 * bringing the matrix's last column into view does not shift the middle
 * column sideways (explore finding 4). Screenshots: e2e/artifacts/confusion-wide-*.png
 *
 *   E2E_PORT=4341 npx playwright test e2e/confusion-wide.spec.ts --project web
 */
import { test, expect } from './app-test';
import { artifact } from './helpers';

test('MNIST 10 digits: the confusion matrix scrolls in its box, the page and the middle column stay put', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/');
  await page.locator('button.example[data-file="003-mnist-10-digits-softmax.nnlab"]').click();
  await expect(page.getByTestId('network-view')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
  const plots = page.getByRole('region', { name: 'Plots' });
  await plots.getByRole('tab', { name: 'Classification' }).click();
  const table = page.getByTestId('confusion');
  await expect(table.getByTestId('cm-cell')).toHaveCount(100, { timeout: 30_000 });

  for (const width of [800, 1280, 1600]) {
    await page.setViewportSize({ width, height: 860 });
    await page.waitForTimeout(300);
    const lastHead = table.locator('thead th').last(); // the Σ column
    await lastHead.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    const m = await page.evaluate(() => {
      // the matrix's box: the element holding the table
      const b = document.querySelector('[data-testid="confusion"]')!.parentElement!;
      const card = b.closest('section.card')!;
      const r = b.getBoundingClientRect();
      const c = card.getBoundingClientRect();
      const center = document.querySelector('main.center')!;
      const rest = document.querySelector('.rest')!;
      return {
        box: [r.left, r.right], card: [c.left, c.right],
        docWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
        centerLeft: center.scrollLeft, restLeft: rest.scrollLeft, bodyLeft: document.scrollingElement!.scrollLeft,
        boxScrolls: b.scrollWidth > b.clientWidth, boxLeft: b.scrollLeft,
      };
    });
    expect(m.box[0], `${width}: box inside its card (left)`).toBeGreaterThanOrEqual(m.card[0] - 0.5);
    expect(m.box[1], `${width}: box inside its card (right)`).toBeLessThanOrEqual(m.card[1] + 0.5);
    expect(m.docWidth, `${width}: page not wider than the window`).toBeLessThanOrEqual(m.viewport);
    expect(m.centerLeft, `${width}: middle column not scrolled sideways`).toBe(0);
    expect(m.restLeft, `${width}: run column not scrolled sideways`).toBe(0);
    expect(m.bodyLeft, `${width}: page not scrolled sideways`).toBe(0);
    // the last column is reachable: it is now inside the box
    const h = await lastHead.boundingBox();
    expect(h!.x + h!.width, `${width}: Σ column visible in its box`).toBeLessThanOrEqual(m.box[1] + 1);
    await page.screenshot({ path: artifact(`confusion-wide-${width}.png`) });
  }
});
