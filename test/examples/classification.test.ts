/**
 * The two generated 2-D classification examples: what their notes tell a
 * student to expect holds, through `nnlab run --json`.
 * - rings (class 1 inside radius 0.5, class 0 from 0.7 to 1): two tanh units
 *   cannot close a boundary around the disc, three can; with noise no net gets every point;
 * - two spirals: lr 0.001 is far from done after 400 epochs, lr 0.01 gets every
 *   point, lr 0.1 has the lowest train loss and a higher test loss than lr 0.01.
 */
import { describe, expect, it } from 'vitest';
import { example, nnlabJson, pooled, runsOf } from './nnlab';

interface Run { history: { train_loss: number[]; test_loss: number[]; train_accuracy: number[]; test_accuracy: number[] } }
const last = (xs: number[]) => xs[xs.length - 1];

/** every saved run's history, and the experiment itself's as "current" */
async function finals(file: string) {
  const ids = [...runsOf(file).map((r) => r.id), 'current'];
  const out = await pooled(ids, (id) => nnlabJson<Run>('run', example(file), ...(id === 'current' ? [] : ['--run', id])));
  return Object.fromEntries(ids.map((id, k) => [id, out[k].history]));
}

describe('the rings example: how many hidden units a circle needs', () => {
  it('2 units stay well under 100 %, 3 and the experiment\'s 8 get every point, train and test; noise σ 0.15 makes every point impossible', async () => {
    const h = await finals('classification-rings-hidden-units.nnlab');
    expect(last(h.h2.train_accuracy)).toBeLessThan(0.95);
    for (const id of ['h3', 'current']) {
      expect(last(h[id].train_accuracy)).toBe(1);
      expect(last(h[id].test_accuracy)).toBe(1);
    }
    expect(last(h.current.train_loss)).toBeLessThan(last(h.h3.train_loss));
    const noisy = await nnlabJson<Run>('run', example('classification-rings-hidden-units.nnlab'), '--set', 'data.noise={"std":0.15}');
    expect(last(noisy.history.train_accuracy)).toBeLessThan(1);
    expect(last(noisy.history.test_accuracy)).toBeLessThan(1);
  });
});

describe('the two-spirals example: the learning rate', () => {
  it('0.001 is far from done, 0.01 gets every point, 0.1 fits the training points best but tests worse than 0.01', async () => {
    const h = await finals('classification-two-spirals.nnlab');
    expect(last(h['lr-0.001'].train_accuracy)).toBeLessThan(0.7);
    expect(last(h.current.train_accuracy)).toBe(1);
    expect(last(h.current.test_accuracy)).toBe(1);
    expect(last(h['lr-0.1'].train_loss)).toBeLessThan(last(h.current.train_loss));
    expect(last(h['lr-0.1'].test_loss)).toBeGreaterThan(last(h.current.test_loss));
  });
});
