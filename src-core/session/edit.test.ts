import { describe, expect, it } from 'vitest';
import { describeRunChanges, identityMap, insertedMap, reconcileRuns, removedMap, reshapeExplicitInit } from './edit';
import { parseSession } from './session';
import type { Experiment, Session } from './schema';

const base = {
  format: 'nnlab', version: 1,
  experiment: {
    network: { inputs: 2, layers: [{ units: 3, activation: 'tanh', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] },
    loss: 'binary_cross_entropy',
    init: { kind: 'explicit', weights: [[[0.5, -0.4], [-0.3, 0.8], [0.7, 0.6]], [[0.6, -0.5, 0.4]]], biases: [[0.1, 0.2, 0.3], [0.9]] },
    data: { kind: 'inline', train: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[0], [1], [1], [0]] } },
    optimizer: { kind: 'sgd', lr: 0.5 },
    epochs: 10, seed: 1,
  },
};
function session(extra: object = {}): Session {
  const r = parseSession({ ...structuredClone(base), ...extra });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.session;
}
function withNetwork(e: Experiment, f: (n: Experiment['network']) => void): Experiment {
  const next = structuredClone(e);
  f(next.network);
  return next;
}

describe('reshapeExplicitInit', () => {
  const prev = session().experiment;

  it('3 -> 4 hidden units: the 3 old units keep every weight and bias, the new unit is drawn', () => {
    const next = withNetwork(prev, (n) => { n.layers[0].units = 4; });
    const { init, kept, drawn } = reshapeExplicitInit(prev, next, identityMap(2), 'glorot_uniform');
    expect(init.weights[0].slice(0, 3)).toEqual([[0.5, -0.4], [-0.3, 0.8], [0.7, 0.6]]);
    expect(init.weights[0]).toHaveLength(4);
    expect(init.weights[1][0].slice(0, 3)).toEqual([0.6, -0.5, 0.4]);
    expect(init.weights[1][0]).toHaveLength(4);
    expect(init.biases).toEqual([[0.1, 0.2, 0.3, expect.any(Number)], [0.9]]);
    // kept: 6 + 3 weights, 3 + 1 biases; drawn: 2 + 1 weights, 1 bias
    expect([kept, drawn]).toEqual([13, 4]);
    // Glorot uniform for the new output weight: |w| <= sqrt(6 / (4 + 1))
    expect(Math.abs(init.weights[1][0][3])).toBeLessThanOrEqual(Math.sqrt(6 / 5));
    // the same edit, the same numbers
    expect(reshapeExplicitInit(prev, next, identityMap(2), 'glorot_uniform').init).toEqual(init);
  });

  it('3 -> 2 units: the first two units are kept, the rest drops out', () => {
    const next = withNetwork(prev, (n) => { n.layers[0].units = 2; });
    const { init, drawn } = reshapeExplicitInit(prev, next, identityMap(2), 'zeros');
    expect(init.weights).toEqual([[[0.5, -0.4], [-0.3, 0.8]], [[0.6, -0.5]]]);
    expect(init.biases).toEqual([[0.1, 0.2], [0.9]]);
    expect(drawn).toBe(0);
  });

  it('inputs 2 -> 3: the first layer gets a drawn column, the rest is kept', () => {
    const next = withNetwork(prev, (n) => { n.inputs = 3; });
    const { init } = reshapeExplicitInit(prev, next, identityMap(2), 'zeros');
    expect(init.weights[0]).toEqual([[0.5, -0.4, 0], [-0.3, 0.8, 0], [0.7, 0.6, 0]]);
    expect(init.weights[1]).toEqual([[0.6, -0.5, 0.4]]);
  });

  it('a layer added before the output: the output layer\'s incoming weights come from a new place and are drawn', () => {
    const next = withNetwork(prev, (n) => { n.layers.splice(1, 0, { units: 2, activation: 'relu', bias: true }); });
    const { init } = reshapeExplicitInit(prev, next, insertedMap(2, 1), 'zeros');
    expect(init.weights[0]).toEqual([[0.5, -0.4], [-0.3, 0.8], [0.7, 0.6]]);
    expect(init.weights[1]).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(init.weights[2]).toEqual([[0, 0]]);
    // the output unit keeps its bias: it is the same unit
    expect(init.biases).toEqual([[0.1, 0.2, 0.3], [0, 0], [0.9]]);
  });

  it('removing the hidden layer: the output now reads the inputs, its weights are drawn', () => {
    const next = withNetwork(prev, (n) => { n.layers.splice(0, 1); });
    const { init } = reshapeExplicitInit(prev, next, removedMap(2, 0), 'zeros');
    expect(init).toEqual({ kind: 'explicit', weights: [[[0, 0]]], biases: [[0.9]] });
  });

  it('a layer without bias has no biases', () => {
    const next = withNetwork(prev, (n) => { n.layers[0].bias = false; });
    expect(reshapeExplicitInit(prev, next, identityMap(2), 'zeros').init.biases).toEqual([[], [0.9]]);
  });
});

describe('reconcileRuns', () => {
  const runs = [
    { id: 'a', label: 'start at 1', overrides: { 'init.weights[0][0][0]': 1 }, status: 'completed', epochs_run: 3, history: { train_loss: [1, 0.5, 0.4, 0.3] } },
    { id: 'b', label: 'lr 0.1', overrides: { 'optimizer.lr': 0.1 }, status: 'paused', epochs_run: 0, history: {} },
    { id: 'c', label: 'fresh', overrides: {}, status: 'completed', epochs_run: 2, history: { train_loss: [1, 0.8, 0.7] } },
  ];

  it('a new learning rate: runs that override it keep their results, the others are reset', () => {
    const s = session({ runs });
    const next = structuredClone(s.experiment);
    next.optimizer.lr = 0.2;
    const r = reconcileRuns(s, next);
    expect(r.changes.map((c) => [c.id, c.dropped, c.reset])).toEqual([['a', [], true], ['c', [], true]]);
    expect(r.runs![1]).toBe(s.runs![1]);
    expect(r.runs![0]).toMatchObject({ epochs_run: 0, status: 'paused', history: {}, overrides: { 'init.weights[0][0][0]': 1 } });
  });

  it('an override that no longer fits is dropped, and the message says which and why', () => {
    const s = session({ runs });
    const next = structuredClone(s.experiment);
    next.init = { kind: 'glorot_uniform' } as Experiment['init'];
    const r = reconcileRuns(s, next);
    expect(r.changes[0]).toEqual({ id: 'a', label: 'start at 1', dropped: ['init.weights[0][0][0]'], reset: true });
    expect(r.runs![0].overrides).toEqual({});
    expect(describeRunChanges(r.changes)[0]).toBe('run "start at 1": override init.weights[0][0][0] dropped (no longer fits the experiment); its results were for the old experiment and were reset');
  });

  it('an unchanged experiment changes nothing', () => {
    const s = session({ runs });
    expect(reconcileRuns(s, s.experiment).changes).toEqual([]);
  });
});
