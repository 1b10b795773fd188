/**
 * Runs a sweep's jobs on N workers (one per core), each one job at a time,
 * handing out the next job as soon as a worker finishes. Cancel terminates
 * the workers: runs already finished are kept, the others are dropped.
 * Pure: the caller supplies `spawn` (a Web Worker, an Electron utility
 * process, a node worker thread, or an in-process fake in tests).
 */
import type { SavedRun } from '../session/schema';
import { unpackRun, type JobMessage, type SweepJob } from './job';

export interface WorkerLike {
  postMessage(message: unknown): void;
  /** every message the worker posts */
  onMessage(listener: (message: unknown) => void): void;
  /** the worker died (crash, failed to start) */
  onError(listener: (message: string) => void): void;
  terminate(): void;
}

export interface PoolHandlers {
  progress?(index: number, epoch: number, epochs: number): void;
  done?(index: number, run: SavedRun, ms: number): void;
  failed?(index: number, errors: string[]): void;
}

export type PoolOutcome = 'finished' | 'cancelled';

export class SweepPool {
  private workers: WorkerLike[] = [];
  private finish: ((o: PoolOutcome) => void) | null = null;

  constructor(private readonly spawn: () => WorkerLike, readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`sweep: expected a worker count >= 1, got ${size}`);
  }

  get running(): boolean {
    return this.finish !== null;
  }

  /** Runs every job; resolves when all have finished or failed, or on cancel. */
  run(jobs: SweepJob[], h: PoolHandlers): Promise<PoolOutcome> {
    if (this.finish) throw new Error('sweep: already running');
    return new Promise((resolve) => {
      this.finish = (o) => {
        this.finish = null;
        for (const w of this.workers) w.terminate();
        this.workers = [];
        resolve(o);
      };
      if (jobs.length === 0) return this.finish('finished');
      let next = 0;
      let left = jobs.length;
      const settle = () => {
        left--;
        if (left === 0) this.finish?.('finished');
      };
      const give = (w: WorkerLike, busy: { job: SweepJob | null }) => {
        busy.job = next < jobs.length ? jobs[next++] : null;
        if (busy.job) w.postMessage({ type: 'run', job: busy.job });
      };
      const startWorker = () => {
        const w = this.spawn();
        const busy: { job: SweepJob | null } = { job: null };
        this.workers.push(w);
        w.onMessage((raw) => {
          const m = raw as JobMessage;
          if (!this.finish) return;
          if (m.type === 'progress') h.progress?.(m.index, m.epoch, m.epochs);
          else if (m.type === 'done' || m.type === 'failed') {
            if (m.type === 'done') h.done?.(m.index, unpackRun(m.run), m.ms);
            else h.failed?.(m.index, m.errors);
            if (m.index !== busy.job?.index) return; // a refused message, not the job's end
            give(w, busy);
            settle();
          }
        });
        w.onError((message) => {
          if (!this.finish) return;
          // the worker is gone and its job with it; a fresh worker takes the rest
          const job = busy.job;
          busy.job = null;
          this.workers = this.workers.filter((x) => x !== w);
          w.terminate();
          if (job) {
            h.failed?.(job.index, [`${job.point.label}: the sweep worker stopped: ${message}`]);
            settle();
          }
          if (this.running && next < jobs.length) startWorker();
        });
        give(w, busy);
      };
      for (let k = 0; k < Math.min(this.size, jobs.length); k++) startWorker();
    });
  }

  cancel(): void {
    this.finish?.('cancelled');
  }
}
