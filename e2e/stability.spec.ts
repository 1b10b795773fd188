/**
 * The stability view, used as a student would (issue 14):
 *
 * 1. Report 002's (f1, 3, 1, 1000) run, built through the UI (the example,
 *    learning rate set to 1, Run): the sharpness over the epochs crosses the
 *    2/lr line before the loss starts to oscillate, and falls back after it
 *    jumps; while stable, the numbers agree with `nnlab analyze`; the step's
 *    line and the landscape's centre give the loss shown; the landscape draws
 *    with the path; saved with the session and shown again on reopening. A
 *    big landscape (MNIST, 101×101) stops on Cancel.
 *    Screenshots at 1280×720 and 1920×1080 (e2e/artifacts/stability-*.png).
 * 2. The UI stays responsive (longest main-thread task < 50 ms CPU, from a
 *    Chromium trace) while a 51×51 landscape of the MNIST 5-vs-6 net is computed.
 */
import { test, expect, type Page } from './app-test';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIMIT_MS, artifact, openFile, traceMainThread, waitStatus } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = readdirSync(new URL('../assets/examples/', import.meta.url)).filter((f) => f.endsWith('.nnlab')).sort();
const F1 = '002-basic-network-f1-f2.nnlab';

function nnlabAnalyze(...args: string[]) {
  const out = execFileSync(process.execPath, ['bin/nnlab.mjs', 'analyze', `assets/examples/${F1}`, '--run', 'f1-h3-lr1', ...args, '--json'], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out);
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test("report 002 at lr 1: sharpness passes 2/lr before the loss oscillates; line and landscape as nnlab analyze gives them", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.locator(`button.example[data-file="${F1}"]`).click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  const lr = page.getByLabel('Learning rate');
  await lr.fill('1');
  await lr.press('Enter');
  await expect(lr).toHaveValue('1');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus(page, /^finished$/);
  await expect(page.getByTestId('epoch')).toHaveText('1000');

  const view = page.getByTestId('stability');
  await view.scrollIntoViewIfNeeded();
  await view.getByRole('button', { name: 'Sharpness over epochs' }).click();
  await expect(view.getByTestId('analysis-progress')).toBeVisible();
  const chart = view.getByTestId('sharpness-chart');
  await expect(chart).toBeVisible({ timeout: 120_000 });
  const crossing = Number(await chart.getAttribute('data-crossing'));
  const rise = Number(await chart.getAttribute('data-rise'));
  console.log(`sharpness passes 2/lr at epoch ~${crossing.toFixed(0)}; the training loss first rises after epoch ${rise}`);
  // edge of stability: λ grows past 2/lr first (~480); along the sharpest direction each step then
  // overshoots a little more, from rounding-level size, until the loss visibly goes up (~750) — and
  // the jump throws the run to a flatter place: λ falls back below 2/lr right after
  expect(crossing).toBeGreaterThan(300);
  expect(crossing).toBeLessThan(rise);
  const csvDownload = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Sharpness CSV' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('epoch,sharpness,limit_2_over_lr,stable_lr,hessian_vector_products,converged,residual,train_loss');
  const points = csv.slice(1).map((r) => r.split(',').map(Number)).map(([e, v]) => ({ epoch: e, value: v }));
  expect(points).toHaveLength(100);
  const between = points.filter((p) => p.epoch > crossing && p.epoch <= rise);
  expect(between.length).toBeGreaterThan(10);
  expect(between.every((p) => p.value > 2)).toBe(true);
  const back = points.find((p) => p.epoch > rise && p.value < 2);
  expect(back, 'λ falls back below 2/lr after the loss jumps').toBeDefined();
  expect(back!.epoch - rise).toBeLessThan(60);
  // the sentence speaks of the current point (epoch 1000)
  await expect(view.getByTestId('stability-sentence')).toContainText(points.at(-1)!.value > 2 ? 'is past 2/lr = 2' : 'is below 2/lr = 2');

  // while the run is stable the UI's numbers are the command line's: the sharpness and the loss at two
  // recorded epochs. Once it oscillates, any last-bit difference grows (report002.test.ts) and the two
  // runs part (~epoch 700; printed): Chromium's Math.exp and Node 20's differ in the last bit for about
  // one argument in ten, and the data's targets are exp(x/5)
  const cliRun = JSON.parse(execFileSync(process.execPath, ['bin/nnlab.mjs', 'run', `assets/examples/${F1}`, '--run', 'f1-h3-lr1', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 }));
  const parted = csv.slice(1).map((r) => r.split(',').map(Number)).find(([e, , , , , , , l]) => rel(l, cliRun.history.train_loss[e]) > 1e-9);
  console.log(`UI and command line: the training loss agrees to 1e-9 at every sampled epoch ${parted ? `before ${parted[0]}` : 'to the end'}`);
  for (const p of [points[30], points.filter((q) => q.epoch <= 620).at(-1)!]) {
    const cliAt = nnlabAnalyze('--epoch', String(p.epoch), '--sharpness');
    expect(rel(p.value, cliAt.sharpness.value)).toBeLessThan(1e-9);
    const row = csv.slice(1).find((r) => Number(r.split(',')[0]) === p.epoch)!.split(',');
    expect(rel(Number(row[7]), cliAt.loss)).toBeLessThan(1e-9);
  }

  // the sharpness now (epoch 1000): the same number as the last point of the curve
  await view.getByRole('button', { name: 'Sharpness now' }).click();
  await expect(view.getByTestId('analysis-progress')).toBeHidden({ timeout: 60_000 });
  const lambda = Number(await view.getByTestId('lambda').textContent());
  expect(rel(lambda, points.at(-1)!.value)).toBeLessThan(1e-7); // 8 significant digits shown
  await expect(view.getByTestId('stability-sentence')).toContainText(`below ${Number((2 / points.at(-1)!.value).toPrecision(4))} would be`);

  // the step's line: after the step, the loss the readout shows
  const loss = Number(await page.getByTestId('train-loss').textContent());
  await view.getByRole('button', { name: "Step's line" }).click();
  await expect(view.getByTestId('line-chart')).toBeVisible({ timeout: 60_000 });
  expect(Number(await view.getByTestId('line-new').textContent())).toBe(loss);
  expect(Number(await view.getByTestId('line-old').textContent())).toBeGreaterThan(0);

  // the landscape in the plane of start, current and best, 21 × 21, with the path of all 1001 recorded points
  await view.getByLabel('directions').selectOption('trajectory');
  const grid = view.getByLabel('resolution');
  await grid.fill('21');
  await grid.press('Enter');
  const range = view.getByLabel('range');
  await range.fill('1.5');
  await range.press('Enter');
  await view.getByRole('button', { name: 'Landscape', exact: true }).click();
  const land = view.getByTestId('landscape-chart');
  await expect(land).toBeVisible({ timeout: 120_000 });
  await expect(land).toHaveAttribute('data-path-points', '1001');
  expect(await land.locator('svg path').count()).toBeGreaterThan(20);
  await expect(land).toContainText('Loss landscape around epoch 1000 (21×21)');
  await expect(land).toContainText(`centre ${loss}`);

  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await view.getByTestId('sharpness-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact(`stability-${w}x${h}.png`) });
    await land.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact(`stability-landscape-${w}x${h}.png`) });
  }

  // exports: PNG, SVG and CSV of the landscape
  for (const [button, file] of [['PNG', 'landscape.png'], ['SVG', 'landscape.svg'], ['Landscape CSV', 'landscape.csv']]) {
    const download = page.waitForEvent('download');
    await land.getByRole('button', { name: button, exact: true }).click();
    expect((await download).suggestedFilename()).toBe(file);
  }
  // saved with the session, shown again when reopened
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const savedPath = artifact('saved-stability.nnlab');
  await (await download).saveAs(savedPath);
  const json = JSON.parse(readFileSync(savedPath, 'utf8'));
  expect(json.analysis.settings).toEqual({ resolution: 21, range: 1.5, directions: 'trajectory', seed: 0, points: 100 });
  expect(Number(json.analysis.sharpness.points.at(-1).value.toPrecision(8))).toBe(lambda);
  expect(json.analysis.sharpness.points).toHaveLength(100); // the sharpness now joined the curve
  expect(json.analysis.landscape.loss).toHaveLength(441);
  await page.goto('/');
  await openFile(page, savedPath);
  await expect(page.getByTestId('epoch')).toHaveText('1000', { timeout: 30_000 });
  await expect(page.getByTestId('landscape-chart')).toHaveAttribute('data-path-points', '1001');
  await expect(page.getByTestId('lambda')).toHaveText(String(lambda));
});

// Cancel, on a landscape that cannot end before the click (CI's machine computed f1's 101×101 in less
// time than the click took, and the test waited for a Cancel button that had gone)
/** The MNIST 5-vs-6 example opened, its stability view in sight with the landscape's resolution set. */
async function mnistStability(page: Page, resolution: number) {
  await page.goto('/');
  await page.locator('button.example[data-file="003-mnist-5-vs-6.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 60_000 });
  const view = page.getByTestId('stability');
  await view.scrollIntoViewIfNeeded();
  const grid = view.getByLabel('resolution');
  await grid.fill(String(resolution));
  await grid.press('Enter');
  return { view, grid };
}

test('a big landscape stops on Cancel: the one drawn before stays', async ({ page }) => {
  test.setTimeout(180_000);
  const { view, grid } = await mnistStability(page, 3);
  await view.getByRole('button', { name: 'Landscape', exact: true }).click();
  const land = view.getByTestId('landscape-chart');
  await expect(land).toContainText('Loss landscape around epoch 0 (3×3)', { timeout: 60_000 });
  // 101 × 101 of the MNIST net: minutes of work
  await grid.fill('101');
  await grid.press('Enter');
  await view.getByRole('button', { name: 'Landscape', exact: true }).click();
  await expect(view.getByTestId('analysis-progress')).toContainText(/computing the landscape: \d+ \/ 10202/);
  await view.getByRole('button', { name: 'Cancel' }).click();
  await expect(view.getByTestId('analysis-end')).toHaveText('Stopped: cancelled', { timeout: 10_000 });
  await expect(view.getByTestId('analysis-progress')).toHaveCount(0);
  await expect(land).toContainText('Loss landscape around epoch 0 (3×3)');
  // the trainer is free again: a step goes through at once
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 30_000 });
});

// Was 68–76 ms CPU when the landscape arrived: filing it in the session made new view names, and the
// large-net drawing redrew its 50 000 edges (names are now the same object while their inputs are).
test('a 51×51 landscape of the MNIST 5-vs-6 net keeps the UI responsive (longest main-thread task < 50 ms CPU)', async ({ page, browser }) => {
  test.skip(browser.browserType().name() !== 'chromium', 'tracing needs Chromium');
  test.setTimeout(600_000);
  const { view } = await mnistStability(page, 51);
  let progressSeen = '';
  // Inside the trace the page is watched from within (a querySelector every second): Playwright's own
  // locator polling runs its selector engine over the MNIST net's big DOM on the main thread, tens of
  // ms per poll, and would be measured instead of the app.
  await view.getByRole('button', { name: 'Landscape', exact: true }).evaluate((b) => { (window as unknown as { landscapeButton: HTMLElement }).landscapeButton = b as HTMLElement; });
  const started = Date.now();
  const { tasks, probe } = await traceMainThread(browser, page, async () => {
    await page.evaluate(() => (window as unknown as { landscapeButton: HTMLElement }).landscapeButton.click());
    const text = () => document.querySelector('[data-testid="analysis-progress"]')?.textContent ?? '';
    await page.waitForFunction(() => /computing the landscape: [1-9]\d* \/ 2602/.test(document.querySelector('[data-testid="analysis-progress"]')?.textContent ?? ''), null, { polling: 1000, timeout: 120_000 });
    await page.waitForTimeout(8000);
    progressSeen = await page.evaluate(text);
    await page.waitForFunction(() => document.querySelector('[data-testid="landscape-chart"]') !== null, null, { polling: 1000, timeout: 540_000 });
    await page.waitForTimeout(600);
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `MNIST 51×51 landscape in ${seconds.toFixed(0)} s (progress after ~8 s: "${progressSeen.trim()}"). Main thread: ${tasks.count} tasks, ` +
      `longest ${tasks.longestCpu.toFixed(1)} ms CPU (${tasks.longestWall.toFixed(1)} ms wall; ${tasks.longestParts}); ` +
      `the test driver's own ${tasks.driver.count} tasks not counted (longest ${tasks.driver.longestCpu.toFixed(1)} ms CPU); ` +
      `longest frame gap ${probe.maxGap.toFixed(0)} ms over ${probe.frames} frames.`,
  );
  await expect(view.getByTestId('landscape-chart')).toContainText('Loss landscape around epoch 0 (51×51)');
  expect(progressSeen).toMatch(/computing the landscape: \d+ \/ 2602/);
  await view.getByTestId('landscape-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('stability-mnist-landscape.png') });
  expect(probe.frames).toBeGreaterThan(0);
  expect(tasks.longestCpu).toBeLessThan(LIMIT_MS);
});
