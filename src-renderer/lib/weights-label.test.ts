import { describe, expect, it } from 'vitest';
import { weightsLabel } from './weights-label';

describe('weightsLabel', () => {
  it('names the epoch early stopping put back, for the weights of now only', () => {
    const now = { epoch: 11, updates: 517 };
    expect(weightsLabel(now, { ...now })).toBe('weights after epoch 11, update 517');
    expect(weightsLabel(now, { ...now, restoredEpoch: 8 })).toBe('weights of epoch 8, put back by early stopping');
    // numbers computed before the stop are of the weights then
    expect(weightsLabel({ epoch: 10, updates: 470 }, { ...now, restoredEpoch: 8 })).toBe('weights after epoch 10, update 470');
    expect(weightsLabel(now, null)).toBe('weights after epoch 11, update 517');
  });
});
