/**
 * The parameter record of a saved state: thinned to a budget of numbers by
 * doubling the stride (evenly spaced, epoch 0 kept), its last snapshot (the
 * final parameters) always kept; the loss series complete; a run continued
 * from it gives the same numbers as one that never stopped.
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from './trainer';
import { thinnedRecord } from './history';
import { net, options } from './test/helpers';

// y = 2x − 1 with one linear unit: 2 parameters (w, b)
const lin = (maxSavedParamNumbers?: number) => new Trainer({
  ...options({
    network: net(1, [[1, 'linear']]), params: { weights: [[[0]]], biases: [[0]] },
    x: [[0], [1], [2]], y: [[-1], [1], [3]], loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.1 }, epochs: 100,
  }),
  ...(maxSavedParamNumbers === undefined ? {} : { maxSavedParamNumbers }),
});

describe('thinnedRecord', () => {
  const rec = { epochs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], values: Array.from({ length: 11 }, (_, k) => new Float64Array([k, -k])), stride: 1 };
  const thin = (maxNumbers: number) => thinnedRecord(rec.epochs, (k) => rec.values[k], rec.stride, 2, maxNumbers);
  it('doubles the stride until the snapshots fit, keeping the last one', () => {
    // 10 numbers = 5 snapshots of 2: stride 2 gives 0, 2, 4, 6, 8, 10 (6), stride 4 gives 0, 4, 8 + 10 (4)
    expect(thin(10)).toEqual({ epochs: [0, 4, 8, 10], values: [[0, -0], [4, -4], [8, -8], [10, -10]], stride: 4 });
    expect(thin(12)).toEqual({ epochs: [0, 2, 4, 6, 8, 10], values: [0, 2, 4, 6, 8, 10].map((k) => [k, -k]), stride: 2 });
    expect(thin(22).epochs).toEqual(rec.epochs);
    // a net too big for even one snapshot keeps the first and the last
    expect(thin(1)).toEqual({ epochs: [0, 10], values: [[0, -0], [10, -10]], stride: 16 });
  });
});

describe('toState thins the saved record', () => {
  it('caps history.params at maxSavedParamNumbers, series complete, final params exact; continuing matches an unbroken run', () => {
    const t = lin(20);
    t.runEpochs(37);
    const st = t.toState();
    // 38 snapshots of 2 numbers in memory; 10 snapshots fit: stride 4 → 0, 4, …, 36 (10) + 37 = 11 > 10; stride 8 → 0, 8, …, 32 (5) + 37
    expect(st.history.params.stride).toBe(8);
    expect(st.history.params.epochs).toEqual([0, 8, 16, 24, 32, 37]);
    expect(st.history.params.values.at(-1)).toEqual([t.params.W[0][0], t.params.b[0][0]]);
    expect(st.history.params.values[2]).toEqual(Array.from(t.history.params.values[16]));
    expect(st.history.train_loss.length).toBe(38);
    expect(t.history.params.epochs.length).toBe(38); // the in-memory record is untouched
    expect(t.toState({ maxParamNumbers: Infinity }).history.params.epochs.length).toBe(38);

    const resumed = Trainer.fromState(lin().opts, JSON.parse(JSON.stringify(st)));
    resumed.runEpochs(30);
    const whole = lin();
    whole.runEpochs(67);
    expect(resumed.history.train_loss).toEqual(whole.history.train_loss);
    expect(Array.from(resumed.params.W[0])).toEqual(Array.from(whole.params.W[0]));
    // from the saved stride on: 40, 48, 56, 64 after the kept 37
    expect(resumed.history.params.epochs).toEqual([0, 8, 16, 24, 32, 37, 40, 48, 56, 64]);
    expect(Array.from(resumed.history.params.values.at(-1)!)).toEqual(Array.from(whole.history.params.values[64]));
  });
});

describe('a saved parameter record that does not fit the net is refused, with its place named', () => {
  it('a snapshot of the wrong length, or fewer snapshots than epochs', () => {
    const t = lin();
    t.runEpochs(3);
    const st = JSON.parse(JSON.stringify(t.toState()));
    const longer = structuredClone(st);
    longer.history.params.values[1] = [1, 2, 3];
    expect(() => Trainer.fromState(lin().opts, longer)).toThrow('history.params.values[1]: expected 2 numbers (one per parameter), got 3');
    const notArray = structuredClone(st);
    notArray.history.params.values[0] = 'w';
    expect(() => Trainer.fromState(lin().opts, notArray)).toThrow('history.params.values[0]: expected 2 numbers (one per parameter), got "w"');
    const fewer = structuredClone(st);
    fewer.history.params.values.pop();
    expect(() => Trainer.fromState(lin().opts, fewer)).toThrow('history.params: expected as many snapshots as epochs, got 3 and 4');
    expect(() => Trainer.fromState(lin().opts, st)).not.toThrow();
  });
});
