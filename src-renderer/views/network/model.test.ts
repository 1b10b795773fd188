import { describe, expect, it } from 'vitest';
import { paramsFromFlat, replaySample, sameAsFlat } from './model';
import type { NetworkSpec } from '../../../src-core/types';
import type { StepDetail } from '../../../src-core/train/types';

describe('replaySample: the timeline units, a forward pass with recorded weights', () => {
  // 2-2-1: tanh, then sigmoid; the record is flat: W[0] row by row, b[0], W[1], b[1]
  const spec: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'tanh', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] };
  const params = paramsFromFlat(spec, [0.5, -0.4, -0.3, 0.8, 0.1, -0.2, 0.6, -0.5, 0.05]);
  const step = { x: { rows: 2, cols: 2, data: new Float64Array([0, 0, 1, 2]) } } as unknown as StepDetail;

  it('runs row s of the batch through the recorded weights', () => {
    const r = replaySample(spec, params, step, 1)!;
    expect(Array.from(r.x)).toEqual([1, 2]);
    // by hand: z1 = (0.5 − 0.8 + 0.1, −0.3 + 1.6 − 0.2) = (−0.2, 1.1), a1 = tanh(z1), z2 = 0.6 a1[0] − 0.5 a1[1] + 0.05
    expect(r.z[0][0]).toBeCloseTo(-0.2, 15);
    expect(r.z[0][1]).toBeCloseTo(1.1, 15);
    const a1 = [Math.tanh(-0.2), Math.tanh(1.1)];
    expect(r.a[0][0]).toBeCloseTo(a1[0], 15);
    const z2 = 0.6 * a1[0] - 0.5 * a1[1] + 0.05;
    expect(r.z[1][0]).toBeCloseTo(z2, 15);
    expect(r.a[1][0]).toBeCloseTo(1 / (1 + Math.exp(-z2)), 15);
  });
  it('is null without a step or for a row outside its batch', () => {
    expect(replaySample(spec, params, null, 0)).toBeNull();
    expect(replaySample(spec, params, step, 2)).toBeNull();
  });
});

describe('sameAsFlat: does the last recorded snapshot hold the weights the run has now', () => {
  const spec: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'tanh', bias: true }, { units: 1, activation: 'sigmoid', bias: false }] };
  const flat = [0.5, -0.4, -0.3, 0.8, 0.1, -0.2, 0.6, -0.5];
  it('is true for the same numbers in the record order, false for any one changed, missing or extra', () => {
    expect(sameAsFlat(paramsFromFlat(spec, flat), flat)).toBe(true);
    for (let k = 0; k < flat.length; k++) {
      const other = flat.slice();
      other[k] += 1e-16 + Math.abs(other[k]) * 1e-15;
      expect(sameAsFlat(paramsFromFlat(spec, other), flat)).toBe(false);
    }
    expect(sameAsFlat(paramsFromFlat(spec, flat), [...flat, 0])).toBe(false);
    expect(sameAsFlat(paramsFromFlat(spec, flat), flat.slice(0, -1))).toBe(false);
  });
});
