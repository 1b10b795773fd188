/**
 * Report 004's learning-rate sweep from the UI: the 3-4-1 sigmoid XOR net
 * (no biases, ½ squared error summed, uniform −1..1 init from numpy's
 * seed 1), learning rates 0.001 … 1000 by a log range, 60 000 epochs each,
 * run on one Web Worker per core. Then the compare view: its final mean
 * absolute errors must be the engine's, computed here through src-core.
 * While the sweep runs, the longest main-thread task must stay under 50 ms.
 */
import { test, expect } from './app-test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIMIT_MS, artifact, fillSweep, openFile, traceMainThread } from './helpers';
import { parseSession } from '../src-core/session/session';
import { applyOverrides } from '../src-core/session/overrides';
import { createTrainer } from '../src-core/session/create';

const xorFile = fileURLToPath(new URL('../src-cli/fixtures/xor-004.nnlab', import.meta.url));
const lrs = [0.001, 0.01, 0.1, 1, 10, 100, 1000];

/** The engine's final train MAE after 60 000 epochs for each learning rate (the same code the workers run). */
function engineMAE(): number[] {
  const parsed = parseSession(readFileSync(xorFile, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return lrs.map((lr) => {
    const e = applyOverrides(parsed.session.experiment, { 'optimizer.lr': lr, epochs: 60000 });
    if (!e.ok) throw new Error(e.errors.join('\n'));
    const t = createTrainer(e.value);
    t.runEpochs(60000);
    return t.history.train_mae[t.history.train_mae.length - 1];
  });
}

test('report 004: seven learning rates in parallel, compared; UI stays responsive', async ({ page, browser }) => {
  test.setTimeout(240_000);
  // the engine's numbers first, so that this process does not compete with the sweep for the 2 cores
  const expected = engineMAE();
  await page.goto('/');
  await openFile(page, xorFile);
  await expect(page.getByTestId('sweep-form')).toBeVisible();

  await fillSweep(page, { name: 'alpha', epochs: '60000', field: 'optimizer.lr', logRange: ['0.001', '1000', '7'] });
  // Watch the main thread from the click on (the sweep may take only a second or two: 7 runs on 2 workers):
  // a Chromium trace's thread CPU time per task (helpers.ts; the wall time, which on this shared 2-core
  // machine includes time the OS gave other processes, is printed beside it)
  const { tasks, probe } = await traceMainThread(browser, page, async () => {
    await page.getByTestId('sweep-run').click();
    // (no screenshot while tracing: capturing the page would be counted as the page's work)
    // plain evaluate, not waitForFunction: that one first compiles Playwright's injected script in the page (a 100 ms task of its own)
    const outcome = () => page.evaluate(() => document.querySelector('[data-testid="sweep-outcome"]')?.textContent ?? '');
    for (const t0 = Date.now(); (await outcome()) !== '7 of 7 runs finished'; await page.waitForTimeout(500)) {
      if (Date.now() - t0 > 200_000) throw new Error(`the sweep did not finish in 200 s: ${await outcome()}`);
    }
  });
  console.log(
    `longest main-thread task during the sweep: ${tasks.longestCpu.toFixed(1)} ms CPU (${tasks.longestWall.toFixed(1)} ms wall in the trace; ` +
      `${tasks.longestParts}; Long Tasks API: ${probe.longest.toFixed(1)} ms wall); the test driver's own ${tasks.driver.count} tasks not counted (longest ${tasks.driver.longestCpu.toFixed(1)} ms CPU)`,
  );
  expect(tasks.longestCpu).toBeLessThan(LIMIT_MS);

  const table = page.getByTestId('sweep-table');
  await expect(table.locator('tbody tr')).toHaveCount(7);
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('sweep-table.png'), fullPage: false });

  // sorted by final MAE (a click: ascending, another: descending): the engine's order of the learning rates
  const byMAE = lrs.map((lr, k) => ({ lr: String(lr), mae: expected[k] })).sort((a, b) => a.mae - b.mae).map((r) => r.lr);
  await table.getByRole('button', { name: /final train mae/ }).click();
  await expect(table.locator('tbody tr td.lab')).toHaveText(byMAE);
  await table.getByRole('button', { name: /final train mae/ }).click();
  await expect(table.locator('tbody tr td.lab')).toHaveText([...byMAE].reverse());

  await page.getByRole('button', { name: 'Compare all' }).click();
  const cmp = page.getByTestId('compare-table');
  await expect(cmp.locator('tbody tr')).toHaveCount(7);
  for (const [k, lr] of lrs.entries()) {
    const cell = cmp.locator(`tr[data-run="alpha/${lr}"] td[data-metric="train_mae"]`);
    const shown = Number(await cell.getAttribute('data-value'));
    // Chromium's V8 and this Node's V8 may round Math.exp differently in the last place, and
    // 60 000 epochs carry that along (seen: 0.07595375113677051 here, 0.0759537511367705 in the
    // browser; lr 100, which hops around the error surface, differs from the 11th digit).
    // Relative 1e-9 still pins the 8 digits the screen shows.
    console.log(`lr ${lr}: engine ${expected[k]}, on screen ${shown}`);
    expect(Math.abs(shown - expected[k])).toBeLessThanOrEqual(1e-9 * Math.abs(expected[k]));
    // and the text on screen agrees to the 8 digits it shows
    expect(Number(await cell.textContent())).toBeCloseTo(expected[k], 7);
  }
  // the setting that differs is highlighted: optimizer.lr
  await expect(cmp.locator('th.diff')).toHaveText(['optimizer.lr']);
  // report 004's reading: lr 0.1 after 10 000 steps 0.0428880170001158 — the history says so too
  await cmp.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('compare-view.png') });
  await page.getByTestId('small-multiples').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('compare-small-multiples.png') });
});
