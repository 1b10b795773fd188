/**
 * Sweeps in the renderer: the definitions and their runs live in the session
 * itself (`sweeps` at the top level, runs in `runs[]`), so Save writes them
 * and Open brings them back exactly. Running one spreads its runs over the
 * platform's job workers (lib/job-runner.svelte.ts, shared with Run all: Web
 * Workers in a browser, utility processes under main's supervisor in the
 * desktop app), one per core.
 */
import type { AppState } from '../../lib/app.svelte';
import type { Experiment, SavedRun, Session } from '../../../src-core/session/schema';
import { identityMap, reshapeExplicitInit, type FillKind } from '../../../src-core/session/edit';
import { applyOverrides } from '../../../src-core/session/overrides';
import { expandSweep, type SweepPoint, type SweepSpec } from '../../../src-core/sweep/spec';
import { jobRunner, type RunnerJob } from '../../lib/job-runner.svelte';

export type SessionWithSweeps = Session & { sweeps?: SweepSpec[] };

export function sweepsOf(session: Session | null): SweepSpec[] {
  const s = (session as SessionWithSweeps | null)?.sweeps;
  return Array.isArray(s) ? s : [];
}

class SweepRunner {
  /** the jobs, their progress and how the last batch ended (shared with Run all) */
  readonly jobs = jobRunner;
  /** the sweep being run, or null */
  activeId = $state<string | null>(null);
  /** the sweep the last outcome is about */
  lastId = $state<string | null>(null);
  /** what refused the sweep before it ran (its definition, a point's experiment) */
  refused = $state<string[]>([]);

  get active(): boolean {
    return this.activeId !== null;
  }

  /** Validates the sweep and each run's experiment; saves the definition in the session; runs it. */
  async start(app: AppState, spec: SweepSpec): Promise<void> {
    const session = app.session;
    if (!session || this.jobs.active) return;
    const at = `sweeps[${JSON.stringify(spec.id)}]`;
    const points = expandSweep(spec, at);
    if (!points.ok) {
      this.refused = points.errors;
      return;
    }
    const errors: string[] = [];
    const jobs: RunnerJob[] = [];
    points.value.forEach((p: SweepPoint, index) => {
      const point = withFittedInit(session.experiment, p, app.fillInit);
      const r = applyOverrides(session.experiment, point.overrides);
      if (!r.ok) errors.push(...r.errors.map((e) => `${point.label}: ${e}`));
      else jobs.push({ job: { index, point, experiment: session.experiment }, from: 0, to: r.value.epochs });
    });
    if (errors.length) {
      this.refused = errors.slice(0, 12);
      return;
    }
    this.refused = [];
    const sweeps = [...sweepsOf(session).filter((s) => s.id !== spec.id), spec];
    // the sweep's earlier runs go: the new ones replace them
    const ids = points.value.map((p) => p.id);
    const gone = new Set(ids);
    this.update(app, { sweeps, runs: (session.runs ?? []).filter((r) => !gone.has(r.id)) });
    this.activeId = spec.id;
    this.lastId = spec.id;
    try {
      await this.jobs.run(`sweep:${spec.id}`, app.hosts.jobs, jobs, (run) => this.addRun(app, run, ids));
    } finally {
      this.activeId = null;
    }
  }

  cancel(): void {
    this.jobs.cancel();
  }

  /** Keeps the runs in the sweep's order whatever order they finish in. */
  private addRun(app: AppState, run: SavedRun, order: string[]): void {
    const session = app.session;
    if (!session) return;
    const others = (session.runs ?? []).filter((r) => r.id !== run.id);
    const mine = [...others.filter((r) => order.includes(r.id)), run].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    this.update(app, { runs: [...others.filter((r) => !order.includes(r.id)), ...mine] });
  }

  private update(app: AppState, patch: Partial<SessionWithSweeps>): void {
    if (!app.session) return;
    app.session = { ...app.session, ...patch } as Session;
    app.dirty = true;
    app.hosts.files.setDirty(true);
  }

  /** Removes a sweep's definition and its runs from the session. */
  remove(app: AppState, id: string): void {
    const session = app.session;
    if (!session) return;
    const spec = sweepsOf(session).find((s) => s.id === id);
    const pts = spec ? expandSweep(spec) : null;
    const ids = new Set(pts?.ok ? pts.value.map((p) => p.id) : []);
    this.update(app, { sweeps: sweepsOf(session).filter((s) => s.id !== id), runs: (session.runs ?? []).filter((r) => !ids.has(r.id)) });
  }
}

export const sweepRunner = new SweepRunner();

/**
 * A point that changes the network's shape (a sweep over hidden units) of an
 * experiment whose starting weights are set by hand: its overrides get the
 * hand-set weights that still fit and new ones drawn with `fill` from the
 * seed, as a change of units in the network panel does (reshapeExplicitInit).
 * Without it every such run was refused, three lines each ("expected 1 row of
 * 2 numbers …"). The point's own init, or any other refusal, is left as it is.
 */
export function withFittedInit(exp: Experiment, point: SweepPoint, fill: FillKind): SweepPoint {
  if (exp.init.kind !== 'explicit' || Object.keys(point.overrides).some((k) => k === 'init' || k.startsWith('init.'))) return point;
  if (applyOverrides(exp, point.overrides).ok) return point;
  const drawn = applyOverrides({ ...exp, init: { kind: fill } } as Experiment, point.overrides);
  if (!drawn.ok || drawn.value.network.layers.length !== exp.network.layers.length) return point;
  const { init } = reshapeExplicitInit(exp, drawn.value, identityMap(exp.network.layers.length), fill);
  return { ...point, overrides: { ...point.overrides, init } };
}
