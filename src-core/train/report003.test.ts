/**
 * Report 003, Problem 1: one backprop step by hand for a 2-3-1 sigmoid net,
 * loss ½(a − y)², lr 0.1, x = (1, 0), y = 1. Hidden unit n_k uses
 * (w_{2k−1}, w_{2k}, b_k): W[0] = [[w1, w2], [w3, w4], [w5, w6]], b[0] = [b1, b2, b3];
 * output W[1] = [[w7, w8, w9]], b[1] = [b4].
 * Expected values: fixtures/report003.py (numpy, printed with repr).
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from './trainer';
import { net, options } from './test/helpers';

function oneStep(W0: number[][], b0: number[], W1: number[][], b1: number[]) {
  const t = new Trainer(options({
    network: net(2, [[3, 'sigmoid'], [1, 'sigmoid']]),
    params: { weights: [W0, W1], biases: [b0, b1] },
    x: [[1, 0]], y: [[1]], loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.1 },
  }));
  t.stepBatch();
  return t.lastStep!;
}

const close = (got: ArrayLike<number>, want: number[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, k) => expect(Math.abs(got[k] - w)).toBeLessThan(1e-15));
};

describe('report 003 problem 1', () => {
  it('(a) all weights and biases 1', () => {
    const s = oneStep([[1, 1], [1, 1], [1, 1]], [1, 1, 1], [[1, 1, 1]], [1]);
    close(s.a[0].data, [0.8807970779778823, 0.8807970779778823, 0.8807970779778823]);
    close(s.a[1].data, [0.9744787489988975]);
    expect(s.loss).toBeCloseTo(0.000325667126330637, 17);
    // chain-rule factors of the output: dE/da = a − y, da/dz = a(1 − a)
    close(s.dLda[1].data, [0.9744787489988975 - 1]);
    close(s.fprime[1].data, [0.9744787489988975 * (1 - 0.9744787489988975)]);
    close(s.delta[1].data, [-0.0006347113877134902]);
    close(s.delta[0].data, [-6.664062429247454e-05, -6.664062429247454e-05, -6.664062429247454e-05]);
    close(s.gradW[1], [-0.0005590519356573289, -0.0005590519356573289, -0.0005590519356573289]);
    close(s.gradB[1], [-0.0006347113877134902]);
    close(s.gradW[0], [-6.664062429247454e-05, 0, -6.664062429247454e-05, 0, -6.664062429247454e-05, 0]);
    close(s.gradB[0], [-6.664062429247454e-05, -6.664062429247454e-05, -6.664062429247454e-05]);
    // The report's table: w1 = w3 = w5 = 1.0000065 and b2 = b3 = 1.0000065 — it used the rounded
    // hidden gradient −6.552e-5; the correct value is −6.664e-5, so 1.0000066640624292.
    // Its b1 = 2.0000065 is a typo (b1 moves like b2, b3). w2, w4, w6 stay 1 (x2 = 0): right.
    // Its w7 = w8 = w9 = 1.00005 is 1.0000559 truncated (rounds to 1.00006); b4 = 1.00006 is right.
    const a = s.after!;
    close(a.W[0], [1.0000066640624292, 1, 1.0000066640624292, 1, 1.0000066640624292, 1]);
    close(a.b[0], [1.0000066640624292, 1.0000066640624292, 1.0000066640624292]);
    close(a.W[1], [1.0000559051935658, 1.0000559051935658, 1.0000559051935658]);
    close(a.b[1], [1.0000634711387713]);
  });

  it('(b) w1 = w3 = w5 = 0.5, w2 = w4 = w6 = −0.25, w7 = 1, w8 = −1, w9 = 0, biases 0.1', () => {
    const s = oneStep([[0.5, -0.25], [0.5, -0.25], [0.5, -0.25]], [0.1, 0.1, 0.1], [[1, -1, 0]], [0.1]);
    close(s.a[0].data, [0.6456563062257954, 0.6456563062257954, 0.6456563062257954]);
    close(s.a[1].data, [0.52497918747894]);
    expect(s.loss).toBeCloseTo(0.11282238616408401, 16);
    // report: dE/da = −0.4751, da/dz = 0.250 (0.2494), a_h = 0.646, σ'(z_h) = 0.229: all right
    expect(s.dLda[1].data[0]).toBeCloseTo(-0.47502081252106, 14);
    close(s.delta[1].data, [-0.11845880923571206]);
    close(s.delta[0].data, [-0.027101508696392444, 0.027101508696392444, 0]);
    // report: dE/dw8 = −0.077 right, but it then writes dE/dw9 = 0.0077 for
    // what is −0.0765 (w9's gradient equals w7's and w8's: all three see a_h = 0.646)
    close(s.gradW[1], [-0.07648367721103598, -0.07648367721103598, -0.07648367721103598]);
    close(s.gradB[1], [-0.11845880923571206]);
    // report's b2 line "−0.4751 × 0.850 × −1 × 0.289 × 1 = 0.0871" has three slips
    // (0.250, 0.229, 0.0271); its final b2 = 0.0973 is right.
    close(s.gradW[0], [-0.027101508696392444, 0, 0.027101508696392444, 0, 0, 0]);
    close(s.gradB[0], [-0.027101508696392444, 0.027101508696392444, 0]);
    const a = s.after!;
    // report: w1 0.5027, w3 0.4973, w5 0.5, w7 1.0077, w8 −0.992, w9 0.0077, b1 0.1027, b2 0.0973, b3 0.1, b4 0.112
    close(a.W[0], [0.5027101508696392, -0.25, 0.49728984913036073, -0.25, 0.5, -0.25]);
    close(a.b[0], [0.10271015086963925, 0.09728984913036076, 0.1]);
    close(a.W[1], [1.0076483677211037, -0.9923516322788964, 0.007648367721103598]);
    close(a.b[1], [0.11184588092357121]);
  });
});
