/**
 * The logic of the preload, apart from Electron so it can be tested in Node:
 * builds the `window.nnlab` object from an ipcRenderer-like object, and
 * relays the trainer protocol over the MessagePort the main process sends
 * (a new one after every restart of the training process).
 *
 * Bundled into the sandboxed preload: no Node imports here.
 */
import { Channel, TRAINER_RESTART_NOTICE, menuCommands } from './preload-api';
import type { InitialDocument, MenuCommand, NnlabApi, OpenedFile } from './preload-api';
import { createJobsApi } from './preload-jobs';

/** The DOM MessagePort as the preload uses it (Node's worker_threads port fits too). */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { ports: readonly PortLike[] }, ...args: unknown[]) => void): void;
}

/** What main sends along with each trainer port. */
export interface TrainerPortInfo {
  generation: number;
  restarted: null | 'crashed' | 'hung';
}

/** Commands queued while no port is there (start-up, restart) are bounded: a stuck UI must not grow memory. */
const MAX_QUEUED = 1000;

export function createNnlabApi(ipc: IpcLike, platform: string): NnlabApi {
  let port: PortLike | null = null;
  const queue: unknown[] = [];
  const eventListeners = new Set<(message: unknown) => void>();
  const menuListeners = new Set<(command: MenuCommand) => void>();
  const restartListeners = new Set<(reason: 'crashed' | 'hung') => void>();

  const emit = (message: unknown) => {
    for (const l of eventListeners) l(message);
  };

  ipc.on(Channel.trainerPort, (event, info) => {
    const next = event.ports[0];
    if (!next) return;
    port?.close();
    port = next;
    port.addEventListener('message', (e) => emit(e.data));
    port.start();
    const restarted = (info as TrainerPortInfo | undefined)?.restarted;
    // The new process has already been given the last session (replayed by main). A page that
    // restores the rest itself (onTrainerRestart) is told; else the user gets the generic notice.
    for (const msg of queue.splice(0)) port.postMessage(msg);
    if (restarted && restartListeners.size) for (const l of restartListeners) l(restarted);
    else if (restarted) emit({ v: 1, type: 'error', message: TRAINER_RESTART_NOTICE });
  });

  ipc.on(Channel.menu, (_event, command) => {
    if (typeof command !== 'string' || !menuCommands.includes(command as MenuCommand)) return;
    for (const l of menuListeners) l(command as MenuCommand);
  });

  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };

  return {
    platform,
    postCommand(message) {
      if (port) port.postMessage(message);
      else if (queue.length < MAX_QUEUED) queue.push(message);
    },
    onEvent: (listener) => subscribe(eventListeners, listener),
    openFile: () => ipc.invoke(Channel.openFile) as Promise<OpenedFile | null>,
    saveFile: (text, suggestedName, path) =>
      ipc.invoke(Channel.saveFile, String(text), String(suggestedName), path === undefined ? undefined : String(path)) as Promise<{
        name: string;
        path?: string;
      } | null>,
    confirmDiscard: (message) => ipc.invoke(Channel.confirmDiscard, String(message)) as Promise<boolean>,
    setDirty: (dirty) => ipc.send(Channel.setDirty, dirty === true),
    forgetFile: () => ipc.send(Channel.forgetFile),
    setTitle: (title) => ipc.send(Channel.setTitle, String(title)),
    initialDocument: () => ipc.invoke(Channel.initialDocument) as Promise<InitialDocument>,
    onMenu: (listener) => subscribe(menuListeners, listener),
    onTrainerRestart: (listener) => subscribe(restartListeners, listener),
    jobs: createJobsApi(ipc),
    recovery: {
      write: (text) => ipc.send(Channel.recoveryWrite, String(text)),
      clear: () => ipc.send(Channel.recoveryClear),
    },
  };
}
