import { describe, expect, it } from 'vitest';
import { describeRunChanges, fitDataToNetwork, followParamNames, identityMap, insertedMap, reconcileRuns, removedMap, reshapeExplicitInit } from './edit';
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

describe('fitDataToNetwork', () => {
  const prev = session().experiment;
  it('typed-in samples get a zero column for a new input and lose a removed one', () => {
    const next = withNetwork(prev, (n) => { n.inputs = 3; });
    expect(fitDataToNetwork(prev, next)[0]).toContain('inputs 2 → 3');
    expect((next.data as { train: { x: number[][] } }).train.x).toEqual([[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 0]]);
    const back = withNetwork(next, (n) => { n.inputs = 1; });
    fitDataToNetwork(next, back);
    expect((back.data as { train: { x: number[][] } }).train.x).toEqual([[0], [0], [1], [1]]);
  });
  it('a truth table takes the new number of inputs (less the constant-1 column)', () => {
    const tt = { ...prev, data: { kind: 'truth_table', function: 'xor', bias_column: true } } as unknown as Experiment;
    const next = withNetwork(tt, (n) => { n.inputs = 4; });
    fitDataToNetwork(tt, next);
    expect(next.data).toEqual({ kind: 'truth_table', function: 'xor', bias_column: true, inputs: 3 });
  });
  it('nothing to do when the inputs and outputs stay', () => {
    expect(fitDataToNetwork(prev, withNetwork(prev, (n) => { n.layers[0].units = 5; }))).toEqual([]);
  });
});

describe('followParamNames', () => {
  // report 003's homework names: w1..w6 and b1..b3 in the hidden layer, w7..w9 and b4 into the output
  const names = {
    'W[0][0][0]': 'w1', 'W[0][0][1]': 'w2', 'W[0][1][0]': 'w3', 'W[0][1][1]': 'w4', 'W[0][2][0]': 'w5', 'W[0][2][1]': 'w6',
    'W[1][0][0]': 'w7', 'W[1][0][1]': 'w8', 'W[1][0][2]': 'w9', 'b[0][0]': 'b1', 'b[0][1]': 'b2', 'b[0][2]': 'b3', 'b[1][0]': 'b4',
  };
  const net = session().experiment.network;
  const fewer = withNetwork(session().experiment, (n) => { n.layers[0].units = 2; }).network;

  it('3 -> 2 hidden units: the names of the third unit\'s weights and bias go, the rest stay', () => {
    const out = followParamNames(names, fewer, identityMap(2))!;
    expect(Object.values(out).sort()).toEqual(['b1', 'b2', 'b4', 'w1', 'w2', 'w3', 'w4', 'w7', 'w8']);
    // and the session loads with them
    const r = parseSession({ ...structuredClone(base), experiment: { ...base.experiment, network: fewer, init: { kind: 'zeros' } }, param_names: out });
    expect(r.ok).toBe(true);
  });

  it('a layer added before the output: the output\'s weights come from the new layer (their names go), its bias keeps b4', () => {
    const next = { ...net, layers: [net.layers[0], { units: 3, activation: 'tanh' as const, bias: true }, net.layers[1]] };
    const out = followParamNames(names, next, insertedMap(2, 1))!;
    expect(out['b[2][0]']).toBe('b4');
    expect(out['W[0][2][1]']).toBe('w6');
    expect(Object.keys(out).some((k) => k.startsWith('W[1]') || k.startsWith('W[2]') || k.startsWith('b[1]'))).toBe(false);
  });

  it('the hidden layer removed: only the output\'s bias keeps its name; no names left at all is undefined', () => {
    const next = { ...net, layers: [net.layers[1]] };
    expect(followParamNames(names, next, removedMap(2, 0))).toEqual({ 'b[0][0]': 'b4' });
    expect(followParamNames({ 'W[0][2][0]': 'w5' }, fewer, identityMap(2))).toBeUndefined();
    expect(followParamNames(undefined, fewer, identityMap(2))).toBeUndefined();
  });

  it('one input fewer: the weights from it lose their names, the same shape keeps every name', () => {
    const out = followParamNames(names, { ...net, inputs: 1 }, identityMap(2))!;
    expect(Object.values(out)).not.toContain('w2');
    expect(Object.values(out)).toContain('w1');
    expect(followParamNames(names, net, identityMap(2))).toEqual(names);
  });
});
