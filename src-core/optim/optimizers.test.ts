/** Two steps of each optimizer by hand, on a 1-input linear unit with fixed gradients. */
import { describe, expect, it } from 'vitest';
import type { Params } from '../types';
import { Optimizer } from './optimizers';

const params = (): Params => ({ W: [Float64Array.of(1, -2)], b: [Float64Array.of(0.5)] });
const grads = (g: number[]) => ({ W: [Float64Array.of(g[0], g[1])], b: [Float64Array.of(g[2])] });

describe('optimizers, two steps by hand', () => {
  it('plain SGD: w ← w − lr·g', () => {
    const p = params();
    const o = new Optimizer({ kind: 'sgd', lr: 0.1 }, p);
    o.step(p, grads([1, 2, -4]));
    expect(Array.from(p.W[0])).toEqual([1 - 0.1 * 1, -2 - 0.1 * 2]);
    expect(p.b[0][0]).toBe(0.5 + 0.4);
  });

  it('momentum 0.9: v ← μv + g, w ← w − lr·v', () => {
    const p = params();
    const o = new Optimizer({ kind: 'sgd', lr: 0.1, momentum: 0.9 }, p);
    o.step(p, grads([1, 0, 0])); // v = 1, w = 1 − 0.1 = 0.9
    expect(p.W[0][0]).toBeCloseTo(0.9, 15);
    o.step(p, grads([0.5, 0, 0])); // v = 0.9·1 + 0.5 = 1.4, w = 0.9 − 0.14 = 0.76
    expect(p.W[0][0]).toBeCloseTo(0.76, 15);
  });

  it('Nesterov 0.9: v ← μv + g, w ← w − lr·(g + μv)', () => {
    const p = params();
    const o = new Optimizer({ kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true }, p);
    o.step(p, grads([1, 0, 0])); // v = 1, w = 1 − 0.1·(1 + 0.9) = 0.81
    expect(p.W[0][0]).toBeCloseTo(0.81, 15);
    o.step(p, grads([0.5, 0, 0])); // v = 1.4, w = 0.81 − 0.1·(0.5 + 1.26) = 0.634
    expect(p.W[0][0]).toBeCloseTo(0.634, 15);
  });

  it('Adam (β1 .9, β2 .999, ε 1e-8), bias-corrected', () => {
    const p = params();
    const o = new Optimizer({ kind: 'adam', lr: 0.01 }, p);
    // step 1, g = 2: m = 0.2, s = 0.004, m̂ = 2, ŝ = 4, w = 1 − 0.01·2/(2 + 1e-8)
    o.step(p, grads([2, 0, 0]));
    const w1 = 1 - (0.01 * 2) / (2 + 1e-8);
    expect(p.W[0][0]).toBeCloseTo(w1, 15);
    expect(p.W[0][1]).toBe(-2); // zero gradient: m = s = 0, no move
    // step 2, g = −1: m = 0.9·0.2 − 0.1 = 0.08, s = 0.999·0.004 + 0.001 = 0.004996,
    // m̂ = 0.08/0.19, ŝ = 0.004996/0.001999
    o.step(p, grads([-1, 0, 0]));
    const mHat = 0.08 / (1 - 0.81);
    const sHat = 0.004996 / (1 - 0.998001);
    expect(p.W[0][0]).toBeCloseTo(w1 - (0.01 * mHat) / (Math.sqrt(sHat) + 1e-8), 14);
    expect(o.t).toBe(2);
  });

  it('state survives toJSON/loadJSON; a new kind starts afresh', () => {
    const p = params();
    const o = new Optimizer({ kind: 'sgd', lr: 0.1, momentum: 0.9 }, p);
    o.step(p, grads([1, 1, 1]));
    const o2 = new Optimizer({ kind: 'sgd', lr: 0.1, momentum: 0.9 }, p);
    o2.loadJSON(o.toJSON());
    const p2: Params = { W: [p.W[0].slice()], b: [p.b[0].slice()] };
    o.step(p, grads([0.5, 0.5, 0.5]));
    o2.step(p2, grads([0.5, 0.5, 0.5]));
    expect(Array.from(p2.W[0])).toEqual(Array.from(p.W[0]));
    o.configure({ kind: 'adam', lr: 0.1 }, p);
    expect(o.t).toBe(0);
  });
});
