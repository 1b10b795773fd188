/**
 * "Run all": every unfinished run of the session trained in parallel, one
 * Web Worker per core, through the sweeps' machinery (src-core/sweep's
 * SweepPool and runJob). A paused run carries on from where it stopped; each
 * result replaces its run in session.runs as it arrives (so Save writes it),
 * and the run the trainer holds is reloaded with its result at the end.
 */
import type { AppState } from '../../lib/app.svelte';
import { runs } from '../../lib/runs.svelte';
import { putRun, runExperiment, unfinishedRuns } from '../../../src-core/session/runs';
import type { SavedRun, Session } from '../../../src-core/session/schema';
import type { SweepJob } from '../../../src-core/sweep/job';
import type { JsonValue } from '../../../src-core/sweep/spec';
import { SweepPool } from '../../../src-core/sweep/pool';
import { webWorker } from '../sweep/sweeps.svelte';
import { picked } from '../compare/picked.svelte';

interface Active {
  ids: string[];
  /** per run: the epoch it started from and the one it trains to */
  from: number[];
  to: number[];
  done: number[];
  finished: number;
  failed: string[];
}

class RunAll {
  active = $state<Active | null>(null);
  outcome = $state('');
  errors = $state<string[]>([]);
  private pool: SweepPool | null = null;

  get workers(): number {
    return Math.max(1, Math.min(16, navigator.hardwareConcurrency || 2));
  }

  /** 0..1 over every run, by epochs still to train */
  get progress(): number {
    const a = this.active;
    if (!a) return 0;
    let total = 0;
    let done = 0;
    a.to.forEach((to, k) => {
      const span = Math.max(1, to - a.from[k]);
      total += span;
      done += Math.min(span, Math.max(0, a.done[k] - a.from[k]));
    });
    return done / total;
  }

  /** The runs "Run all" would train now, as the list has them. */
  ids(session: Session | null): string[] {
    return session ? unfinishedRuns(session.experiment, runs.list(session)).map((r) => r.id) : [];
  }

  count(session: Session | null): number {
    return this.ids(session).length;
  }

  async start(app: AppState): Promise<void> {
    if (!app.session || this.active) return;
    // the trainer's run goes into the list first, where it stopped: it carries on like the others
    await app.switchRun(runs.currentId);
    const session = app.session;
    if (!session) return;
    const todo = unfinishedRuns(session.experiment, runs.list(session));
    this.errors = [];
    this.outcome = '';
    if (todo.length === 0) {
      this.outcome = 'every run has finished';
      return;
    }
    const jobs: SweepJob[] = todo.map((r, index) => ({
      index,
      point: { id: r.id, label: r.label ?? r.id, overrides: r.overrides as Record<string, JsonValue>, coords: [], axisLabels: [] },
      experiment: session.experiment,
      ...(r.epochs_run > 0 ? { resume: r } : {}),
    }));
    const a: Active = {
      ids: todo.map((r) => r.id),
      from: todo.map((r) => r.epochs_run),
      to: todo.map((r) => runExperiment(session.experiment, r)?.epochs ?? r.epochs_run),
      done: todo.map((r) => r.epochs_run),
      finished: 0,
      failed: [],
    };
    this.active = a;
    this.pool = new SweepPool(webWorker, this.workers);
    const outcome = await this.pool.run(jobs, {
      progress: (i, epoch) => {
        if (this.active) this.active.done[i] = epoch;
      },
      done: (i, run) => {
        if (!this.active) return;
        this.active.done[i] = this.active.to[i];
        this.active.finished++;
        this.keep(app, run);
      },
      failed: (_i, errs) => {
        if (this.active) this.active.failed.push(...errs);
      },
    });
    const finished = this.active?.finished ?? 0;
    this.outcome = outcome === 'cancelled' ? `cancelled after ${finished} of ${jobs.length} runs` : `${finished} of ${jobs.length} runs finished`;
    if (this.active?.failed.length) this.errors = this.active.failed.slice(0, 12);
    this.active = null;
    this.pool = null;
    // compare what just ran, unless the user has picked runs of their own
    if (picked.ids.length < 2) picked.set(runs.list(app.session).filter((r) => r.epochs_run > 0).map((r) => r.id));
    // the trainer shows the current run's result (its old state was what the job started from)
    if (a.ids.includes(runs.currentId)) await app.switchRun(runs.currentId, { keep: false });
  }

  cancel(): void {
    this.pool?.cancel();
  }

  /** A result replaces its run, under the label the run has now (it may have been renamed meanwhile). */
  private keep(app: AppState, run: SavedRun): void {
    const session = app.session;
    if (!session) return;
    const now = runs.list(session).find((r) => r.id === run.id);
    if (!now) return; // deleted while it ran
    app.session = { ...session, runs: putRun(session.runs, { ...run, ...(now.label !== undefined ? { label: now.label } : {}) }) };
    app.dirty = true;
    app.hosts.files.setDirty(true);
  }
}

export const runAll = new RunAll();
