/**
 * Sharpness: the largest eigenvalue λ_max of the Hessian of the training
 * loss, by power iteration on exact Hessian–vector products (hessian.ts).
 *
 *   v₀ = a standard-normal vector from numpy's default_rng(seed), normalised
 *   w = H v_k,  λ_k = v_kᵀ w (the Rayleigh quotient),  v_{k+1} = w / ‖w‖
 *
 * until |λ_k − λ_{k−1}| ≤ tol·|λ_k|. Power iteration finds the eigenvalue of
 * largest MAGNITUDE; when that one is negative, a second iteration on
 * H − λ I (all of whose eigenvalues are ≥ 0, the largest being λ_max − λ)
 * finds λ_max. The residual ‖H v − λ v‖ / |λ| says how well the pair solves
 * H v = λ v.
 *
 * Why it matters (Cohen et al. 2021): gradient descent θ ← θ − lr ∇L on a
 * quadratic with curvature λ multiplies the error along that eigenvector by
 * (1 − lr λ) per step, which grows once λ > 2/lr. With momentum μ the limit
 * is (2 + 2μ)/lr.
 *
 * Everything is a generator: each Hessian–vector product yields once, so a
 * host can report progress, interleave other work and cancel.
 */
import type { OptimizerConfig } from '../types';
import { NumpyGeneratorRng } from '../random/pcg64';
import type { LossModel } from './hessian';

export interface SharpnessOptions {
  /** seed of the start vector (numpy default_rng) */
  seed?: number;
  /** iterations at most, per power iteration */
  maxIterations?: number;
  /** relative change of λ that counts as converged */
  tol?: number;
}

export interface SharpnessResult {
  /** λ_max */
  value: number;
  /** its unit eigenvector, flat in the layout order */
  vector: Float64Array;
  /** Hessian–vector products used (both iterations) */
  iterations: number;
  converged: boolean;
  /** ‖H v − λ v‖ / max(|λ|, tiny) */
  residual: number;
  /** the eigenvalue of largest magnitude, when it was negative (and λ_max needed the shifted iteration) */
  negative: number | null;
}

/** Progress of a generator: work done / work planned (an estimate when iterations may stop early). */
export interface Progress {
  done: number;
  total: number;
}

export const DEFAULT_MAX_ITERATIONS = 1000;
export const DEFAULT_TOL = 1e-10;

/** Unit start vector from numpy's default_rng(seed).standard_normal(size). */
export function startVector(size: number, seed: number): Float64Array {
  const rng = new NumpyGeneratorRng(BigInt(seed));
  const v = Float64Array.from({ length: size }, () => rng.standardNormal());
  const n = norm(v);
  for (let q = 0; q < size; q++) v[q] /= n;
  return v;
}

/** λ_max of H(θ): a generator yielding after every Hessian–vector product. */
export function* sharpness(model: LossModel, theta: Float64Array, o: SharpnessOptions = {}): Generator<Progress, SharpnessResult> {
  const max = o.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const tol = o.tol ?? DEFAULT_TOL;
  const v0 = startVector(model.size, o.seed ?? 0);
  const first = yield* power(model, theta, v0, 0, max, tol, 0);
  if (first.value >= 0) return { ...first, negative: null };
  const second = yield* power(model, theta, first.vector.slice(), first.value, max, tol, first.iterations);
  return { ...second, value: second.value + first.value, iterations: first.iterations + second.iterations, negative: first.value };
}

/** Power iteration on H − shift·I. */
function* power(
  model: LossModel, theta: Float64Array, v: Float64Array, shift: number, max: number, tol: number, before: number,
): Generator<Progress, Omit<SharpnessResult, 'negative'>> {
  if (shift !== 0) {
    // start away from the shift's own eigenvector: that one has eigenvalue 0 under H − shift·I
    const w = startVector(v.length, 1);
    const d = dot(w, v);
    for (let q = 0; q < v.length; q++) v[q] = w[q] - d * v[q];
    const n = norm(v);
    if (n > 0) for (let q = 0; q < v.length; q++) v[q] /= n;
  }
  const w = new Float64Array(v.length);
  let lambda = NaN;
  let k = 0;
  let converged = false;
  while (k < max) {
    model.hvp(theta, v, w);
    if (shift !== 0) for (let q = 0; q < v.length; q++) w[q] -= shift * v[q];
    k++;
    yield { done: before + k, total: before + max };
    const next = dot(v, w);
    if (!Number.isFinite(next)) {
      lambda = next;
      break;
    }
    const n = norm(w);
    if (n === 0) {
      // H v = 0: v is an eigenvector of eigenvalue 0
      lambda = 0;
      converged = true;
      break;
    }
    const change = Math.abs(next - lambda);
    lambda = next;
    if (change <= tol * Math.abs(lambda)) {
      converged = true;
      break;
    }
    for (let q = 0; q < v.length; q++) v[q] = w[q] / n;
  }
  // residual of the final pair (v, λ): one more product
  model.hvp(theta, v, w);
  let r = 0;
  for (let q = 0; q < v.length; q++) {
    const e = w[q] - (shift + lambda) * v[q];
    r += e * e;
  }
  const residual = Math.sqrt(r) / Math.max(Math.abs(shift + lambda), 1e-300);
  return { value: lambda, vector: v, iterations: k + 1, converged, residual };
}

/**
 * The learning rate's stability limit for the optimizer in force: plain
 * gradient descent 2/λ, heavy-ball or Nesterov momentum μ (2 + 2μ)/λ; null
 * for Adam (it divides each step by its own running scale, so no single
 * limit of lr follows from λ).
 */
export function stableLr(opt: OptimizerConfig, lambda: number): number | null {
  if (opt.kind !== 'sgd' || !(lambda > 0)) return null;
  return (2 + 2 * (opt.momentum ?? 0)) / lambda;
}

/** The sharpness at which the optimizer in force stops being stable: 2/lr (momentum: (2 + 2μ)/lr), null for Adam. */
export function sharpnessLimit(opt: OptimizerConfig): number | null {
  if (opt.kind !== 'sgd' || !(opt.lr > 0)) return null;
  return (2 + 2 * (opt.momentum ?? 0)) / opt.lr;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let q = 0; q < a.length; q++) s += a[q] * b[q];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** Runs a generator to its end (no host): for the command line and tests. */
export function complete<T>(g: Generator<unknown, T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}
