/**
 * The Compare and Sweep tables at 1280×800 (a student pass): wider than their
 * card, they scrolled sideways with numbers cut at the edge, so 0.48213231
 * read as "0.482" and a cell cut whole looked empty. Now the row's name
 * columns stay put, the line above names exactly the columns not wholly in
 * view, a button brings them in, and at 1920 nothing is hidden. Screenshots:
 * e2e/artifacts/wide-*.png.
 *
 *   E2E_PORT=4311 npx playwright test e2e/wide-tables.spec.ts --project web
 */
import { test, expect, type Locator, type Page } from './app-test';
import { artifact, openExample } from './helpers';

/**
 * The header cells of `table`'s first row: text, and whether each is wholly in
 * view: inside the scroll box and, past the `sticky` name columns, not under them.
 */
async function columns(table: Locator, sticky: number) {
  return table.evaluate((t, sticky) => {
    const box = t.parentElement!.getBoundingClientRect();
    const ths = [...t.querySelectorAll('thead tr:first-child > th')];
    const stuck = ths.slice(0, sticky).reduce((s, th) => s + th.getBoundingClientRect().width, 0);
    return ths.map((th, k) => {
      const r = th.getBoundingClientRect();
      const from = k < sticky ? box.left : box.left + stuck;
      return { label: (th.textContent ?? '').replace(/[▲▼]/g, '').trim(), left: r.left, whole: r.left >= from - 0.5 && r.right <= box.right + 0.5 };
    });
  }, sticky);
}

/** what the "more columns" line names on one side ([] when there is no such button) */
async function named(page: Page, name: string, side: 'left' | 'right'): Promise<string[]> {
  const b = page.getByTestId(`${name}-more`).getByRole('button', { name: `Scroll the table ${side}` });
  if ((await b.count()) === 0) return [];
  return ((await b.getAttribute('title')) ?? '').split(', ');
}
const namedRight = (page: Page, name: string) => named(page, name, 'right');

/** the hints name exactly the columns not wholly in view, on each side; the stuck ones are always in view */
async function checkHint(page: Page, name: string, table: Locator, sticky: number) {
  const cols = await columns(table, sticky);
  for (const c of cols.slice(0, sticky)) expect(c.whole, `${c.label} stays in view`).toBe(true);
  const rest = cols.slice(sticky);
  const firstWhole = rest.findIndex((c) => c.whole);
  const lastWhole = rest.map((c) => c.whole).lastIndexOf(true);
  expect(firstWhole, 'some column beside the stuck ones is in view').toBeGreaterThanOrEqual(0);
  expect(await named(page, name, 'right'), 'the columns named on the right').toEqual(rest.slice(lastWhole + 1).map((c) => c.label));
  expect(await named(page, name, 'left'), 'the columns named on the left').toEqual(rest.slice(0, firstWhole).map((c) => c.label));
  return cols;
}

async function scrollThrough(page: Page, name: string, table: Locator, sticky: number, shot: string) {
  const first = await checkHint(page, name, table, sticky);
  expect((await namedRight(page, name)).length, 'at 1280 the table is wider than its card').toBeGreaterThan(0);
  await page.screenshot({ path: artifact(`wide-${shot}-1280.png`) });
  for (let k = 0; k < 10 && (await namedRight(page, name)).length > 0; k++) {
    await page.getByTestId(`${name}-more`).getByRole('button', { name: 'Scroll the table right' }).click();
    await expect.poll(async () => (await columns(table, sticky)).at(-1)!.left).toBeLessThan(first.at(-1)!.left);
    const now = await checkHint(page, name, table, sticky);
    // the name columns did not move
    for (let c = 0; c < sticky; c++) expect(Math.abs(now[c].left - first[c].left)).toBeLessThan(1);
  }
  const end = await columns(table, sticky);
  expect(end.at(-1)!.whole, 'the last column comes into view').toBe(true);
  await expect(page.getByTestId(`${name}-more`).getByRole('button', { name: 'Scroll the table left' })).toBeVisible();
  await page.screenshot({ path: artifact(`wide-${shot}-1280-right.png`) });
  // the way back
  await page.getByTestId(`${name}-more`).getByRole('button', { name: 'Scroll the table left' }).click();
  await expect(page.getByTestId(`${name}-more`).getByRole('button', { name: 'Scroll the table right' })).toBeVisible();
}

test('Sweep and Compare tables at 1280: no number cut without a word, the name columns stay, nothing hidden at 1920', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openExample(page, 'classification-rings-hidden-units.nnlab');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-outcome')).toHaveText('7 of 7 runs finished', { timeout: 120_000 });
  const sweep = page.getByTestId('sweep-table');
  await sweep.scrollIntoViewIfNeeded();
  // the pick box and the learning rate stay put
  await scrollThrough(page, 'sweep', sweep, 2, 'sweep');
  // sorting re-lays the rows; the hint still says the truth
  await sweep.getByRole('button', { name: /final train loss/ }).click();
  await checkHint(page, 'sweep', sweep, 2);

  await page.getByRole('button', { name: 'Compare all' }).click();
  const compare = page.getByTestId('compare-table');
  await compare.scrollIntoViewIfNeeded();
  await expect(compare.locator('tbody tr')).toHaveCount(7);
  await scrollThrough(page, 'compare', compare, 1, 'compare');

  // wider: the sweep's table fits; Compare's (seven metrics and the best loss) may still scroll, and says so
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByTestId('sweep-more')).toHaveCount(0);
  expect((await columns(sweep, 2)).every((c) => c.whole), 'sweep: every column in view at 1920').toBe(true);
  await expect.poll(async () => { try { await checkHint(page, 'compare', compare, 1); return true; } catch { return false; } }).toBe(true);
  await page.screenshot({ path: artifact('wide-1920.png') });
});
