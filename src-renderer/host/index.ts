/**
 * Chooses the hosts once, at start-up: in the desktop app the preload script
 * has put `window.nnlab` there; in a plain browser there is none and the
 * trainer runs in a Web Worker.
 */
import type { FileHost, JobHost, ShellHost, TrainerHost } from './types';
import { ElectronJobHost, WebJobHost } from './jobs';
import { ElectronFileHost, ElectronHost, ElectronShellHost } from './electron-host';
import { WebFileHost, WebShellHost } from './web-file-host';
import { WebWorkerHost } from './web-worker-host';

export interface Hosts {
  trainer: TrainerHost;
  files: FileHost;
  shell: ShellHost;
  /** sweeps and Run all */
  jobs: JobHost;
  kind: 'electron' | 'web';
}

export function createHosts(): Hosts {
  const api = window.nnlab;
  if (api) return { trainer: new ElectronHost(api), files: new ElectronFileHost(api), shell: new ElectronShellHost(api), jobs: api.jobs ? new ElectronJobHost(api.jobs) : new WebJobHost(), kind: 'electron' };
  const trainer = new WebWorkerHost();
  // the e2e tests' hook: kill the worker as a browser would (the page restarts it and says what was lost)
  (window as unknown as { nnlabTest?: object }).nnlabTest = { killTrainer: () => trainer.killForTest() };
  return { trainer, files: new WebFileHost(), shell: new WebShellHost(), jobs: new WebJobHost(), kind: 'web' };
}

export type * from './types';
