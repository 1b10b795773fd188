/**
 * Chooses the hosts once, at start-up: in the desktop app the preload script
 * has put `window.nnlab` there; in a plain browser there is none and the
 * trainer runs in a Web Worker.
 */
import type { FileHost, OpenedFile, TrainerHost } from './types';
import { ElectronFileHost, ElectronHost } from './electron-host';
import { WebFileHost } from './web-file-host';
import { WebWorkerHost } from './web-worker-host';

export interface Hosts {
  trainer: TrainerHost;
  files: FileHost & { initialFile(): Promise<OpenedFile | null> };
  kind: 'electron' | 'web';
}

export function createHosts(): Hosts {
  const api = window.nnlab;
  if (api) return { trainer: new ElectronHost(api), files: new ElectronFileHost(api), kind: 'electron' };
  return { trainer: new WebWorkerHost(), files: new WebFileHost(), kind: 'web' };
}

export type * from './types';
