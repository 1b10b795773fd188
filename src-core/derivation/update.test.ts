/**
 * The update line with the optimizer's real state, two updates of report 000's
 * lecture net (x = (1, 0), y = 2, (a − y)², start w1 = 1, w2 = 0.5, w3 = 1,
 * w4 = −1, w5 = 1, w6 = 1, b1 = 0.5, b2 = 0, b3 = 0.5), parameter w5 = W[1][0][0].
 * Numbers: fixtures/optimizer_two_steps.py (plain Python floats, the engine's formulas).
 *
 * By hand, SGD + momentum 0.9, lr 0.01:
 *   update 1: g = 1.5 (dL/da = 1, n1 = 1.5), v' = 0.9·0 + 1.5 = 1.5, w5' = 1 − 0.01·1.5 = 0.985;
 *     the others: w1 = 0.99, w2 = 0.49, b1 = 0.49, b2 = −0.01, w6 = 0.995, b3 = 0.49.
 *   update 2: n1 = 1.48, n2 = 0.48, out = 0.985·1.48 + 0.995·0.48 + 0.49 = 2.4254, dL/da = 0.8508,
 *     g = 0.8508·1.48 = 1.259184, v' = 0.9·1.5 + 1.259184 = 2.609184, w5' = 0.985 − 0.02609184 = 0.95890816.
 * Nesterov 0.9: update 1: v' = 1.5, w5' = 1 − 0.01·(1.5 + 0.9·1.5) = 0.9715.
 * Adam (lr 0.01, β1 0.9, β2 0.999, ε 1e−8): update 1: m' = 0.1·1.5 = 0.15, s' = 0.001·2.25 = 0.00225,
 *   m̂ = 0.15/0.1 = 1.5, ŝ = 0.00225/0.001 = 2.25, step = 0.01·1.5/(1.5 + 1e−8) = 0.0099999999333…
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from '../train/trainer';
import { net, options } from '../train/test/helpers';
import type { OptimizerConfig, ParamRef } from '../types';
import { oldDigits, updateOf } from './update';

const w5: ParamRef = { kind: 'weight', layer: 1, j: 0, i: 0 };
const spec = net(2, [[2, 'relu'], [1, 'relu']]);

function twoUpdates(optimizer: OptimizerConfig) {
  const t = new Trainer(options({
    network: spec, x: [[1, 0]], y: [[2]], optimizer,
    params: { weights: [[[1, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] },
  }));
  const lines = [];
  for (let k = 0; k < 2; k++) {
    t.stepPhase();
    t.stepPhase();
    const pending = updateOf(spec, t.lastStep!, w5); // backward done, update not yet
    t.stepPhase();
    lines.push({ pending, done: updateOf(spec, t.lastStep!, w5) });
  }
  return lines;
}

describe('the update line with the optimizer\'s state', () => {
  it('SGD + momentum 0.9: v 0 → 1.5 → 2.609184, w5 1 → 0.985 → 0.95890816', () => {
    const [u1, u2] = twoUpdates({ kind: 'sgd', lr: 0.01, momentum: 0.9 });
    expect(u1.done.velocity).toEqual({ before: 0, after: 1.5 });
    expect(u1.done.after).toBe(0.985);
    expect(u1.done.lines).toEqual([
      "v' = \\mu v + g, \\quad {w^{(2)}_{1,1}}' = w^{(2)}_{1,1} - \\eta\\, v'",
      "v' = 0.9 \\cdot 0 + 1.5 = 1.5",
      "{w^{(2)}_{1,1}}' = 1 - 0.01 \\cdot 1.5 = 0.985",
    ]);
    // before the update phase: the velocity it starts from, the results not yet known
    expect(u2.pending.velocity).toEqual({ before: 1.5, after: null });
    expect(u2.pending.lines[2]).toBe("{w^{(2)}_{1,1}}' = 0.985 - 0.01 \\cdot ? = ?");
    expect(u2.done.gradient).toBeCloseTo(1.259184, 14);
    expect(u2.done.velocity!.before).toBe(1.5);
    expect(u2.done.velocity!.after).toBe(2.6091839999999995); // Python: 0.9·1.5 + 1.2591839999999994
    expect(u2.done.after).toBe(0.95890816);
    // shown to 8 significant digits (the binary tail of 1.2591839999999994 cut), as the whole math view
    expect(u2.done.lines[1]).toBe("v' = 0.9 \\cdot 1.5 + 1.259184 = 2.609184");
    expect(u2.done.lines[2]).toBe("{w^{(2)}_{1,1}}' = 0.985 - 0.01 \\cdot 2.609184 = 0.95890816");
  });

  it('Nesterov 0.9: w5 1 → 0.9715 → 0.939408507136', () => {
    const [u1, u2] = twoUpdates({ kind: 'sgd', lr: 0.01, momentum: 0.9, nesterov: true });
    expect(u1.done.velocity).toEqual({ before: 0, after: 1.5 });
    expect(u1.done.after).toBe(0.9715);
    expect(u1.done.lines[2]).toBe("{w^{(2)}_{1,1}}' = 1 - 0.01 \\cdot \\left(1.5 + 0.9 \\cdot 1.5\\right) = 0.9715");
    // Python: g = 1.0495522560000003, v' = 2.3995522560000007, w' = 0.939408507136
    expect(u2.done.gradient).toBe(1.0495522560000003);
    expect(u2.done.velocity).toEqual({ before: 1.5, after: 2.3995522560000007 });
    expect(u2.done.after).toBe(0.939408507136);
    expect(u2.done.lines[1]).toBe("v' = 0.9 \\cdot 1.5 + 1.0495523 = 2.3995523");
  });

  it('Adam: m, s, t, the bias corrections and the step, two updates', () => {
    const [u1, u2] = twoUpdates({ kind: 'adam', lr: 0.01 });
    const a1 = u1.done.adam!;
    expect(a1).toEqual({
      t: 1, m: 0, s: 0, mNew: 0.14999999999999997, sNew: 0.002250000000000002, c1: 0.09999999999999998, c2: 0.0010000000000000009,
      mHat: 1.5, sHat: 2.25, step: 0.009999999933333333,
    });
    expect(u1.done.after).toBe(0.9900000000666667);
    expect(u1.done.before - a1.step!).toBe(u1.done.after); // w' = w − step, exactly the engine's
    expect(u1.pending.adam).toMatchObject({ t: 1, m: 0, s: 0, mNew: null, sNew: null, step: null });
    expect(u1.done.lines.slice(1)).toEqual([
      "m' = 0.9 \\cdot 0 + 0.1 \\cdot 1.5 = 0.15",
      "s' = 0.999 \\cdot 0 + 0.001 \\cdot 1.5^2 = 0.00225",
      "\\hat m = \\frac{m'}{1 - 0.9^{1}} = \\frac{0.15}{0.1} = 1.5, \\quad \\hat s = \\frac{s'}{1 - 0.999^{1}} = \\frac{0.00225}{0.001} = 2.25",
      "{w^{(2)}_{1,1}}' = 1 - 0.01 \\cdot \\frac{1.5}{\\sqrt{2.25} + 10^{-8}} = 1 - 0.0099999999 = 0.99",
    ]);
    // update 2 (Python): g = 1.2739840022165336, m' = 0.2623984002216533, s' = 0.00387078523790366,
    // m̂ = 1.3810442116929125, ŝ = 1.936360799351532, step = 0.009924632583429079, w' = 0.9800753674832375
    const a2 = u2.done.adam!;
    expect(u2.done.gradient).toBe(1.2739840022165336);
    expect(a2).toMatchObject({ t: 2, m: 0.14999999999999997, s: 0.002250000000000002, mNew: 0.2623984002216533, sNew: 0.00387078523790366 });
    expect(a2.mHat).toBe(1.3810442116929125);
    expect(a2.sHat).toBe(1.936360799351532);
    expect(a2.step).toBe(0.009924632583429079);
    expect(u2.done.after).toBe(0.9800753674832375);
    expect(u2.done.lines[3]).toBe("\\hat m = \\frac{m'}{1 - 0.9^{2}} = \\frac{0.2623984}{0.19} = 1.3810442, \\quad \\hat s = \\frac{s'}{1 - 0.999^{2}} = \\frac{0.0038707852}{0.001999} = 1.9363608");
  });

  it('plain SGD has no optimizer state: w\' = w − η·g as before', () => {
    const [u1] = twoUpdates({ kind: 'sgd', lr: 0.005 });
    expect(u1.done.velocity).toBeUndefined();
    expect(u1.done.lines[1]).toBe("{w^{(2)}_{1,1}}' = 1 - 0.005 \\cdot 1.5 = 0.9925");
  });
});

describe('the old value in a tiny update', () => {
  it('shows the digits the step changes, so the line adds up to the new value as shown (report 003: w1 after 3 updates)', () => {
    // 1.0000199848 shown to 8 digits is 1.00002 (1.0000200, its zeros trimmed): 1.00002 + 0.0000066567 gives 1.0000267, not 1.0000266
    const before = 1.0000199848;
    const g = -6.6567014e-5;
    const after = before - 0.1 * g;
    expect(oldDigits(before, 0.1 * g, after)).toBe(10);
    expect(oldDigits(0.98161962, 0.0070639698, 0.97455565)).toBe(8); // not tiny: as every number
    expect(oldDigits(before, 0.1 * g, null)).toBe(8);
  });
});
