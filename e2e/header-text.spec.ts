/**
 * The header's texts (explore finding 16): the New session's title does not
 * name a network shape that goes stale once the network is changed ("New
 * session: XOR with a 2-3-1 network" stayed after 2-2-1), and a divergence's
 * status reads in full at 800, 1280 and 1600 px (at 1600 it was cut after two
 * lines with "…"). Screenshots: e2e/artifacts/header-diverged-*.png
 *
 *   E2E_PORT=4341 npx playwright test e2e/header-text.spec.ts --project web
 */
import { test, expect } from './app-test';
import { artifact } from './helpers';

test('the New session\'s title does not name a network shape: it stays true after the network is changed', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  const title = page.locator('main h1.title');
  await expect(title).toHaveText('New session: XOR');
  const units = page.getByLabel('Units in layer 0', { exact: true });
  await units.fill('2');
  await units.press('Enter');
  await expect(page.getByRole('textbox', { name: 'W[0][1][1]', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'W[0][2][0]', exact: true })).toHaveCount(0);
  await expect(title).toHaveText('New session: XOR');
  await expect(title).not.toHaveText(/\d+-\d+-\d+/);
});

for (const width of [1600, 1280, 800]) {
  test(`a divergence's status reads in full at ${width} px`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');
    await page.locator('button.example[data-file="002-basic-network-f1-f2.nnlab"]').click();
    const runs = page.getByTestId('runs-panel');
    await runs.locator('tr[data-run]').filter({ hasText: 'overflow' }).getByRole('radio').check();
    await page.getByRole('button', { name: 'Start this run' }).click();
    const status = page.getByTestId('status');
    await expect(status).toHaveText(/^diverged at epoch \d+: /, { timeout: 60_000 });
    const m = await status.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const bar = el.closest('header')!.getBoundingClientRect();
      return { sh: el.scrollHeight, ch: el.clientHeight, sw: el.scrollWidth, cw: el.clientWidth, right: r.right, bottom: r.bottom, barBottom: bar.bottom, barHeight: bar.height, vw: window.innerWidth };
    });
    expect(m.sh, 'no line cut off').toBeLessThanOrEqual(m.ch + 1);
    expect(m.sw, 'nothing cut at the side').toBeLessThanOrEqual(m.cw + 1);
    expect(m.right).toBeLessThanOrEqual(m.vw);
    expect(m.bottom).toBeLessThanOrEqual(m.barBottom);
    expect(m.barHeight, 'the toolbar stays a toolbar').toBeLessThanOrEqual(width >= 1240 ? 70 : 120);
    await page.locator('header.toolbar').screenshot({ path: artifact(`header-diverged-${width}.png`) });
    // the math view's update did not finish either: it says so (it read "under way … come next")
    await expect(page.getByTestId('math-which-update')).toHaveText(/^The update after update \d+ did not finish: the run diverged in it/);
    // and both count alike: the update that failed is update N + 1, of epoch N + 1 (one batch per epoch),
    // after N epochs done (it said "(epoch N, batch 1)", while the math view counts epochs from 1)
    const text = (await status.textContent())!;
    const n = Number(/with the parameters after update (\d+)$/.exec(text)?.[1]);
    expect(text).toBe(`diverged at epoch ${n}: loss became Infinity in the forward pass (epoch ${n + 1}, batch 1) with the parameters after update ${n}`);
    await expect(page.getByTestId('math-which-update')).toContainText(`The update after update ${n} did not finish`);
  });
}
