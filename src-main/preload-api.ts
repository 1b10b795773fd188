/**
 * The one surface the renderer sees of Electron: `window.nnlab`, exposed by
 * the preload with contextBridge. Nothing else crosses (no ipcRenderer, no
 * Node, no MessagePort: the preload keeps the training process' port and
 * relays messages through postCommand/onEvent). The renderer's ElectronHost
 * codes against NnlabPreloadApi (src-renderer/host/types.ts), which NnlabApi
 * extends; the main process implements the IPC channels named in `Channel`.
 *
 * Types and constants only: imported by main, preload and renderer alike.
 */

/**
 * Commands the application menu sends to the focused window's renderer.
 * 'new' / 'open': the page's own New / Open (it asks about unsaved changes,
 * then, for 'open', calls nnlab.openFile()). 'save' / 'save-as': the renderer
 * answers with nnlab.saveFile(text, name, path) (for 'save-as' without a path,
 * so the dialog asks). 'shortcuts': show the keyboard-shortcut sheet.
 */

export const menuCommands: readonly MenuCommand[] = ['new', 'open', 'save', 'save-as', 'undo', 'redo', 'shortcuts'];

import type { InitialDocument, JobsPreloadApi, MenuCommand, NnlabPreloadApi, OpenedFile } from '../src-core/protocol/desktop';

export type { JobsPreloadApi, NnlabPreloadApi, OpenedFile };

// InitialDocument and MenuCommand are defined beside the renderer's side of this API.
export type { InitialDocument, MenuCommand };

/**
 * `window.nnlab`: the renderer's NnlabPreloadApi (src-renderer/host/types.ts),
 * plus what the desktop app adds. Semantics of the shared part:
 * - postCommand/onEvent: the trainer protocol, to and from this window's
 *   training utility process. When that process crashes or hangs it is
 *   restarted, the last `load` command is replayed to it, and onEvent gets an
 *   `error` event saying so (TRAINER_RESTART_NOTICE); commands sent meanwhile
 *   are queued.
 * - openFile(): the open dialog; the checked file comes back for this window
 *   (the renderer asks confirmDiscard first if it has changes). A file the
 *   parser refuses is shown with its messages in a dialog; resolves null.
 * - saveFile(text, name, path?): `path` is honoured only when it is this
 *   window's own file (opened or saved before); otherwise the save dialog
 *   asks. The text is checked with parseSession and written atomically.
 *   Errors are shown in a dialog; resolves null then, or when cancelled.
 * - confirmDiscard(message): a native Discard/Cancel question.
 * - setDirty: the title mark, macOS's document-edited dot, the question on close.
 * - forgetFile(): the page now shows a session without a file (New, an
 *   example): the window's file is forgotten (title, Save in place).
 */
export interface NnlabApi extends NnlabPreloadApi {
  /** 'darwin' | 'win32' | 'linux' …: shortcut labels, and which keys the menu binds (menu-keys.ts) */
  readonly platform: string;
  forgetFile(): void;
  /** What the window shows first: a new session, its file, an example or recovered work. */
  initialDocument(): Promise<InitialDocument>;
  /** The session's title, shown in the window title. */
  setTitle(title: string): void;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** sweeps' and Run all's job processes (supervisor-jobs.ts), relayed like the trainer's port */
  jobs: JobsPreloadApi;
  recovery: {
    /**
     * The current session text, kept in userData/recovery/ in case the app
     * dies. Call it whenever the session changed (it is cheap): the main
     * process writes at most every few seconds, the latest text wins.
     */
    write(text: string): void;
    /** The work was deliberately discarded: drop the recovery copy (a save does this by itself). */
    clear(): void;
  };
}

/** The event onEvent delivers after a restart of the training process. */
export const TRAINER_RESTART_NOTICE =
  'The training process stopped unexpectedly and was restarted with the session as it was last opened; training and edits since then were not restored.';

/** IPC channel names (renderer → main unless noted). */
export const Channel = {
  initialDocument: 'nnlab:initial-document',
  openFile: 'nnlab:open-file',
  saveFile: 'nnlab:save-file',
  confirmDiscard: 'nnlab:confirm-discard',
  setDirty: 'nnlab:set-dirty',
  forgetFile: 'nnlab:forget-file',
  setTitle: 'nnlab:set-title',
  recoveryWrite: 'nnlab:recovery-write',
  recoveryClear: 'nnlab:recovery-clear',
  /** main → renderer: a MenuCommand */
  menu: 'nnlab:menu',
  /** main → preload: the trainer MessagePort in event.ports[0], data {generation, restarted: null | reason} */
  trainerPort: 'nnlab:trainer-port',
  /** job processes (supervisor-jobs.ts): how many at once (invoke), open / close a slot (send, the slot number) */
  jobParallelism: 'nnlab:job-parallelism',
  jobOpen: 'nnlab:job-open',
  jobClose: 'nnlab:job-close',
  /** main → preload: a slot's job MessagePort in event.ports[0], data {slot} */
  jobPort: 'nnlab:job-port',
  /** main → preload: a slot's process is gone, args (slot, why) */
  jobExit: 'nnlab:job-exit',
} as const;
