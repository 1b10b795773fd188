/**
 * Classification metrics against hand counts (scikit-learn's definitions,
 * computed with numpy: no sklearn here), the activation correlations against
 * numpy's corrcoef, and report 002's near-duplicate hidden units.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { confusionCounts, confusionOf, metricsFromCounts, rowNormalised } from './classification';
import { activationCorrelations } from './similarity';
import { evaluate } from './evaluate';
import { similarUnits, duplicateUnits } from '../derivation/diagnostics';
import { paramsFromJSON } from '../net/params';
import { parseSession } from '../session/session';
import { createTrainer } from '../session/create';
import { matrix, net } from '../train/test/helpers';

describe('classification metrics', () => {
  // y_true = [0,0,1,1,1,2,2,2,2,0], y_pred = [0,1,1,1,0,2,2,1,2,0]
  const counts = confusionCounts([0, 0, 1, 1, 1, 2, 2, 2, 2, 0], [0, 1, 1, 1, 0, 2, 2, 1, 2, 0], 3);

  it('confusion matrix [true][predicted], precision by column, recall by row, F1, macro averages', () => {
    expect(counts).toEqual([[2, 1, 0], [1, 2, 0], [0, 1, 3]]);
    const m = metricsFromCounts(counts);
    expect(m.total).toBe(10);
    expect(m.accuracy).toBe(0.7); // (2 + 2 + 3) / 10
    // numpy: tp / C.sum(0), tp / C.sum(1), 2 tp / (C.sum(0) + C.sum(1))
    expect(m.precision).toEqual([2 / 3, 0.5, 1]);
    expect(m.recall).toEqual([2 / 3, 2 / 3, 0.75]);
    expect(m.f1[0]).toBeCloseTo(0.6666666666666666, 15);
    expect(m.f1[1]).toBeCloseTo(0.5714285714285714, 15);
    expect(m.f1[2]).toBeCloseTo(0.8571428571428571, 15);
    expect(m.macro.precision).toBeCloseTo(0.7222222222222222, 15);
    expect(m.macro.recall).toBeCloseTo(0.6944444444444443, 15);
    expect(m.macro.f1).toBeCloseTo(0.6984126984126985, 15);
    expect(m.support).toEqual([3, 3, 4]);
    expect(m.predicted).toEqual([3, 4, 3]);
  });

  it('a class never predicted: precision 0/0 is NaN, F1 0, and 0 in the macro average (zero_division=0)', () => {
    const m = metricsFromCounts([[3, 0], [2, 0]]);
    expect(m.precision[1]).toBeNaN();
    expect(m.recall[1]).toBe(0);
    expect(m.f1[1]).toBe(0);
    expect(m.macro.precision).toBeCloseTo((3 / 5 + 0) / 2, 15);
    expect(rowNormalised([[3, 1], [0, 0]])).toEqual([[0.75, 0.25], [NaN, NaN]]);
  });

  it('confusionOf: one sigmoid output, class 1 when a ≥ 0.5 (as the trainer\'s accuracy)', () => {
    // a = sigmoid(x): x = -2, -1, 0, 1, 3 → classes 0 0 1 1 1; targets 0 1 0 1 1
    const spec = net(1, [[1, 'sigmoid']]);
    const p = paramsFromJSON(spec, { weights: [[[1]]], biases: [[0]] });
    const counts = confusionOf(spec, p, { x: matrix([[-2], [-1], [0], [1], [3]]), y: matrix([[0], [1], [0], [1], [1]]) });
    expect(counts).toEqual([[1, 1], [1, 2]]);
  });
});

describe('activation correlations', () => {
  it('equal numpy.corrcoef of the hidden activations', () => {
    // W = [[1], [0.5], [-2]], b = [0, 0.3, 1], x = linspace(-3, 3, 7), sigmoid units
    const spec = net(1, [[3, 'sigmoid'], [1, 'linear']]);
    const p = paramsFromJSON(spec, { weights: [[[1], [0.5], [-2]], [[1, 1, 1]]], biases: [[0, 0.3, 1], [0]] });
    const xs = [-3, -2, -1, 0, 1, 2, 3].map((x) => [x]);
    const [c] = activationCorrelations(spec, p, { x: matrix(xs), y: matrix(xs.map(() => [0])) });
    expect(c.samples).toBe(7);
    const ref = [1, 0.9937532909232012, -0.9765355617273018, 0.9937532909232011, 1, -0.9519934182163555, -0.9765355617273018, -0.9519934182163555, 1];
    ref.forEach((v, q) => expect(c.r[q]).toBeCloseTo(v, 13));
  });

  it('a constant unit has no correlation (NaN), and none is flagged', () => {
    const spec = net(1, [[2, 'relu'], [1, 'linear']]);
    const p = paramsFromJSON(spec, { weights: [[[0], [1]], [[1, 1]]], biases: [[0, 0], [0]] });
    const [c] = activationCorrelations(spec, p, { x: matrix([[1], [2], [3]]), y: matrix([[0], [0], [0]]) });
    expect(c.r[1]).toBeNaN();
    expect(similarUnits(spec, [c])).toEqual([]);
  });
});

describe('near-duplicate units (report 002)', () => {
  const text = readFileSync(new URL('../../assets/examples/002-basic-network-f1-f2.nnlab', import.meta.url), 'utf8');
  const parsed = parseSession(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));

  it('(f1, h = 3) after 1000 epochs at lr 0.1: h1 and h2 flagged, with r shown; not exact duplicates', () => {
    const t = createTrainer(parsed.session.experiment);
    t.runEpochs(1000);
    expect(t.epoch).toBe(1000);
    const spec = t.opts.network;
    const e = evaluate(spec, t.params, t.opts.data);
    expect(e.confusion).toBeUndefined(); // a regression net
    expect(duplicateUnits(spec, t.params)).toEqual([]);
    const flags = similarUnits(spec, e.correlations);
    expect(flags.map((d) => [d.layer, d.unit, d.others])).toEqual([[0, 0, [1]], [0, 1, [0]]]);
    expect(flags[0].measure![0]).toBeGreaterThan(0.99999);
    expect(flags[0].message).toMatch(/r = 0\.99999/);
  });

  it('at the start (small random weights, distinct directions) no unit is flagged', () => {
    // sigmoid(x) and sigmoid(2 − 0.3x): one rises, one falls, gently: r ≈ −0.97, far from |r| ≥ 0.9999
    const t = createTrainer({ ...parsed.session.experiment, init: { kind: 'explicit', weights: [[[1], [-0.3]], [[1, 1]]], biases: [[0, 2], [0]] } } as never);
    const e = evaluate(t.opts.network, t.params, t.opts.data);
    expect(similarUnits(t.opts.network, e.correlations)).toEqual([]);
  });
});
