/**
 * Sweeps in the renderer: the definitions and their runs live in the session
 * itself (`sweeps` at the top level, runs in `runs[]`), so Save writes them
 * and Open brings them back exactly. Running one spreads its runs over one
 * Web Worker per core (navigator.hardwareConcurrency); the Electron app uses
 * the same Web Workers (its renderer has them), see README note in this folder.
 */
import type { AppState } from '../../lib/app.svelte';
import type { SavedRun, Session } from '../../../src-core/session/schema';
import { applyOverrides } from '../../../src-core/session/overrides';
import { expandSweep, type SweepPoint, type SweepSpec } from '../../../src-core/sweep/spec';
import type { SweepJob } from '../../../src-core/sweep/job';
import { SweepPool, type WorkerLike } from '../../../src-core/sweep/pool';

export type SessionWithSweeps = Session & { sweeps?: SweepSpec[] };

export function webWorker(): WorkerLike {
  const w = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-sweep' });
  return {
    postMessage: (m) => w.postMessage(m),
    onMessage: (l) => w.addEventListener('message', (e: MessageEvent) => l(e.data)),
    onError: (l) => w.addEventListener('error', (e: ErrorEvent) => { e.preventDefault(); l(e.message || 'the worker failed to start'); }),
    terminate: () => w.terminate(),
  };
}

export function sweepsOf(session: Session | null): SweepSpec[] {
  const s = (session as SessionWithSweeps | null)?.sweeps;
  return Array.isArray(s) ? s : [];
}

class SweepRunner {
  /** the sweep being run, or null */
  active = $state<{ id: string; total: number; epochsPerRun: number[]; epochsDone: number[]; finished: number; failed: string[] } | null>(null);
  lastErrors = $state<string[]>([]);
  lastOutcome = $state<string>('');
  private pool: SweepPool | null = null;

  get workers(): number {
    return Math.max(1, Math.min(16, navigator.hardwareConcurrency || 2));
  }

  /** The progress over all runs, 0..1, by epochs trained. */
  get progress(): number {
    const a = this.active;
    if (!a) return 0;
    const total = a.epochsPerRun.reduce((s, e) => s + Math.max(1, e), 0);
    return a.epochsDone.reduce((s, e, k) => s + Math.min(e, Math.max(1, a.epochsPerRun[k])), 0) / total;
  }

  /** Validates the sweep and each run's experiment; saves the definition in the session; runs it. */
  async start(app: AppState, spec: SweepSpec): Promise<void> {
    const session = app.session;
    if (!session || this.active) return;
    const at = `sweeps[${JSON.stringify(spec.id)}]`;
    const points = expandSweep(spec, at);
    if (!points.ok) {
      this.lastErrors = points.errors;
      return;
    }
    const errors: string[] = [];
    const epochs: number[] = [];
    for (const p of points.value) {
      const r = applyOverrides(session.experiment, p.overrides);
      if (!r.ok) errors.push(...r.errors.map((e) => `${p.label}: ${e}`));
      else epochs.push(r.value.epochs);
    }
    if (errors.length) {
      this.lastErrors = errors.slice(0, 12);
      return;
    }
    this.lastErrors = [];
    this.lastOutcome = '';
    const sweeps = [...sweepsOf(session).filter((s) => s.id !== spec.id), spec];
    // the sweep's earlier runs go: the new ones replace them
    const ids = new Set(points.value.map((p) => p.id));
    this.update(app, { sweeps, runs: (session.runs ?? []).filter((r) => !ids.has(r.id)) });
    const jobs: SweepJob[] = points.value.map((point: SweepPoint, index) => ({ index, point, experiment: session.experiment }));
    const a = { id: spec.id, total: jobs.length, epochsPerRun: epochs, epochsDone: epochs.map(() => 0), finished: 0, failed: [] as string[] };
    this.active = a;
    this.pool = new SweepPool(webWorker, this.workers);
    const outcome = await this.pool.run(jobs, {
      progress: (i, epoch) => {
        if (this.active) this.active.epochsDone[i] = epoch;
      },
      done: (i, run) => {
        if (!this.active) return;
        this.active.epochsDone[i] = this.active.epochsPerRun[i];
        this.active.finished++;
        this.addRun(app, run, points.value.map((p) => p.id));
      },
      failed: (_i, errs) => {
        if (this.active) this.active.failed.push(...errs);
      },
    });
    this.lastOutcome = outcome === 'cancelled' ? `cancelled after ${this.active?.finished ?? 0} of ${jobs.length} runs` : `${jobs.length} runs finished`;
    if (this.active?.failed.length) this.lastErrors = this.active.failed;
    this.active = null;
    this.pool = null;
  }

  cancel(): void {
    this.pool?.cancel();
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
