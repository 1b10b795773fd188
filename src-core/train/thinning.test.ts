/**
 * Issue 11: a long run's history is thinned as it grows, so its memory stays
 * bounded. The thinned history must hold exactly the full history's numbers
 * at the epochs it keeps (thinning never changes training), survive save and
 * continue, edits and early stopping, and reach the renderer's store intact.
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from './trainer';
import { net, options } from './test/helpers';
import { ThinnedIndex, thinningNote, thinningProblem, type ThinningOptions, lastAtOrBefore } from './thinning';
import type { History, TrainerOptions } from './types';
import { HistorySender } from '../protocol/service-events';
import { HistoryStore } from '../protocol/history-store';
import { parseEvent } from '../protocol/messages';

describe('ThinnedIndex', () => {
  it('10^6 epochs: every epoch up to dense, then multiples of a doubling stride within the budget, and the last', () => {
    const t = new ThinnedIndex({ dense: 1000, budget: 500 });
    const a: number[] = [];
    const g: number[] = [];
    let most = 0;
    for (let e = 0; e <= 1_000_000; e++) {
      if (e > 0) g.push(e - 1); // the updates of epoch e − 1 (from 0), from entry e − 1 on
      a.push(e);
      t.appended(e, [a], [g]);
      most = Math.max(most, a.length);
      if (e === 1001 || e === 123_457) {
        expect(a).toEqual(t.epochs);
        expect(g).toEqual(t.epochs.slice(0, -1));
      }
    }
    expect(most).toBeLessThanOrEqual(1000 + 1 + 500 + 2);
    expect(a).toEqual(t.epochs);
    expect(g).toEqual(t.epochs.slice(0, -1)); // grad j goes with entry j
    expect(t.epochs.slice(0, 1001)).toEqual(Array.from({ length: 1001 }, (_, k) => k));
    const tail = t.epochs.slice(1001, -1);
    expect(tail.length).toBeLessThanOrEqual(500);
    expect(tail.every((e) => e % t.stride === 0)).toBe(true);
    expect(t.stride).toBe(2048); // 999 000 epochs past dense / 2048 = 487 ≤ 500 < 975
    expect(t.epochs.at(-1)).toBe(1_000_000);
    expect(thinningNote({ dense: 100_000, stride: t.stride })).toBe('every 2048th epoch shown past epoch 100 000');
    expect(thinningNote({ dense: 10, stride: 2 })).toBe('every 2nd epoch shown past epoch 10');
  });

  it('nothing is dropped up to dense + budget epochs: the history is not thinned', () => {
    const t = new ThinnedIndex({ dense: 10, budget: 5 });
    const a: number[] = [];
    for (let e = 0; e <= 16; e++) {
      a.push(e);
      expect(t.appended(e, [a], [])).toBe(Infinity);
    }
    expect(t.thinned).toBe(false);
    a.push(17);
    expect(t.appended(17, [a], [])).toBe(11); // the tail halves from its first entry on
    expect(t.thinned).toBe(true);
    expect(a).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 17]);
    a.push(18);
    expect(t.appended(18, [a], [])).toBe(14); // 17 was kept only while it was the last
    expect(a).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18]);
  });

  it('a saved thinning is checked, with the path', () => {
    const rule = { dense: 2, budget: 2, stride: 2 };
    expect(thinningProblem('history', [0, 1, 2, 4], rule, 4)).toBeNull();
    expect(thinningProblem('history', [0, 1, 2], rule, 4)).toBe('history.epochs: expected a list of 4 epochs (one per entry of train_loss), got 3');
    expect(thinningProblem('history', [0, 2, 2, 4], rule, 4)).toBe('history.epochs[2]: expected a whole epoch above 2, got 2');
    expect(thinningProblem('history', [1, 2, 3, 4], rule, 4)).toBe('history.epochs[0]: expected 0, got 1');
    expect(thinningProblem('history', [0, 1, 2, 4], { ...rule, stride: 3 }, 4)).toMatch(/^history\.thinning: expected/);
  });
});

// y = 2x − 1 with one linear unit, and a 1-2-1 tanh net with a test set (early stopping, several layers)
const lin = (o: Partial<TrainerOptions> = {}): TrainerOptions => ({
  ...options({
    network: net(1, [[1, 'linear']]), params: { weights: [[[0]]], biases: [[0]] },
    x: [[0], [1], [2], [3], [4]], y: [[-1], [1], [3], [5], [7]], optimizer: { kind: 'sgd', lr: 0.01 }, epochs: 5000,
  }),
  ...o,
});
const deep = (o: Partial<TrainerOptions> = {}): TrainerOptions => ({
  ...options({
    network: net(1, [[2, 'tanh'], [1, 'linear']]),
    params: { weights: [[[0.5], [-0.3]], [[0.7, 0.2]]], biases: [[0.1, -0.1], [0]] },
    x: [[-1], [-0.5], [0], [0.5], [1]], y: [[1], [0.25], [0], [0.25], [1]],
    test: { x: [[-0.75], [0.25], [0.75]], y: [[0.5625], [0.0625], [0.5625]] },
    optimizer: { kind: 'sgd', lr: 0.5 }, epochs: 3000,
  }),
  ...o,
});
const THIN: ThinningOptions = { dense: 100, budget: 64 };
const SERIES = ['train_loss', 'train_mae', 'test_loss', 'test_mae'] as const;

/** The full history's entries at a thinned history's epochs equal the thinned one's, bit for bit. */
function expectSameAtEpochs(thin: History, full: History): void {
  const epochs = thin.epochs ?? thin.train_loss.map((_, k) => k);
  for (const name of SERIES) {
    if (!full[name]) continue;
    expect(thin[name]).toEqual(epochs.map((e) => full[name]![e]));
  }
  // grad_norm[l][j] goes with entry j: the updates from epoch epochs[j] on
  (full.grad_norm ?? []).forEach((g, l) => expect(thin.grad_norm![l]).toEqual(epochs.slice(0, -1).map((e) => g[e])));
  expect(thin.best).toEqual(full.best);
}

describe('a thinned trainer', () => {
  it('keeps the full history\'s numbers at the epochs it keeps, within dense + budget + 2 entries; training is the same', () => {
    const full = new Trainer(deep());
    const thin = new Trainer(deep({ historyThinning: THIN }));
    for (let k = 0; k < 30; k++) {
      full.runEpochs(100);
      thin.runEpochs(100);
      expect(thin.history.train_loss.length).toBeLessThanOrEqual(THIN.dense + 1 + THIN.budget + 1);
    }
    expect(thin.params).toEqual(full.params);
    expect(thin.epoch).toBe(3000);
    expect(thin.history.thinning).toEqual({ ...THIN, stride: 64 });
    expect(thin.history.epochs!.at(-1)).toBe(3000);
    expectSameAtEpochs(thin.history, full.history);
    expect(thin.history.params).toEqual(full.history.params); // the parameter record thins on its own
  });

  it('saved and continued, it goes on as if never stopped', () => {
    const once = new Trainer(lin({ historyThinning: THIN }));
    once.runEpochs(5000);
    const a = new Trainer(lin({ historyThinning: THIN }));
    a.runEpochs(1777);
    const state = JSON.parse(JSON.stringify(a.toState({ maxParamNumbers: Infinity })));
    expect(state.history.epochs.length).toBe(a.history.train_loss.length);
    const b = Trainer.fromState(lin({ historyThinning: THIN }), state);
    b.runEpochs(5000 - 1777);
    expect(b.params).toEqual(once.params);
    expect(b.history.epochs).toEqual(once.history.epochs);
    expect(b.history.train_loss).toEqual(once.history.train_loss);
    expect(b.history.grad_norm).toEqual(once.history.grad_norm);
    // a thinned file continued by a trainer that was not asked to thin (the command line) goes on by its rule
    const c = Trainer.fromState(lin(), state);
    c.runEpochs(5000 - 1777);
    expect(c.history.train_loss).toEqual(once.history.train_loss);
  });

  it('a saved thinning that does not fit is refused with its path', () => {
    const a = new Trainer(lin({ historyThinning: THIN }));
    a.runEpochs(1000);
    const state = JSON.parse(JSON.stringify(a.toState()));
    state.history.epochs[5] = 4;
    expect(() => Trainer.fromState(lin(), state)).toThrow('history.epochs[5]: expected a whole epoch above 4, got 4');
    state.history.epochs = state.history.epochs.slice(0, -1);
    expect(() => Trainer.fromState(lin(), state)).toThrow(/^history\.epochs: expected a list of \d+ epochs/);
  });

  it('an edit at a thinned epoch re-records the last entry; the entries before stay', () => {
    const t = new Trainer(deep({ historyThinning: THIN }));
    t.runEpochs(1234);
    const before = { epochs: t.history.epochs!.slice(), loss: t.history.train_loss.slice(), grad: t.history.grad_norm!.map((g) => g.slice()) };
    t.setParam({ kind: 'bias', layer: 1, j: 0 }, 0.3);
    const h = t.history;
    expect(h.epochs).toEqual(before.epochs);
    expect(h.train_loss.slice(0, -1)).toEqual(before.loss.slice(0, -1));
    expect(h.train_loss.at(-1)).not.toBe(before.loss.at(-1));
    expect(h.train_loss.at(-1)).toBe(t.evaluate().train.loss);
    expect(h.grad_norm).toEqual(before.grad); // the updates that led to epoch 1234 did happen
    // and training on from the edit matches a trainer that was never thinned, edited the same way
    const full = new Trainer(deep());
    full.runEpochs(1234);
    full.setParam({ kind: 'bias', layer: 1, j: 0 }, 0.3);
    full.runEpochs(1000);
    t.runEpochs(1000);
    expect(t.params).toEqual(full.params);
    expectSameAtEpochs(t.history, full.history);
  });

  it('early stopping over a thinned history stops where the full one does, after an edit too', () => {
    const es = { monitor: 'test_loss' as const, patience: 150, min_delta: 0, restore_best: true };
    const make = (thin: boolean) => new Trainer(deep({ epochs: 20_000, optimizer: { kind: 'sgd', lr: 2 }, earlyStopping: es, ...(thin ? { historyThinning: { dense: 50, budget: 16 } } : {}) }));
    const full = make(false);
    const thin = make(true);
    full.runEpochs(20_000);
    thin.runEpochs(20_000);
    expect(thin.status).toBe(full.status);
    expect(thin.epoch).toBe(full.epoch);
    expect(thin.history.thinning?.stride).toBeGreaterThan(1); // it did thin before it stopped
    // an edit replays the bookkeeping from the kept entries: the same stop as the full history's
    for (const t of [full, thin]) {
      t.setParam({ kind: 'bias', layer: 1, j: 0 }, t.params.b[1][0] + 1e-3);
      t.runEpochs(20_000);
    }
    expect(thin.epoch).toBe(full.epoch);
    expect(thin.params).toEqual(full.params);
    expect(thin.params).toEqual(full.params);
    expect(thin.history.best).toEqual(full.history.best);
  });
});

describe('the renderer\'s store', () => {
  it('holds the thinned history as the trainer has it, through appends, the tail halving and an edit', () => {
    const t = new Trainer(deep({ historyThinning: THIN }));
    const sender = new HistorySender();
    const store = new HistoryStore();
    const send = () => {
      const c = sender.chunk(t);
      if (!c) return;
      const parsed = parseEvent(structuredClone(c));
      if (!parsed.ok || parsed.value.type !== 'history') throw new Error(parsed.ok ? 'not a history chunk' : parsed.message);
      expect(store.apply(parsed.value)).toBe(true);
    };
    for (let k = 0; k < 40; k++) {
      t.runEpochs(k % 3 === 0 ? 1 : 37);
      if (k === 20) t.setParam({ kind: 'weight', layer: 0, j: 1, i: 0 }, -0.2);
      send();
      const h = t.history;
      expect(Array.from(store.epochs)).toEqual(h.epochs ?? h.train_loss.map((_, i) => i));
      expect(Array.from(store.series.train_loss!)).toEqual(h.train_loss);
      expect(Array.from(store.series.test_loss!)).toEqual(h.test_loss);
      expect(store.gradNorm.map((g) => Array.from(g))).toEqual(h.grad_norm);
      expect(store.lastEpoch).toBe(t.epoch);
    }
    expect(store.thinning).toEqual(t.history.thinning);
    expect(store.seriesArrays().epochs).toEqual(t.history.epochs);
    const e = store.lastEpoch;
    expect(store.entryOf(e)).toBe(store.length - 1);
    expect(store.entryOf(THIN.dense + 1)).toBe(-1); // odd epochs past dense are gone
    expect(store.entryAtOrBefore(THIN.dense + 1)).toBe(THIN.dense);
    expect(Array.from(store.gradEpochs())).toEqual(Array.from(store.epochs.slice(0, -1)));
  });
});

describe('lastAtOrBefore', () => {
  it('the last index at or before x of an increasing list, −1 before the first, n limits the list', () => {
    const e = [0, 1, 2, 4, 8, 16];
    const naive = (x: number, n = e.length) => e.slice(0, n).reduce((k, v, i) => (v <= x ? i : k), -1);
    for (const x of [-1, 0, 0.5, 1, 3, 4, 7, 8, 15, 16, 17, 1e9]) {
      expect(lastAtOrBefore(e, x)).toBe(naive(x));
      expect(lastAtOrBefore(e, x, 3)).toBe(naive(x, 3));
    }
    expect(lastAtOrBefore([], 5)).toBe(-1);
    expect(lastAtOrBefore(Float64Array.of(3), 3)).toBe(0);
  });
});
