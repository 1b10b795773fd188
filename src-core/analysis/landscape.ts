/**
 * Slices of the training loss around a point θ (flat parameter vectors in
 * the layout order, hessian.ts):
 *
 * - the step's own line: L(θ_old + t·(θ_new − θ_old)), t = 0 the point
 *   before the last update, t = 1 after it, and the minimum along the line;
 * - the plane: L(θ + α d₁ + β d₂) on an n × n grid of α, β in [−r, r], with
 *   d₁, d₂ either filter-normalised random directions (Li et al., "Visualizing
 *   the Loss Landscape of Neural Nets", 2018: each filter of a random
 *   Gaussian direction is rescaled to the norm of the same filter of θ; a
 *   dense layer's filter is one unit's incoming weights together with its
 *   bias, the weight of the constant input) or the plane through the start,
 *   the current and the best point (d₁ = start − current; d₂ = best − current
 *   made orthogonal to d₁ and scaled to ‖d₁‖, so both axes count the same
 *   distance). The recorded path is projected onto the plane by least squares.
 *
 * The grids are generators yielding after every loss evaluation (progress,
 * cancel).
 */
import type { NetworkSpec } from '../types';
import { NumpyGeneratorRng } from '../random/pcg64';
import { fanIn } from '../net/params';
import { flatIndex } from '../derivation/names';
import type { LossModel } from './hessian';
import { dot, norm, type Progress } from './sharpness';

export type DirectionsKind = 'random' | 'trajectory';

export interface Directions {
  kind: DirectionsKind;
  d1: Float64Array;
  d2: Float64Array;
  /** cos of the angle between d1 and d2 (random directions are not made orthogonal, as in Li et al.) */
  cosine: number;
  /** what had to be done differently, e.g. the best point is the current one */
  note: string | null;
}

/**
 * Filter-normalised Gaussian directions around θ from numpy's
 * default_rng(seed): d₁ first, then d₂, each standard_normal(size) in the
 * layout order. A unit whose filter of θ is all zero keeps its raw direction.
 */
export function randomDirections(spec: NetworkSpec, theta: Float64Array, seed: number): Directions {
  const rng = new NumpyGeneratorRng(BigInt(seed));
  const draw = () => {
    const d = Float64Array.from({ length: theta.length }, () => rng.standardNormal());
    filterNormalise(spec, theta, d);
    return d;
  };
  const d1 = draw();
  const d2 = draw();
  const zero = filters(spec).some((f) => Math.sqrt(f.reduce((s, k) => s + theta[k] * theta[k], 0)) === 0);
  return { kind: 'random', d1, d2, cosine: cosine(d1, d2), note: zero ? 'some units have all-zero weights: their part of the directions is not rescaled' : null };
}

/** The flat indices of each filter: unit j of layer l's incoming weights, then its bias. */
export function filters(spec: NetworkSpec): number[][] {
  const out: number[][] = [];
  spec.layers.forEach((layer, l) => {
    const nIn = fanIn(spec, l);
    for (let j = 0; j < layer.units; j++) {
      const f = Array.from({ length: nIn }, (_, i) => flatIndex(spec, { kind: 'weight', layer: l, j, i }));
      if (layer.bias) f.push(flatIndex(spec, { kind: 'bias', layer: l, j }));
      out.push(f);
    }
  });
  return out;
}

/** d_f ← d_f · ‖θ_f‖ / ‖d_f‖ for every filter f. */
export function filterNormalise(spec: NetworkSpec, theta: Float64Array, d: Float64Array): void {
  for (const f of filters(spec)) {
    let t = 0;
    let n = 0;
    for (const k of f) {
      t += theta[k] * theta[k];
      n += d[k] * d[k];
    }
    if (t === 0 || n === 0) continue;
    const s = Math.sqrt(t) / Math.sqrt(n);
    for (const k of f) d[k] *= s;
  }
}

/**
 * The plane through the start, current and best points, centred on the
 * current one. Falls back to random directions where the points do not span
 * a plane (the current point is the start; the best point is the current
 * one, or on the line through the other two), saying so in `note`.
 */
export function trajectoryDirections(spec: NetworkSpec, start: Float64Array, current: Float64Array, best: Float64Array, seed: number): Directions {
  const d1 = sub(start, current);
  const n1 = norm(d1);
  if (!(n1 > 0)) return { ...randomDirections(spec, current, seed), note: 'the current point is the start: random directions instead' };
  let d2 = sub(best, current);
  let note: string | null = null;
  orthogonalise(d2, d1);
  if (!(norm(d2) > 1e-9 * n1)) {
    d2 = randomDirections(spec, current, seed).d1;
    orthogonalise(d2, d1);
    note = 'the best point is the current point (or on the line to the start): the second direction is random';
  }
  const s = n1 / norm(d2);
  for (let q = 0; q < d2.length; q++) d2[q] *= s;
  return { kind: 'trajectory', d1, d2, cosine: cosine(d1, d2), note };
}

export interface Grid {
  /** coordinates of the columns (α) and of the rows (β) */
  alphas: number[];
  betas: number[];
  /** loss[r · n + c] at (α_c, β_r) */
  loss: Float64Array;
  /** the smallest loss on the grid and where */
  min: { alpha: number; beta: number; loss: number };
  /** the loss at the centre, θ itself */
  center: number;
}

/** n evenly spaced values from −r to r (n ≥ 2; an odd n has 0 in the middle). */
export function axis(n: number, r: number): number[] {
  return Array.from({ length: n }, (_, k) => (n === 1 ? 0 : (-r * (n - 1 - k) + r * k) / (n - 1)));
}

/** L(θ + α d₁ + β d₂) on the n × n grid over [−r, r]²: yields after every point. */
export function* landscapeGrid(model: LossModel, theta: Float64Array, dirs: { d1: Float64Array; d2: Float64Array }, n: number, r: number): Generator<Progress, Grid> {
  const alphas = axis(n, r);
  const betas = axis(n, r);
  const loss = new Float64Array(n * n);
  const p = new Float64Array(theta.length);
  const total = n * n + 1;
  let min = { alpha: 0, beta: 0, loss: Infinity };
  for (let row = 0; row < n; row++) {
    for (let c = 0; c < n; c++) {
      const a = alphas[c];
      const b = betas[row];
      for (let q = 0; q < p.length; q++) p[q] = theta[q] + a * dirs.d1[q] + b * dirs.d2[q];
      const v = model.lossAt(p);
      loss[row * n + c] = v;
      if (v < min.loss) min = { alpha: a, beta: b, loss: v };
      yield { done: row * n + c + 1, total };
    }
  }
  const center = model.lossAt(theta);
  yield { done: total, total };
  return { alphas, betas, loss, min, center };
}

export interface ProjectedPath {
  epochs: number[];
  alpha: number[];
  beta: number[];
  /** largest distance of a path point from the plane, relative to its distance from θ (0: the path lies in the plane) */
  offPlane: number;
}

/** Least-squares coordinates (α, β) of each θ_k − θ in span{d₁, d₂}. */
export function projectPath(theta: Float64Array, dirs: { d1: Float64Array; d2: Float64Array }, epochs: number[], points: ArrayLike<number>[]): ProjectedPath {
  const { d1, d2 } = dirs;
  const g11 = dot(d1, d1);
  const g12 = dot(d1, d2);
  const g22 = dot(d2, d2);
  const det = g11 * g22 - g12 * g12;
  const alpha: number[] = [];
  const beta: number[] = [];
  let off = 0;
  for (const pt of points) {
    let b1 = 0;
    let b2 = 0;
    let dd = 0;
    for (let q = 0; q < theta.length; q++) {
      const e = pt[q] - theta[q];
      b1 += e * d1[q];
      b2 += e * d2[q];
      dd += e * e;
    }
    const a = det > 0 ? (g22 * b1 - g12 * b2) / det : 0;
    const b = det > 0 ? (g11 * b2 - g12 * b1) / det : 0;
    alpha.push(a);
    beta.push(b);
    let r = 0;
    for (let q = 0; q < theta.length; q++) {
      const e = pt[q] - theta[q] - a * d1[q] - b * d2[q];
      r += e * e;
    }
    if (dd > 0) off = Math.max(off, Math.sqrt(r / dd));
  }
  return { epochs: epochs.slice(), alpha, beta, offPlane: off };
}

export interface LineSlice {
  /** t of each point; θ(t) = θ_old + t (θ_new − θ_old) */
  t: number[];
  loss: number[];
  /** the loss before (t = 0) and after (t = 1) the step */
  old: number;
  new: number;
  /** the minimum along the line in [from, to] (refined between grid points by golden-section search) */
  min: { t: number; loss: number };
  /** ‖θ_new − θ_old‖ */
  stepLength: number;
  /** the range of t: the minimum at one of its ends means the line goes on falling past it */
  from: number;
  to: number;
}

/** The loss along the last update's line: `points` values of t from `from` to `to`, then the refined minimum. */
export function* lineSlice(model: LossModel, before: Float64Array, after: Float64Array, o: { from?: number; to?: number; points?: number } = {}): Generator<Progress, LineSlice> {
  const from = o.from ?? -0.5;
  const to = o.to ?? 2;
  const n = Math.max(3, o.points ?? 101);
  const d = sub(after, before);
  const p = new Float64Array(d.length);
  const at = (t: number) => {
    for (let q = 0; q < p.length; q++) p[q] = before[q] + t * d[q];
    return model.lossAt(p);
  };
  const REFINE = 40;
  const total = n + 2 + REFINE;
  const t: number[] = [];
  const loss: number[] = [];
  let best = 0;
  for (let k = 0; k < n; k++) {
    const tk = (from * (n - 1 - k) + to * k) / (n - 1);
    t.push(tk);
    loss.push(at(tk));
    if (!(loss[k] >= loss[best])) best = k;
    yield { done: k + 1, total };
  }
  const old = at(0);
  const next = at(1);
  yield { done: n + 2, total };
  // golden section inside the bracket around the best grid point
  let lo = t[Math.max(0, best - 1)];
  let hi = t[Math.min(n - 1, best + 1)];
  let min = { t: t[best], loss: loss[best] };
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = at(x1);
  let f2 = at(x2);
  for (let k = 0; k < REFINE; k++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = at(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = at(x2);
    }
    yield { done: n + 3 + k, total };
  }
  for (const [x, f] of [[x1, f1], [x2, f2]]) if (f < min.loss) min = { t: x, loss: f };
  return { t, loss, old, new: next, min, stepLength: norm(d), from, to };
}

function sub(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: a.length }, (_, q) => a[q] - b[q]);
}

function orthogonalise(v: Float64Array, u: Float64Array): void {
  const c = dot(v, u) / dot(u, u);
  for (let q = 0; q < v.length; q++) v[q] -= c * u[q];
}

function cosine(a: Float64Array, b: Float64Array): number {
  const n = norm(a) * norm(b);
  return n > 0 ? dot(a, b) / n : 0;
}
