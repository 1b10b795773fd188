/**
 * Which samples a hand-made classifier gets wrong (findSamples), and the
 * requestSamples → samples round trip through the service on the real engine.
 *
 * Net A: 2 inputs → 3 softmax units, W = [[1, 0], [0, 1], [−1, −1]], b = 0,
 * so z = (x1, x2, −x1 − x2) and the predicted class is argmax z (softmax keeps
 * the order; a tie goes to the first, as the trainer's accuracy does).
 *   row  x         y   z              predicted
 *   0    (2, 1)    0   (2, 1, −3)     0  right
 *   1    (1, 3)    0   (1, 3, −4)     1  wrong
 *   2    (−1, −2)  1   (−1, −2, 3)    2  wrong
 *   3    (0, 5)    1   (0, 5, −5)     1  right
 *   4    (−3, −1)  2   (−3, −1, 4)    2  right
 *   5    (4, −1)   2   (4, −1, −3)    0  wrong
 *   6    (1, 1)    0   (1, 1, −2)     0  right (tie: the first)
 * Softmax of the wrong rows' z, from numpy: e = exp(z − max z); e / e.sum().
 */
import { describe, expect, it } from 'vitest';
import type { Dataset, NetworkSpec, Params } from '../types';
import { findSamples, type SampleQuery } from './samples';
import { parseEvent, type HostEvent } from './messages';
import { TrainerService } from './service';
import { loadSession } from './load';

const xs = [[2, 1], [1, 3], [-1, -2], [0, 5], [-3, -1], [4, -1], [1, 1]];
const classes = [0, 0, 1, 1, 2, 2, 0];
const oneHot = (c: number) => [0, 1, 2].map((k) => (k === c ? 1 : 0));
const specA: NetworkSpec = { inputs: 2, layers: [{ units: 3, activation: 'softmax', bias: true }] };
const paramsA: Params = { W: [new Float64Array([1, 0, 0, 1, -1, -1])], b: [new Float64Array(3)] };
const dataA: Dataset = {
  x: { rows: 7, cols: 2, data: Float64Array.from(xs.flat()) },
  y: { rows: 7, cols: 3, data: Float64Array.from(classes.flatMap(oneHot)) },
};
const softmaxOfWrong = [
  [0.11910725710152431, 0.8800902045129191, 0.0008025383855565168], // row 1
  [0.0178679818703045, 0.006573263185309083, 0.9755587549443865], // row 2
  [0.9924082466500291, 0.006686794167383234, 0.0009049591825877397], // row 5
];

const query: SampleQuery = { filter: 'misclassified', scanFrom: 0, limit: 100, maxScan: 1000 };
const rowsOf = (q: Partial<SampleQuery>) =>
  Array.from(findSamples(specA, paramsA, dataA, { ...query, ...q }).indices);

describe('findSamples', () => {
  it('finds exactly rows 1, 2, 5 wrong, with their classes, inputs and softmax outputs', () => {
    const m = findSamples(specA, paramsA, dataA, query);
    expect(Array.from(m.indices)).toEqual([1, 2, 5]);
    expect(Array.from(m.y)).toEqual([0, 1, 2]);
    expect(Array.from(m.predicted)).toEqual([1, 2, 0]);
    expect(Array.from(m.x)).toEqual([1, 3, -1, -2, 4, -1]);
    const out = Array.from(m.outputs);
    softmaxOfWrong.flat().forEach((p, k) => expect(out[k]).toBeCloseTo(p, 7)); // Float32: ~7 digits
    expect(m.next).toBeNull();
    expect(m.scanned).toBe(7);
  });

  it('filters by true and by predicted class; "all" keeps the right ones too', () => {
    expect(rowsOf({ trueClass: 2 })).toEqual([5]);
    expect(rowsOf({ predictedClass: 2 })).toEqual([2]);
    expect(rowsOf({ trueClass: 0, predictedClass: 1 })).toEqual([1]);
    expect(rowsOf({ trueClass: 1, predictedClass: 0 })).toEqual([]);
    expect(rowsOf({ filter: 'all', trueClass: 0 })).toEqual([0, 1, 6]);
    expect(rowsOf({ filter: 'all', predictedClass: 2 })).toEqual([2, 4]);
  });

  it('pages: stops after `limit` matches or `maxScan` rows and says where to go on', () => {
    const first = findSamples(specA, paramsA, dataA, { ...query, limit: 2 });
    expect(Array.from(first.indices)).toEqual([1, 2]);
    expect(first.next).toBe(3);
    const second = findSamples(specA, paramsA, dataA, { ...query, limit: 2, scanFrom: 3 });
    expect(Array.from(second.indices)).toEqual([5]);
    expect(second.next).toBeNull();
    const capped = findSamples(specA, paramsA, dataA, { ...query, maxScan: 2 });
    expect(Array.from(capped.indices)).toEqual([1]);
    expect([capped.next, capped.scanned]).toEqual([2, 2]);
    const past = findSamples(specA, paramsA, dataA, { ...query, scanFrom: 99 });
    expect([past.indices.length, past.next, past.scanned]).toEqual([0, null, 0]);
  });

  it('one sigmoid output: a ≥ 0.5 is class 1, so a = 0.5 exactly counts as class 1', () => {
    // W = [1, −1], b = 0: a = σ(x1 − x2)
    const spec: NetworkSpec = { inputs: 2, layers: [{ units: 1, activation: 'sigmoid', bias: true }] };
    const p: Params = { W: [new Float64Array([1, -1])], b: [new Float64Array(1)] };
    const data: Dataset = {
      x: { rows: 4, cols: 2, data: Float64Array.from([1, 0, 0, 1, 0, 0, 0, 2]) },
      y: { rows: 4, cols: 1, data: Float64Array.from([1, 1, 0, 0]) },
    };
    const m = findSamples(spec, p, data, query);
    expect(Array.from(m.indices)).toEqual([1, 2]); // σ(−1) = 0.2689 < 0.5 for a 1; σ(0) = 0.5 for a 0
    expect(Array.from(m.y)).toEqual([1, 0]);
    expect(Array.from(m.predicted)).toEqual([0, 1]);
    expect(m.outputs[0]).toBeCloseTo(0.2689414213699951, 7);
    expect(m.outputs[1]).toBe(0.5);
  });
});

describe('requestSamples through the service', () => {
  const session = (test: { x: number[][]; y: number[][] } | undefined, activation = 'softmax') => ({
    format: 'nnlab', version: 1,
    experiment: {
      network: { inputs: 2, layers: [{ units: 3, activation, bias: true }] },
      loss: activation === 'softmax' ? 'cross_entropy' : 'squared_error', reduction: 'mean',
      init: { kind: 'explicit', weights: [[[1, 0], [0, 1], [-1, -1]]], biases: [[0, 0, 0]] },
      data: { kind: 'inline', train: { x: xs.slice(0, 2), y: classes.slice(0, 2).map(oneHot) }, ...(test ? { test } : {}) },
      optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 'full', shuffle: false, epochs: 1, seed: 1,
    },
  });
  function setup(s: unknown) {
    const events: HostEvent[] = [];
    const service = new TrainerService({
      post: (e) => {
        const parsed = parseEvent(structuredClone(e)); // what the renderer accepts
        if (!parsed.ok) throw new Error(parsed.message);
        events.push(parsed.value);
      },
      load: loadSession,
    });
    service.handle({ v: 1, type: 'load', session: s });
    const send = (m: object) => service.handle({ v: 1, ...m });
    const last = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type).at(-1) as Extract<HostEvent, { type: T }> | undefined;
    return { send, last };
  }

  it('answers with the wrong test rows 1, 2, 5 of net A, under the request id', () => {
    const s = setup(session({ x: xs, y: classes.map(oneHot) }));
    s.send({ type: 'requestSamples', id: 'q1', set: 'test', filter: 'misclassified', scanFrom: 0, limit: 50 });
    const e = s.last('samples')!;
    expect(e).toMatchObject({ id: 'q1', set: 'test', epoch: 0, updates: 0, scanFrom: 0, next: null, size: 7, inputs: 2, outputs: 3 });
    expect(Array.from(e.indices)).toEqual([1, 2, 5]);
    expect(Array.from(e.predicted)).toEqual([1, 2, 0]);
    expect(Array.from(e.y)).toEqual([0, 1, 2]);
    expect(e.activations[1]).toBeCloseTo(0.8800902045129191, 7);
    s.send({ type: 'requestSamples', id: 'q2', set: 'test', filter: 'all', trueClass: 2, scanFrom: 0, limit: 1 });
    expect(Array.from(s.last('samples')!.indices)).toEqual([4]);
    expect(s.last('samples')!.next).toBe(5);
  });

  it('refuses with a clear message: no test set, not a classifier, a bad request', () => {
    let s = setup(session(undefined));
    s.send({ type: 'requestSamples', id: 'q', set: 'test', filter: 'misclassified', scanFrom: 0, limit: 10 });
    expect(s.last('error')).toEqual({ v: 1, type: 'error', id: 'q', message: 'requestSamples: this session has no test set' });
    s = setup(session({ x: xs, y: classes.map(oneHot) }, 'linear'));
    s.send({ type: 'requestSamples', set: 'train', filter: 'misclassified', scanFrom: 0, limit: 10 });
    expect(s.last('error')!.message).toBe('requestSamples: the output layer (3 linear units) is not a classifier: it needs softmax, or one sigmoid unit');
    s.send({ type: 'requestSamples', set: 'train', filter: 'misclassified', scanFrom: 0, limit: 1000 });
    expect(s.last('error')!.message).toMatch(/^invalid command "requestSamples": limit: /);
  });

  it('the loaded event of an inline session has no classes or image', () => {
    const events: HostEvent[] = [];
    new TrainerService({ post: (e) => events.push(e), load: loadSession }).handle({ v: 1, type: 'load', session: session(undefined) });
    const loaded = events.find((e) => e.type === 'loaded')!;
    expect('classes' in loaded || 'image' in loaded).toBe(false);
  });
});
