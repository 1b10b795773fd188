/** Trainer behaviour: batches, shuffling, history entries, early stopping, divergence, edits, save/continue. */
import { describe, expect, it } from 'vitest';
import { Trainer } from './trainer';
import { mulberry32, net, options } from './test/helpers';

// y = 2x − 1 on 5 points with a single linear unit: gradients by hand are easy.
const lin = (o: Partial<Parameters<typeof options>[0]> = {}) => options({
  network: net(1, [[1, 'linear']]),
  params: { weights: [[[0]]], biases: [[0]] },
  x: [[0], [1], [2], [3], [4]], y: [[-1], [1], [3], [5], [7]],
  loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.01 }, ...o,
});

describe('mini-batches', () => {
  it('5 samples in batches of 2: batches [0,1], [2,3], [4]; the partial batch is its own update', () => {
    const t = new Trainer(lin({ batchSize: 2 }));
    t.stepBatch();
    expect(t.lastStep!.indices).toEqual([0, 1]);
    t.stepBatch();
    expect(t.lastStep!.indices).toEqual([2, 3]);
    t.stepPhase(); // forward of the last batch
    const s = t.lastStep!;
    expect(s.indices).toEqual([4]);
    expect(s.x.rows).toBe(1);
    expect(s.after).toBeNull(); // lastStep is a snapshot of the phases done when read
    t.stepPhase();
    t.stepPhase();
    expect(t.epoch).toBe(1);
    expect(t.updates).toBe(3);
    const done = t.lastStep!;
    expect(done.done).toEqual({ forward: true, backward: true, update: true });
    // the last batch alone, mean over 1 sample: w, b before it came from two updates
    const w = s.before.W[0][0], b = s.before.b[0][0];
    const e = w * 4 + b - 7;
    expect(s.gradW[0][0]).toBeCloseTo(e * 4, 14);
    expect(done.after!.W[0][0]).toBeCloseTo(w - 0.01 * e * 4, 14);
    t.stepBatch();
    expect(t.lastStep!.indices).toEqual([0, 1]); // the next epoch starts afresh
  });

  it('shuffle: Fisher–Yates per epoch, same stream → same order; a permutation every epoch', () => {
    const orders = (seed: number) => {
      const t = new Trainer(lin({ batchSize: 5, shuffle: true, random: mulberry32(seed) }));
      const out: number[][] = [];
      for (let e = 0; e < 4; e++) {
        t.stepBatch();
        out.push(t.lastStep!.indices);
      }
      return out;
    };
    const a = orders(7);
    expect(orders(7)).toEqual(a);
    for (const o of a) expect([...o].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(a.map((o) => o.join())).size).toBeGreaterThan(1);
    // by hand: first epoch, i = 4..1, j = ⌊r·(i+1)⌋ from the same stream
    const r = mulberry32(7);
    const o = [0, 1, 2, 3, 4];
    for (let i = 4; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [o[i], o[j]] = [o[j], o[i]];
    }
    expect(a[0]).toEqual(o);
  });
});

describe('history', () => {
  it('entry k is measured with the params after k epochs; the fast full-batch path equals evaluate()', () => {
    const t = new Trainer(lin());
    const e0 = t.evaluate().train;
    t.runEpochs(3);
    const h = t.history;
    expect(h.train_loss.length).toBe(4);
    expect(h.train_loss[0]).toBe(e0.loss);
    expect(h.train_loss[3]).toBe(t.evaluate().train.loss);
    // entry 1 by hand: start w = b = 0, mean gradient of ½(wx + b − y)²:
    // gW = mean(−y·x) = −(0 + 1 + 6 + 15 + 28)/5 = −10, gB = mean(−y) = −3 → w = 0.1, b = 0.03
    const loss1 = [[0, -1], [1, 1], [2, 3], [3, 5], [4, 7]].reduce((s, [x, y]) => s + 0.5 * (0.1 * x + 0.03 - y) ** 2, 0) / 5;
    expect(h.train_loss[1]).toBeCloseTo(loss1, 14);
    expect(h.params.epochs).toEqual([0, 1, 2, 3]);
    expect(h.params.values[1][0]).toBeCloseTo(0.1, 15);
    expect(h.params.values[1][1]).toBeCloseTo(0.03, 15);
    expect(h.best).toEqual({ epoch: 3, metric: 'train_loss', value: h.train_loss[3] });
    // the same run in mini-batches of 5 (not the fast path) gives identical numbers
    const t2 = new Trainer(lin({ batchSize: 5 }));
    t2.runEpochs(3);
    expect(t2.history.train_loss).toEqual(h.train_loss);
    expect(t2.history.train_mae).toEqual(h.train_mae);
  });

  it('the parameter record is thinned evenly within its budget', () => {
    const t = new Trainer({ ...lin(), maxHistoryParamNumbers: 20 }); // 2 params → at most 10 snapshots
    t.runEpochs(100);
    const rec = t.history.params;
    expect(rec.values.length).toBeLessThanOrEqual(10);
    expect(rec.epochs.every((e) => e % rec.stride === 0)).toBe(true);
    expect(rec.epochs[0]).toBe(0);
    expect(t.history.train_loss.length).toBe(101);
  });

  it('test set, accuracy for a single sigmoid output', () => {
    const t = new Trainer(options({
      network: net(1, [[1, 'sigmoid']]), params: { weights: [[[1]]], biases: [[0]] },
      x: [[-1], [1], [2]], y: [[0], [1], [0]], test: { x: [[3]], y: [[1]] }, loss: 'binary_cross_entropy',
    }));
    const h = t.history;
    expect(h.train_accuracy![0]).toBeCloseTo(2 / 3, 15);
    expect(h.test_accuracy![0]).toBe(1);
    // BCE from z: softplus(z) − y z; test sample z = 3, y = 1 → log(1 + e^−3)
    expect(h.test_loss![0]).toBeCloseTo(Math.log1p(Math.exp(-3)), 15);
    expect(h.best!.metric).toBe('test_loss');
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement and restores the best parameters', () => {
    // lr 0.3 oscillates ever wider on this data: the loss rises from epoch 1 on
    const o = { ...lin({ optimizer: { kind: 'sgd', lr: 0.3 } }), earlyStopping: { monitor: 'train_loss' as const, patience: 2, min_delta: 0, restore_best: true } };
    const t = new Trainer(o);
    t.runEpochs(50);
    expect(t.status).toBe('stopped_early');
    const h = t.history;
    const best = h.train_loss.indexOf(Math.min(...h.train_loss));
    expect(h.train_loss.length).toBe(best + 3);
    expect(t.epoch).toBe(best + 2);
    expect(t.params.W[0][0]).toBe(h.params.values[best][0]);
    expect(t.params.b[0][0]).toBe(h.params.values[best][1]);
    expect(t.runEpochs(5)).toBe(0);
  });
});

describe('divergence', () => {
  it('lr 5 overflows: the run stops at the first non-finite value and names it', () => {
    const t = new Trainer(options({
      network: net(1, [[3, 'sigmoid'], [1, 'linear']]),
      params: { weights: [[[1], [-0.5], [0.3]], [[0.5, 1, -1]]], biases: [[0, 0.1, -0.1], [0]] },
      x: [[-5], [-2], [0], [2], [5]], y: [[10], [-4], [0], [4], [20]], optimizer: { kind: 'sgd', lr: 5 },
    }));
    t.runEpochs(10000);
    expect(t.status).toBe('diverged');
    const d = t.divergence!;
    expect(d.what).toMatch(/^(loss|a\[\d\]\[\d\]\[\d\]|gradW\[\d\]\[\d\]\[\d\]|gradB\[\d\]\[\d\]|W\[\d\]\[\d\]\[\d\]|b\[\d\]\[\d\])$/);
    // the params kept are the last finite ones
    for (const w of [...t.params.W, ...t.params.b]) for (const v of w) expect(Number.isFinite(v)).toBe(true);
    expect(d.epoch).toBe(t.epoch);
    expect(t.history.train_loss.every(Number.isFinite)).toBe(true);
  });

  it('names a parameter that overflows in the update', () => {
    // one linear unit, Σ½e²: gW = −Σ y x = −50, gB = −Σ y = −15; with lr 1e307
    // w = 5e308 overflows to Infinity while b = 1.5e308 is still finite
    const t = new Trainer(lin({ optimizer: { kind: 'sgd', lr: 1e307 }, reduction: 'sum' }));
    t.stepBatch();
    expect(t.status).toBe('diverged');
    expect(t.divergence).toEqual({ epoch: 0, what: 'W[0][0][0]', phase: 'update', became: 'Infinity', update: 1, batch: 0 });
    expect(t.divergenceMessage).toBe('diverged at epoch 0: W[0][0][0] became Infinity in update 1 (epoch 1, batch 1)');
    expect(t.params.W[0][0]).toBe(0);
    expect(t.lastStep!.after!.W[0][0]).toBe(Infinity);
  });

  it('says NaN when a value became NaN: z = 1e308·10 + (−1e308)·10 = Infinity − Infinity', () => {
    const t = new Trainer(options({
      network: net(2, [[1, 'linear']]), params: { weights: [[[1e308, -1e308]]], biases: [[0]] }, x: [[10, 10]], y: [[0]],
    }));
    t.stepPhase();
    expect(t.divergence).toEqual({ epoch: 0, what: 'a[0][0][0]', phase: 'forward', became: 'NaN', update: 0, batch: 0 });
    expect(t.divergenceMessage).toBe('diverged at epoch 0: a[0][0][0] became NaN in the forward pass (epoch 1, batch 1) with the starting parameters');
  });

  it('a full-batch run paused after every epoch names its divergence as the same run without a pause does', () => {
    // all linear at lr 1: each step overshoots more, until a forward pass overflows (a host runs in slices;
    // an entry recorded at a pause used to say "train_loss became NaN" where the run went on to name a[1][0][0])
    const make = () => new Trainer(options({
      network: net(1, [[2, 'linear'], [1, 'linear']]),
      params: { weights: [[[1], [-0.5]], [[0.5, 1]]], biases: [[0, 0.1], [0]] },
      x: [[-5], [-2], [0], [2], [5]], y: [[10], [-4], [0], [4], [20]], optimizer: { kind: 'sgd', lr: 1 }, epochs: 10000,
    }));
    const whole = make();
    whole.runEpochs(10000);
    expect(whole.status).toBe('diverged');
    expect(whole.divergence!.phase).toBe('forward');
    const paused = make();
    for (let k = 0; k < 10000 && paused.status !== 'diverged'; k++) paused.runEpochs(1);
    expect(paused.divergence).toEqual(whole.divergence);
    expect(paused.divergenceMessage).toBe(whole.divergenceMessage);
    expect(paused.history.train_loss).toEqual(whole.history.train_loss);
  });

  it('says -Infinity for a parameter that overflowed downwards', () => {
    // as above with the targets negated: gW = +50, gB = +15, w = 0 − 1e307·50 = −Infinity
    const t = new Trainer(lin({ optimizer: { kind: 'sgd', lr: 1e307 }, reduction: 'sum', y: [[1], [-1], [-3], [-5], [-7]] }));
    t.stepBatch();
    expect(t.divergenceMessage).toBe('diverged at epoch 0: W[0][0][0] became -Infinity in update 1 (epoch 1, batch 1)');
  });
});

describe('edits and save/continue', () => {
  it('setParam recomputes the forward pass at once and discards the pending phases', () => {
    const t = new Trainer(lin());
    t.stepPhase();
    t.stepPhase(); // backward done, update pending
    t.setParam({ kind: 'weight', layer: 0, j: 0, i: 0 }, 2);
    expect(t.nextPhase).toBe('backward');
    const s = t.lastStep!;
    // w = 2, b = 0: a = 2x, errors 1, 1, 1, 1, 1 → mean ½e² = 0.5
    expect(s.loss).toBe(0.5);
    expect(t.history.train_loss).toEqual([0.5]); // entry 0 is now the edited start
    expect(() => t.setParam({ kind: 'bias', layer: 1, j: 0 }, 1)).toThrow(/layer 1 does not exist/);
    expect(() => t.setParam({ kind: 'bias', layer: 0, j: 0 }, NaN)).toThrow(/finite/);
  });

  it('toState/fromState continues exactly, shuffle and momentum included', () => {
    const mk = () => lin({ batchSize: 2, shuffle: true, random: mulberry32(3), optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 } });
    const a = new Trainer(mk());
    a.runEpochs(7);
    a.stepBatch();
    const saved = JSON.parse(JSON.stringify(a.toState()));
    a.runEpochs(5);
    const b = Trainer.fromState(mk(), saved);
    b.runEpochs(5);
    expect(b.history.train_loss).toEqual(a.history.train_loss);
    expect(Array.from(b.params.W[0])).toEqual(Array.from(a.params.W[0]));
    expect(b.updates).toBe(a.updates);
  });

  it('bad options are refused with messages naming the field', () => {
    // the session schema's own messages (one set of rules for files and for code that builds a Trainer)
    expect(() => new Trainer(lin({ batchSize: 0 }))).toThrow(/^batch_size: expected an integer >= 1, got 0$/m);
    expect(() => new Trainer(lin({ batchSize: 'half' as never }))).toThrow(/^batch_size: expected "full" or an integer >= 1, got "half"$/m);
    expect(() => new Trainer(lin({ loss: 'hinge' as never }))).toThrow(/^loss: expected one of "squared_error", .*, got "hinge"$/m);
    expect(() => new Trainer(lin({ reduction: 'max' as never }))).toThrow(/^reduction: expected one of "mean", "sum", got "max"$/m);
    expect(() => new Trainer({ ...lin(), earlyStopping: { patience: 0, min_delta: -1, restore_best: true } })).toThrow(/^early_stopping\.patience: expected an integer >= 1, got 0\nearly_stopping\.min_delta: expected a number >= 0, got -1$/m);
    expect(() => new Trainer({ ...lin(), network: net(2, [[1, 'linear']]) })).toThrow(/data.train.x: expected 2 columns/);
  });
});
