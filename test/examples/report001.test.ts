/**
 * Report 001 (noisy quadratic n1² + n2 + randint(0, 5)). The original notebook's data is not
 * public, so the example makes its own; the tests check the report's stories, which hold
 * for any data: the all-zero start learns only the output bias, and it becomes the mean
 * target; random targets are learned as their mean; huge biases end far worse.
 */
import { describe, expect, it } from 'vitest';
import { example, nnlabJson, nnlabSpawnJson, pooled } from './nnlab';

const file = '001-noisy-quadratic-learning-rates.nnlab';

describe('report 001: noisy quadratic', () => {
  it('all-zero start: every weight stays exactly 0, the output bias becomes the mean target (loss = its variance)', async () => {
    const out = await nnlabSpawnJson('run', example(file), '--run', 'all-zero', '--every', '1000');
    expect(out.params.weights.flat(2).every((w: number) => w === 0)).toBe(true);
    expect(out.params.biases[0]).toEqual([0, 0]);
    const b3 = out.params.biases[1][0];
    // with zero weights the prediction is b3 and the gradient 2·(b3 − mean(y)): gradient descent on b3 alone,
    // b3_k = mean·(1 − (1 − 2·lr)^k), whose fixed point is the mean target. 5000 more epochs barely move it:
    const longer = await nnlabJson('run', example(file), '--run', 'all-zero', '--set', 'epochs=10000', '--every', '10000');
    const b3Longer = longer.params.biases[1][0];
    expect(Math.abs(b3 - b3Longer) / b3Longer).toBeLessThan(1e-4);
    // exactly as the closed form says: b3_5000 / b3_10000 = (1 − r^5000) / (1 − r^10000), r = 1 − 2·lr
    expect(b3 / b3Longer).toBeCloseTo((1 - 0.998 ** 5000) / (1 - 0.998 ** 10000), 11);
    // and the loss is then the variance of the targets: no constant does better
    expect(longer.history.train_loss.at(-1)).toBeLessThan(out.history.train_loss.at(-1));
    // n1 ∈ 0..4, n2 ∈ 0..9, randint(0, 5): E = 6 + 4.5 + 2 = 12.5; 200 samples land near it
    expect(b3).toBeGreaterThan(11);
    expect(b3).toBeLessThan(14);
    const losses: number[] = out.history.train_loss;
    expect(losses.at(-1)).toBeLessThan(losses[0]);
  }, 60_000);

  it('learning rates: 0.001 and 0.0004 reach the noise floor region, 1e-6 hardly moves, 0.025 gets stuck high', async () => {
    const ids = ['lr-0.025', 'lr-0.001', 'lr-0.0004', 'lr-1e-06'];
    const runs = await pooled(ids, (id) => nnlabJson('run', example(file), '--run', id, '--every', '1000'));
    const final = Object.fromEntries(ids.map((id, k) => [id, runs[k].history.train_loss.at(-1) as number]));
    const first = runs[3].history.train_loss[0] as number;
    expect(final['lr-0.001']).toBeLessThan(6);
    expect(final['lr-0.0004']).toBeLessThan(6);
    expect(final['lr-1e-06']).toBeGreaterThan(0.5 * first); // after 1000 epochs still most of the start
    expect(final['lr-0.025']).toBeGreaterThan(5 * final['lr-0.001']);
  }, 60_000);

  it('huge biases (100) end with a much larger loss and large weights', async () => {
    const [base, big] = await pooled(['lr-0.001', 'biases-100'], (id) => nnlabJson('run', example(file), '--run', id, '--every', '1000'));
    expect(big.history.train_loss.at(-1)).toBeGreaterThan(10 * base.history.train_loss.at(-1));
    expect(Math.max(...big.params.weights.flat(2).map(Math.abs))).toBeGreaterThan(100);
  }, 60_000);

  it('random targets randint(0, 100): the network predicts about their mean, the loss stays near their variance', async () => {
    // from the zero start the only thing to learn is the mean: the bias goes to it
    const zero = await nnlabJson('run', example(file), '--run', 'random-targets', '--set', 'init={"kind":"zeros"}', '--set', 'epochs=5000', '--every', '5000');
    const mean = zero.params.biases[1][0];
    expect(mean).toBeGreaterThan(40); // randint(0, 100) has mean 49.5
    expect(mean).toBeLessThan(59);
    const variance = zero.history.train_loss.at(-1);
    expect(variance).toBeGreaterThan(600); // 99·101/12 ≈ 833 for a uniform 0..99
    // the network from the example's start does not do much better than the mean: nothing to learn
    const net = await nnlabJson('run', example(file), '--run', 'random-targets', '--every', '1000');
    expect(net.history.train_loss.at(-1)).toBeGreaterThan(0.9 * variance);
  }, 60_000);
});
