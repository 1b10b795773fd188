/**
 * Training must never block the UI thread (issue 3): while a 100 000-epoch
 * run trains in the worker, the longest task of the page's main thread stays
 * under 50 ms — including the redraw when the run ends (formulas, tables).
 *
 * Only the app's tasks count: those the test sends through DevTools (Playwright finding a button by its
 * role and name walks the whole page, 40–55 ms with the trajectories drawn) are printed apart.
 *
 * Measured as CPU time: a Chromium trace (browser.startTracing, with the
 * categories DevTools' performance panel records, so the numbers include its
 * small overhead) gives every task of the renderer's main thread
 * (ThreadControllerImpl::RunTask) with its thread time `tdur`, which, unlike
 * wall-clock time, does not grow when the shared machine is busy with other
 * processes. The wall-clock numbers
 * (the trace's `dur`, PerformanceObserver 'longtask', frame gaps) are printed
 * beside it.
 *
 * Twice: with the loss chart showing, then with the parameter trajectories
 * (two parameters followed, picked by clicking in the network) — the views
 * that redraw on every history chunk.
 */
import { test, expect } from './app-test';
import type { Page, Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LIMIT_MS, artifact, epoch, fixture, traceMainThread, waitStatus } from './helpers';

// One retry, reported as "flaky" when it is used. A task's CPU time still depends on the machine: here
// the longest frame is 20–35 ms (its JS ~5 ms, the rest the browser's style, layout and paint of the
// page), but on the shared CI machine the same end-of-run frame once took 50.5 ms, every part of it
// 2–3× slower than here, in one run of four. An app that blocks its thread fails both tries.
test.describe.configure({ retries: 1 });

/** Runs to the end under a trace; the trace goes on 600 ms past the end to include the final redraw. */
async function tracedRun(browser: Browser, page: Page, label: string) {
  let seconds = 0;
  const { tasks, probe } = await traceMainThread(browser, page, async () => {
    const started = Date.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitStatus(page, /^finished$/);
    seconds = (Date.now() - started) / 1000;
    await page.waitForTimeout(600);
  });
  console.log(
    `${label}: 100 000 epochs in ${seconds.toFixed(1)} s. Main thread, from the trace: ${tasks.count} tasks, ` +
      `longest ${tasks.longestCpu.toFixed(1)} ms CPU (${tasks.longestWall.toFixed(1)} ms wall), ${tasks.cpuOver50} over ${LIMIT_MS} ms CPU, ` +
      `${tasks.totalCpu.toFixed(0)} ms CPU in all; the longest task: ${tasks.longestParts}; the test driver's own ${tasks.driver.count} tasks, longest ${tasks.driver.longestCpu.toFixed(1)} ms CPU, not counted. Wall clock in the page: longest 'longtask' ${probe.longest.toFixed(0)} ms ` +
      `(${probe.longTasks} long tasks), longest frame gap ${probe.maxGap.toFixed(0)} ms over ${probe.frames} frames.`,
  );
  return { tasks, probe, seconds };
}

// Was 55–66 ms CPU at the run's end: every formula of the math view measured its own width after its
// new numbers, a forced layout each (now fitted together before the next frame, views/math/tex-fit.ts).
test('a 100 000-epoch run keeps the main thread responsive (longest task < 50 ms CPU)', async ({ page, browser }) => {
  test.skip(browser.browserType().name() !== 'chromium', 'tracing needs Chromium');
  test.setTimeout(180_000);
  await page.goto('/');
  const text = readFileSync(fixture('lecture-000.nnlab'), 'utf8').replace('"epochs": 1000', '"epochs": 100000');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name: 'long-run.nnlab', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  // the math view typesets the update of the first step before the run
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(page.getByTestId('chain-rule')).toBeVisible();
  await page.waitForTimeout(300);

  // 1. the loss chart
  const loss = await tracedRun(browser, page, 'loss chart');
  expect(await epoch(page)).toBe(100_000);
  expect(loss.probe.frames).toBeGreaterThan(0); // the page kept drawing
  await page.screenshot({ path: artifact('long-run-finished.png') });

  // 2. the trajectories of two parameters, picked in the network
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  // by keyboard (Enter on a focused edge, as a click does): crossing edges hide each other's middle from the mouse
  for (const edge of [/^W\[1\]\[0\]\[0\] \(h1 → out\)/, /^W\[0\]\[0\]\[1\] \(x2 → h1\)/]) {
    await page.getByRole('button', { name: edge }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape'); // Enter also opened the value editor
  }
  await page.getByRole('tab', { name: 'Parameters' }).click();
  await expect(page.getByRole('button', { name: 'Stop following W[0][0][1]' })).toBeVisible();
  await page.waitForTimeout(300);
  const params = await tracedRun(browser, page, 'trajectories');
  expect(await epoch(page)).toBe(100_000);
  await page.screenshot({ path: artifact('long-run-trajectories.png') });

  expect(loss.tasks.longestCpu).toBeLessThan(LIMIT_MS);
  expect(params.tasks.longestCpu).toBeLessThan(LIMIT_MS);
});
