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

/**
 * Commands the desktop app's menu sends to the focused window's page
 * (src-main/menu.ts). 'new' and 'open' do what the page's own New and Open
 * do: ask before discarding unsaved changes, then replace the window's
 * session (with no window focused, the main process opens a new one instead).
 */
export type MenuCommand = 'new' | 'open' | 'save' | 'save-as' | 'undo' | 'redo' | 'shortcuts';

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
  /** 'darwin' | 'win32' | 'linux' …: which menu accelerators the page leaves to the menu (menu-keys.ts) */
  readonly platform?: string;
  /** Posts a protocol command to the training utility process. */
  postCommand(message: unknown): void;
  /** Receives every protocol event from the utility process; returns unsubscribe. */
  onEvent(listener: (message: unknown) => void): () => void;
  openFile(): Promise<OpenedFile | null>;
  saveFile(text: string, suggestedName: string, path?: string): Promise<{ name: string; path?: string } | null>;
  confirmDiscard(message: string): Promise<boolean>;
  setDirty(dirty: boolean): void;
  /**
   * The page replaced its session with one that has no file (New, an
   * example): the window forgets the file it had (its title, Save in place,
   * "already open" no longer name it).
   */
  forgetFile?(): void;
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
  /** (added later) sweeps' and Run all's job processes, under main's supervisor */
  jobs?: JobsPreloadApi;
}

/**
 * The job processes of one window (src-main/supervisor-jobs.ts): the page
 * picks a slot number per job worker; main forks a utility process for it,
 * watches it (heartbeat, exit) and says when it is gone. Messages are the job
 * protocol (src-core/protocol/job-messages.ts), validated at each end.
 */
export interface JobsPreloadApi {
  /** how many job processes to run at once: os.availableParallelism() − 1, at least 1 */
  parallelism(): Promise<number>;
  /** starts a job process for `slot`; messages posted before it is up are queued */
  open(slot: number): void;
  post(slot: number, message: unknown): void;
  /** stops the slot's process (cancel, or the pool is done with it) */
  close(slot: number): void;
  /** every message a job process sends, with its slot; returns unsubscribe */
  onMessage(listener: (slot: number, message: unknown) => void): () => void;
  /** the slot's process died (crashed, hung, failed to start, refused), with why; returns unsubscribe */
  onExit(listener: (slot: number, why: string) => void): () => void;
}

