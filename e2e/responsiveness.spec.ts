/**
 * Training must never block the UI thread: while a 100 000-epoch run trains
 * in the worker, the longest main-thread task (PerformanceObserver
 * 'longtask') and the longest gap between animation frames stay under 50 ms.
 *
 * The same probes first watch the idle page for as long as the run is
 * expected to take. On a machine so loaded that even the idle page has a
 * 50 ms stall (shared CI runners), the run may not stall more than the idle
 * page did plus one frame; the test says so in its output.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { artifact, epoch, fixture, waitStatus } from './helpers';

interface Probe { longest: number; longTasks: number; maxGap: number; frames: number }

async function startProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { probe: Probe & { stop: boolean; observer?: PerformanceObserver } };
    w.probe?.observer?.disconnect();
    if (w.probe) w.probe.stop = true;
    const probe = { longest: 0, longTasks: 0, maxGap: 0, frames: 0, stop: false, observer: undefined as PerformanceObserver | undefined };
    w.probe = probe;
    probe.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        probe.longest = Math.max(probe.longest, e.duration);
        probe.longTasks++;
      }
    });
    probe.observer.observe({ type: 'longtask', buffered: false });
    let last = -1;
    const frame = (t: number) => {
      if (probe.stop) return;
      if (last >= 0) probe.maxGap = Math.max(probe.maxGap, t - last);
      probe.frames++;
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

async function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const { longest, longTasks, maxGap, frames } = (window as unknown as { probe: Probe }).probe;
    return { longest, longTasks, maxGap, frames };
  });
}

test('a 100 000-epoch run keeps the main thread responsive', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const text = readFileSync(fixture('lecture-000.nnlab'), 'utf8').replace('"epochs": 1000', '"epochs": 100000');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name: 'long-run.nnlab', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');

  await page.waitForTimeout(300);
  await startProbe(page);
  await page.waitForTimeout(2000);
  const idle = await readProbe(page);

  await startProbe(page);
  const started = Date.now();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus(page, /^finished$/);
  const seconds = (Date.now() - started) / 1000;
  const run = await readProbe(page);
  const hub = await page.evaluate(() => (window as unknown as { nnlabApp: { hosts: { trainer: { hub?: { stats: unknown } } } } }).nnlabApp.hosts.trainer.hub?.stats);
  await page.screenshot({ path: artifact('long-run-finished.png') });

  console.log(
    `100 000 epochs in ${seconds.toFixed(1)} s; during the run: longest task ${run.longest.toFixed(0)} ms (${run.longTasks} long tasks), ` +
      `longest frame gap ${run.maxGap.toFixed(0)} ms over ${run.frames} frames; idle page: longest task ${idle.longest.toFixed(0)} ms, ` +
      `longest gap ${idle.maxGap.toFixed(0)} ms; event handling ${JSON.stringify(hub)}`,
  );
  expect(await epoch(page)).toBe(100_000);
  expect(run.frames).toBeGreaterThan(10 * seconds); // the page kept drawing all along
  const idleStall = Math.max(idle.longest, idle.maxGap);
  const limit = idleStall < 50 ? 50 : idleStall + 17;
  if (limit > 50) console.log(`the idle page itself stalled ${idleStall.toFixed(0)} ms (machine under load): limit ${limit.toFixed(0)} ms`);
  expect(run.longest).toBeLessThan(limit);
  expect(run.maxGap).toBeLessThan(limit);
});
