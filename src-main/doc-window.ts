/**
 * One window = one session: its BrowserWindow, its training process (under a
 * TrainerSupervisor), its recovery file, its title and its close question.
 * Thin Electron glue; the rules live in title.ts, supervisor.ts, recovery.ts.
 */
import { BrowserWindow, MessageChannelMain, dialog, utilityProcess, type MessagePortMain } from 'electron';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Channel, type InitialDocument, type MenuCommand } from './preload-api';
import { RecoveryWriter, type RecoveryStore } from './recovery';
import { TrainerSupervisor, type ChildHandle, type ParentMessage } from './supervisor';
import { JobSupervisor } from './supervisor-jobs';
import { jobWorkerCount } from '../src-core/sweep/pool';
import { closeQuestion, windowTitle, type DocState } from './title';
import { APP_INDEX_URL } from './security';

export interface AppPaths {
  distDir: string;
  preload: string;
  trainerProcess: string;
  /** the job processes' bundle (sweeps, Run all) */
  jobProcess: string;
  /** folder with the mnist package's digit files (0.json … 9.json), for MNIST sessions */
  mnistDigits?: string;
  icon?: string;
}

/** Recovery copies are written at most this often while a window has unsaved changes. */
export const RECOVERY_INTERVAL_MS = 3000;

export class DocWindow {
  readonly win: BrowserWindow;
  readonly doc: DocState;
  initial: InitialDocument;
  readonly recovery: RecoveryWriter;
  readonly trainer: TrainerSupervisor<MessagePortMain>;
  /** sweeps' and Run all's job processes */
  readonly jobs: JobSupervisor<MessagePortMain>;
  /** set once the user answered the close question (or there was nothing to ask) */
  private closeConfirmed = false;
  /**
   * When "Save" was chosen in the close question: the window closes when that
   * save succeeds. It expires, so a renderer that never answered cannot make a
   * much later save close the window by surprise.
   */
  private closeAfterSaveSince: number | null = null;
  /** counts recovery writes, so a save only drops the recovery copy if nothing changed meanwhile */
  recoveryWrites = 0;

  constructor(
    private readonly paths: AppPaths,
    initial: InitialDocument,
    store: RecoveryStore,
    private readonly hooks: { onClosed(w: DocWindow): void; onCloseAnswered(answer: 'save' | 'discard' | 'cancel'): void },
    recoveryId: string = randomUUID().replace(/-/g, ''),
  ) {
    this.initial = initial;
    this.doc = { path: null, title: '', dirty: false, hasContent: false };
    this.applyInitial(initial);
    this.recovery = new RecoveryWriter(store, recoveryId, { intervalMs: RECOVERY_INTERVAL_MS, onError: (e) => console.error('recovery write failed:', e) });

    this.win = new BrowserWindow({
      width: 1360,
      height: 900,
      minWidth: 800,
      minHeight: 560,
      show: false,
      title: windowTitle(this.doc),
      icon: paths.icon,
      backgroundColor: '#ffffff',
      webPreferences: {
        preload: paths.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
      },
    });
    this.win.once('ready-to-show', () => this.win.show());
    this.trainer = new TrainerSupervisor<MessagePortMain>({
      fork: () => forkProcess(paths.trainerProcess, 'NN Lab training', paths.mnistDigits),
      createChannel: () => new MessageChannelMain(),
      sendPortToRenderer: (port, info) => {
        if (!this.win.isDestroyed()) this.win.webContents.postMessage(Channel.trainerPort, info, [port]);
      },
      clock: { now: () => Date.now(), setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
      log: (line) => console.warn(`[window ${this.win.id}] ${line}`),
    });
    this.jobs = new JobSupervisor<MessagePortMain>({
      fork: () => forkProcess(paths.jobProcess, 'NN Lab job', paths.mnistDigits),
      createChannel: () => new MessageChannelMain(),
      sendPortToRenderer: (port, slot) => {
        if (!this.win.isDestroyed()) this.win.webContents.postMessage(Channel.jobPort, { slot }, [port]);
      },
      sendExitToRenderer: (slot, why) => {
        if (!this.win.isDestroyed()) this.win.webContents.send(Channel.jobExit, slot, why);
      },
      maxProcesses: jobWorkerCount(availableParallelism()),
      clock: { now: () => Date.now(), setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
      log: (line) => console.warn(`[window ${this.win.id}] ${line}`),
    });
    // Every (re)load of the page gets a port: the first starts the process, later ones reconnect to it.
    this.win.webContents.on('did-finish-load', () => {
      // a reloaded page has forgotten its job slots
      this.jobs.closeAll();
      if (this.trainer.running || this.trainer.currentGeneration >= 0) this.trainer.reconnect();
      else this.trainer.start();
    });
    this.win.on('close', (e) => this.onClose(e));
    this.win.on('closed', () => {
      this.trainer.dispose();
      this.jobs.dispose();
      // A window closes with unsaved work only after "Don't Save" (or a save): the copy is not needed.
      void this.recovery.clear();
      this.hooks.onClosed(this);
    });
    this.updateTitle();
    // app://nnlab/ serves paths.distDir (main.ts, security.ts)
    void this.win.loadURL(APP_INDEX_URL);
  }

  private applyInitial(initial: InitialDocument): void {
    this.doc.path = initial.kind === 'file' ? initial.file.path : initial.kind === 'recovered' ? (initial.file.path ?? null) : null;
    this.doc.hasContent = initial.kind !== 'new';
    this.doc.dirty = initial.kind === 'recovered';
    this.doc.title = initial.kind === 'recovered' ? initial.title : '';
  }

  /** Shows another document in this (untitled, empty) window: the page reloads and asks again. */
  replaceWith(initial: InitialDocument): void {
    this.initial = initial;
    this.applyInitial(initial);
    this.updateTitle();
    this.win.webContents.reload();
  }

  /** A save finished (ok or not): close now if the close question asked for it. */
  saveFinished(ok: boolean): void {
    const asked = this.closeAfterSaveSince;
    this.closeAfterSaveSince = null;
    if (ok && asked !== null && Date.now() - asked < 10 * 60_000) this.closeNow();
  }

  sendMenu(command: MenuCommand): void {
    if (!this.win.isDestroyed()) this.win.webContents.send(Channel.menu, command);
  }

  setDirty(dirty: boolean): void {
    this.doc.dirty = dirty;
    if (dirty) this.doc.hasContent = true;
    this.updateTitle();
  }

  /** The page replaced its session with one without a file (New, an example, from its own buttons or the menu). */
  forgetFile(): void {
    this.doc.path = null;
    this.doc.hasContent = true;
    this.updateTitle();
  }

  setTitle(title: string): void {
    this.doc.title = title.slice(0, 200);
    this.updateTitle();
  }

  updateTitle(): void {
    if (this.win.isDestroyed()) return;
    this.win.setTitle(windowTitle(this.doc));
    if (process.platform === 'darwin') {
      this.win.setDocumentEdited(this.doc.dirty);
      this.win.setRepresentedFilename(this.doc.path ?? '');
    }
  }

  /** The user chose "Don't Save" in the renderer's own flow, or a save succeeded: close without asking. */
  closeNow(): void {
    this.closeConfirmed = true;
    if (!this.win.isDestroyed()) this.win.close();
  }

  private onClose(e: Electron.Event): void {
    if (this.closeConfirmed || !this.doc.dirty) return;
    e.preventDefault();
    const q = closeQuestion(this.doc);
    void dialog
      .showMessageBox(this.win, { type: 'warning', message: q.message, detail: q.detail, buttons: q.buttons, defaultId: 0, cancelId: 2, noLink: true })
      .then(({ response }) => {
        const answer = response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
        this.hooks.onCloseAnswered(answer);
        if (answer === 'save') {
          // The renderer holds the session: ask it to save; main closes the window when saveFile succeeds.
          this.closeAfterSaveSince = Date.now();
          this.sendMenu('save');
        } else if (answer === 'discard') {
          this.closeNow();
        }
      });
  }
}

/** utilityProcess.fork (the trainer's or a job's), seen through the supervisors' small interface. */
function forkProcess(modulePath: string, serviceName: string, mnistDigits?: string): ChildHandle<MessagePortMain> {
  const args = mnistDigits ? ['--mnist-digits', mnistDigits] : [];
  const child = utilityProcess.fork(modulePath, args, { serviceName, stdio: 'inherit' });
  return {
    postMessage: (message: ParentMessage, transfer?: MessagePortMain[]) => child.postMessage(message, transfer),
    kill: () => child.kill(),
    on: ((event: 'exit' | 'message', listener: (arg: never) => void) => child.on(event as 'exit', listener as (code: number) => void)) as ChildHandle<MessagePortMain>['on'],
  };
}
