/**
 * history.grad_norm: per epoch, the L2 norm of each layer's gradient (weights
 * and biases together), the mean over the epoch's batches.
 *
 * Report 000's lecture net (2-2-1 ReLU, x = (1, 0), y = 2, (a − y)², lr 0.005).
 * Epoch 0, by hand (report000.test.ts): gradW[1] = [1.5, 0.5], gradB[1] = 1 →
 * ‖·‖ = √(2.25 + 0.25 + 1) = √3.5; gradW[0] = [[1, 0], [1, 0]], gradB[0] = [1, 1] → √4 = 2.
 * Epoch 1, from w1 = 0.995, w2 = 0.495, b1 = 0.495, b2 = −0.005, w5 = 0.9925, w6 = 0.9975, b3 = 0.495:
 * n1 = 1.49, n2 = 0.49, out = 2.4626, dL/da = 2·0.4626 = 0.9252;
 * layer 1: 0.9252·[1.49, 0.49, 1]; layer 0: δ = 0.9252·[0.9925, 0.9975] (both ReLUs active),
 * gradW[0] = [[δ1, 0], [δ2, 0]], gradB[0] = δ → ‖·‖ = √(2(δ1² + δ2²)).
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from './trainer';
import { net, options } from './test/helpers';

const spec = net(2, [[2, 'relu'], [1, 'relu']]);
const lectureParams = { weights: [[[1, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] };

function lecture(extra: Partial<Parameters<typeof options>[0]> = {}): Trainer {
  return new Trainer(options({ network: spec, x: [[1, 0]], y: [[2]], optimizer: { kind: 'sgd', lr: 0.005 }, params: lectureParams, ...extra }));
}

describe('history.grad_norm', () => {
  it('report 000, epoch 0: layer 1 √3.5 (gradient [1.5, 0.5, 1]), layer 0 2; epoch 1 by hand', () => {
    const t = lecture();
    t.stepEpoch();
    expect(t.history.grad_norm).toEqual([[2], [Math.sqrt(3.5)]]);
    expect(t.history.train_loss.length).toBe(2); // one entry fewer: no update from the last params yet
    t.stepEpoch();
    const e = 0.9252;
    const [d1, d2] = [e * 0.9925, e * 0.9975];
    const g = t.history.grad_norm!;
    expect(g[1][1]).toBeCloseTo(Math.sqrt((e * 1.49) ** 2 + (e * 0.49) ** 2 + e ** 2), 14);
    expect(g[1][1]).toBeCloseTo(1.7210212193, 10); // 0.9252·√(1.49² + 0.49² + 1) = 0.9252·√3.4602 (Python)
    expect(g[0][1]).toBeCloseTo(1.8411538115, 10); // √(2(δ1² + δ2²)) (Python)
    expect(g[0][1]).toBeCloseTo(Math.sqrt(2 * (d1 * d1 + d2 * d2)), 14);
  });

  it('mini-batches: the mean over the epoch\'s batches of each batch\'s norm', () => {
    // two samples, batch size 1: the epoch's value is (‖g_batch0‖ + ‖g_batch1‖) / 2, per layer
    const t = lecture({ x: [[1, 0], [0, 1]], y: [[2], [1]], batchSize: 1 });
    const perBatch: number[][] = [];
    for (let b = 0; b < 2; b++) {
      t.stepBatch();
      const s = t.lastStep!;
      perBatch.push(s.gradW.map((gw, l) => Math.hypot(...gw, ...s.gradB[l])));
    }
    const g = t.history.grad_norm!;
    for (let l = 0; l < 2; l++) expect(g[l][0]).toBeCloseTo((perBatch[0][l] + perBatch[1][l]) / 2, 15);
    // sample 1 (x = (0, 1)) after the first update: layer 1's gradient differs from the first batch's
    expect(perBatch[0][1]).toBeCloseTo(Math.sqrt(3.5), 15);
    expect(perBatch[1][1]).not.toBe(perBatch[0][1]);
  });

  it('continues exactly from a state saved mid-epoch, and a file without grad_norm reads as NaN', () => {
    const o = { x: [[1, 0], [0, 1], [1, 1]], y: [[2], [1], [0]], batchSize: 2 };
    const whole = lecture(o);
    whole.runEpochs(3);
    const half = lecture(o);
    half.stepEpoch();
    half.stepBatch(); // one of the two batches of epoch 1
    const state = JSON.parse(JSON.stringify(half.toState()));
    const resumed = Trainer.fromState(lecture(o).opts, state);
    resumed.runEpochs(2);
    expect(resumed.history.grad_norm).toEqual(whole.history.grad_norm);
    expect(whole.history.grad_norm![0].length).toBe(3);
    const old = Trainer.fromState(lecture(o).opts, { ...state, history: { ...state.history, grad_norm: undefined } });
    expect(old.history.grad_norm).toEqual([[NaN], [NaN]]);
  });

  it('norms of finite gradients whose squares overflow stay finite (scaled)', () => {
    // n1 = 1e60, a = 1e40·n1 = 1e100 (loss 1e200, finite); gradW[1][0] = 2(a − y)·n1 = 2e160, whose square overflows
    const t = lecture({ params: { weights: [[[1e60, 0], [0, 0]], [[1e40, 0]]], biases: [[0, 0], [0]] } });
    t.stepBatch();
    const s = t.lastStep!;
    const n1 = t.history.grad_norm![1][0];
    expect(Number.isFinite(n1)).toBe(true);
    expect(s.gradW[1][0]).toBe(2e160);
    // ‖(2e160, 0, 2e100)‖ = 2e160·√(1 + 1e−120) = 2e160
    expect(n1 / Math.abs(s.gradW[1][0])).toBeCloseTo(1, 12);
  });
});
