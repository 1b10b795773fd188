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

export type { CommandBody, HostEvent };

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

/** A file the user picked. */
export interface OpenedFile {
  /** the file name without folders, e.g. "lecture6.nnlab" */
  name: string;
  text: string;
  /** full path where the platform has one (Electron); lets Save write back in place */
  path?: string;
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
}

/** Commands the desktop app's menu sends to the page (src-main/menu.ts). */
export type MenuCommand = 'save' | 'save-as' | 'undo' | 'redo' | 'shortcuts';

/** What a window shows when it opens. */
export type InitialDocument =
  /** nothing given: the renderer makes its default session */
  | { kind: 'new' }
  /** a session file, already checked with parseSession by the main process */
  | { kind: 'file'; file: OpenedFile & { path: string } }
  /** an example, opened as an untitled copy (no path: Save asks where) */
  | { kind: 'example'; file: OpenedFile }
  /** unsaved work recovered after a crash: shown as changed; `file.path` is the file it belongs to, if any */
  | { kind: 'recovered'; file: OpenedFile; title: string; savedAt: string };

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
  /** Keeps the current session text in case the app dies (the platform throttles the writes). */
  recoveryWrite(text: string): void;
  /** The work was deliberately discarded: drop the recovery copy. */
  recoveryClear(): void;
  initialDocument(): Promise<InitialDocument>;
}

/**
 * The preload API Electron exposes as `window.nnlab` (contextBridge). The
 * Electron engineer implements it in src-main/preload; the renderer wraps it
 * into a TrainerHost and a FileHost.
 */
export interface NnlabPreloadApi {
  /** Posts a protocol command to the training utility process. */
  postCommand(message: unknown): void;
  /** Receives every protocol event from the utility process; returns unsubscribe. */
  onEvent(listener: (message: unknown) => void): () => void;
  openFile(): Promise<OpenedFile | null>;
  saveFile(text: string, suggestedName: string, path?: string): Promise<{ name: string; path?: string } | null>;
  confirmDiscard(message: string): Promise<boolean>;
  setDirty(dirty: boolean): void;
  /** a file the app was started with (double-click on a .nnlab), if any */
  initialFile?(): Promise<OpenedFile | null>;
  /** like initialFile, and says whether it is an example or recovered work */
  initialDocument?(): Promise<InitialDocument>;
  /** the session's title, for the window title */
  setTitle?(title: string): void;
  /** menu commands for this window; returns unsubscribe */
  onMenu?(listener: (command: MenuCommand) => void): () => void;
  recovery?: { write(text: string): void; clear(): void };
  /**
   * The training process was replaced (main replayed the last load to it);
   * with a listener, the page restores the rest itself and says what was lost
   * (journal.ts) instead of the generic notice event. Returns unsubscribe.
   */
  onTrainerRestart?(listener: (reason: 'crashed' | 'hung') => void): () => void;
}

declare global {
  interface Window {
    nnlab?: NnlabPreloadApi;
  }
}
