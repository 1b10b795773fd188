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
}

declare global {
  interface Window {
    nnlab?: NnlabPreloadApi;
  }
}
