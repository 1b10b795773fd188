/**
 * Runs jobs (a sweep's points, "Run all"'s runs) on N workers, each one job
 * at a time, handing out the next job as soon as a worker finishes. Every
 * message a worker sends is validated (protocol/job-messages.ts); one that
 * does not fit, or a worker that dies (a crash, a hang its host detected, a
 * failed start), fails the job it was running with a message saying so, and
 * a fresh worker takes the rest. Cancel terminates the workers: runs already
 * finished are kept, the others are reported cancelled.
 * Pure: the caller supplies `spawn` (a Web Worker, an Electron utility
 * process, a node worker thread, or an in-process fake in tests).
 */
import type { SavedRun } from '../session/schema';
import { parseJobEvent } from '../protocol/job-messages';
import { unpackRun, type SweepJob } from './job';

export interface WorkerLike {
  postMessage(message: unknown): void;
  /** every message the worker posts (validated by the pool) */
  onMessage(listener: (message: unknown) => void): void;
  /** the worker died (crash, hang, failed to start), with what its host knows of why */
  onError(listener: (message: string) => void): void;
  terminate(): void;
}

export interface PoolHandlers {
  /** a worker took the job */
  started?(index: number): void;
  progress?(index: number, epoch: number, epochs: number): void;
  done?(index: number, run: SavedRun, ms: number): void;
  failed?(index: number, errors: string[]): void;
  /** the job had not finished when the pool was cancelled */
  cancelled?(index: number): void;
}

export type PoolOutcome = 'finished' | 'cancelled';

/**
 * How many job workers to run beside the trainer and the page: one per core
 * but one, at least one (the desktop app: os.availableParallelism(); a
 * browser: navigator.hardwareConcurrency, which may be missing or capped).
 */
export function jobWorkerCount(cores: number, max = 64): number {
  return Math.max(1, Math.min(max, (Number.isFinite(cores) ? Math.floor(cores) : 2) - 1));
}

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
    const open = new Set(jobs.map((j) => j.index));
    return new Promise((resolve) => {
      this.finish = (o) => {
        this.finish = null;
        for (const w of this.workers) w.terminate();
        this.workers = [];
        if (o === 'cancelled') for (const i of open) h.cancelled?.(i);
        resolve(o);
      };
      if (jobs.length === 0) return this.finish('finished');
      let next = 0;
      /** a job ended: it leaves the open set before its handler runs (which may cancel the pool) */
      const end = (index: number, report: () => void) => {
        open.delete(index);
        report();
      };
      const checkDone = () => {
        if (open.size === 0) this.finish?.('finished');
      };
      const give = (w: WorkerLike, busy: { job: SweepJob | null }) => {
        busy.job = next < jobs.length ? jobs[next++] : null;
        if (!busy.job) return;
        h.started?.(busy.job.index);
        w.postMessage({ v: 1, type: 'runJob', job: busy.job });
      };
      const startWorker = () => {
        const w = this.spawn();
        const busy: { job: SweepJob | null } = { job: null };
        this.workers.push(w);
        /** the worker is of no more use: its job fails with `why`, a fresh worker takes the rest */
        const lost = (why: string) => {
          if (!this.finish || !this.workers.includes(w)) return;
          const job = busy.job;
          busy.job = null;
          this.workers = this.workers.filter((x) => x !== w);
          w.terminate();
          if (job) end(job.index, () => h.failed?.(job.index, [`${job.point.label}: ${why}`]));
          if (this.running && next < jobs.length) startWorker();
          checkDone();
        };
        w.onMessage((raw) => {
          if (!this.finish || !this.workers.includes(w)) return;
          const parsed = parseJobEvent(raw);
          if (!parsed.ok) return lost(`the worker running it sent a message that does not fit the protocol (${parsed.message})`);
          const m = parsed.value;
          const job = busy.job;
          if (m.type === 'jobFailed' && m.index === -1 && job) {
            // the worker refused the command itself: the job it was given fails with the reason
            end(job.index, () => h.failed?.(job.index, m.errors.map((e) => `${job.point.label}: ${e}`)));
          } else if (!job || m.index !== job.index) {
            return lost(`the worker running it answered for another job (${m.type} of job ${m.index})`);
          } else if (m.type === 'jobProgress') {
            return h.progress?.(m.index, m.epoch, m.epochs);
          } else if (m.type === 'jobDone') {
            end(job.index, () => h.done?.(m.index, unpackRun(m.run as SavedRun), m.ms));
          } else {
            end(job.index, () => h.failed?.(m.index, m.errors));
          }
          if (!this.running) return; // a handler cancelled
          give(w, busy);
          checkDone();
        });
        w.onError((message) => lost(`the worker running it stopped: ${message}`));
        give(w, busy);
      };
      for (let k = 0; k < Math.min(this.size, jobs.length); k++) startWorker();
    });
  }

  cancel(): void {
    this.finish?.('cancelled');
  }
}
