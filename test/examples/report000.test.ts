/**
 * Report 000 (the lecture's 2-2-1 ReLU net, x = (1, 0), target 2, loss (pred − true)²):
 * the forward passes and one-step updates the report prints, through `nnlab step --json`.
 * Mapping: w1 = W[0][0][0], w3 = W[0][0][1], w2 = W[0][1][0], w4 = W[0][1][1], w5, w6 = W[1][0][·].
 */
import { describe, expect, it } from 'vitest';
import { example, nnlabJson, nnlabSpawnJson, pooled, runsOf, setFlags } from './nnlab';

const lrFile = '000-lecture-relu-net-learning-rates.nnlab';
const startsFile = '000-lecture-relu-net-starting-points.nnlab';

/** the report's "NEW WEIGHTS AND BIASES" table as [w1, w2, w3, w4, w5, w6, b1, b2, b3] */
function lectureOrder(p: { weights: number[][][]; biases: number[][] }): number[] {
  const [[[w1, w3], [w2, w4]], [[w5, w6]]] = p.weights;
  const [[b1, b2], [b3]] = p.biases;
  return [w1, w2, w3, w4, w5, w6, b1, b2, b3];
}

describe('report 000: one update at six learning rates', () => {
  // the report's tables (all exact by hand: dL/dpred = 2(2.5 − 2) = 1; w1 −= lr·w5·x1, w5 −= lr·node1 = lr·1.5, ...)
  const printed: Record<number, number[]> = {
    0.005: [0.995, 0.495, 1, -1, 0.9925, 0.9975, 0.495, -0.005, 0.495],
    0.01: [0.99, 0.49, 1, -1, 0.985, 0.995, 0.49, -0.01, 0.49],
    0.02: [0.98, 0.48, 1, -1, 0.97, 0.99, 0.48, -0.02, 0.48],
    0.05: [0.95, 0.45, 1, -1, 0.925, 0.975, 0.45, -0.05, 0.45],
    0.1: [0.9, 0.4, 1, -1, 0.85, 0.95, 0.4, -0.1, 0.4],
    0.25: [0.75, 0.25, 1, -1, 0.625, 0.875, 0.25, -0.25, 0.25],
  };

  it('every learning-rate run makes the report\'s update; w3, w4 never move (x2 = 0)', async () => {
    const runs = runsOf(lrFile).filter((r) => r.id.startsWith('lr-'));
    expect(runs.map((r) => r.overrides['optimizer.lr'])).toEqual([0.005, 0.01, 0.02, 0.05, 0.1, 0.25]);
    const steps = await pooled(runs, (r) => nnlabJson('step', example(lrFile), ...setFlags(r.overrides)));
    runs.forEach((r, k) => {
      const s = steps[k];
      expect(s.loss).toBe(0.25);
      expect(s.forward[0].a[0]).toEqual([1.5, 0.5]);
      expect(s.forward[1].a[0]).toEqual([2.5]);
      expect(lectureOrder(s.gradients)).toEqual([1, 1, 0, 0, 1.5, 0.5, 1, 1, 1]);
      const after = lectureOrder(s.after);
      printed[r.overrides['optimizer.lr'] as number].forEach((v, i) => expect(after[i]).toBeCloseTo(v, 14));
    });
  }, 60_000);

  it('the "optimal" start: prediction 2, loss 0, every gradient 0, nothing moves', async () => {
    const run = runsOf(lrFile).find((r) => r.id === 'optimal-start')!;
    const s = await nnlabSpawnJson('step', example(lrFile), ...setFlags(run.overrides));
    expect(s.forward[1].a[0]).toEqual([2]);
    expect(s.loss).toBe(0);
    expect(lectureOrder(s.gradients).every((g: number) => g === 0)).toBe(true);
    expect(s.after).toEqual(s.before);
  }, 30_000);
});

describe('report 000: the nine starts and identical / unique / mixed', () => {
  // [node 1, node 2, prediction, loss] as the report prints them
  const printed: Record<string, [number, number, number, number]> = {
    'small-small': [0.5, 0.1, 0.48, 2.3104],
    'small-medium': [1.1, 0.5, 1.5, 0.25],
    'small-high': [3.3, 0.6, 4.83, 8.0089],
    'medium-small': [1.5, 0.5, 2.4, 0.16],
    'medium-medium': [2.5, 1.0, 4.8, 7.84],
    'medium-high': [4, 2.5, 9.0, 49],
    'high-small': [3.5, 1.5, 10.25, 68.0625],
    'high-medium': [4.5, 2.5, 15.75, 189.0625],
    'high-high': [6, 3.5, 22.5, 420.25],
    identical: [1.0, 1.0, 1.5, 0.25],
    unique: [1.8, 0.9, 3.49, 2.2201],
    mixed: [1.0, 0.5, 2.0, 0],
  };

  it('forward pass and loss of every start match the report', async () => {
    const runs = runsOf(startsFile);
    expect(runs.map((r) => r.id).sort()).toEqual(Object.keys(printed).sort());
    const steps = await pooled(runs, (r) => nnlabJson('step', example(startsFile), ...setFlags(r.overrides)));
    runs.forEach((r, k) => {
      const [n1, n2, pred, loss] = printed[r.id];
      const s = steps[k];
      // the notebook's float sums print e.g. 0.48000000000000004: equal to 14 digits
      expect(s.forward[0].a[0][0]).toBeCloseTo(n1, 14);
      expect(s.forward[0].a[0][1]).toBeCloseTo(n2, 14);
      expect(s.forward[1].a[0][0]).toBeCloseTo(pred, 14);
      expect(s.loss).toBeCloseTo(loss, 12);
    });
    // identical start: both hidden nodes get the same gradient, so they stay identical after a step
    const identical = steps[runs.findIndex((r) => r.id === 'identical')];
    expect(identical.after.weights[0][0]).toEqual(identical.after.weights[0][1]);
  }, 90_000);
});
