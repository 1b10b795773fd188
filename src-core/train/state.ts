/**
 * Saving and continuing a run: the checks on a saved trainer state and the
 * reading of its parameters (a diverged run's may be non-finite). The
 * Trainer's toState/fromState (trainer.ts) put the pieces together.
 */
import type { NetworkSpec, Params, ParamsJSON } from '../types';
import { fanIn, paramsFromJSON } from '../net/params';
import type { EarlyStoppingJSON } from './early-stopping';
import type { TrainerStateJSON } from './types';

/** Numbers of the parameter record a saved state keeps by default (TrainerOptions.maxSavedParamNumbers). */
export const DEFAULT_SAVED_PARAM_NUMBERS = 20_000;

/** Throws unless `state` is a trainer state this version reads. */
export function checkState(state: TrainerStateJSON, samples: number): void {
  if (!state || state.format !== 'nnlab-trainer' || state.version !== 1) throw new Error('state: expected a trainer state (format "nnlab-trainer", version 1)');
  if (!Array.isArray(state.order) || state.order.length !== samples) {
    throw new Error(`state.order: expected ${samples} sample indices, got ${Array.isArray(state.order) ? state.order.length : JSON.stringify(state.order)}`);
  }
}

/** The saved parameters (named `name` in messages): a diverged run's as they were, NaN and ±Infinity included. */
export function stateParams(spec: NetworkSpec, state: TrainerStateJSON, json: ParamsJSON, name: string): Params {
  return state.status === 'diverged' ? savedParams(spec, json, name) : paramsFromJSON(spec, json);
}

/** Early stopping's bookkeeping of a saved state. */
export function earlyStoppingState(spec: NetworkSpec, state: TrainerStateJSON): EarlyStoppingJSON {
  return {
    bestParams: state.bestParams ? stateParams(spec, state, state.bestParams, 'bestParams') : null,
    bestValue: state.bestValue ?? Infinity,
    sinceBest: state.sinceBest,
    endParams: state.endParams ? stateParams(spec, state, state.endParams, 'endParams') : null,
  };
}

/**
 * Saved parameters that may hold NaN, ±Infinity or null (JSON's stand-in for
 * them, read as NaN): a diverged run reopens showing what it ended with. The
 * shape is checked as strictly as for any parameters (paramsFromJSON, on a
 * copy with the non-finite values as 0); anything but a number or null is
 * refused, with its place named.
 */
export function savedParams(spec: NetworkSpec, json: ParamsJSON, name: string): Params {
  if (json === null || typeof json !== 'object') throw new Error(`${name}: expected an object with "weights" and "biases"`);
  const where: string[] = [];
  const finite = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((x, k) => finite(x, `${path}[${k}]`));
    if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return 0;
    if (typeof v !== 'number') where.push(`${name}.${path}: expected a number or null, got ${JSON.stringify(v)}`);
    return v;
  };
  const shape = { weights: finite(json.weights, 'weights'), biases: finite(json.biases, 'biases') } as ParamsJSON;
  if (where.length) throw new Error(where.slice(0, 3).join('\n'));
  const p = paramsFromJSON(spec, shape);
  const value = (v: number | null) => (v === null ? NaN : v);
  spec.layers.forEach((_, l) => {
    const nIn = fanIn(spec, l);
    json.weights[l].forEach((row, j) => row.forEach((v, i) => (p.W[l][j * nIn + i] = value(v))));
    json.biases[l].forEach((v, j) => (p.b[l][j] = value(v)));
  });
  return p;
}
