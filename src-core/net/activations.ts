/**
 * Activations: the one table of them. Each entry holds everything NN Lab
 * knows of an activation — its math (f, f', f'') and its names (the panel's
 * select, the chain rule's notes, LaTeX) — and the session schema's enum,
 * the panel's options and the docs' list are read from it. Adding an
 * activation is one entry here (plus, where its math is special, the fused
 * pairs of losses.ts).
 *
 * The math is batched: each works on a whole layer (rows = samples, cols =
 * units, row-major).
 */
import type { z } from 'zod';
import { exp, tanh } from '../math/exp';
import { num } from '../session/schema-parts';

export interface ActivationEntry {
  /** the panel's select */
  label: string;
  /** the chain rule's notes and the notebook's prose: "σ", "leaky ReLU" */
  symbol: string;
  /** its LaTeX in a forward equation ('' for the identity) */
  tex: string;
  /** normalises a row (softmax): only on the output layer, and its Jacobian is not diagonal */
  outputOnly?: boolean;
  /** the layer fields it reads besides units, activation, bias: its part of the session schema (their ranges) */
  fields?: Record<string, z.ZodType>;
  /** a = f(z) for `rows × units` values */
  forward(z: Float64Array, a: Float64Array, rows: number, units: number, leak: number): void;
  /** f'(z) elementwise (softmax: the diagonal of its Jacobian, for display) */
  derivative(z: Float64Array, a: Float64Array, fprime: Float64Array, n: number, leak: number): void;
  /** f''(z) from a = f(z), for the Hessian-vector products (analysis/hessian.ts); 0 where f is piecewise linear */
  second(a: number): number;
}

const zero = () => 0;
/** σ' = a(1 − a): sigmoid's, and the diagonal of softmax's Jacobian */
function logisticDerivative(_z: Float64Array, a: Float64Array, fprime: Float64Array, n: number): void {
  for (let q = 0; q < n; q++) fprime[q] = a[q] * (1 - a[q]);
}

/**
 * relu'(0) = 0 and leaky_relu'(0) = leak (the z > 0 branch is taken only for
 * z > 0). Sigmoid and tanh use the output: σ' = a(1−a), tanh' = 1 − a².
 * Softmax's derivative here is the diagonal a_k(1 − a_k); the backward pass
 * uses the full Jacobian-vector product (see outputDelta in losses.ts).
 */
export const ACTIVATIONS = {
  linear: {
    label: 'linear', symbol: 'linear', tex: '',
    forward(z, a, rows, units) {
      const n = rows * units;
      for (let q = 0; q < n; q++) a[q] = z[q];
    },
    derivative(_z, _a, fprime, n) {
      for (let q = 0; q < n; q++) fprime[q] = 1;
    },
    second: zero,
  },
  relu: {
    label: 'ReLU', symbol: 'ReLU', tex: '\\operatorname{ReLU}',
    forward(z, a, rows, units) {
      const n = rows * units;
      for (let q = 0; q < n; q++) a[q] = z[q] > 0 ? z[q] : 0;
    },
    derivative(z, _a, fprime, n) {
      for (let q = 0; q < n; q++) fprime[q] = z[q] > 0 ? 1 : 0;
    },
    second: zero,
  },
  leaky_relu: {
    label: 'leaky ReLU', symbol: 'leaky ReLU', tex: '\\operatorname{LReLU}',
    /**
     * the slope for z < 0 (the engine's default 0.01 when absent): any finite number. Above 1 or
     * below 0 (−1 gives |z|) it is no longer the textbook leaky ReLU, but still a piecewise-linear
     * function with its derivative everywhere but 0, which the engine computes exactly.
     */
    fields: { leak: num().optional() },
    forward(z, a, rows, units, leak) {
      const n = rows * units;
      for (let q = 0; q < n; q++) a[q] = z[q] > 0 ? z[q] : leak * z[q];
    },
    derivative(z, _a, fprime, n, leak) {
      for (let q = 0; q < n; q++) fprime[q] = z[q] > 0 ? 1 : leak;
    },
    second: zero,
  },
  sigmoid: {
    label: 'sigmoid', symbol: 'σ', tex: '\\sigma',
    forward(z, a, rows, units) {
      // σ(z) = 1/(1+e^−z); for z < 0 use e^z/(1+e^z) so e^−z never overflows.
      // exp is math/exp.ts (≤ 0.51 ulp, ~2× faster than Math.exp): it changes last bits against
      // Math.exp for some z, like numpy's exp against glibc's; the numpy reference tests hold.
      const n = rows * units;
      for (let q = 0; q < n; q++) {
        const zq = z[q];
        if (zq >= 0) a[q] = 1 / (1 + exp(-zq));
        else {
          const e = exp(zq);
          a[q] = e / (1 + e);
        }
      }
    },
    derivative: logisticDerivative,
    second: (a) => a * (1 - a) * (1 - 2 * a),
  },
  tanh: {
    label: 'tanh', symbol: 'tanh', tex: '\\tanh',
    forward(z, a, rows, units) {
      const n = rows * units;
      for (let q = 0; q < n; q++) a[q] = tanh(z[q]);
    },
    derivative(_z, a, fprime, n) {
      for (let q = 0; q < n; q++) fprime[q] = 1 - a[q] * a[q];
    },
    second: (a) => -2 * a * (1 - a * a),
  },
  softmax: {
    label: 'softmax', symbol: 'softmax', tex: '\\operatorname{softmax}', outputOnly: true,
    forward(z, a, rows, units) {
      // a_k = e^(z_k − max z) / Σ_m e^(z_m − max z): shifting by the row max keeps e^ ≤ 1.
      for (let s = 0; s < rows; s++) {
        const r = s * units;
        let max = -Infinity;
        for (let k = 0; k < units; k++) if (z[r + k] > max) max = z[r + k];
        let sum = 0;
        for (let k = 0; k < units; k++) {
          const e = exp(z[r + k] - max);
          a[r + k] = e;
          sum += e;
        }
        for (let k = 0; k < units; k++) a[r + k] /= sum;
      }
    },
    derivative: logisticDerivative,
    // not elementwise: the Hessian-vector product takes softmax's own path (hessian.ts)
    second: zero,
  },
} as const satisfies Record<string, ActivationEntry>;

export type ActivationName = keyof typeof ACTIVATIONS;

/** a = f(z) for `rows × units` values. Softmax normalises each row. */
export function activate(kind: ActivationName, leak: number, z: Float64Array, a: Float64Array, rows: number, units: number): void {
  (ACTIVATIONS[kind] as ActivationEntry).forward(z, a, rows, units, leak);
}

/** f'(z), elementwise (see ACTIVATIONS for the conventions at kinks and softmax's diagonal). */
export function derivative(kind: ActivationName, leak: number, z: Float64Array, a: Float64Array, fprime: Float64Array, rows: number, units: number): void {
  (ACTIVATIONS[kind] as ActivationEntry).derivative(z, a, fprime, rows * units, leak);
}
