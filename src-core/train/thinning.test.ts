/**
 * The history's thinning (thinning.ts): memory bounded by counting entries
 * (never by timing), the epochs each entry stands for, a real trainer's
 * thinned history equal to the full one at the epochs it keeps, and a saved
 * thinned history that loads back.
 */
import { describe, expect, it } from 'vitest';
import { ThinnedIndex, thinningNote } from './thinning';
import { createTrainer } from '../session/create';
import { Trainer } from './trainer';
import type { Experiment } from '../session/schema';
import { parseSession } from '../session/session';

describe('ThinnedIndex', () => {
  it('a million epochs: at most dense + budget + 1 entries, every entry up to dense, then every stride-th, and the last', () => {
    const t = new ThinnedIndex({ dense: 1000, budget: 500 });
    const series: number[] = [];
    let most = 0;
    for (let e = 0; e <= 1_000_000; e++) {
      series.push(e * 0.5);
      t.appended(e, [series]);
      most = Math.max(most, series.length);
    }
    expect(most).toBeLessThanOrEqual(1000 + 1 + 500 + 1);
    expect(series.length).toBe(t.epochs.length);
    expect(t.epochs.slice(0, 1001)).toEqual(Array.from({ length: 1001 }, (_, k) => k));
    expect(t.epochs[t.epochs.length - 1]).toBe(1_000_000);
    // the values stay with their epochs
    t.epochs.forEach((e, k) => expect(series[k]).toBe(e * 0.5));
    const tail = t.epochs.slice(1001, -1);
    expect(tail.every((e) => e % t.stride === 0)).toBe(true);
    expect(t.stride).toBe(2048);
    expect(thinningNote({ dense: 1000, stride: t.stride })).toBe('every 2048th epoch shown past epoch 1000');
    expect(thinningNote({ dense: 5, stride: 2 })).toBe('every 2nd epoch shown past epoch 5');
  });

  it('truncate drops the entries from an epoch on', () => {
    const t = new ThinnedIndex({ dense: 2, budget: 2 });
    const s: number[] = [];
    for (let e = 0; e < 20; e++) {
      s.push(e);
      t.appended(e, [s]);
    }
    t.truncate(19, [s]);
    expect(s).toEqual(t.epochs);
    expect(t.epochs.every((e) => e < 19)).toBe(true);
  });
});

describe('a trainer with historyThinning', () => {
  const experiment = (): Experiment => {
    const r = parseSession(JSON.stringify({ format: 'nnlab', version: 1, experiment: {
      network: { inputs: 1, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'linear' }] }, loss: 'squared_error',
      init: { kind: 'glorot_uniform' }, optimizer: { kind: 'sgd', lr: 0.05 }, epochs: 3000, seed: 1,
      data: { kind: 'function', expr: 'sin(x)', interval: [-2, 2], n_train: 8, n_test: 3 } } }));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.session.experiment;
  };

  it('keeps the full run\'s numbers at the epochs it keeps, bounded, and a saved state continues', () => {
    const full = createTrainer(experiment());
    full.runEpochs(3000);
    const base = createTrainer(experiment());
    const thin = new Trainer({ ...base.opts, historyThinning: { dense: 100, budget: 50 } });
    thin.runEpochs(3000);
    const h = thin.history;
    expect(h.train_loss.length).toBeLessThanOrEqual(100 + 1 + 50 + 1);
    expect(h.epochs!.length).toBe(h.train_loss.length);
    expect(h.epochs![h.epochs!.length - 1]).toBe(3000);
    expect(h.thinning).toMatchObject({ dense: 100, budget: 50 });
    h.epochs!.forEach((e, k) => {
      expect(h.train_loss[k]).toBe(full.history.train_loss[e]);
      expect(h.test_loss![k]).toBe(full.history.test_loss![e]);
    });
    expect(h.gradEpochs!.length).toBe(h.grad_norm![0].length);
    h.gradEpochs!.forEach((e, k) => expect(h.grad_norm![0][k]).toBe(full.history.grad_norm![0][e]));
    // saved and continued: the saved file carries the epochs; the thinning goes on
    const state = JSON.parse(JSON.stringify(thin.toState()));
    expect(state.history.epochs).toEqual(h.epochs);
    const again = Trainer.fromState({ ...createTrainer(experiment()).opts, historyThinning: { dense: 100, budget: 50 } }, state);
    expect(again.history.epochs).toEqual(h.epochs);
    expect(again.epoch).toBe(3000);
    // an unthinned trainer reads the thinned file too
    const plain = Trainer.fromState(createTrainer(experiment()).opts, state);
    expect(plain.history.epochs).toEqual(h.epochs);
    expect(plain.history.train_loss).toEqual(h.train_loss);
  });
});
