/**
 * The contract between the desktop app's main process (src-main: its preload
 * API and the documents it opens) and the page (src-renderer/host): types
 * only, here so that both sides import them from src-core and neither from
 * the other.
 */

/** A file the user picked. */
export interface OpenedFile {
  /** the file name without folders, e.g. "lecture6.nnlab" */
  name: string;
  text: string;
  /** full path where the platform has one (Electron); lets Save write back in place */
  path?: string;
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
  /** what the window shows first: a new session, the file it was opened with, an example or recovered work */
  initialDocument(): Promise<InitialDocument>;
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

