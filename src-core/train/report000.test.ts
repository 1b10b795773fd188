/**
 * Report 000: the lecture's 2-2-1 all-ReLU net, input (1, 0), target 2,
 * loss (a − y)², reduction mean (one sample). Mapping of the report's names:
 *   node 1 = relu(w1·x1 + w3·x2 + b1), node 2 = relu(w2·x1 + w4·x2 + b2),
 *   node 3 = relu(w5·n1 + w6·n2 + b3)
 *   W[0] = [[w1, w3], [w2, w4]], b[0] = [b1, b2], W[1] = [[w5, w6]], b[1] = [b3].
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from './trainer';
import { net, options } from './test/helpers';

const spec = net(2, [[2, 'relu'], [1, 'relu']]);

function start(v: number[], lr = 0.01): Trainer {
  const [w1, w2, w3, w4, w5, w6, b1, b2, b3] = v;
  return new Trainer(options({
    network: spec, x: [[1, 0]], y: [[2]], optimizer: { kind: 'sgd', lr },
    params: { weights: [[[w1, w3], [w2, w4]], [[w5, w6]]], biases: [[b1, b2], [b3]] },
  }));
}

// [w1, w2, w3, w4, w5, w6, b1, b2, b3] → the report's printed node 1, node 2, node 3 and loss
const forwardCases: [string, number[], number[]][] = [
  ['lecture start', [1, 0.5, 1, -0.5, 1, 1, 0.5, 0, 0.5], [1.5, 0.5, 2.5, 0.25]],
  ['small w + small b', [0.3, 0.1, 0.3, -0.2, 0.5, 0.3, 0.2, 0, 0.2], [0.5, 0.1, 0.48000000000000004, 2.3104]],
  ['small w + medium b', [0.3, 0.1, 0.3, -0.2, 0.5, 0.3, 0.8, 0.4, 0.8], [1.1, 0.5, 1.5, 0.25]],
  ['small w + high b', [0.3, 0.1, 0.3, -0.2, 0.5, 0.3, 3, 0.5, 3], [3.3, 0.6, 4.83, 8.0089]],
  ['medium w + small b', [1, 0.5, 1, 0.8, 1, 0.8, 0.5, 0, 0.5], [1.5, 0.5, 2.4, 0.15999999999999992]],
  ['medium w + medium b', [1, 0.5, 1, 0.8, 1, 0.8, 1.5, 0.5, 1.5], [2.5, 1.0, 4.8, 7.839999999999999]],
  ['medium w + high b', [1, 0.5, 1, 0.8, 1, 0.8, 3, 2, 3], [4, 2.5, 9.0, 49.0]],
  // the report prints only prediction 10.25 and the loss for the next two; nodes by hand: 3+0.5, 1.5+0
  ['high w + small b', [3, 1.5, 3, -2, 1.5, 3, 0.5, 0, 0.5], [3.5, 1.5, 10.25, 68.0625]],
  ['high w + medium b', [3, 1.5, 3, -2, 1.5, 3, 1.5, 1, 1.5], [4.5, 2.5, 15.75, 189.0625]],
  ['high w + high b', [3, 1.5, 3, -2, 1.5, 3, 3, 2, 3], [6, 3.5, 22.5, 420.25]],
  ['identical', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [1.0, 1.0, 1.5, 0.25]],
  // the report prints 2.2201000000000001 (text extraction); Python's (3.49 − 2)² is 2.220100000000001
  ['unique', [1.5, 0.5, 1, -1, 1.2, 0.7, 0.3, 0.4, 0.7], [1.8, 0.9, 3.49, 2.220100000000001]],
  ['mixed (exact fit)', [0.5, 0.5, 1, -1, 1, 1, 0.5, 0, 0.5], [1.0, 0.5, 2.0, 0.0]],
];

describe('report 000: forward passes', () => {
  for (const [name, v, [n1, n2, n3, loss]] of forwardCases) {
    it(name, () => {
      const t = start(v);
      t.stepPhase();
      const s = t.lastStep!;
      expect(s.a[0].data[0]).toBeCloseTo(n1, 14);
      expect(s.a[0].data[1]).toBeCloseTo(n2, 14);
      expect(s.a[1].data[0]).toBeCloseTo(n3, 14);
      expect(s.loss).toBeCloseTo(loss, 13);
      expect(t.evaluate().train.loss).toBe(s.loss);
    });
  }
});

describe('report 000: one update at each learning rate', () => {
  // Start w1=1 w2=0.5 w3=1 w4=−1 w5=1 w6=1 b1=0.5 b2=0 b3=0.5: n1 = 1.5, n2 = 0.5, out = 2.5, loss 0.25.
  // dL/da = 2(2.5 − 2) = 1; every ReLU is active (f' = 1), so
  //   dL/dw5 = 1·n1 = 1.5, dL/dw6 = 1·n2 = 0.5, dL/db3 = 1,
  //   dL/dw1 = 1·w5·1·x1 = 1, dL/dw2 = 1·w6·1·x1 = 1, dL/db1 = dL/db2 = 1,
  //   dL/dw3 = dL/dw4 = 0 (x2 = 0: w3 and w4 never move).
  const v = [1, 0.5, 1, -1, 1, 1, 0.5, 0, 0.5];
  const g = [1, 1, 0, 0, 1.5, 0.5, 1, 1, 1];
  // The report's NEW WEIGHTS AND BIASES tables, [w1, w2, w3, w4, w5, w6, b1, b2, b3]
  const tables: [number, number[]][] = [
    [0.005, [0.995, 0.495, 1, -1, 0.9925, 0.9975, 0.495, -0.005, 0.495]],
    [0.01, [0.99, 0.49, 1, -1, 0.985, 0.995, 0.49, -0.01, 0.49]],
    [0.02, [0.98, 0.48, 1, -1, 0.97, 0.99, 0.48, -0.02, 0.48]],
    [0.05, [0.95, 0.45, 1, -1, 0.925, 0.975, 0.45, -0.05, 0.45]],
    [0.1, [0.9, 0.4, 1, -1, 0.85, 0.95, 0.4, -0.1, 0.4]],
    [0.25, [0.75, 0.25, 1, -1, 0.625, 0.875, 0.25, -0.25, 0.25]],
  ];
  for (const [lr, expected] of tables) {
    it(`lr ${lr}`, () => {
      const t = start(v, lr);
      t.stepBatch();
      const s = t.lastStep!;
      expect(s.loss).toBe(0.25);
      expect(s.dLda[1].data[0]).toBe(1);
      const grads = [s.gradW[0][0], s.gradW[0][2], s.gradW[0][1], s.gradW[0][3], s.gradW[1][0], s.gradW[1][1], s.gradB[0][0], s.gradB[0][1], s.gradB[1][0]];
      expect(grads).toEqual(g);
      const a = s.after!;
      const got = [a.W[0][0], a.W[0][2], a.W[0][1], a.W[0][3], a.W[1][0], a.W[1][1], a.b[0][0], a.b[0][1], a.b[1][0]];
      got.forEach((w, k) => expect(w).toBeCloseTo(expected[k], 14));
      // and exactly w − lr·g in floating point
      got.forEach((w, k) => expect(w).toBe(v[k] - lr * g[k]));
    });
  }
});
