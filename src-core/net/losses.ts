/**
 * Losses per sample, summed over output units, with their derivative dℓ/da
 * beside them. ℓ_s for sample s:
 *   squared_error        Σ_k (a_k − y_k)²              dℓ/da_k = 2(a_k − y_k)
 *   half_squared_error   Σ_k ½(a_k − y_k)²             dℓ/da_k = a_k − y_k
 *   binary_cross_entropy −Σ_k [y log a + (1−y) log(1−a)]  dℓ/da_k = −y/a + (1−y)/(1−a)
 *   cross_entropy        −Σ_k y_k log a_k              dℓ/da_k = −y_k/a_k
 * Terms whose coefficient (y or 1−y) is 0 are skipped, so 0·log 0 counts as 0.
 *
 * Fused pairs, computed from z so they never overflow or take log 0:
 *   sigmoid + BCE:   ℓ = Σ_k max(z,0) − y z + log(1 + e^−|z|)   (softplus(z) − y z)
 *                    dℓ/dz_k = a_k − y_k
 *   softmax + CE:    ℓ = S·logsumexp(z) − Σ_k y_k z_k  with S = Σ_k y_k
 *                    dℓ/dz_k = S·a_k − y_k   (= a_k − y_k for one-hot / probability targets)
 */
import type { ActivationName } from './activations';
import { derivative } from './activations';
import { exp } from '../math/exp';
import { log, log1p } from '../math/log';

export interface LossEntry {
  /** the panel's select */
  label: string;
  /** ℓ for one output unit in LaTeX (the chain rule's loss line) */
  tex: string;
  /** ℓ_s in plain text (the notebook's prose) */
  text: string;
  /** for targets that are numbers to fit (not classes) */
  regression?: boolean;
  /** only with this output activation, computed together with it from z (the fused pair) */
  output?: ActivationName;
  /** ℓ of sample row r (units outputs from r), unfused: from a */
  sample(a: Float64Array, y: Float64Array, r: number, units: number): number;
  /** dℓ/da for n values */
  derivative(a: Float64Array, y: Float64Array, n: number, dLda: Float64Array): void;
  /** d²ℓ/da² of one output unit (terms with a zero coefficient skipped, as sample does), for analysis/hessian.ts */
  second(a: number, y: number): number;
}

/** Losses: the one table of them (see activations.ts for what an entry is read for). */
export const LOSSES = {
  squared_error: {
    label: 'squared error', tex: '(a - y)^2', text: 'Σ_k (a_k − y_k)²', regression: true,
    sample(a, y, r, units) {
      let l = 0;
      for (let k = 0; k < units; k++) {
        const e = a[r + k] - y[r + k];
        l += e * e;
      }
      return l;
    },
    derivative(a, y, n, dLda) {
      for (let q = 0; q < n; q++) dLda[q] = 2 * (a[q] - y[q]);
    },
    second: () => 2,
  },
  half_squared_error: {
    label: 'half squared error', tex: '\\tfrac12 (a - y)^2', text: 'Σ_k ½(a_k − y_k)²', regression: true,
    sample(a, y, r, units) {
      let l = 0;
      for (let k = 0; k < units; k++) {
        const e = a[r + k] - y[r + k];
        l += 0.5 * e * e;
      }
      return l;
    },
    derivative(a, y, n, dLda) {
      for (let q = 0; q < n; q++) dLda[q] = a[q] - y[q];
    },
    second: () => 1,
  },
  binary_cross_entropy: {
    label: 'binary cross entropy', tex: '-y\\ln a - (1-y)\\ln(1-a)', text: '−Σ_k [y_k log a_k + (1 − y_k) log(1 − a_k)]', output: 'sigmoid',
    sample(a, y, r, units) {
      let l = 0;
      for (let k = 0; k < units; k++) {
        const yk = y[r + k];
        if (yk !== 0) l -= yk * log(a[r + k]);
        if (yk !== 1) l -= (1 - yk) * log(1 - a[r + k]);
      }
      return l;
    },
    derivative(a, y, n, dLda) {
      for (let q = 0; q < n; q++) {
        const yq = y[q];
        let g = 0;
        if (yq !== 0) g -= yq / a[q];
        if (yq !== 1) g += (1 - yq) / (1 - a[q]);
        dLda[q] = g;
      }
    },
    second: (a, y) => (y !== 0 ? y / (a * a) : 0) + (y !== 1 ? (1 - y) / ((1 - a) * (1 - a)) : 0),
  },
  cross_entropy: {
    label: 'cross entropy', tex: '-\\sum_k y_k \\ln a_k', text: '−Σ_k y_k log a_k', output: 'softmax',
    sample(a, y, r, units) {
      let l = 0;
      for (let k = 0; k < units; k++) if (y[r + k] !== 0) l -= y[r + k] * log(a[r + k]);
      return l;
    },
    derivative(a, y, n, dLda) {
      for (let q = 0; q < n; q++) dLda[q] = y[q] !== 0 ? -y[q] / a[q] : 0;
    },
    second: (a, y) => (y !== 0 ? y / (a * a) : 0),
  },
} as const satisfies Record<string, LossEntry>;

export type LossName = keyof typeof LOSSES;

/** The loss is computed from z together with the output activation (sigmoid + BCE, softmax + CE). */
export function isFused(loss: LossName, act: ActivationName): boolean {
  return (LOSSES[loss] as LossEntry).output === act;
}

/** ℓ_s for every sample into sampleLoss. */
export function sampleLosses(
  loss: LossName, act: ActivationName, z: Float64Array, a: Float64Array, y: Float64Array,
  rows: number, units: number, sampleLoss: Float64Array,
): void {
  const fused = isFused(loss, act);
  const entry: LossEntry = LOSSES[loss];
  for (let s = 0; s < rows; s++) {
    const r = s * units;
    let l = 0;
    if (fused && act === 'sigmoid') {
      for (let k = 0; k < units; k++) {
        const zk = z[r + k];
        l += (zk > 0 ? zk : 0) - y[r + k] * zk + log1p(exp(-Math.abs(zk)));
      }
    } else if (fused) {
      let max = -Infinity;
      for (let k = 0; k < units; k++) if (z[r + k] > max) max = z[r + k];
      let sumExp = 0;
      let S = 0;
      let yz = 0;
      for (let k = 0; k < units; k++) {
        sumExp += exp(z[r + k] - max);
        S += y[r + k];
        yz += y[r + k] * z[r + k];
      }
      l = S * (max + log(sumExp)) - yz;
    } else {
      l = entry.sample(a, y, r, units);
    }
    sampleLoss[s] = l;
  }
}

/** dℓ_s/da_k for every sample and output unit. */
export function lossDerivative(loss: LossName, a: Float64Array, y: Float64Array, n: number, dLda: Float64Array): void {
  (LOSSES[loss] as LossEntry).derivative(a, y, n, dLda);
}

/**
 * The output layer's delta = dℓ_s/dz. Fused pairs: a − y (S·a − y for softmax).
 * Softmax with another loss: the Jacobian-vector product
 *   delta_k = Σ_m (∂a_m/∂z_k) g_m = a_k (g_k − Σ_m g_m a_m),  g = dℓ/da.
 * Otherwise elementwise: delta = dℓ/da ⊙ f'(z).
 */
export function outputDelta(
  loss: LossName, act: ActivationName, a: Float64Array, y: Float64Array, dLda: Float64Array, fprime: Float64Array,
  rows: number, units: number, delta: Float64Array,
): void {
  const n = rows * units;
  if (isFused(loss, act)) {
    if (act === 'sigmoid') {
      for (let q = 0; q < n; q++) delta[q] = a[q] - y[q];
    } else {
      for (let s = 0; s < rows; s++) {
        const r = s * units;
        let S = 0;
        for (let k = 0; k < units; k++) S += y[r + k];
        for (let k = 0; k < units; k++) delta[r + k] = S === 1 ? a[r + k] - y[r + k] : S * a[r + k] - y[r + k];
      }
    }
  } else if (act === 'softmax') {
    for (let s = 0; s < rows; s++) {
      const r = s * units;
      let ga = 0;
      for (let m = 0; m < units; m++) ga += dLda[r + m] * a[r + m];
      for (let k = 0; k < units; k++) delta[r + k] = a[r + k] * (dLda[r + k] - ga);
    }
  } else {
    for (let q = 0; q < n; q++) delta[q] = dLda[q] * fprime[q];
  }
}

/**
 * The whole output-layer step of the backward pass: dLda = dℓ/da, fprime =
 * f'(z) and delta. For an elementwise activation with an unfused loss it is
 * one loop (delta = dLda ⊙ f'(z), the same products as lossDerivative,
 * derivative and outputDelta in turn); fused pairs and softmax take those
 * three passes.
 */
export function outputBackward(
  loss: LossName, act: ActivationName, leak: number, z: Float64Array, a: Float64Array, y: Float64Array,
  rows: number, units: number, dLda: Float64Array, fprime: Float64Array, delta: Float64Array,
): void {
  const n = rows * units;
  if (isFused(loss, act) || act === 'softmax') {
    lossDerivative(loss, a, y, n, dLda);
    derivative(act, leak, z, a, fprime, rows, units);
    outputDelta(loss, act, a, y, dLda, fprime, rows, units, delta);
    return;
  }
  if ((loss === 'half_squared_error' || loss === 'squared_error') && (act === 'linear' || act === 'sigmoid')) {
    // the reports' nets in one loop; the formulas are lossDerivative's and derivative's (1·e is exact)
    const c = loss === 'squared_error' ? 2 : 1;
    if (act === 'linear') {
      for (let q = 0; q < n; q++) {
        const g = c * (a[q] - y[q]);
        dLda[q] = g;
        fprime[q] = 1;
        delta[q] = g;
      }
    } else {
      for (let q = 0; q < n; q++) {
        const aq = a[q];
        const g = c * (aq - y[q]);
        const fp = aq * (1 - aq);
        dLda[q] = g;
        fprime[q] = fp;
        delta[q] = g * fp;
      }
    }
    return;
  }
  lossDerivative(loss, a, y, n, dLda);
  derivative(act, leak, z, a, fprime, rows, units);
  for (let q = 0; q < n; q++) delta[q] = dLda[q] * fprime[q];
}
