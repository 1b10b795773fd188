import { describe, expect, it } from 'vitest';
import { fieldLabel } from './sections';

describe('fieldLabel', () => {
  it("names a refusal's field as the panel labels it", () => {
    expect(fieldLabel('experiment.optimizer.lr: expected a number > 0, got -1', 2)).toBe('Learning rate');
    expect(fieldLabel('experiment.network.layers[0].units: expected an integer >= 1, got 0', 2)).toBe('hidden 1 units');
    expect(fieldLabel('experiment.network.layers[1].activation: softmax needs …', 2)).toBe('output activation');
    expect(fieldLabel('experiment.early_stopping.patience: expected an integer >= 1', 2)).toBe('Early stopping patience');
    expect(fieldLabel('experiment.init.weights[0][1][2]: expected a number', 2)).toBeNull();
    expect(fieldLabel('something else entirely', 2)).toBeNull();
  });
});
