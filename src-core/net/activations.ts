/**
 * Activations, batched: each works on a whole layer (rows = samples, cols =
 * units, row-major). The forward f(z) and the derivative f'(z) sit together.
 */
import type { Activation } from '../types';
import { exp, tanh } from '../math/exp';

/** a = f(z) for `rows × units` values. Softmax normalises each row. */
export function activate(kind: Activation, leak: number, z: Float64Array, a: Float64Array, rows: number, units: number): void {
  const n = rows * units;
  switch (kind) {
    case 'linear':
      for (let q = 0; q < n; q++) a[q] = z[q];
      return;
    case 'relu':
      for (let q = 0; q < n; q++) a[q] = z[q] > 0 ? z[q] : 0;
      return;
    case 'leaky_relu':
      for (let q = 0; q < n; q++) a[q] = z[q] > 0 ? z[q] : leak * z[q];
      return;
    case 'sigmoid':
      // σ(z) = 1/(1+e^−z); for z < 0 use e^z/(1+e^z) so e^−z never overflows.
      // exp is math/exp.ts (≤ 0.51 ulp, ~2× faster than Math.exp): it changes last bits against
      // Math.exp for some z, like numpy's exp against glibc's; the numpy reference tests hold.
      for (let q = 0; q < n; q++) {
        const zq = z[q];
        if (zq >= 0) a[q] = 1 / (1 + exp(-zq));
        else {
          const e = exp(zq);
          a[q] = e / (1 + e);
        }
      }
      return;
    case 'tanh':
      for (let q = 0; q < n; q++) a[q] = tanh(z[q]);
      return;
    case 'softmax':
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
      return;
  }
}

/**
 * f'(z), elementwise. relu'(0) = 0 and leaky_relu'(0) = leak (the z > 0 branch
 * is taken only for z > 0). Sigmoid and tanh use the output: σ' = a(1−a),
 * tanh' = 1 − a². Softmax's Jacobian is not diagonal: this stores its diagonal
 * a_k(1 − a_k) for display; the backward pass uses the full Jacobian-vector
 * product (see outputDelta in losses.ts).
 */
export function derivative(kind: Activation, leak: number, z: Float64Array, a: Float64Array, fprime: Float64Array, rows: number, units: number): void {
  const n = rows * units;
  switch (kind) {
    case 'linear':
      for (let q = 0; q < n; q++) fprime[q] = 1;
      return;
    case 'relu':
      for (let q = 0; q < n; q++) fprime[q] = z[q] > 0 ? 1 : 0;
      return;
    case 'leaky_relu':
      for (let q = 0; q < n; q++) fprime[q] = z[q] > 0 ? 1 : leak;
      return;
    case 'sigmoid':
    case 'softmax':
      for (let q = 0; q < n; q++) fprime[q] = a[q] * (1 - a[q]);
      return;
    case 'tanh':
      for (let q = 0; q < n; q++) fprime[q] = 1 - a[q] * a[q];
      return;
  }
}
