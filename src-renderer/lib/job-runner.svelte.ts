/**
 * The one pool sweeps and "Run all" share: their jobs go to the platform's
 * job host (host/jobs.ts: Web Workers in a browser, utility processes under
 * main's supervisor in the desktop app) through src-core's SweepPool, which
 * validates every message. What each job is doing — queued, running at epoch
 * k of n, done, failed with why, cancelled — is kept per run id, so the
 * run's row says so, also after the batch ends (until the next one starts).
 * One batch at a time (`jobRunner`): a sweep and Run all never run together,
 * so the workers never outnumber the cores.
 */
import type { SavedRun } from '../../src-core/session/schema';
import type { SweepJob } from '../../src-core/sweep/job';
import { SweepPool, type PoolOutcome } from '../../src-core/sweep/pool';
import type { JobHost } from '../host/types';

export type JobState =
  | { state: 'queued' }
  | { state: 'running'; epoch: number; epochs: number }
  | { state: 'done' }
  | { state: 'failed'; errors: string[] }
  | { state: 'cancelled' };

/** One job and the epochs it trains, for the progress bar: from `from` (a paused run resumes) to `to`. */
export interface RunnerJob {
  job: SweepJob;
  from: number;
  to: number;
}

export interface Batch {
  /** who started it: "run-all", or "sweep:<id>" */
  owner: string;
  ids: string[];
  total: number;
  finished: number;
  failed: number;
  workers: number;
}

/** A row's word for its job: "running 12 / 50", "failed", "cancelled"… (null: nothing to say). */
export function jobLabel(s: JobState | undefined): string | null {
  if (!s || s.state === 'done') return null;
  if (s.state === 'running') return `running ${s.epoch} / ${s.epochs}`;
  return s.state;
}

export class JobRunner {
  active = $state<Batch | null>(null);
  /** per run id: what its job did last */
  jobs = $state<Record<string, JobState>>({});
  /** the owner of the last batch, whose `outcome` and `errors` these are */
  lastOwner = $state<string | null>(null);
  outcome = $state('');
  errors = $state<string[]>([]);
  private spans: { from: number; to: number; done: number }[] = $state([]);
  private pool: SweepPool | null = null;

  /** The progress over all jobs, 0..1, by epochs trained. */
  get progress(): number {
    let total = 0;
    let done = 0;
    for (const s of this.spans) {
      const span = Math.max(1, s.to - s.from);
      total += span;
      done += Math.min(span, Math.max(0, s.done - s.from));
    }
    return total ? done / total : 0;
  }

  state(id: string): JobState | undefined {
    return this.jobs[id];
  }

  /**
   * Runs the jobs on the host's workers; `keep` gets each finished run as it
   * arrives. Resolves when all have ended or the batch was cancelled.
   */
  async run(owner: string, host: JobHost, list: RunnerJob[], keep: (run: SavedRun) => void): Promise<PoolOutcome> {
    if (this.active) throw new Error('jobs: a batch is already running');
    const ids = list.map((j) => j.job.point.id);
    this.errors = [];
    this.outcome = '';
    this.lastOwner = owner;
    this.jobs = Object.fromEntries(ids.map((id) => [id, { state: 'queued' } as JobState]));
    this.spans = list.map((j) => ({ from: j.from, to: j.to, done: j.from }));
    const batch: Batch = { owner, ids, total: list.length, finished: 0, failed: 0, workers: 1 };
    this.active = batch;
    let workers: number;
    try {
      workers = Math.max(1, Math.min(list.length, await host.parallelism()));
    } catch (e) {
      workers = 1;
      console.warn('jobs: the host did not say how many workers to run; running one', e);
    }
    batch.workers = workers;
    this.active = { ...batch };
    const at = new Map(list.map((j, k) => [j.job.index, k]));
    const idOf = (index: number) => ids[at.get(index) ?? -1];
    const set = (index: number, s: JobState) => {
      const id = idOf(index);
      if (id !== undefined) this.jobs[id] = s;
    };
    const errors: string[] = [];
    this.pool = new SweepPool(() => host.spawn(), workers);
    const outcome = await this.pool.run(
      list.map((j) => j.job),
      {
        started: (i) => set(i, { state: 'running', epoch: this.spans[at.get(i)!]?.from ?? 0, epochs: list[at.get(i)!]?.to ?? 0 }),
        progress: (i, epoch, epochs) => {
          const k = at.get(i);
          if (k === undefined) return;
          this.spans[k].done = epoch;
          set(i, { state: 'running', epoch, epochs });
        },
        done: (i, run) => {
          const k = at.get(i);
          if (k !== undefined) this.spans[k].done = this.spans[k].to;
          set(i, { state: 'done' });
          if (this.active) this.active.finished++;
          keep(run);
        },
        failed: (i, errs) => {
          set(i, { state: 'failed', errors: errs });
          if (this.active) this.active.failed++;
          errors.push(...errs);
        },
        cancelled: (i) => set(i, { state: 'cancelled' }),
      },
    );
    const end = this.active ?? batch;
    const failed = end.failed ? `, ${end.failed} failed` : '';
    this.outcome = outcome === 'cancelled'
      ? `cancelled after ${end.finished} of ${end.total} runs${failed}`
      : `${end.finished} of ${end.total} runs finished${failed}`;
    this.errors = errors.slice(0, 12);
    this.active = null;
    this.pool = null;
    return outcome;
  }

  cancel(): void {
    this.pool?.cancel();
  }
}

export const jobRunner = new JobRunner();
