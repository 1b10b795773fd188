import { describe, expect, it } from 'vitest';
import { recordedMetrics } from './recorded-metrics';

describe('recordedMetrics: the readout of a recorded epoch', () => {
  const series = {
    train_loss: new Float64Array([0.7, 0.5, 0.25]), train_mae: new Float64Array([0.6, 0.4, 0.2]),
    train_accuracy: new Float64Array([0.5, 0.75, 1]),
    test_loss: new Float64Array([0.8, 0.6, 0.3]), test_mae: new Float64Array([0.7, 0.5, 0.3]),
  };
  it('reads entry k of every series', () => {
    expect(recordedMetrics(series, 1)).toEqual({ train: { loss: 0.5, mae: 0.4, accuracy: 0.75 }, test: { loss: 0.6, mae: 0.5 } });
    expect(recordedMetrics(series, 0)!.train.loss).toBe(0.7);
  });
  it('has no test set or accuracy where the run has none', () => {
    expect(recordedMetrics({ train_loss: [1, 2], train_mae: [3, 4] }, 1)).toEqual({ train: { loss: 2, mae: 4 } });
  });
  it('is null for an entry the history does not have', () => {
    expect(recordedMetrics(series, 3)).toBeNull();
    expect(recordedMetrics(series, -1)).toBeNull();
    expect(recordedMetrics({}, 0)).toBeNull();
  });
});
