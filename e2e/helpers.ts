/** Shared by the e2e tests: open a file through the real file chooser, read numbers, screenshots. */
import { type Browser, type Page, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const artifact = (name: string) => fileURLToPath(new URL(`./artifacts/${name}`, import.meta.url));

/** Clicks Open… (start screen or toolbar) and picks `path` in the file chooser. */
export async function openFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Open/ }).first().click();
  await (await chooser).setFiles(path);
}

/** Opens example `file` from the start screen and waits for its run at epoch 0. */
export async function openExample(page: Page, file: string): Promise<void> {
  await page.goto('/');
  await page.locator(`button.example[data-file="${file}"]`).click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
}

export async function trainLoss(page: Page): Promise<number> {
  return Number(await page.getByTestId('train-loss').textContent());
}

export async function param(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('textbox', { name, exact: true }).inputValue());
}

export async function epoch(page: Page): Promise<number> {
  return Number(await page.getByTestId('epoch').textContent());
}

export async function waitStatus(page: Page, re: RegExp): Promise<void> {
  await expect(page.getByTestId('status')).toHaveText(re, { timeout: 30_000 });
}

/** Clicks Save and returns the text of the downloaded session file. */
export async function saveText(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = await (await download).path();
  return readFileSync(path!, 'utf8');
}

/** `nnlab ARGS` on a session text (written to a temporary file), its JSON output parsed. */
export function cli(text: string, args: string[]): any {
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-'));
  const file = join(dir, 'session.nnlab');
  writeFileSync(file, text);
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../bin/nnlab.mjs', import.meta.url)), args[0], file, ...args.slice(1)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return JSON.parse(out);
}

/** Clicks History CSV in the plots view; the rows of the downloaded file. */
export async function historyCSV(page: Page): Promise<Record<string, string>[]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'History CSV' }).click();
  const text = readFileSync((await (await download).path())!, 'utf8');
  return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
}

/** Hovers the loss chart at its right end; the readout's text. */
export async function readoutAtEnd(page: Page): Promise<string> {
  const rect = page.locator('figure.chart').first().locator('rect[role="presentation"]');
  const box = (await rect.boundingBox())!;
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  const readout = page.getByTestId('loss-readout');
  await expect(readout).toBeVisible();
  return (await readout.textContent())!.replace(/\s+/g, ' ').trim();
}

/** The full-precision value a readout cell carries (its text is rounded for reading). */
export async function fullValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

// ---- the main thread's longest task, from a Chromium trace (responsiveness.spec.ts, stability.spec.ts)

/** The longest main-thread task allowed (CPU ms), responsiveness.spec.ts and stability.spec.ts. */
export const LIMIT_MS = 50;

export interface Probe { longest: number; longTasks: number; maxGap: number; frames: number }
export interface TraceEvent { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; ts: number; args?: Record<string, unknown> }
export interface MainThreadTasks {
  count: number; longestCpu: number; longestWall: number; cpuOver50: number; totalCpu: number; longestParts: string;
  /** The tasks the test itself sent the page through DevTools (Playwright's queries, clicks' hit tests): their number and the longest's CPU ms. */
  driver: { count: number; longestCpu: number };
}

/** PerformanceObserver 'longtask' (wall clock, ≥ 50 ms) and the gaps between animation frames. */
export async function startProbe(page: Page): Promise<void> {
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

export async function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const { longest, longTasks, maxGap, frames } = (window as unknown as { probe: Probe }).probe;
    return { longest, longTasks, maxGap, frames };
  });
}

/** A Chromium trace's events, and the renderer process that shows the page at `pageUrl` (TracingStartedInBrowser lists each frame with its process). */
export function pageTrace(trace: Buffer, pageUrl: string): { events: TraceEvent[]; pid: number | undefined } {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  let pid: number | undefined;
  for (const e of events) {
    if (e.name !== 'TracingStartedInBrowser') continue;
    const frames = ((e.args?.data as { frames?: { url: string; processId: number }[] } | undefined)?.frames) ?? [];
    pid = frames.find((f) => f.url.startsWith(pageUrl))?.processId ?? pid;
  }
  return { events, pid };
}

/** The tasks of the page's renderer main thread in a Chromium trace: the longest by CPU time and by wall time. */
export function mainThreadTasks(trace: Buffer, pageUrl: string): MainThreadTasks {
  const { events, pid } = pageTrace(trace, pageUrl);
  expect(pid, 'the trace names the renderer process of the page').toBeDefined();
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && (e.args as { name?: string }).name === 'CrRendererMain');
  expect(main, 'the trace has the renderer main thread').toBeDefined();
  const tasks = events.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === main!.tid && e.name === 'ThreadControllerImpl::RunTask');
  expect(tasks.length, 'main-thread tasks in the trace').toBeGreaterThan(10);
  // Chromium leaves out the thread time of tasks of a microsecond or so (DidSwap, timers): those count
  // with their wall time, never less than their CPU time; every task of 1 ms or more must have its own
  expect(tasks.every((t) => typeof t.tdur === 'number' || (t.dur ?? 0) < 1000), 'every task of 1 ms or more has its thread (CPU) time').toBe(true);
  for (const t of tasks) t.tdur ??= t.dur;
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  // A task that carries a DevTools message is the test driver's, not the app's: Playwright runs its
  // selector engine in the page (getByRole computes the accessible name of every button: 40 ms and more
  // on a page with the trajectories drawn). Counted apart; a user's page never runs them.
  const driverStarts = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === main!.tid && e.name === 'Receive mojo message' && isDevTools(e))
    .map((e) => e.ts);
  const fromDriver = (t: TraceEvent) => driverStarts.some((ts) => ts >= t.ts && ts <= t.ts + (t.dur ?? 0));
  const driverTasks = tasks.filter(fromDriver);
  const appTasks = tasks.filter((t) => !fromDriver(t));
  // what the longest task spent its CPU time on (outermost events of these kinds only)
  const longest = appTasks.reduce((a, b) => ((b.tdur ?? 0) > (a.tdur ?? 0) ? b : a));
  const kinds = new Set(['FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC', 'ParseHTML', 'HitTest']);
  const parts = new Map<string, number>();
  let coveredUntil = -1;
  const inside = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === main!.tid && kinds.has(e.name) && e.ts >= longest.ts && e.ts + (e.dur ?? 0) <= longest.ts + (longest.dur ?? 0))
    .sort((a, b) => a.ts - b.ts);
  for (const e of inside) {
    if (e.ts < coveredUntil) continue;
    coveredUntil = e.ts + (e.dur ?? 0);
    parts.set(e.name, (parts.get(e.name) ?? 0) + ms(e.tdur));
  }
  const longestParts = [...parts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
  return {
    longestParts,
    count: appTasks.length,
    longestCpu: Math.max(...appTasks.map((t) => ms(t.tdur))),
    longestWall: Math.max(...appTasks.map((t) => ms(t.dur))),
    cpuOver50: appTasks.filter((t) => ms(t.tdur) >= LIMIT_MS).length,
    totalCpu: appTasks.reduce((s, t) => s + ms(t.tdur), 0),
    driver: { count: driverTasks.length, longestCpu: Math.max(0, ...driverTasks.map((t) => ms(t.tdur))) },
  };
}

/** A 'Receive mojo message' event of the DevTools session (the test driver's commands). */
function isDevTools(e: TraceEvent): boolean {
  const info = (e.args as { chrome_mojo_event_info?: { mojo_interface_tag?: string } } | undefined)?.chrome_mojo_event_info;
  return info?.mojo_interface_tag === 'blink.mojom.DevToolsSession';
}

/**
 * Runs `work` under a Chromium trace and the page probe; returns the
 * main-thread tasks (CPU and wall time) and the probe's wall-clock numbers.
 */
export async function traceMainThread(browser: Browser, page: Page, work: () => Promise<void>): Promise<{ tasks: MainThreadTasks; probe: Probe }> {
  await startProbe(page);
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata'] });
  // the first frame after tracing starts repaints the whole page (the trace's own doing): let it pass first
  await page.waitForTimeout(300);
  await work();
  const trace = await browser.stopTracing();
  const probe = await readProbe(page);
  return { tasks: mainThreadTasks(trace, new URL(page.url()).origin), probe };
}

/** What the sweep form is given: its name, epochs per run, and one field with a log range or a list of values. */
export interface SweepForm { name?: string; epochs: string; field: string; logRange?: [from: string, to: string, count: string]; list?: string }

/** Fills the sweep form of the page as a student does (name, epochs, field, then how and its values); Run sweep is the caller's. */
export async function fillSweep(page: Page, s: SweepForm): Promise<void> {
  const form = page.getByTestId('sweep-form');
  if (s.name !== undefined) await form.getByLabel('Sweep name').fill(s.name);
  await form.getByLabel('Epochs per run').fill(s.epochs);
  await form.getByLabel('Field 1').selectOption(s.field);
  if (s.logRange) {
    await form.getByLabel('How 1').selectOption('log_range');
    await form.getByLabel('From 1').fill(s.logRange[0]);
    await form.getByLabel('To 1').fill(s.logRange[1]);
    await form.getByLabel('Count 1').fill(s.logRange[2]);
  } else if (s.list !== undefined) {
    await form.getByLabel('How 1').selectOption('list');
    await form.getByLabel('Values 1').fill(s.list);
  }
}
