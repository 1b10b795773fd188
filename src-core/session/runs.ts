/**
 * A session's saved runs as a list the user edits: duplicate one as a new
 * variant, rename, delete, change its overrides, put the trainer's run back
 * in its place, pick the unfinished ones for "Run all". Pure functions over
 * `runs[]` (SESSION-FORMAT.md): each returns a new list, nothing is mutated.
 */
import { applyOverrides, type Result } from './overrides';
import { createTrainer, networkSpec } from './create';
import type { Experiment, SavedRun } from './schema';
import type { StepDetail } from '../train/types';
import { paramCount } from '../net/params';

/** The id under which the app saves the experiment's own run (no overrides). */
export const EXPERIMENT_RUN = 'current';
export const EXPERIMENT_RUN_LABEL = 'the experiment itself';

/** `base`, or `base-2`, `base-3` ... : an id no run in `runs` has. */
export function uniqueRunId(runs: readonly Pick<SavedRun, 'id'>[], base: string): string {
  const taken = new Set(runs.map((r) => r.id));
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
}

/** The id of a variant of run `id`: "lr-0.01" → "lr-0.01-v2", and of that one → "lr-0.01-v3" (the first free). */
export function variantId(runs: readonly Pick<SavedRun, 'id'>[], id: string): string {
  const root = id === EXPERIMENT_RUN ? 'variant' : id.replace(/-v\d+$/, '');
  const taken = new Set(runs.map((r) => r.id));
  for (let k = 2; ; k++) if (!taken.has(`${root}-v${k}`)) return `${root}-v${k}`;
}

/** A run with what happened dropped: its settings only, at epoch 0 (a new variant, or one whose settings changed). */
export function unrun(run: SavedRun): SavedRun {
  return { id: run.id, ...(run.label !== undefined ? { label: run.label } : {}), overrides: structuredClone(run.overrides), status: 'paused', epochs_run: 0, history: {} };
}

/** `runs` with a copy of run `id` right after it, not yet run: the new variant's id and the list. */
export function duplicateRun(runs: readonly SavedRun[], id: string): { id: string; runs: SavedRun[] } | null {
  const k = runs.findIndex((r) => r.id === id);
  if (k < 0) return null;
  const src = runs[k];
  const newId = variantId(runs, src.id);
  const copy: SavedRun = { ...unrun(src), id: newId, label: `${src.label ?? src.id} (copy)` };
  return { id: newId, runs: [...runs.slice(0, k + 1), copy, ...runs.slice(k + 1)] };
}

/** `run` in place of the run with its id (kept where it was in the list), or at the end. */
export function putRun(runs: readonly SavedRun[] | undefined, run: SavedRun): SavedRun[] {
  const list = runs ?? [];
  const k = list.findIndex((r) => r.id === run.id);
  return k < 0 ? [...list, run] : list.map((r, q) => (q === k ? run : r));
}

/**
 * Run `id` with new overrides, checked against the experiment: its results
 * go (they belonged to the old settings). Errors name the run and the path.
 */
export function withOverrides(experiment: Experiment, runs: readonly SavedRun[], id: string, overrides: Record<string, unknown>): Result<SavedRun[]> {
  const run = runs.find((r) => r.id === id);
  if (!run) return { ok: false, errors: [`runs: no run with id ${JSON.stringify(id)}`] };
  const checked = applyOverrides(experiment, overrides);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return { ok: true, value: putRun(runs, { ...unrun(run), overrides }) };
}

/**
 * Checked experiments by base experiment and overrides: a list of runs asks
 * for each run's experiment again whenever the list changes (a sweep or Run
 * all adds runs one by one), and checking one costs a validation. Experiments
 * are values (an edit makes a new one), so a result stays right.
 */
const checked = new WeakMap<Experiment, Map<string, Experiment | null>>();

/** The experiment of a run: the session's with the run's overrides (null when they no longer apply). Do not change what it returns. */
export function runExperiment(experiment: Experiment, run: Pick<SavedRun, 'overrides'> | undefined): Experiment | null {
  if (!run || Object.keys(run.overrides).length === 0) return experiment;
  let byOverrides = checked.get(experiment);
  if (!byOverrides) checked.set(experiment, (byOverrides = new Map()));
  const key = JSON.stringify(run.overrides);
  let e = byOverrides.get(key);
  if (e === undefined) {
    const r = applyOverrides(experiment, run.overrides);
    e = r.ok ? r.value : null;
    byOverrides.set(key, e);
  }
  return e;
}

/** Runs that can train on: paused ones short of their experiment's `epochs` (finished, diverged and stopped runs are done). */
export function unfinishedRuns(experiment: Experiment, runs: readonly SavedRun[]): SavedRun[] {
  return runs.filter((r) => {
    if (r.status !== 'paused') return false;
    const e = runExperiment(experiment, r);
    return e !== null && (r.epochs_run < e.epochs || (e.epochs === 0 && r.epochs_run === 0));
  });
}

/** The first update's numbers are worked out on the spot only for nets and data this small (a few microseconds). */
export const FIRST_UPDATE_MAX_PARAMS = 200;
export const FIRST_UPDATE_MAX_SAMPLES = 1000;

/**
 * The first update of a run from its starting point — what `nnlab step FILE
 * --set ...` with the run's overrides prints: the parameters before, their
 * gradients, after. Null for a net or training set too big to do here, or
 * settings that no longer apply.
 */
export function firstUpdate(experiment: Experiment, run: Pick<SavedRun, 'overrides'>): StepDetail | null {
  const e = runExperiment(experiment, run);
  // the size is checked before any data is made (an MNIST set would take a while)
  if (!e || paramCount(networkSpec(e)) > FIRST_UPDATE_MAX_PARAMS) return null;
  const trainer = createTrainer(e);
  if (trainer.opts.data.train.x.rows > FIRST_UPDATE_MAX_SAMPLES) return null;
  trainer.stepBatch();
  return trainer.lastStep;
}
