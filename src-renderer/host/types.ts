/**
 * What the renderer needs from its environment, in two small interfaces.
 * The renderer never asks whether it runs in Electron or a browser: the host
 * objects are chosen once at start-up (src-renderer/host/index.ts):
 *
 *   window.nnlab ? ElectronHost (src-main's preload API) : WebWorkerHost + WebFileHost
 *
 * Both trainer hosts run the same `TrainerService` (src-core/protocol) and
 * speak the protocol in src-core/protocol/messages.ts.
 */
import type { CommandBody, HostEvent } from '../../src-core/protocol/messages';
import type { InitialDocument, MenuCommand, NnlabPreloadApi, OpenedFile } from '../../src-core/protocol/desktop';
import type { KeyPress } from '../../src-core/protocol/menu-keys';
import type { WorkerLike } from '../../src-core/sweep/pool';

export type { CommandBody, HostEvent, InitialDocument, KeyPress, MenuCommand, NnlabPreloadApi, OpenedFile };

/** A running trainer somewhere off the UI thread. */
export interface TrainerHost {
  /** Sends a command; the envelope (`v: 1`) is added by the host. */
  send(command: CommandBody): void;
  /**
   * Calls `listener` with every event, already validated (an invalid event
   * from the other side arrives as an `error` event). Returns unsubscribe.
   */
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Stops the trainer (terminates the worker / closes the port). */
  dispose(): void;
}

/**
 * Where sweeps and "Run all" train their runs (host/jobs.ts): job workers
 * off the UI thread, each running one job at a time (src-core/sweep/pool.ts).
 */
export interface JobHost {
  /** how many job workers to run at once (one per core but the trainer's, at least 1) */
  parallelism(): Promise<number>;
  /** a new job worker: a Web Worker, or a utility process under the desktop app's supervisor */
  spawn(): WorkerLike;
}

/** Opening, saving and "discard unsaved changes?" — the platform's dialogs. */
export interface FileHost {
  /** Asks the user for a session file; null when they cancel. */
  open(): Promise<OpenedFile | null>;
  /**
   * Saves `text`. `suggestedName` is the file name to offer ("lecture6.nnlab");
   * `path` writes back to an opened file without asking where (Electron).
   * Resolves to where it went (name, path) or null when the user cancelled.
   */
  save(text: string, suggestedName: string, path?: string): Promise<{ name: string; path?: string } | null>;
  /** true when the user agrees to lose unsaved changes (asked only when there are some). */
  confirmDiscard(message: string): Promise<boolean>;
  /**
   * Tells the platform whether there are unsaved changes, so closing the
   * window/tab asks first (web: beforeunload; Electron: the main process' close handler).
   */
  setDirty(dirty: boolean): void;
  /** The session now shown has no file (New, an example): the platform forgets the old one (Electron: the window's file). */
  forgetFile(): void;
}

/**
 * The rest of the platform around one session window: its title, the
 * application menu, the crash-recovery copy, and what to open at start-up.
 * The desktop app implements all of it; a browser tab has only a title.
 */
export interface ShellHost {
  /** whether recoveryWrite keeps anything (a browser tab keeps no recovery copy) */
  readonly keepsRecovery: boolean;
  setTitle(title: string): void;
  /** Subscribes to menu commands (none in a browser); returns unsubscribe. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /**
   * Whether the application menu binds this key (its accelerator): then the
   * page's keydown handler leaves it to the menu, so no shortcut is bound
   * twice. Always false in a browser, where the page's handler owns them all.
   */
  menuBindsKey(press: KeyPress): boolean;
  /** Keeps the current session text in case the app dies (the platform throttles the writes). */
  recoveryWrite(text: string): void;
  /** The work was deliberately discarded: drop the recovery copy. */
  recoveryClear(): void;
  initialDocument(): Promise<InitialDocument>;
}

declare global {
  interface Window {
    nnlab?: NnlabPreloadApi;
  }
}
