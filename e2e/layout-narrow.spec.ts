/**
 * Below 1240 px the toolbar cannot hold the file's buttons and the run's in
 * one row: it has two, always the same — New … file name on the first, Reset
 * … Run, the epoch counter and the status on the second. At 1024 px the
 * counter and status wrapped alone onto a second row; at 800 px the buttons
 * broke at whatever fitted. And the runs table fits its box at every width:
 * at 800 px report 003's scrolled sideways by 25 px, its buttons cut.
 */
import { test, expect, type Page } from './app-test';

const HOMEWORK = '003-homework-2-3-1-sigmoid-step.nnlab';

async function open(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  await page.goto('/');
  await page.locator(`button.example[data-file="${HOMEWORK}"]`).click();
  await expect(page.getByTestId('status')).toHaveText('ready');
}

for (const width of [800, 1024]) {
  test(`at ${width} px the toolbar has two rows: the file's controls, then the run's with its counter and status`, async ({ page }) => {
    await open(page, width);
    const bar = page.getByRole('banner', { name: 'Toolbar' });
    const mid = async (name: string) => { const b = (await bar.getByRole('button', { name, exact: true }).boundingBox())!; return b.y + b.height / 2; };
    const midOf = async (testId: string) => { const b = (await page.getByTestId(testId).boundingBox())!; return b.y + b.height / 2; };
    const row1 = await mid('New');
    const row2 = await mid('Reset');
    expect(row2 - row1, 'Reset on a row below New').toBeGreaterThan(20);
    for (const name of ['Open…', 'Save', 'Examples…', 'Undo']) expect(Math.abs((await mid(name)) - row1), name).toBeLessThan(4);
    expect(Math.abs((await midOf('epoch-counter')) - row2), 'the counter on the run\'s row').toBeLessThan(10);
    expect(Math.abs((await midOf('status')) - row2), 'the status on the run\'s row').toBeLessThan(10);
    for (const name of ['Step epoch', 'Run']) expect(Math.abs((await mid(name)) - row2), name).toBeLessThan(4);
    expect((await bar.boundingBox())!.height).toBeLessThan(90);
    // the status stays on the right edge
    const status = (await page.getByTestId('status').boundingBox())!;
    expect(width - (status.x + status.width)).toBeLessThan(30);
    await page.screenshot({ path: `e2e/artifacts/toolbar-two-rows-${width}.png`, clip: { x: 0, y: 0, width, height: 100 } });
  });
}

for (const width of [800, 1024, 1280, 1440]) {
  test(`at ${width} px the runs table fits its box, every run's buttons visible`, async ({ page }) => {
    await open(page, width);
    const table = page.getByTestId('runs-table');
    await table.scrollIntoViewIfNeeded();
    const fit = await table.evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth, boxScroll: t.parentElement!.scrollWidth }));
    expect(fit.boxScroll, 'no sideways scrolling in the runs box').toBeLessThanOrEqual(fit.box);
    const box = (await table.locator('..').boundingBox())!;
    for (const b of await table.getByRole('button').all()) {
      const r = (await b.boundingBox())!;
      expect(r.x + r.width, `${await b.getAttribute('aria-label')} inside the box`).toBeLessThanOrEqual(box.x + box.width + 0.5);
    }
    await table.screenshot({ path: `e2e/artifacts/runs-table-${width}.png` });
  });
}

test('at 800×600 a bar over the one column goes to each view: the Math view was 3400 px down; wide, there is no bar', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('/');
  await page.locator(`button.example[data-file="${HOMEWORK}"]`).click();
  await expect(page.getByTestId('status')).toHaveText('ready');
  const bar = page.getByRole('navigation', { name: 'Go to a view' });
  await expect(bar).toBeVisible();
  const inView = async (id: string) => {
    const b = (await page.locator(`#${id}`).boundingBox())!;
    return b.y >= 0 && b.y < 600;
  };
  expect(await inView('view-math')).toBe(false);
  await bar.getByRole('button', { name: 'Math' }).click();
  await expect.poll(() => inView('view-math')).toBe(true);
  // clicking a weight on the graph, then Math: its chain rule, in view
  await bar.getByRole('button', { name: 'Network' }).click();
  await expect.poll(() => inView('view-network')).toBe(true);
  await page.locator('line.hit[data-edge="W[1][0][2]"]').click({ force: true });
  await page.keyboard.press('Escape');
  await bar.getByRole('button', { name: 'Math' }).click();
  await expect(page.locator('#view-math')).toContainText('w9');
  await expect.poll(() => inView('view-math')).toBe(true);
  // the homework, folded, is opened when gone to
  await bar.getByRole('button', { name: 'Homework' }).click();
  await expect(page.getByTestId('homework')).toHaveAttribute('open', '');
  await expect.poll(() => inView('view-homework')).toBe(true);
  // the bar stays on top of the column, under the toolbar
  const barBox = (await bar.boundingBox())!;
  const toolbar = (await page.getByRole('banner', { name: 'Toolbar' }).boundingBox())!;
  expect(Math.abs(barBox.y - (toolbar.y + toolbar.height))).toBeLessThan(4);
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(bar).toBeHidden();
});
