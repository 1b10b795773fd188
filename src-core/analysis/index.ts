/**
 * Why a run learns, oscillates or blows up: sharpness against 2/lr, the
 * step's own line, and the loss landscape around the current point
 * (hessian.ts, sharpness.ts, landscape.ts). This file puts them together for
 * a trainer's state: the command line and the trainer hosts call these.
 */
import type { NetworkSpec, OptimizerConfig } from '../types';
import type { History, TrainerOptions } from '../train/types';
import { allParams, paramName } from '../derivation/names';
import { short } from '../derivation/format';
import { LossModel } from './hessian';
import { landscapeGrid, projectPath, randomDirections, trajectoryDirections, type DirectionsKind, type Grid, type ProjectedPath } from './landscape';
import { sharpness, sharpnessLimit, stableLr, type Progress, type SharpnessOptions, type SharpnessResult } from './sharpness';

export { LossModel } from './hessian';
export * from './sharpness';
export * from './landscape';

/** The model of a trainer's training loss. */
export function lossModel(opts: Pick<TrainerOptions, 'network' | 'loss' | 'reduction' | 'data'>): LossModel {
  return new LossModel(opts.network, opts.loss, opts.reduction, opts.data.train);
}

/** The eigenvector's largest components by size, with the parameters' names (W[l][j][i], b[l][j]). */
export function topComponents(spec: NetworkSpec, v: Float64Array, count = 5): { name: string; index: number; value: number }[] {
  const refs = allParams(spec);
  return Array.from(v, (value, index) => ({ index, value }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.index - b.index)
    .slice(0, count)
    .map(({ index, value }) => ({ name: paramName(refs[index]), index, value }));
}

/** The sharpness at one point, as reported (no eigenvector: its top components instead); the protocol's analysis result carries these. */
export interface SharpnessPoint {
  epoch: number;
  value: number;
  iterations: number;
  converged: boolean;
  residual: number;
  /** 2/λ (momentum: (2 + 2μ)/λ): the largest learning rate stable at this point; null for Adam or λ ≤ 0 */
  stableLr: number | null;
  /** the eigenvector's largest components: parameter name (W[l][j][i], b[l][j]) and value */
  top: { name: string; value: number }[];
}

/** A SharpnessPoint whose components also give their flat index (allParams order): the CLI's report. */
export interface SharpnessReport extends SharpnessPoint {
  top: { name: string; index: number; value: number }[];
}

export function sharpnessReport(spec: NetworkSpec, opt: OptimizerConfig, epoch: number, r: SharpnessResult): SharpnessReport {
  return {
    epoch, value: r.value, iterations: r.iterations, converged: r.converged, residual: r.residual,
    stableLr: stableLr(opt, r.value), top: topComponents(spec, r.vector),
  };
}

/** What to say about the run: is lr past the limit at this point, and what lr would be stable. */
export function stabilitySentence(opt: OptimizerConfig, lambda: number): string {
  const limit = sharpnessLimit(opt);
  const lr = stableLr(opt, lambda);
  if (opt.kind !== 'sgd') {
    return `Sharpness ${short(lambda, 4)}. Adam divides every step by its own running scale, so the 2/lr rule of plain gradient descent does not apply.`;
  }
  if (!(lambda > 0) || lr === null || limit === null) return `Sharpness ${short(lambda, 4)}: no direction curves upward here, so no learning rate is too large for this point.`;
  const rule = opt.momentum ? `(2 + 2·${opt.momentum})/lr` : '2/lr';
  const past = lambda > limit;
  return past
    ? `Sharpness ${short(lambda, 4)} is past ${rule} = ${short(limit, 4)}: at lr ${short(opt.lr, 4)} gradient descent overshoots along the sharpest direction here, so the loss can oscillate or grow. A learning rate below ${short(lr, 4)} would be stable at this point.`
    : `Sharpness ${short(lambda, 4)} is below ${rule} = ${short(limit, 4)}: lr ${short(opt.lr, 4)} is stable at this point; anything below ${short(lr, 4)} would be.`;
}


/** λ_max at every recorded parameter snapshot (history.params), yielding as it goes. */
export function* sharpnessOverEpochs(
  model: LossModel, record: History['params'], o: SharpnessOptions & { every?: number } = {},
): Generator<Progress & { epoch: number }, { epoch: number; result: SharpnessResult }[]> {
  const picks = record.epochs.map((e, k) => ({ e, k })).filter((_, k) => k % (o.every ?? 1) === 0);
  const out: { epoch: number; result: SharpnessResult }[] = [];
  for (let n = 0; n < picks.length; n++) {
    const { e, k } = picks[n];
    const g = sharpness(model, Float64Array.from(record.values[k]), o);
    for (;;) {
      const r = g.next();
      if (r.done) {
        out.push({ epoch: e, result: r.value });
        break;
      }
      yield { done: n + r.value.done / r.value.total, total: picks.length, epoch: e };
    }
  }
  return out;
}

export interface LandscapeOptions {
  directions: DirectionsKind;
  resolution: number;
  range: number;
  seed: number;
}

export interface Landscape extends Grid {
  directions: DirectionsKind;
  d1: Float64Array;
  d2: Float64Array;
  cosine: number;
  note: string | null;
  path: ProjectedPath;
  /** where the run's best point lies in the plane (when known) */
  best: { epoch: number; alpha: number; beta: number } | null;
}

/**
 * The landscape around θ (the current point) with the recorded path:
 * `record` is the history's parameter record (start = its first snapshot),
 * `bestEpoch` the run's best epoch (its snapshot, or the nearest recorded).
 */
export function* landscape(
  model: LossModel, spec: NetworkSpec, theta: Float64Array, record: History['params'], bestEpoch: number | null, o: LandscapeOptions,
): Generator<Progress, Landscape> {
  const bestK = bestEpoch === null ? -1 : nearest(record.epochs, bestEpoch);
  const start = record.values.length > 0 ? Float64Array.from(record.values[0]) : theta;
  const bestPt = bestK >= 0 ? Float64Array.from(record.values[bestK]) : theta;
  const dirs = o.directions === 'trajectory' ? trajectoryDirections(spec, start, theta, bestPt, o.seed) : randomDirections(spec, theta, o.seed);
  const grid = yield* landscapeGrid(model, theta, dirs, o.resolution, o.range);
  const path = projectPath(theta, dirs, record.epochs, record.values);
  const best = bestK >= 0 ? { epoch: record.epochs[bestK], alpha: path.alpha[bestK], beta: path.beta[bestK] } : null;
  return { ...grid, directions: dirs.kind, d1: dirs.d1, d2: dirs.d2, cosine: dirs.cosine, note: dirs.note, path, best };
}

function nearest(epochs: number[], e: number): number {
  let k = -1;
  for (let q = 0; q < epochs.length; q++) if (k < 0 || Math.abs(epochs[q] - e) < Math.abs(epochs[k] - e)) k = q;
  return k;
}
