/**
 * The window's layout from the desktop app's minimum width (800 px) to a wide
 * screen. The toolbar keeps one row at the default width (1360 px) and at
 * 1280: the file name shortens ("…") before anything wraps (it wrapped the
 * status pill onto a second row at 1360 with a long file name and the unsaved
 * mark). Below 1100 px the run's details (homework, math) go under the run
 * instead of a third column: at 800 px that column had squeezed the run's
 * notes to one word per line. The weights table stays in its card at every
 * width (a layer wider than the card scrolls in its own box), its fields as
 * wide as their values.
 */
import { test, expect } from './app-test';

for (const width of [1280, 1360, 1920]) {
  test(`at ${width} px the toolbar is one row, the status beside the buttons (a long file name, unsaved)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    await page.locator('button.example[data-file="classification-rings-hidden-units.nnlab"]').click();
    await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
    await page.getByLabel('Learning rate').fill('0.02');
    await page.getByLabel('Learning rate').press('Enter');
    await expect(page.getByLabel('unsaved changes')).toBeVisible();
    const bar = page.getByRole('banner', { name: 'Toolbar' });
    // the widest step label ("Step backward pass") and a longer status ("paused")
    await bar.getByRole('button', { name: /^Step phase/ }).click();
    await expect(bar.getByRole('button', { name: 'Step phase: backward pass' })).toBeVisible();
    const row = async (name: string) => (await bar.getByRole('button', { name, exact: true }).boundingBox())!;
    const status = (await page.getByRole('status', { name: 'Status' }).boundingBox())!;
    const run = await row('Run');
    const newBtn = await row('New');
    const barBox = (await bar.boundingBox())!;
    expect(barBox.height, 'toolbar height').toBeLessThan(56);
    for (const b of [status, run]) expect(Math.abs(b.y + b.height / 2 - (newBtn.y + newBtn.height / 2)), 'same row as New').toBeLessThan(8);
    expect(status.x + status.width).toBeLessThanOrEqual(width);
    // the file name is still there, shortened at the narrow widths
    const name = page.locator('header .file .name');
    await expect(name).toBeVisible();
    expect((await name.boundingBox())!.width).toBeGreaterThan(40);
    await page.screenshot({ path: `e2e/artifacts/toolbar-${width}.png`, clip: { x: 0, y: 0, width, height: 90 } });
  });
}

for (const [width, height] of [[800, 600], [1000, 700], [1280, 800]] as const) {
  test(`at ${width} × ${height} the run column is readable and the math view is there (${width <= 1100 ? 'under the run' : 'beside it'})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await page.locator('button.example[data-file="003-homework-2-3-1-sigmoid-step.nnlab"]').click();
    await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
    await page.getByRole('button', { name: /^Step phase/ }).click();
    const run = (await page.getByRole('main', { name: 'Run' }).boundingBox())!;
    const details = page.getByRole('complementary', { name: 'Details' });
    expect(run.width, 'the run column').toBeGreaterThan(400);
    // nothing wider than the window: no sideways scrolling of the page
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const math = details.getByRole('region', { name: 'Math' });
    await math.scrollIntoViewIfNeeded();
    await expect(math.getByRole('heading', { name: 'Forward', exact: true })).toBeVisible();
    const box = (await details.boundingBox())!;
    if (width <= 1100) {
      expect(box.x, 'details in the run\'s column').toBeGreaterThanOrEqual(run.x - 1);
      expect(box.width, 'as wide as the run').toBeGreaterThan(run.width - 40);
    } else expect(box.x, 'details beside the run').toBeGreaterThanOrEqual(run.x + run.width - 1);
    await page.screenshot({ path: `e2e/artifacts/layout-${width}.png` });
  });
}

// The weights table stays in its card: a layer wider than the card (the rings' 8 hidden units into the
// output; report 003's 2-3-1 at 800 px, whose b[1][0] sat 12 px past the card) scrolls in its own box, and
// every field is wide enough for its value (−0.40365949 showed as −0.4036594 at any width).
for (const width of [800, 1000, 1400]) {
  for (const file of ['003-homework-2-3-1-sigmoid-step.nnlab', 'classification-rings-hidden-units.nnlab']) {
    test(`at ${width} px the weights table of ${file} stays in its card, every value whole`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      await page.locator(`button.example[data-file="${file}"]`).click();
      await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
      // one update: the homework's 1s become long decimals
      await page.getByRole('button', { name: 'Step epoch' }).click();
      await expect(page.getByTestId('epoch')).toHaveText('1');
      const card = page.locator('section.card.params');
      await card.scrollIntoViewIfNeeded();
      const out = await card.evaluate((c) => {
        const right = c.getBoundingClientRect().right - parseFloat(getComputedStyle(c).paddingRight) + 0.5;
        const bad: string[] = [];
        for (const input of c.querySelectorAll('input')) {
          const name = input.getAttribute('aria-label');
          if (input.scrollWidth > input.clientWidth) bad.push(`${name} = ${input.value} is cut off in its field`);
          // past the card's edge only inside a box that scrolls, itself inside the card
          let box: Element | null = input.parentElement;
          while (box && box !== c && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
          const inBox = box && box !== c && box.scrollWidth > box.clientWidth && box.getBoundingClientRect().right <= right;
          if (input.getBoundingClientRect().right > right && !inBox) bad.push(`${name} ends ${(input.getBoundingClientRect().right - right).toFixed(1)} px past the card`);
        }
        return { bad, fields: c.querySelectorAll('input').length };
      });
      expect(out.fields).toBeGreaterThan(10);
      expect(out.bad).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}

// A diverged run's status names what went bad ("diverged at epoch 193: loss became Infinity in the forward
// pass (epoch 194, batch 1) with the parameters after update 193"): at 1280 and 1360 px it once wrapped onto a
// row of its own in normal size and pushed the window down; then it was cut to two small lines with "…", the
// rest only in its tooltip (explore finding 16). Now where the buttons' row has no 300 px left for it, it reads
// in full on one small line of its own under the buttons, which keep their row.
for (const width of [1280, 1360]) {
  test(`at ${width} px a diverged run's long status reads in full on one small line under the buttons (report 002's f1 at lr 5)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    await page.locator('button.example[data-file="002-basic-network-f1-f2.nnlab"]').click();
    await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
    await page.getByRole('radio', { name: 'Make (f1, 3, 5, 1000): overflow the current run' }).check();
    await expect(page.getByTestId('epoch-target')).toHaveText('1000');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const status = page.getByRole('status', { name: 'Status' });
    await expect(status).toHaveText(/^diverged at epoch \d+: loss became Infinity/, { timeout: 30_000 });
    const bar = page.getByRole('banner', { name: 'Toolbar' });
    expect((await bar.boundingBox())!.height, 'toolbar height').toBeLessThan(70);
    const newBtn = (await bar.getByRole('button', { name: 'New', exact: true }).boundingBox())!;
    const runBtn = (await bar.getByRole('button', { name: 'Run', exact: true }).boundingBox())!;
    const box = (await status.boundingBox())!;
    expect(Math.abs(runBtn.y - newBtn.y), 'the buttons keep one row').toBeLessThan(2);
    expect(box.y, 'the status under the buttons').toBeGreaterThanOrEqual(newBtn.y + newBtn.height - 1);
    expect(box.height, 'one line').toBeLessThan(20);
    expect(await status.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1), 'nothing cut').toBe(true);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    // no button's label wrapped to make room
    for (const name of ['Step epoch', 'Run', 'Reset']) {
      expect((await bar.getByRole('button', { name, exact: true }).boundingBox())!.height, name).toBeLessThan(newBtn.height + 2);
    }
    await expect(page.locator('header .file .name')).toBeVisible();
    expect((await page.locator('header .file .name').boundingBox())!.width).toBeGreaterThan(40);
    await expect(status).toHaveAttribute('title', /^diverged at epoch \d+: loss became Infinity in the forward pass .* after update \d+$/);
    await page.screenshot({ path: `e2e/artifacts/toolbar-diverged-${width}.png`, clip: { x: 0, y: 0, width, height: 90 } });
  });
}
