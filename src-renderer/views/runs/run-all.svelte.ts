/**
 * "Run all": every unfinished run of the session trained in parallel on the
 * platform's job workers, through the pool sweeps use too
 * (lib/job-runner.svelte.ts: Web Workers in a browser, utility processes
 * under main's supervisor in the desktop app). A paused run carries on from
 * where it stopped; each result replaces its run in session.runs as it
 * arrives (so Save writes it), and the run the trainer holds is reloaded with
 * its result at the end. A job that failed or was cancelled says so in its row.
 */
import type { AppState } from '../../lib/app.svelte';
import { runs } from '../../lib/runs.svelte';
import { putRun, runExperiment, unfinishedRuns } from '../../../src-core/session/runs';
import type { SavedRun, Session } from '../../../src-core/session/schema';
import type { JsonValue } from '../../../src-core/sweep/spec';
import { jobRunner, type RunnerJob } from '../../lib/job-runner.svelte';
import { picked } from '../compare/picked.svelte';

class RunAll {
  /** the jobs, their progress and how the last batch ended (shared with sweeps) */
  readonly jobs = jobRunner;

  /** true while Run all's batch runs */
  get active(): boolean {
    return this.jobs.active?.owner === 'run-all';
  }

  /** The runs "Run all" would train now, as the list has them. */
  ids(session: Session | null): string[] {
    return session ? unfinishedRuns(session.experiment, runs.list(session)).map((r) => r.id) : [];
  }

  count(session: Session | null): number {
    return this.ids(session).length;
  }

  async start(app: AppState): Promise<void> {
    if (!app.session || this.jobs.active) return;
    // the trainer's run goes into the list first, where it stopped: it carries on like the others
    await app.switchRun(runs.currentId);
    const session = app.session;
    if (!session || this.jobs.active) return;
    const todo = unfinishedRuns(session.experiment, runs.list(session));
    if (todo.length === 0) {
      this.jobs.lastOwner = 'run-all';
      this.jobs.outcome = 'every run has finished';
      this.jobs.errors = [];
      return;
    }
    const jobs: RunnerJob[] = todo.map((r, index) => ({
      job: {
        index,
        point: { id: r.id, label: r.label ?? r.id, overrides: r.overrides as Record<string, JsonValue>, coords: [], axisLabels: [] },
        experiment: session.experiment,
        ...(r.epochs_run > 0 ? { resume: r } : {}),
      },
      from: r.epochs_run,
      to: runExperiment(session.experiment, r)?.epochs ?? r.epochs_run,
    }));
    const ids = todo.map((r) => r.id);
    await this.jobs.run('run-all', app.hosts.jobs, jobs, (run) => this.keep(app, run));
    // compare what just ran, unless the user has picked runs of their own
    if (picked.ids.length < 2) picked.set(runs.list(app.session).filter((r) => r.epochs_run > 0).map((r) => r.id));
    // the trainer shows the current run's result (its old state was what the job started from)
    if (ids.includes(runs.currentId)) await app.switchRun(runs.currentId, { keep: false });
  }

  /** how Run all's last batch ended (empty when the last batch was a sweep's) */
  get outcome(): string {
    return this.jobs.lastOwner === 'run-all' ? this.jobs.outcome : '';
  }

  get errors(): string[] {
    return this.jobs.lastOwner === 'run-all' ? this.jobs.errors : [];
  }

  cancel(): void {
    this.jobs.cancel();
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
