/**
 * The JobHost of each platform: where sweeps and "Run all" train their runs,
 * one worker per core, off the UI thread. The pool on top (src-core/sweep/pool.ts)
 * validates every message the workers send and fails a job whose worker dies.
 *
 *   browser: a module Web Worker per job worker (job.worker.ts)
 *   desktop: an Electron utility process per job worker, started and watched
 *            by main's JobSupervisor (src-main/supervisor-jobs.ts) and reached
 *            through the preload's `nnlab.jobs` relay
 */
import { jobWorkerCount, type WorkerLike } from '../../src-core/sweep/pool';
import type { JobsPreloadApi } from '../../src-core/protocol/desktop';
import type { JobHost } from './types';

export class WebJobHost implements JobHost {
  constructor(private readonly create: () => Worker = defaultJobWorker) {}

  async parallelism(): Promise<number> {
    return jobWorkerCount(navigator.hardwareConcurrency || 2, 16);
  }

  spawn(): WorkerLike {
    const w = this.create();
    return {
      postMessage: (m) => w.postMessage(m),
      onMessage: (l) => w.addEventListener('message', (e: MessageEvent) => l(e.data)),
      onError: (l) => {
        w.addEventListener('error', (e: ErrorEvent) => {
          e.preventDefault();
          l(e.message || 'the worker failed to start');
        });
        w.addEventListener('messageerror', () => l('a message from it could not be read'));
      },
      terminate: () => w.terminate(),
    };
  }
}

function defaultJobWorker(): Worker {
  return new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-job' });
}

/** The desktop app's: each worker is a slot of main's JobSupervisor, its messages relayed by the preload. */
export class ElectronJobHost implements JobHost {
  private nextSlot = 1;
  private readonly onMessage = new Map<number, (m: unknown) => void>();
  private readonly onExit = new Map<number, (why: string) => void>();

  constructor(private readonly api: JobsPreloadApi) {
    api.onMessage((slot, m) => this.onMessage.get(slot)?.(m));
    api.onExit((slot, why) => this.onExit.get(slot)?.(why));
  }

  parallelism(): Promise<number> {
    return this.api.parallelism();
  }

  spawn(): WorkerLike {
    const slot = this.nextSlot++;
    this.api.open(slot);
    return {
      postMessage: (m) => this.api.post(slot, m),
      onMessage: (l) => void this.onMessage.set(slot, l),
      onError: (l) => void this.onExit.set(slot, l),
      terminate: () => {
        this.onMessage.delete(slot);
        this.onExit.delete(slot);
        this.api.close(slot);
      },
    };
  }
}
