/**
 * Finite-difference checks: for every activation × loss × reduction on random
 * small nets, each gradient from backward() must match the central difference
 * (L(w+h) − L(w−h)) / 2h of the batch loss, relative error < 1e-6
 * (|fd − g| / max(|fd| + |g|, 1e-4): gradients below ~1e-4 are held to an
 * absolute 1e-10, since the difference quotient's rounding is ~ε·L/h ≈ 1e-11).
 */
import { describe, expect, it } from 'vitest';
import type { Activation, LossKind, NetworkSpec, Params, Reduction } from '../types';
import { backward, batchLoss, forward, makeGrads, makeWorkspace } from './network';
import { fanIn } from './params';
import { mulberry32 } from '../train/test/helpers';

function check(spec: NetworkSpec, loss: LossKind, reduction: Reduction, seed: number): number {
  const r = mulberry32(seed);
  const p: Params = {
    W: spec.layers.map((l, k) => Float64Array.from({ length: l.units * fanIn(spec, k) }, () => r() * 2 - 1)),
    b: spec.layers.map((l) => Float64Array.from({ length: l.bias ? l.units : 0 }, () => r() - 0.5)),
  };
  const rows = 3;
  const ws = makeWorkspace(spec, rows);
  for (let q = 0; q < ws.x.length; q++) ws.x[q] = r() * 2 - 1;
  const out = spec.layers[spec.layers.length - 1];
  for (let s = 0; s < rows; s++) {
    if (loss === 'cross_entropy' && out.activation === 'softmax') {
      // probability targets (sum 1); one row one-hot
      let sum = 0;
      for (let k = 0; k < out.units; k++) sum += (ws.y[s * out.units + k] = s === 0 ? (k === 1 ? 1 : 0) : r());
      for (let k = 0; k < out.units; k++) ws.y[s * out.units + k] /= sum;
    } else {
      for (let k = 0; k < out.units; k++) ws.y[s * out.units + k] = loss.endsWith('entropy') ? r() : r() * 2 - 1;
    }
  }
  const g = makeGrads(p);
  forward(spec, p, ws);
  batchLoss(spec, loss, reduction, ws);
  backward(spec, loss, reduction, p, ws, g);
  const L = () => {
    forward(spec, p, ws);
    return batchLoss(spec, loss, reduction, ws);
  };
  let worst = 0;
  const h = 1e-5;
  for (const which of ['W', 'b'] as const) {
    p[which].forEach((arr, l) => {
      for (let q = 0; q < arr.length; q++) {
        const w = arr[q];
        arr[q] = w + h;
        const lp = L();
        arr[q] = w - h;
        const lm = L();
        arr[q] = w;
        const fd = (lp - lm) / (2 * h);
        const an = g[which][l][q];
        const err = Math.abs(fd - an) / Math.max(1e-4, Math.abs(fd) + Math.abs(an));
        worst = Math.max(worst, err);
      }
    });
  }
  return worst;
}

const hidden: Activation[] = ['linear', 'relu', 'leaky_relu', 'sigmoid', 'tanh'];
const outputs: Activation[] = ['linear', 'relu', 'leaky_relu', 'sigmoid', 'tanh', 'softmax'];
const losses: LossKind[] = ['squared_error', 'half_squared_error', 'binary_cross_entropy', 'cross_entropy'];

describe('gradients match central differences', () => {
  let seed = 1;
  for (const outAct of outputs) {
    for (const loss of losses) {
      // cross entropies need outputs in (0, 1)
      if (loss.endsWith('entropy') && outAct !== 'sigmoid' && outAct !== 'softmax') continue;
      for (const reduction of ['mean', 'sum'] as Reduction[]) {
        for (const hid of hidden) {
          const s = seed++;
          it(`${hid} → ${outAct}, ${loss}, ${reduction}`, () => {
            const spec: NetworkSpec = {
              inputs: 3,
              layers: [
                { units: 4, activation: hid, bias: true, leak: 0.1 },
                { units: 3, activation: hid, bias: s % 2 === 0, leak: 0.1 },
                { units: 3, activation: outAct, bias: s % 3 !== 0, leak: 0.05 },
              ],
            };
            expect(check(spec, loss, reduction, s)).toBeLessThan(1e-6);
          });
        }
      }
    }
  }
});
