/**
 * From an experiment to a ready Trainer — the one entry point shared by the
 * command line, the Web Worker host and the Electron utility process — and
 * between a trainer and a session's `runs[]` entry.
 *
 * Draw order (src-core/random/streams.ts): the data first, then the starting
 * weights, then the shuffles, so a numpy notebook's `np.random.seed(s)`
 * followed by data and weights is reproduced exactly.
 */
import { paramsFromJSON, paramsToJSON } from '../net/params';
import { createRngStreams } from '../random';
import { savedParams, Trainer } from '../train/trainer';
import type { HistoryJSON, TrainerOptions, TrainerStateJSON } from '../train/types';
import type { ThinningOptions } from '../train/thinning';
import type { DataSplit, NetworkSpec, Params, ParamsJSON } from '../types';
import { buildDataFor, initParamsFor } from './resolve';
import { applyOverrides } from './overrides';
import { problem } from './format';
import type { Experiment, RunStatusSaved, SavedRun, Session } from './schema';
import { parseSession } from './session';

/** Input refused: each message starts with the JSON path it is about. */
export class SessionError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
    this.name = 'SessionError';
  }
}

export interface CreateOptions {
  /** cap on the numbers kept in history.params (the engine's default when absent) */
  maxHistoryParamNumbers?: number;
  /** cap on the numbers of history.params a saved run stores (the engine's default, 20 000, when absent) */
  maxSavedParamNumbers?: number;
  /** thin the history past so many epochs (TrainerOptions.historyThinning; the app's hosts: APP_THINNING) */
  historyThinning?: ThinningOptions;
}

/** Run `fn`, turning the Error of a config the builders refused into a SessionError. */
function refusedAs<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SessionError) throw e;
    throw new SessionError([e instanceof Error ? e.message : String(e)]);
  }
}

export function networkSpec(experiment: Experiment): NetworkSpec {
  return {
    inputs: experiment.network.inputs,
    layers: experiment.network.layers.map((l) => ({
      units: l.units,
      activation: l.activation,
      bias: l.bias,
      ...(l.leak !== undefined ? { leak: l.leak } : {}),
    })),
  };
}

/** Everything the Trainer needs, with fresh random streams (so the same experiment always gives the same options). */
export function trainerOptions(experiment: Experiment, opts: CreateOptions = {}): TrainerOptions {
  const network = networkSpec(experiment);
  const streams = refusedAs(() => createRngStreams(experiment.rng, experiment.seed, 'experiment.seed'));
  const data: DataSplit = refusedAs(() => buildDataFor(experiment, network, streams));
  const params: Params = refusedAs(() => initParamsFor(experiment, network, streams));
  const n = data.train.x.rows;
  if (n === 0) throw new SessionError([problem(['experiment', 'data'], 'at least one training sample', 'none')]);
  if (typeof experiment.batch_size === 'number' && experiment.batch_size > n) {
    throw new SessionError([problem(['experiment', 'batch_size'], `at most ${n} (the training set has ${n} samples) or "full"`, experiment.batch_size)]);
  }
  const shuffle = streams.stream('shuffle');
  return {
    network,
    loss: experiment.loss,
    reduction: experiment.reduction,
    optimizer: experiment.optimizer,
    batchSize: experiment.batch_size,
    shuffle: experiment.shuffle,
    epochs: experiment.epochs,
    ...(experiment.early_stopping ? { earlyStopping: experiment.early_stopping } : {}),
    data,
    params,
    shuffleRandom: () => shuffle.random(),
    ...(opts.maxHistoryParamNumbers !== undefined ? { maxHistoryParamNumbers: opts.maxHistoryParamNumbers } : {}),
    ...(opts.maxSavedParamNumbers !== undefined ? { maxSavedParamNumbers: opts.maxSavedParamNumbers } : {}),
    ...(opts.historyThinning ? { historyThinning: opts.historyThinning } : {}),
  };
}

/** A trainer at epoch 0 for this (already validated) experiment. Throws SessionError on a config the builders refuse. */
export function createTrainer(experiment: Experiment, opts: CreateOptions = {}): Trainer {
  const options = trainerOptions(experiment, opts);
  return refusedAs(() => new Trainer(options));
}

// ------------------------------------------------------------------ runs

/** JSON has no NaN: saved numbers may be null; the engine wants NaN back. */
function nullToNaN<T>(value: T): T {
  if (value === null) return NaN as T;
  if (Array.isArray(value)) return value.map(nullToNaN) as T;
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, nullToNaN(v)])) as T;
  }
  return value;
}

/** The saved status of a trainer: a run not finished nor stopped is "paused" (it can continue). */
export function savedStatus(trainer: Trainer): RunStatusSaved {
  const s = trainer.status;
  if (s === 'completed' || s === 'diverged' || s === 'stopped_early') return s;
  return 'paused';
}

export interface RunMeta {
  id: string;
  label?: string;
  overrides?: Record<string, unknown>;
}

/**
 * A trainer as a session `runs[]` entry: what happened (status, epochs_run,
 * history, params) plus, under `state`, the rest of the trainer's state
 * (optimizer moments, sample order, early-stopping bookkeeping) so that
 * "continue" carries on exactly. The history is stored once, in `history`.
 */
export function runEntry(trainer: Trainer, meta: RunMeta): SavedRun {
  const { history, ...state } = trainer.toState();
  return {
    id: meta.id,
    ...(meta.label !== undefined ? { label: meta.label } : {}),
    overrides: meta.overrides ?? {},
    status: savedStatus(trainer),
    epochs_run: trainer.epoch,
    diverged_at: trainer.divergence ? trainer.divergence.epoch : null,
    history: history as unknown as Record<string, unknown>,
    params: paramsToJSON(trainer.opts.network, trainer.params) as SavedRun['params'],
    state,
  };
}

/**
 * A trainer continuing a saved run of `experiment` (the run's overrides not yet
 * applied: this applies them). A run saved without `state` (written by hand or
 * by another tool) restarts from its `params` at epoch 0, history empty.
 */
export function resumeTrainer(experiment: Experiment, run: SavedRun, opts: CreateOptions = {}): Trainer {
  const applied = applyOverrides(experiment, run.overrides);
  if (!applied.ok) throw new SessionError(applied.errors.map((e) => `runs[${JSON.stringify(run.id)}].overrides: ${e}`));
  const options = trainerOptions(applied.value, opts);
  if (run.state !== undefined && run.state !== null && typeof run.state === 'object') {
    const state = nullToNaN({ ...(run.state as object), history: run.history as unknown as HistoryJSON }) as TrainerStateJSON;
    return refusedAs(() => Trainer.fromState(options, state));
  }
  if (run.params) {
    // a diverged run's params may hold non-finite values: kept as they are (the trainer diverges at its first evaluation)
    const json = nullToNaN(run.params) as ParamsJSON;
    const params = refusedAs(() => (run.status === 'diverged' ? savedParams(options.network, json, 'params') : paramsFromJSON(options.network, json)));
    return refusedAs(() => new Trainer({ ...options, params }));
  }
  return refusedAs(() => new Trainer(options));
}

export type LoadResult =
  | { ok: true; session: Session; experiment: Experiment; trainer: Trainer; fresh: () => Trainer }
  | { ok: false; errors: string[] };

/**
 * A session (text, parsed JSON, or an already validated Session) to a trainer:
 * the experiment's at epoch 0, or the saved run `runId` where it stopped.
 * `fresh()` makes a new epoch-0 trainer of the same experiment (Reset).
 * The shape matches src-core/protocol's SessionLoader.
 */
export function loadTrainer(input: unknown, runId?: string, opts: CreateOptions = {}): LoadResult {
  const parsed = parseSession(input);
  if (!parsed.ok) return parsed;
  const { session } = parsed;
  try {
    const run = runId === undefined ? undefined : session.runs?.find((r) => r.id === runId);
    if (runId !== undefined && !run) {
      const ids = (session.runs ?? []).map((r) => JSON.stringify(r.id)).join(', ') || 'none';
      return { ok: false, errors: [`runs: expected a run with id ${JSON.stringify(runId)}, got ${ids}`] };
    }
    let experiment = session.experiment;
    if (run) {
      const applied = applyOverrides(experiment, run.overrides);
      if (!applied.ok) return { ok: false, errors: applied.errors };
      experiment = applied.value;
    }
    const trainer = run ? resumeTrainer(session.experiment, run, opts) : createTrainer(experiment, opts);
    return { ok: true, session, experiment, trainer, fresh: () => createTrainer(experiment, opts) };
  } catch (e) {
    if (e instanceof SessionError) return { ok: false, errors: e.errors };
    throw e;
  }
}
