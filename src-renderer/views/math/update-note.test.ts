import { describe, expect, it } from 'vitest';
import { updateNote } from './update-note';

const done = { forward: true, backward: true, update: true };

describe('the math view says which update its numbers are of (explore finding 12)', () => {
  it('after a run of 1000 full-batch epochs: update 1000, made with the weights before it', () => {
    expect(updateNote({ epoch: 999, batch: 0, done }, 1000, false))
      .toBe('Update 1000 (epoch 1000, batch 1): forward and backward with the weights before this update; the header shows the value now, after it.');
  });

  it('mini-batches: the batch within its epoch', () => {
    expect(updateNote({ epoch: 0, batch: 249, done }, 250, false)).toMatch(/^Update 250 \(epoch 1, batch 250\):/);
  });

  it('phase by phase: the update under way is the next one, computed with the weights now', () => {
    expect(updateNote({ epoch: 0, batch: 0, done: { forward: true, backward: false, update: false } }, 0, false))
      .toBe('Update 1 (epoch 1, batch 1), under way: forward and backward with the weights now, as in the header; the backward and update phases come next.');
    expect(updateNote({ epoch: 2, batch: 0, done: { forward: true, backward: true, update: false } }, 2, false)).toMatch(/^Update 3 .*the update phase comes next\.$/);
  });

  it('a run that diverged in an update: that update did not finish, its lines use the weights now', () => {
    expect(updateNote({ epoch: 193, batch: 0, done: { forward: true, backward: false, update: false } }, 193, false, true))
      .toBe('The update after update 193 did not finish: the run diverged in it (see the status). Its lines are computed with the weights after update 193, as in the header.');
    expect(updateNote({ epoch: 0, batch: 0, done: { forward: true, backward: false, update: false } }, 0, false, true)).toMatch(/with the starting weights, as in the header\.$/);
  });

  it('during a run the update shown is from before it', () => {
    expect(updateNote({ epoch: 4, batch: 0, done }, 90, true)).toMatch(/^The update of epoch 5, batch 1, from before the run/);
  });
});
