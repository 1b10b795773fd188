/**
 * The two generated 2-D classification examples: what their notes tell a
 * student to expect holds, through `nnlab run --json`.
 * - rings (class 1 inside radius 0.5, class 0 from 0.7 to 1): two tanh units
 *   cannot close a boundary around the disc, three can;
 * - two spirals: lr 0.001 is far from done after 400 epochs, lr 0.01 gets every
 *   point, lr 0.1 has the lowest train loss and a higher test loss than lr 0.01.
 */
import { describe, expect, it } from 'vitest';
import { example, nnlabJson, pooled, runsOf } from './nnlab';

interface Run { history: { train_loss: number[]; test_loss: number[]; train_accuracy: number[]; test_accuracy: number[] } }
const last = (xs: number[]) => xs[xs.length - 1];

async function finals(file: string) {
  const ids = runsOf(file).map((r) => r.id);
  const out = await pooled(ids, (id) => nnlabJson<Run>('run', example(file), '--run', id));
  return Object.fromEntries(ids.map((id, k) => [id, out[k].history]));
}

describe('the rings example: how many hidden units a circle needs', () => {
  it('2 units stay well under 100 %, 3 and 8 get every point, train and test', async () => {
    const h = await finals('classification-rings-hidden-units.nnlab');
    expect(last(h.h2.train_accuracy)).toBeLessThan(0.95);
    for (const id of ['h3', 'h8']) {
      expect(last(h[id].train_accuracy)).toBe(1);
      expect(last(h[id].test_accuracy)).toBe(1);
    }
    expect(last(h.h8.train_loss)).toBeLessThan(last(h.h3.train_loss));
  });
});

describe('the two-spirals example: the learning rate', () => {
  it('0.001 is far from done, 0.01 gets every point, 0.1 fits the training points best but tests worse than 0.01', async () => {
    const h = await finals('classification-two-spirals.nnlab');
    expect(last(h['lr-0.001'].train_accuracy)).toBeLessThan(0.7);
    expect(last(h['lr-0.01'].train_accuracy)).toBe(1);
    expect(last(h['lr-0.01'].test_accuracy)).toBe(1);
    expect(last(h['lr-0.1'].train_loss)).toBeLessThan(last(h['lr-0.01'].train_loss));
    expect(last(h['lr-0.1'].test_loss)).toBeGreaterThan(last(h['lr-0.01'].test_loss));
  });
});
