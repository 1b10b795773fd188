/**
 * Just enough of Electron's main-process API, in plain Node, to run the real
 * bundled dist-electron/main.cjs in a test: windows and webContents as event
 * emitters, ipcMain as a table of handlers the test calls with a chosen
 * sender, scripted dialogs, and utilityProcess.fork running the real bundled
 * trainer-process.cjs in a worker thread (Node MessagePorts stand in for
 * MessagePortMain). What it cannot show: Chromium, the sandbox, real dialogs.
 */
import { EventEmitter } from 'node:events';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ChildHandle, ParentMessage } from '../supervisor';

/** Runs the bundled trainer process with an Electron-shaped process.parentPort. */
export const TRAINER_BOOTSTRAP = `
const { parentPort: up, workerData } = require('node:worker_threads');
const { EventEmitter } = require('node:events');
function asMain(port) {
  const ee = new EventEmitter();
  port.on('message', (data) => ee.emit('message', { data, ports: [] }));
  return { on: (ev, l) => { ee.on(ev, l); }, postMessage: (m) => port.postMessage(m), start() {}, close: () => port.close() };
}
const pp = new EventEmitter();
pp.postMessage = (m) => up.postMessage(m);
up.on('message', (m) => pp.emit('message', { data: m.data, ports: (m.ports || []).map(asMain) }));
process.parentPort = pp;
require(workerData.bundle);
`;

/**
 * A worker thread running a bundled process (TRAINER_BOOTSTRAP) as the
 * supervisors' ChildHandle: messages and ports as a utility process gets them.
 */
export function workerChild(w: Worker): ChildHandle<MessagePort> {
  return {
    postMessage: (message: ParentMessage, transfer: MessagePort[] = []) => w.postMessage({ data: message, ports: transfer }, transfer),
    kill: () => (void w.terminate(), true),
    on: ((event: 'exit' | 'message', listener: (arg: never) => void) => w.on(event, listener as (...args: unknown[]) => void)) as ChildHandle<MessagePort>['on'],
  };
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  sent: unknown[][] = [];
  /** ports main handed to this page (the preload's end of each trainer channel), with their info */
  ports: { info: unknown; port: MessagePort }[] = [];
  /** job ports main handed to this page ({slot} and the page's end of each slot's channel) */
  jobPorts: { info: unknown; port: MessagePort }[] = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  reloads = 0;
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  postMessage(channel: string, info: unknown, transfer: MessagePort[]) {
    if (channel === 'nnlab:trainer-port') for (const port of transfer) this.ports.push({ info, port });
    if (channel === 'nnlab:job-port') for (const port of transfer) this.jobPorts.push({ info, port });
  }
  reload() {
    this.reloads++;
    setImmediate(() => this.emit('did-finish-load'));
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
}

export function createFakeElectron(opts: { paths: Record<string, string>; trainerBundle: string }) {
  const app = Object.assign(new EventEmitter(), {
    readyResolve: null as null | (() => void),
    quitCalls: 0,
    recentDocs: [] as string[],
    isPackaged: false,
    setName() {},
    setPath(name: string, p: string) {
      opts.paths[name] = p;
    },
    getPath(name: string) {
      const p = opts.paths[name];
      if (!p) throw new Error(`fake app.getPath: no path for ${name}`);
      return p;
    },
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => true,
    whenReady() {
      return new Promise<void>((resolve) => (app.readyResolve = resolve));
    },
    quit() {
      app.quitCalls++;
    },
    addRecentDocument(p: string) {
      app.recentDocs.push(p);
    },
    clearRecentDocuments() {
      app.recentDocs = [];
    },
  });

  let focused: FakeBrowserWindow | null = null;
  const all: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends EventEmitter {
    static nextId = 1;
    readonly id = FakeBrowserWindow.nextId++;
    readonly webContents = new FakeWebContents();
    title = '';
    documentEdited = false;
    destroyed = false;
    loadedFile = '';
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      all.push(this);
      focused = this;
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getFocusedWindow() {
      return focused && !focused.destroyed ? focused : null;
    }
    static getAllWindows() {
      return all.filter((w) => !w.destroyed);
    }
    async loadURL(url: string) {
      this.loadedFile = url;
      this.webContents.url = url;
      setImmediate(() => {
        this.emit('ready-to-show');
        this.webContents.emit('did-finish-load');
      });
    }
    async loadFile(file: string) {
      this.loadedFile = file;
      this.webContents.url = `file://${file}`;
      setImmediate(() => {
        this.emit('ready-to-show');
        this.webContents.emit('did-finish-load');
      });
    }
    show() {}
    focus() {
      focused = this;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    setTitle(t: string) {
      this.title = t;
    }
    getTitle() {
      return this.title;
    }
    setDocumentEdited(e: boolean) {
      this.documentEdited = e;
    }
    setRepresentedFilename() {}
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      if (this.destroyed) return;
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      if (focused === this) focused = null;
      this.emit('closed');
    }
  }

  type Handler = (event: unknown, ...args: unknown[]) => unknown;
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
    on: (channel: string, fn: Handler) => void listeners.set(channel, fn),
  };

  /** Answers for the next dialogs, in order; each records what it was asked. */
  const dialogScript = { messageBox: [] as number[], open: [] as string[][], save: [] as (string | null)[] };
  const asked: { kind: string; options: unknown }[] = [];
  const dialog = {
    showMessageBox: async (...a: unknown[]) => {
      asked.push({ kind: 'messageBox', options: a.at(-1) });
      return { response: dialogScript.messageBox.shift() ?? 0 };
    },
    showOpenDialog: async (...a: unknown[]) => {
      asked.push({ kind: 'open', options: a.at(-1) });
      const files = dialogScript.open.shift();
      return { canceled: !files, filePaths: files ?? [] };
    },
    showSaveDialog: async (...a: unknown[]) => {
      asked.push({ kind: 'save', options: a.at(-1) });
      const file = dialogScript.save.shift() ?? null;
      return { canceled: file === null, filePath: file ?? undefined };
    },
  };

  const menus: unknown[] = [];
  const Menu = { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void menus.push(m) };
  const headerHooks: unknown[] = [];
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: (filter: unknown, fn: unknown) => void headerHooks.push({ filter, fn }) },
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
    },
  };
  const opened: string[] = [];
  const shell = { openExternal: async (url: string) => void opened.push(url) };

  /**
   * Each fork is a worker running the real trainer bundle (the job bundle when
   * main forks job-process.cjs); terminate() is a crash (exit code 1).
   */
  const children: (EventEmitter & { modulePath: string; worker: Worker; killed: boolean; connected: MessagePort[] })[] = [];
  /** port2 (the page's end) → port1 (the process' end), to find which process serves a page */
  const peer = new Map<MessagePort, MessagePort>();
  class FakeMessageChannelMain {
    readonly port1: MessagePort;
    readonly port2: MessagePort;
    constructor() {
      const c = new MessageChannel();
      this.port1 = c.port1;
      this.port2 = c.port2;
      peer.set(c.port2, c.port1);
    }
  }
  const childServing = (wc: FakeWebContents) => {
    const last = wc.ports.at(-1);
    return last ? children.find((c) => c.connected.includes(peer.get(last.port)!)) : undefined;
  };
  const utilityProcess = {
    fork(modulePath?: string) {
      const bundle = modulePath && /job-process\.cjs$/.test(modulePath) ? modulePath : opts.trainerBundle;
      const worker = new Worker(TRAINER_BOOTSTRAP, { eval: true, workerData: { bundle } });
      const child = Object.assign(new EventEmitter(), {
        modulePath: bundle,
        worker,
        killed: false,
        connected: [] as MessagePort[],
        postMessage(data: unknown, transfer: MessagePort[] = []) {
          if ((data as { type?: string }).type === 'nnlab:connect') child.connected.push(...transfer);
          worker.postMessage({ data, ports: transfer }, transfer);
        },
        kill() {
          child.killed = true;
          void worker.terminate();
          return true;
        },
      });
      worker.on('message', (m) => child.emit('message', m));
      worker.on('exit', (code) => child.emit('exit', child.killed ? 0 : code));
      children.push(child);
      return child;
    },
  };

  /** protocol: the schemes registered as privileged, and each scheme's handler (a test calls it with a Request) */
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => void privilegedSchemes.push(...schemes),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => void protocolHandlers.set(scheme, fn),
  };

  return {
    module: { app, BrowserWindow: FakeBrowserWindow, ipcMain, dialog, Menu, session, shell, utilityProcess, protocol, MessageChannelMain: FakeMessageChannelMain },
    privilegedSchemes,
    protocolHandlers,
    app,
    windows: all,
    handlers,
    listeners,
    dialogScript,
    asked,
    menus,
    headerHooks,
    opened,
    children,
    childServing,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
