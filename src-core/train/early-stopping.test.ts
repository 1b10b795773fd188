/**
 * Early stopping (issue 12): the monitor must be a series the run records
 * (refused with its path otherwise), its direction is that series' own, entry
 * 0 counts, and restore_best also restores when a run ends without a stop
 * (as Keras 3 does), training on from the parameters it ended with.
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from './trainer';
import { net, options } from './test/helpers';
import { parseSession } from '../session/session';
import { createTrainer, SessionError } from '../session/create';
import type { EarlyStoppingConfig } from '../types';
import { snapshotOf } from '../protocol/service-events';

// y = 2x − 1 with one linear unit; lr 0.3 overshoots ever wider: the loss rises from entry 1 on
const lin = (es?: Partial<EarlyStoppingConfig>, o: Partial<Parameters<typeof options>[0]> = {}) => ({
  ...options({
    network: net(1, [[1, 'linear']]), params: { weights: [[[0]]], biases: [[0]] },
    x: [[0], [1], [2], [3], [4]], y: [[-1], [1], [3], [5], [7]], loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.3 }, ...o,
  }),
  ...(es ? { earlyStopping: { patience: 2, min_delta: 0, restore_best: true, ...es } } : {}),
});

// a classifier: one sigmoid unit, x < 0 → 0, x > 0 → 1, starting the wrong way round (accuracy 0)
const clf = (es: Partial<EarlyStoppingConfig>, epochs = 100) => ({
  ...options({
    network: net(1, [[1, 'sigmoid']]), params: { weights: [[[-1]]], biases: [[0]] },
    x: [[-2], [-1], [1], [2]], y: [[0], [0], [1], [1]], loss: 'binary_cross_entropy', optimizer: { kind: 'sgd', lr: 0.5 }, epochs,
  }),
  earlyStopping: { patience: 3, min_delta: 0, restore_best: true, ...es },
});

function session(earlyStopping: unknown, test = false) {
  return {
    format: 'nnlab', version: 1,
    experiment: {
      network: { inputs: 1, layers: [{ units: 1, activation: 'linear' }] }, loss: 'squared_error',
      init: { kind: 'explicit', weights: [[[0]]], biases: [[0]] },
      data: { kind: 'inline', train: { x: [[0], [1], [2]], y: [[1], [3], [5]] }, ...(test ? { test: { x: [[3]], y: [[7]] } } : {}) },
      optimizer: { kind: 'sgd', lr: 0.1 }, epochs: 20, early_stopping: earlyStopping,
    },
  };
}
function refusal(s: unknown): string[] {
  const parsed = parseSession(s);
  if (!parsed.ok) return parsed.errors;
  try {
    createTrainer(parsed.session.experiment);
    return [];
  } catch (e) {
    return e instanceof SessionError ? e.errors : [String(e)];
  }
}

describe('early stopping: the monitor is a series the run records', () => {
  it('refuses an accuracy on a regression net, with its path (it used to watch the loss as if higher were better)', () => {
    expect(() => new Trainer(lin({ monitor: 'train_accuracy' }))).toThrow(
      'experiment.early_stopping.monitor: expected a series the run records; "train_accuracy" needs a classifier (a softmax output, or one sigmoid unit with targets 0 and 1): use "train_loss"',
    );
    expect(refusal(session({ monitor: 'train_accuracy', patience: 3 }))).toEqual([
      'experiment.early_stopping.monitor: expected a series the run records; "train_accuracy" needs a classifier (a softmax output, or one sigmoid unit with targets 0 and 1): use "train_loss"',
    ]);
  });

  it('refuses a test_* monitor without a test set (it used to watch the train series instead)', () => {
    const why = 'experiment.early_stopping.monitor: expected a series the run records; "test_loss" needs a test set (the experiment has none): use "train_loss" or add data.test';
    expect(refusal(session({ monitor: 'test_loss', patience: 3 }))).toEqual([why]);
    expect(refusal(session({ monitor: 'test_mae', patience: 3 }))[0]).toContain('use "train_mae" or add data.test');
    expect(refusal(session({ monitor: 'test_accuracy', patience: 3 }))[0]).toContain('"test_accuracy" needs a test set (the experiment has none): use "train_loss"');
    expect(refusal(session({ monitor: 'test_loss', patience: 3 }, true))).toEqual([]);
  });

  it('without a monitor: test_loss with a test set, train_loss without (a file that was valid stays valid)', () => {
    expect(refusal(session({ patience: 3 }))).toEqual([]);
    expect(refusal(session({ patience: 3 }, true))).toEqual([]);
    const parsed = parseSession(session({ patience: 3 }));
    const t = createTrainer(parsed.ok ? parsed.session.experiment : (null as never));
    expect(t.toState().bestValue).toBe(t.history.train_loss[0]);
    const withTest = parseSession(session({ patience: 3 }, true));
    const u = createTrainer(withTest.ok ? withTest.session.experiment : (null as never));
    expect(u.toState().bestValue).toBe(u.history.test_loss![0]);
  });
});

describe('early stopping: the direction is the series\' own', () => {
  it('train_accuracy: higher is better; it stops `patience` entries after accuracy reached its best and restores that entry', () => {
    const t = new Trainer(clf({ monitor: 'train_accuracy' }));
    t.runEpochs(100);
    expect(t.status).toBe('stopped_early');
    const acc = t.history.train_accuracy!;
    expect(acc[0]).toBe(0);
    const best = acc.indexOf(1);
    expect(best).toBeGreaterThan(0);
    // entries best+1 … best+3 do not beat 1: the third stops the run
    expect(acc.length).toBe(best + 4);
    expect(acc.slice(best)).toEqual([1, 1, 1, 1]);
    expect(Array.from(t.params.W[0])).toEqual([t.history.params.values[best][0]]);
    expect(t.toState().bestValue).toBe(-1);
  });

  it('train_loss on the same net: lower is better, and the loss falls every epoch: no stop', () => {
    const t = new Trainer(clf({ monitor: 'train_loss' }, 30));
    t.runEpochs(30);
    expect(t.status).toBe('completed');
    const l = t.history.train_loss;
    for (let k = 1; k < l.length; k++) expect(l[k]).toBeLessThan(l[k - 1]);
  });

  it('entry 0 counts: a loss that rises from entry 1 on stops at patience and restores the starting parameters', () => {
    const t = new Trainer(lin({ monitor: 'train_loss', patience: 1 }));
    t.runEpochs(50);
    const l = t.history.train_loss;
    expect(l[1]).toBeGreaterThan(l[0]);
    expect(t.status).toBe('stopped_early');
    expect(t.epoch).toBe(1);
    expect([t.params.W[0][0], t.params.b[0][0]]).toEqual([0, 0]);
  });
});

describe('restore_best when the run ends without a stop (Keras 3)', () => {
  // patience 100: never stops within 6 epochs; the best entry is not the last
  const run = (restore: boolean) => new Trainer(lin({ monitor: 'train_loss', patience: 100, restore_best: restore }, { epochs: 6 }));

  it('the best entry\'s parameters become the current ones; the history keeps what was measured', () => {
    const t = run(true);
    const plain = run(false);
    t.runEpochs(6);
    plain.runEpochs(6);
    expect(t.status).toBe('completed');
    expect(plain.status).toBe('completed');
    const h = t.history;
    expect(h.train_loss).toEqual(plain.history.train_loss);
    const best = h.train_loss.indexOf(Math.min(...h.train_loss));
    expect(best).toBeLessThan(6);
    expect([t.params.W[0][0], t.params.b[0][0]]).toEqual(Array.from(h.params.values[best]));
    expect([plain.params.W[0][0], plain.params.b[0][0]]).toEqual(Array.from(h.params.values[6]));
    // the readout measures what is restored
    expect(t.evaluate().train.loss).toBe(h.train_loss[best]);
  });

  it('training on (more epochs) starts from the parameters the run ended with, in memory and from a saved state', () => {
    const t = run(true);
    const plain = run(false);
    t.runEpochs(6);
    plain.runEpochs(6);
    const saved = JSON.parse(JSON.stringify(t.toState()));
    expect(saved.endParams).toEqual({ weights: [[[plain.params.W[0][0]]]], biases: [[plain.params.b[0][0]]] });
    t.opts.epochs = plain.opts.epochs = 8;
    t.runEpochs(2);
    plain.runEpochs(2);
    expect(t.history.train_loss).toEqual(plain.history.train_loss);
    const back = Trainer.fromState({ ...lin({ monitor: 'train_loss', patience: 100, restore_best: true }, { epochs: 8 }) }, saved);
    back.runEpochs(2);
    expect(back.history.train_loss).toEqual(plain.history.train_loss);
    // and at the new end the best is restored again
    const best = back.history.train_loss.indexOf(Math.min(...back.history.train_loss));
    expect([back.params.W[0][0], back.params.b[0][0]]).toEqual(Array.from(back.history.params.values[best]));
  });

  it('an edit after the restore applies to the restored parameters (they are the ones shown)', () => {
    const t = run(true);
    t.runEpochs(6);
    const shown = t.params.W[0][0];
    t.setParam({ kind: 'bias', layer: 0, j: 0 }, 0.5);
    expect(t.params.W[0][0]).toBe(shown);
    expect(t.toState().endParams).toBeUndefined();
    expect(t.history.params.values[6][1]).toBe(0.5);
  });
});

describe('the epoch whose parameters were put back, and the snapshot\'s metrics of them', () => {
  // a big net's paused snapshot reads its metrics from the history, not a new evaluation: it read the
  // last entry (MNIST 5 vs 6: epoch 11's accuracy beside the epoch-8 weights early stopping had put back)
  const noEvaluation = (t: Trainer) => Object.assign(Object.create(t) as Trainer, { opts: { ...t.opts, data: { ...t.opts.data, train: { ...t.opts.data.train, x: { ...t.opts.data.train.x, rows: 1e9 } } } } });

  it('a stop: restoredEpoch is the best entry\'s epoch, the snapshot says so and its metrics are that entry\'s', () => {
    const t = new Trainer(clf({ monitor: 'train_accuracy' }));
    t.runEpochs(100);
    expect(t.status).toBe('stopped_early');
    const best = t.history.train_accuracy!.indexOf(1);
    expect(t.restoredEpoch).toBe(best);
    expect(t.epoch).toBe(best + 3);
    const s = snapshotOf(noEvaluation(t), true, 'stopped_early', 100);
    expect(s.restoredEpoch).toBe(best);
    expect(s.metrics.train.loss).toBe(t.history.train_loss[best]);
    expect(s.metrics.train.accuracy).toBe(1);
    // and they are the metrics of the parameters now (a quick net measures them: the same numbers)
    expect(t.evaluate().train.loss).toBe(t.history.train_loss[best]);
    expect(snapshotOf(t, true, 'stopped_early', 100).metrics.train.loss).toBe(t.history.train_loss[best]);
  });

  it('a completed run with restore_best: the best epoch until training goes on; without restore_best: none', () => {
    const t = new Trainer(lin({ monitor: 'train_loss', patience: 100 }, { epochs: 6 }));
    t.runEpochs(6);
    const best = t.history.train_loss.indexOf(Math.min(...t.history.train_loss));
    expect(t.restoredEpoch).toBe(best);
    expect(snapshotOf(noEvaluation(t), true, 'completed', 6).metrics.train.loss).toBe(t.history.train_loss[best]);
    t.opts.epochs = 8;
    t.runEpochs(1);
    expect(t.restoredEpoch).toBeNull();
    const plain = new Trainer(lin({ monitor: 'train_loss', patience: 100, restore_best: false }, { epochs: 6 }));
    plain.runEpochs(6);
    expect(plain.restoredEpoch).toBeNull();
    expect(snapshotOf(plain, true, 'completed', 6).restoredEpoch).toBeUndefined();
    // a saved, reopened stopped run: the epoch from the state's count since the best
    const u = new Trainer(clf({ monitor: 'train_accuracy' }));
    u.runEpochs(100);
    const back = Trainer.fromState(clf({ monitor: 'train_accuracy' }), u.toState());
    expect(back.restoredEpoch).toBe(u.restoredEpoch);
  });
});

describe('the last update after the best parameters are put back (a student pass)', () => {
  // the Math panel showed "w′ = −0.872 − 0.6·(−5.488) = 1": the restored weight as the update's result
  for (const batch of [1, 'full'] as const) {
    it(`batch ${batch}: lastStep's new values are the update's own (before − lr·gradient), the shown parameters the best ones`, () => {
      const opts = { ...lin({ monitor: 'train_loss', patience: 2 }), batchSize: batch } as ConstructorParameters<typeof Trainer>[0];
      const t = new Trainer(opts);
      t.runEpochs(100);
      expect(t.status).toBe('stopped_early');
      const s = t.lastStep!;
      const restored = t.params;
      // the best parameters are the ones shown (the starting 0: the loss rises from entry 1 on) …
      expect(restored.W[0][0]).toBe(0);
      if (s.after) {
        const w = s.before.W[0][0] - 0.3 * s.gradW[0][0];
        expect(s.after.W[0][0]).toBe(w);
        expect(s.after.W[0][0]).not.toBe(restored.W[0][0]);
      } else {
        // … and an update under way computed its forward pass with the weights the run ended with, not those
        const z = s.before.W[0][0] * s.x.data[0] + s.before.b[0][0];
        expect(s.z[0].data[0]).toBe(z);
      }
    });
  }
});
