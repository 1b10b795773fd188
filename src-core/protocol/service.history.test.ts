/**
 * Issue 12: the run's history has one owner with a change log. A weight
 * edited at an epoch boundary re-records that entry; the service sends the
 * history from there and the renderer's store (HistoryStore) replaces it, so
 * the loss chart and the History CSV hold the new loss. The losses expected
 * are computed here, by a forward pass of our own, from the parameters the
 * service reports.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { ParamsJSON } from '../types';
import { parseEvent, type HostEvent } from './messages';
import { TrainerService } from './service';
import { loadSession } from './load';
import { HistoryStore } from './history-store';
import { historiesCSV } from '../sweep/results';

/** y = relu/linear net, squared error, mean over the rows: written out here, apart from the engine */
function loss(p: ParamsJSON, acts: string[], x: number[][], y: number[][]): number {
  let sum = 0;
  for (let s = 0; s < x.length; s++) {
    let a = x[s];
    p.weights.forEach((W, l) => {
      a = W.map((row, j) => row.reduce((z, w, i) => z + w * a[i], p.biases[l][j] as number)).map((z) => (acts[l] === 'relu' ? Math.max(0, z) : z));
    });
    sum += a.reduce((e, v, k) => e + (v - y[s][k]) ** 2, 0);
  }
  return sum / x.length;
}

const train = { x: [[1, 0], [0, 1], [1, 1], [-1, 0.5], [0.5, -1], [2, 1]], y: [[2], [0.5], [1.5], [-0.5], [0], [3]] };
const test = { x: [[0.5, 0.5], [1, -1], [-0.5, 1]], y: [[1], [0.5], [0]] };
function session(batch: number | 'full', shuffle: boolean) {
  return {
    format: 'nnlab', version: 1,
    experiment: {
      network: { inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'linear' }] },
      loss: 'squared_error', reduction: 'mean',
      init: { kind: 'explicit', weights: [[[1, 0.5], [0.5, -1], [-0.25, 0.75]], [[1, 1, -0.5]]], biases: [[0.5, 0, 0.25], [0.5]] },
      data: { kind: 'inline', train, test },
      optimizer: { kind: 'sgd', lr: 0.05 }, batch_size: batch, shuffle, epochs: 10, seed: 3,
    },
  };
}

function setup() {
  const store = new HistoryStore();
  const events: HostEvent[] = [];
  const service = new TrainerService({
    post: (e) => {
      const parsed = parseEvent(structuredClone(e));
      if (!parsed.ok) throw new Error(parsed.message);
      events.push(parsed.value);
      // as the renderer does (lib/app.svelte.ts): every chunk applies, none is out of order
      if (parsed.value.type === 'history') expect(store.apply(parsed.value)).toBe(true);
    },
    load: loadSession,
  });
  const send = (m: object) => service.handle({ v: 1, ...m });
  const last = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type).at(-1) as Extract<HostEvent, { type: T }>;
  const csvRows = () => Papa.parse<Record<string, string>>(historiesCSV([{ id: 'current', status: 'paused', epochs_run: store.length - 1, history: store.seriesArrays() }]), { header: true }).data;
  return { store, send, last, csvRows };
}

describe.each([
  ['full batch in data order (the forward pass is the entry)', 'full' as const, false],
  ['batches of 4, shuffled (a separate evaluation)', 4, true],
])('a weight edited at an epoch boundary: %s', (_, batch, shuffle) => {
  it('entry 0 and entry 3 hold the new loss in the store, the CSV and the snapshot', () => {
    const s = setup();
    s.send({ type: 'load', session: session(batch, shuffle) });
    const acts = ['relu', 'linear'];
    const before0 = s.store.series.train_loss![0];
    expect(before0).toBeCloseTo(loss(s.last('snapshot').params, acts, train.x, train.y), 14);

    // at epoch 0: W[0][0][1] = 2
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 0, j: 0, i: 1 }, value: 2 });
    const p0 = s.last('snapshot').params;
    expect(p0.weights[0][0][1]).toBe(2);
    const want0 = loss(p0, acts, train.x, train.y);
    expect(want0).not.toBeCloseTo(before0, 3);
    expect(s.store.length).toBe(1);
    expect(s.store.series.train_loss![0]).toBeCloseTo(want0, 14);
    expect(s.store.series.test_loss![0]).toBeCloseTo(loss(p0, acts, test.x, test.y), 14);
    expect(Array.from(s.store.paramSnapshot(0)).slice(0, 2)).toEqual([1, 2]);

    // three epochs, then at epoch 3: b[1][0] = −1
    s.send({ type: 'step', unit: 'epoch', n: 1 });
    s.send({ type: 'step', unit: 'epoch', n: 1 });
    s.send({ type: 'step', unit: 'epoch', n: 1 });
    expect(s.store.length).toBe(4);
    const kept = Array.from(s.store.series.train_loss!.subarray(0, 3));
    const old3 = s.store.series.train_loss![3];
    expect(old3).toBeCloseTo(loss(s.last('snapshot').params, acts, train.x, train.y), 14);
    s.send({ type: 'editParam', ref: { kind: 'bias', layer: 1, j: 0 }, value: -1 });
    const p3 = s.last('snapshot').params;
    const want3 = loss(p3, acts, train.x, train.y);
    expect(want3).not.toBeCloseTo(old3, 3);
    expect(s.last('history').from).toBe(3);
    expect(s.store.length).toBe(4);
    expect(Array.from(s.store.series.train_loss!.subarray(0, 3))).toEqual(kept);
    expect(s.store.series.train_loss![3]).toBeCloseTo(want3, 14);
    expect(s.store.series.test_loss![3]).toBeCloseTo(loss(p3, acts, test.x, test.y), 14);
    expect(s.store.paramSnapshot(3).at(-1)).toBe(-1);
    expect(s.store.params.epochs.length).toBe(4);
    // the track of b[1][0] (the last parameter) ends at the new value
    const track = s.store.paramTrack(s.store.params.size - 1);
    expect(track.epochs).toEqual([0, 1, 2, 3]);
    expect(track.values[0]).toBe(0.5);
    expect(track.values[3]).toBe(-1);
    // the snapshot's readout is the same number
    expect(s.last('snapshot').metrics.train.loss).toBeCloseTo(want3, 14);

    // the History CSV (PlotsView: historiesCSV of the store's series)
    const rows = s.csvRows();
    expect(rows.map((r) => r.epoch)).toEqual(['0', '1', '2', '3']);
    expect(Number(rows[0].train_loss)).toBeCloseTo(want0, 12);
    expect(Number(rows[3].train_loss)).toBeCloseTo(want3, 12);

    // training on continues from the edit: entry 4 is appended after the new entry 3
    s.send({ type: 'step', unit: 'epoch', n: 1 });
    expect(s.last('history').from).toBe(4);
    expect(s.store.length).toBe(5);
    expect(s.store.series.train_loss![3]).toBeCloseTo(want3, 14);
    expect(s.store.series.train_loss![4]).toBeCloseTo(loss(s.last('snapshot').params, acts, train.x, train.y), 14);

    // undo (the old value sent back) goes the same way
    s.send({ type: 'editParam', ref: { kind: 'bias', layer: 1, j: 0 }, value: 0.25 });
    expect(s.last('history').from).toBe(4);
    expect(s.store.series.train_loss![4]).toBeCloseTo(loss(s.last('snapshot').params, acts, train.x, train.y), 14);

    // reset: the store starts over from entry 0 (the edit at epoch 0 is the new start)
    s.send({ type: 'reset' });
    expect(s.last('history').from).toBe(0);
    expect(s.store.length).toBe(1);
    expect(s.store.series.train_loss![0]).toBeCloseTo(want0, 14);
  });

  it('an edit in the middle of an epoch leaves the history as it was (entry k was measured before it)', () => {
    if (batch === 'full') return;
    const s = setup();
    s.send({ type: 'load', session: session(batch, shuffle) });
    s.send({ type: 'step', unit: 'epoch', n: 1 });
    s.send({ type: 'step', unit: 'batch', n: 1 });
    const before = Array.from(s.store.series.train_loss!);
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 1, j: 0, i: 2 }, value: 3 });
    expect(Array.from(s.store.series.train_loss!)).toEqual(before);
  });
});
