/**
 * The real bundled main process (dist-electron/main.cjs, built here into a
 * temporary app folder) run against a fake Electron (test-util/fake-electron.ts)
 * whose utility processes run the real bundled training process in worker
 * threads. One start-up of the app, followed step by step: crash recovery
 * offered, a file from argv opened, the trainer port handed to each page and
 * speaking the protocol, IPC refused to strangers, atomic save, a training
 * process crash survived, the close question, a dropped file, window.open denied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import type { MenuItemConstructorOptions } from 'electron';
import type { HostEvent, Snapshot } from '../src-core/protocol/messages';
import { createFakeElectron, type FakeElectron, type FakeWebContents } from './test-util/fake-electron';
import { CONTENT_SECURITY_POLICY } from './security';
import { TRAINER_RESTART_NOTICE } from './preload-api';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lecture = readFileSync(path.join(repo, 'e2e/fixtures/lecture-000.nnlab'), 'utf8');

let tmp: string;
let fake: FakeElectron;
let userData: string;
let docs: string;
let lecturePath: string;

const until = <T>(get: () => T | undefined | null | false, what: string, ms = 10_000) =>
  new Promise<T>((resolve, reject) => {
    const t0 = Date.now();
    const check = () => {
      const v = get();
      if (v !== undefined && v !== null && v !== false) return resolve(v as T);
      if (Date.now() - t0 > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 10);
    };
    check();
  });

/** An IPC event as Electron builds it, from the app page of `wc` (or another URL / a sub-frame). */
function eventFrom(wc: FakeWebContents, url = 'app://nnlab/index.html', top = true) {
  return { sender: { id: wc.id }, senderFrame: { url, parent: top ? null : {} } };
}
const invoke = (wc: FakeWebContents, channel: string, ...args: unknown[]) => fake.handlers.get(channel)!(eventFrom(wc), ...args);
const send = (wc: FakeWebContents, channel: string, ...args: unknown[]) => fake.listeners.get(channel)!(eventFrom(wc), ...args);

/** The page's end of its newest trainer port, with everything that arrived on it. */
function rendererPort(wc: FakeWebContents, index = -1) {
  const { port, info } = wc.ports.at(index)!;
  const events: HostEvent[] = [];
  port.on('message', (e: HostEvent) => events.push(e));
  return { port: port as MessagePort, info, events };
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'nnlab-main-'));
  execFileSync(process.execPath, [path.join(repo, 'scripts/build-electron.mjs'), '--out', path.join(tmp, 'dist-electron'), '--only', 'main,trainer-process,job-process'], { stdio: 'pipe' });
  mkdirSync(path.join(tmp, 'dist'));
  writeFileSync(path.join(tmp, 'dist', 'index.html'), '<!doctype html>');
  mkdirSync(path.join(tmp, 'assets', 'examples'), { recursive: true });
  writeFileSync(path.join(tmp, 'assets', 'examples', 'lecture-000.nnlab'), lecture);
  mkdirSync(path.join(tmp, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(path.join(tmp, 'node_modules', 'electron', 'index.js'), 'module.exports = globalThis.__nnlabFakeElectron;\n');
  userData = path.join(tmp, 'userData');
  docs = path.join(tmp, 'docs');
  mkdirSync(docs);
  lecturePath = path.join(docs, 'lecture.nnlab');
  writeFileSync(lecturePath, lecture);
  // Left over from a "crash": one unsaved session.
  mkdirSync(path.join(userData, 'recovery'), { recursive: true });
  writeFileSync(
    path.join(userData, 'recovery', 'crashed1.nnlab-recovery'),
    JSON.stringify({ format: 'nnlab-recovery', version: 1, path: null, title: 'XOR sweep', savedAt: '2026-11-20T10:00:00.000Z', text: lecture }),
  );

  fake = createFakeElectron({ paths: { userData, documents: docs }, trainerBundle: path.join(tmp, 'dist-electron', 'trainer-process.cjs') });
  (globalThis as Record<string, unknown>).__nnlabFakeElectron = fake.module;
  fake.dialogScript.messageBox.push(0); // "Recover"
  const argv = process.argv;
  process.argv = ['electron', path.join(tmp, 'dist-electron', 'main.cjs'), lecturePath, '--inspect=0'];
  createRequire(path.join(tmp, 'dist-electron', 'main.cjs'))('./main.cjs');
  fake.app.readyResolve!();
  await until(() => fake.windows.length >= 2, 'two windows');
  process.argv = argv;
}, 60_000);

afterAll(async () => {
  // Close the windows first (answering "Don't Save"), so their supervisors stop before the workers go.
  for (const w of fake?.windows ?? []) {
    if (w.destroyed) continue;
    fake.dialogScript.messageBox.push(1);
    w.close();
    await until(() => w.destroyed, 'a window to close at the end');
  }
  for (const c of fake?.children ?? []) await c.worker.terminate();
  delete (globalThis as Record<string, unknown>).__nnlabFakeElectron;
  // the last save of recent.json (fire and forget in main) finishes before its folder goes
  await new Promise((r) => setTimeout(r, 300));
  rmSync(tmp, { recursive: true, force: true });
});

describe('main process (bundled) on a fake Electron', () => {
  it('offers the crashed session back and opens the argv file, each in its own secure window', async () => {
    expect(fake.asked[0]).toMatchObject({ kind: 'messageBox', options: { message: 'NN Lab closed before a session was saved. Recover it?' } });
    const [recovered, opened] = fake.windows;
    expect(await invoke(recovered.webContents, 'nnlab:initial-document')).toMatchObject({ kind: 'recovered', savedAt: '2026-11-20T10:00:00.000Z', file: { name: 'XOR sweep.nnlab', text: lecture } });
    expect(recovered.title).toBe('● XOR sweep — NN Lab'); // recovered work is unsaved
    expect(await invoke(opened.webContents, 'nnlab:initial-document')).toEqual({ kind: 'file', file: { name: 'lecture.nnlab', path: lecturePath, text: lecture } });
    expect(opened.title).toBe('lecture — NN Lab');
    for (const w of fake.windows) {
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(w.loadedFile).toBe('app://nnlab/index.html');
    }
    expect(fake.headerHooks).toHaveLength(1);
    // the menu lists the example (by its session title) and the file just opened
    const file = (fake.menus.at(-1) as { label: string; submenu: { label: string; submenu?: { label: string }[] }[] }[])[0];
    expect(file.submenu.find((i) => i.label === 'Open &Recent')!.submenu![0].label).toBe('lecture.nnlab');
    expect(file.submenu.find((i) => i.label === '&Examples')!.submenu![0].label).toBe('Lecture 6: three-node ReLU network (report 000)');
  });

  it('each page gets a trainer port that runs the real engine in the utility process', async () => {
    const wc = fake.windows[1].webContents;
    await until(() => wc.ports.length > 0, 'a trainer port');
    const r = rendererPort(wc);
    expect(r.info).toEqual({ generation: 0, restarted: null });
    r.port.postMessage({ v: 1, type: 'load', session: lecture });
    r.port.postMessage({ v: 1, type: 'step', unit: 'epoch' });
    const snap = await until(() => r.events.find((e): e is Snapshot => e.type === 'snapshot' && e.epoch === 1), 'epoch 1');
    expect(snap.params.weights[0][0][0]).toBeCloseTo(0.995, 14); // 1 − 0.005 · 1.0
    expect(snap.metrics.train.loss).toBeCloseTo(0.21399876, 12); // (2.4626 − 2)²
  });

  it('a page\'s job slots: one job-process.cjs each, up to the cores but one, serving the job protocol; close stops it', async () => {
    const wc = fake.windows[1].webContents;
    expect(await invoke(wc, 'nnlab:job-parallelism')).toBe(Math.max(1, os.availableParallelism() - 1));
    const forked = fake.children.length;
    send(wc, 'nnlab:job-open', 1);
    await until(() => wc.jobPorts.length > 0, 'a job port');
    const child = fake.children[forked];
    expect(path.basename(child.modulePath)).toBe('job-process.cjs');
    const { port, info } = wc.jobPorts[0];
    expect(info).toEqual({ slot: 1 });
    const events: { type?: string; index?: number; run?: { epochs_run: number } }[] = [];
    port.on('message', (e) => events.push(e));
    const experiment = JSON.parse(lecture).experiment;
    const point = { id: 'lr/0.25', label: 'lr = 0.25', overrides: { 'optimizer.lr': 0.25, epochs: 3 }, coords: [0], axisLabels: ['0.25'] };
    port.postMessage({ v: 1, type: 'runJob', job: { index: 0, point, experiment } });
    const done = await until(() => events.find((e) => e.type === 'jobDone'), 'the job done');
    expect(done).toMatchObject({ index: 0, run: { id: 'lr/0.25', epochs_run: 3 } });
    port.postMessage({ v: 1, type: 'runJob', job: { index: 1, point } });
    const refused = await until(() => events.find((e) => e.type === 'jobFailed'), 'the refusal');
    expect(refused).toMatchObject({ index: -1 });
    send(wc, 'nnlab:job-close', 1);
    expect(child.killed).toBe(true);
    port.close();
  });

  it('a crashed training process is replaced, the session reloaded, and the page told', async () => {
    const wc = fake.windows[1].webContents;
    const before = fake.children.length;
    const child = fake.childServing(wc)!;
    await child.worker.terminate(); // exit code 1, not asked for: a crash
    await until(() => wc.ports.length === 2, 'a new port');
    expect(fake.children.length).toBe(before + 1);
    const r = rendererPort(wc);
    expect(r.info).toEqual({ generation: 1, restarted: 'crashed' });
    const loaded = await until(() => r.events.find((e) => e.type === 'loaded'), 'the replayed load');
    expect(loaded).toMatchObject({ trainSize: 1 });
    // the preload turns `restarted` into this notice (preload-bridge.test.ts)
    expect(TRAINER_RESTART_NOTICE).toMatch(/restarted with the session as it was last opened/);
  });

  it('serves the pages from app://nnlab/ with the CSP as a header, and nothing outside dist', async () => {
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const serve = fake.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://nnlab/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    for (const url of ['app://nnlab/%2e%2e/docs/lecture.nnlab', 'app://nnlab/..%2fdocs%2flecture.nnlab', 'app://other/index.html', 'app://nnlab/missing.js']) {
      expect((await serve(new Request(url))).status, url).toBe(404);
    }
  });

  it('refuses IPC from other pages and from sub-frames', async () => {
    const wc = fake.windows[1].webContents;
    const handler = fake.handlers.get('nnlab:initial-document')!;
    expect(() => handler(eventFrom(wc, 'https://evil.example/index.html'))).toThrow(/refused/);
    expect(() => handler(eventFrom(wc, undefined, false))).toThrow(/refused/);
    expect(() => handler(eventFrom(wc, pathToFileURL(path.join(docs, 'index.html')).href))).toThrow(/refused/);
    // the app's own dist page, but from file:// rather than app://: not the app's page either
    expect(() => handler(eventFrom(wc, pathToFileURL(path.join(tmp, 'dist', 'index.html')).href))).toThrow(/refused/);
    fake.listeners.get('nnlab:set-title')!(eventFrom(wc, 'https://evil.example/'), 'pwned');
    expect(fake.windows[1].title).toBe('lecture — NN Lab');
  });

  it('saves in place only to the window’s own file; any other path goes through the dialog', async () => {
    const wc = fake.windows[1].webContents;
    send(wc, 'nnlab:set-title', 'Lecture 6');
    send(wc, 'nnlab:set-dirty', true);
    expect(fake.windows[1].title).toBe('● Lecture 6 (lecture.nnlab) — NN Lab');
    const edited = lecture.replace('"lr": 0.005', '"lr": 0.01');
    expect(await invoke(wc, 'nnlab:save-file', edited, 'lecture.nnlab', lecturePath)).toEqual({ name: 'lecture.nnlab', path: lecturePath });
    expect(readFileSync(lecturePath, 'utf8')).toBe(edited);

    const elsewhere = path.join(docs, 'copy');
    fake.dialogScript.save.push(elsewhere);
    const asksBefore = fake.asked.length;
    expect(await invoke(wc, 'nnlab:save-file', edited, 'x', '/etc/passwd')).toEqual({ name: 'copy.nnlab', path: `${elsewhere}.nnlab` });
    expect(fake.asked[asksBefore]).toMatchObject({ kind: 'save', options: { defaultPath: path.join(docs, 'x.nnlab') } });
    expect(existsSync('/etc/passwd') && readFileSync('/etc/passwd', 'utf8')).not.toBe(edited);
    send(wc, 'nnlab:set-dirty', false);
    expect(fake.windows[1].title).toBe('Lecture 6 (copy.nnlab) — NN Lab');
  });

  it('refuses to save text that is not a valid session, and says why', async () => {
    const wc = fake.windows[1].webContents;
    const target = path.join(docs, 'copy.nnlab');
    const before = readFileSync(target, 'utf8');
    expect(await invoke(wc, 'nnlab:save-file', '{"format":"nnlab","version":1}', 'copy.nnlab', target)).toBeNull();
    expect(fake.asked.at(-1)).toMatchObject({ kind: 'messageBox', options: { type: 'error', message: 'The session was not saved to “copy.nnlab”.' } });
    expect(readFileSync(target, 'utf8')).toBe(before);
  });

  it('keeps unsaved work in recovery/ and asks before closing; “Don’t Save” closes and drops it', async () => {
    const w = fake.windows[1];
    send(w.webContents, 'nnlab:set-dirty', true);
    send(w.webContents, 'nnlab:recovery-write', lecture);
    const recoveryDir = path.join(userData, 'recovery');
    await until(() => recoveryFiles(recoveryDir).length === 2, 'the recovery file of window 2');
    fake.dialogScript.messageBox.push(1); // "Don't Save"
    w.close();
    await until(() => w.destroyed, 'the window to close');
    expect(fake.asked.at(-1)).toMatchObject({ kind: 'messageBox', options: { message: 'Save the changes to “Lecture 6” before closing?' } });
    await until(() => recoveryFiles(recoveryDir).length === 1, 'its recovery file to go');
    // the recovered window's copy stays until that work is saved or discarded
    expect(recoveryFiles(recoveryDir)).toEqual(['crashed1.nnlab-recovery']);
  });

  it('“Cancel” keeps the window open', async () => {
    const w = fake.windows[0];
    fake.dialogScript.messageBox.push(2);
    w.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(w.destroyed).toBe(false);
  });

  it('a .nnlab file dropped on a window opens as a session; other navigation and window.open are denied', async () => {
    const wc = fake.windows[0].webContents;
    const dropped = path.join(docs, 'copy.nnlab');
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    const count = fake.windows.length;
    wc.emit('will-navigate', ev, pathToFileURL(dropped).href);
    await until(() => fake.windows.length === count + 1, 'a window for the dropped file');
    expect(await invoke(fake.windows.at(-1)!.webContents, 'nnlab:initial-document')).toMatchObject({ kind: 'file', file: { path: dropped } });
    wc.emit('will-navigate', ev, 'https://evil.example/');
    expect(prevented).toBe(2);
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'https://github.com/mariezz/visualize-nn-learning' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://github.com/mariezz/visualize-nn-learning']);
  });

  it('opening a file that is already open focuses its window; a bad file is refused with its messages', async () => {
    const count = fake.windows.length;
    // unpackaged, a second instance's argv is [electron, app path, ...files]
    fake.windows[0].focus();
    fake.app.emit('second-instance', {}, ['electron', 'main.cjs', path.join(docs, 'copy.nnlab')], docs);
    await until(() => fake.module.BrowserWindow.getFocusedWindow() === fake.windows.at(-1), 'the dropped file’s window to be focused');
    expect(fake.windows.length).toBe(count);
    const bad = path.join(docs, 'bad.nnlab');
    writeFileSync(bad, lecture.replace('"units": 1', '"units": 0'));
    fake.app.emit('second-instance', {}, ['electron', 'main.cjs', 'bad.nnlab'], docs);
    await until(() => (fake.asked.at(-1)?.options as { message?: string }).message === '“bad.nnlab” cannot be opened.', 'the refusal');
    expect((fake.asked.at(-1)!.options as { detail: string }).detail).toMatch(/^experiment\.network\.layers\[1\]\.units: expected an integer >= 1, got 0/);
    expect(fake.windows.length).toBe(count);
  });

  it('Save As asks before overwriting the file the name becomes once ".nnlab" is added; Cancel writes nothing and keeps the recovery copy', async () => {
    const w = fake.windows[0];
    const existing = path.join(docs, 'taken.nnlab');
    writeFileSync(existing, 'kept');
    fake.dialogScript.save.push(path.join(docs, 'taken')); // typed without the extension: the dialog saw no clash
    fake.dialogScript.messageBox.push(1); // "Cancel"
    expect(await invoke(w.webContents, 'nnlab:save-file', lecture, 'x.nnlab')).toBe(null);
    expect((fake.asked.at(-1)!.options as { message: string }).message).toBe('“taken.nnlab” already exists. Replace it?');
    expect(readFileSync(existing, 'utf8')).toBe('kept');
    // (Replace writes as any save does: the next test saves this window)
  });

  it('“Save” in the close question has the page save, then closes and drops the recovery copy', async () => {
    const w = fake.windows[0]; // the recovered, unsaved session
    expect(recoveryFiles(path.join(userData, 'recovery'))).toEqual(['crashed1.nnlab-recovery']);
    fake.dialogScript.messageBox.push(0); // "Save"
    w.close();
    await until(() => w.webContents.sent.some(([c, cmd]) => c === 'nnlab:menu' && cmd === 'save'), 'the menu command to the page');
    expect(w.destroyed).toBe(false);
    // the page answers with saveFile; the window has no file yet, so the dialog asks where
    const target = path.join(docs, 'XOR sweep.nnlab');
    fake.dialogScript.save.push(target);
    expect(await invoke(w.webContents, 'nnlab:save-file', lecture, 'XOR sweep.nnlab')).toEqual({ name: 'XOR sweep.nnlab', path: target });
    await until(() => w.destroyed, 'the window to close after the save');
    expect(readFileSync(target, 'utf8')).toBe(lecture);
    await until(() => recoveryFiles(path.join(userData, 'recovery')).length === 0, 'the recovery copy to go');
  });

  it('File ▸ New and Open… act in the focused window as the page’s own New and Open do; with no window, they open one', async () => {
    const w = fake.windows.filter((x) => !x.destroyed).at(-1)!; // the dropped copy.nnlab
    w.focus();
    const count = fake.windows.length;
    const asks = fake.asked.length;
    const fileMenu = () => (fake.menus.at(-1) as MenuItemConstructorOptions[])[0].submenu as MenuItemConstructorOptions[];
    const click = (label: string) => (fileMenu().find((i) => i.label?.replace(/&/g, '') === label)!.click as () => void)();
    click('New Session');
    click('Open…');
    // the page asks about unsaved changes and (for Open) calls openFile: main opens no dialog, no window
    expect(w.webContents.sent.filter(([c]) => c === 'nnlab:menu').map(([, cmd]) => cmd)).toEqual(['new', 'open']);
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.windows.length).toBe(count);
    expect(fake.asked.length).toBe(asks);
    // the page's New replaced the file's session: the window forgets the file
    expect(w.title).toBe('copy — NN Lab');
    send(w.webContents, 'nnlab:forget-file');
    expect(w.title).toBe('Untitled — NN Lab');
    // no window focused (the last one closed): New opens a window
    w.close();
    await until(() => w.destroyed, 'the window to close');
    expect(fake.module.BrowserWindow.getFocusedWindow()).toBeNull();
    click('New Session');
    await until(() => fake.windows.length === count + 1, 'a new window');
    expect(await invoke(fake.windows.at(-1)!.webContents, 'nnlab:initial-document')).toEqual({ kind: 'new' });
  });
});

function recoveryFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.nnlab-recovery')).sort();
  } catch {
    return [];
  }
}
