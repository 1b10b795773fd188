/**
 * The service's mechanics with a stand-in trainer: commands in, events out,
 * time slicing and pause, event batching, append-only history, invalid
 * messages, divergence. (service.engine.test.ts drives the real engine.)
 */
import { describe, expect, it } from 'vitest';
import { type HostEvent, type HistoryChunk, type Snapshot, parseEvent } from './messages';
import { type LoadResult, TrainerService } from './service';
import { FakeTrainer } from './fake-trainer.test-util';
import { HistoryStore } from './history-store';

function setup(make: () => FakeTrainer, opts: { sliceMs?: number } = {}) {
  const events: HostEvent[] = [];
  let current: FakeTrainer | null = null;
  const service = new TrainerService({
    post: (e) => {
      // every event the service sends must pass the renderer's validation
      const parsed = parseEvent(structuredClone(e));
      if (!parsed.ok) throw new Error(parsed.message);
      events.push(e);
    },
    load: (session): LoadResult => (session === 'bad' ? { ok: false, errors: ['experiment.loss: expected one of ...'] } : { ok: true, trainer: (current = make()), fresh: () => (current = make()) }),
    ...opts,
  });
  const send = (m: object) => service.handle({ v: 1, ...m });
  const of = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type) as Extract<HostEvent, { type: T }>[];
  const last = <T extends HostEvent['type']>(type: T) => of(type).at(-1)!;
  return { service, events, send, of, last, trainer: () => current! };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await wait(2);
  }
}

describe('TrainerService', () => {
  it('loads, answers with loaded + history + snapshot, and steps an epoch', () => {
    const s = setup(() => new FakeTrainer(100));
    s.send({ type: 'load', session: {}, id: 'a' });
    expect(s.events.map((e) => e.type)).toEqual(['loaded', 'history', 'snapshot', 'status']);
    expect(s.last('loaded')).toMatchObject({ id: 'a', inputNames: ['x1', 'x2'], trainSize: 1, testSize: 0 });
    expect(s.last('snapshot')).toMatchObject({ epoch: 0, status: 'idle', params: { weights: [[[1, 1]]], biases: [[0]] } });
    s.send({ type: 'step', unit: 'epoch' });
    const snap = s.last('snapshot');
    expect(snap.epoch).toBe(1);
    expect(snap.params.weights[0][0][0]).toBe(0.99);
    expect(snap.metrics.train.loss).toBeCloseTo(0.9801, 15);
    expect(snap.status).toBe('paused');
    expect(s.last('history')).toMatchObject({ from: 1, series: { train_loss: new Float64Array([0.9801]) } });
  });

  it('steps phase by phase and reports the next phase', () => {
    const s = setup(() => new FakeTrainer(100));
    s.send({ type: 'load', session: {} });
    s.send({ type: 'step', unit: 'phase' });
    expect(s.last('snapshot').nextPhase).toBe('backward');
    s.send({ type: 'step', unit: 'phase' });
    expect(s.last('snapshot').nextPhase).toBe('update');
    s.send({ type: 'step', unit: 'phase' });
    expect(s.last('snapshot')).toMatchObject({ nextPhase: 'forward', epoch: 1 });
  });

  it('answers an invalid message with an error event and keeps working', () => {
    const s = setup(() => new FakeTrainer(100));
    s.service.handle(null);
    s.service.handle({ v: 2, type: 'pause' });
    s.send({ type: 'step', unit: 'sideways', id: 'x7' });
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 0, j: 0 }, value: 1 });
    s.send({ type: 'run' }); // valid, but nothing loaded
    const errors = s.of('error');
    expect(errors).toHaveLength(5);
    expect(errors[0].message).toMatch(/^invalid command a message/);
    expect(errors[1].message).toMatch(/invalid command "pause": v: .*protocol version 1/);
    expect(errors[2]).toMatchObject({ id: 'x7' });
    expect(errors[2].message).toMatch(/unit/);
    expect(errors[4].message).toMatch(/no session loaded/);
    s.send({ type: 'load', session: 'bad', id: 'L' });
    expect(s.last('error')).toMatchObject({ id: 'L', message: 'the session was not loaded:\nexperiment.loss: expected one of ...' });
    s.send({ type: 'load', session: {} });
    s.send({ type: 'step', unit: 'epoch' });
    expect(s.last('snapshot').epoch).toBe(1);
  });

  it('runs in slices: a pause sent during a run stops it within a slice', async () => {
    const s = setup(() => new FakeTrainer(1_000_000, 0.2), { sliceMs: 8 });
    s.send({ type: 'load', session: {} });
    s.send({ type: 'run' });
    expect(s.last('status').status).toBe('running');
    await wait(150);
    const sentPauseAt = Date.now();
    s.send({ type: 'pause' });
    const handledIn = Date.now() - sentPauseAt;
    expect(handledIn).toBeLessThan(50); // the pause ran between slices, not after the run
    const epochAtPause = s.trainer().epoch;
    expect(epochAtPause).toBeGreaterThan(10); // it did train (each fake epoch busies ≥ 0.2 ms)
    expect(epochAtPause).toBeLessThan(1_000_000);
    expect(s.last('status').status).toBe('paused');
    expect(s.last('snapshot')).toMatchObject({ status: 'paused', epoch: epochAtPause });
    await wait(50);
    expect(s.trainer().epoch).toBe(epochAtPause); // nothing trains after the pause
  });

  it('sends at most ~30 messages a second during a run, and history as append-only chunks', async () => {
    const s = setup(() => new FakeTrainer(1_000_000, 0, Infinity, 64));
    s.send({ type: 'load', session: {} });
    const store = new HistoryStore();
    const countBefore = s.events.length;
    s.send({ type: 'run' });
    const started = Date.now();
    await wait(700);
    s.send({ type: 'pause' });
    const seconds = (Date.now() - started) / 1000;
    const during = s.events.slice(countBefore);
    // 15 snapshot+history pairs a second, plus status changes and the final flush
    expect(during.length).toBeLessThanOrEqual(30 * seconds + 5);
    expect(during.filter((e) => e.type === 'snapshot').length).toBeGreaterThanOrEqual(5);
    for (const e of s.of('history')) store.apply(e);
    const t = s.trainer();
    expect(t.epoch).toBeGreaterThan(1000);
    // the renderer's copy equals the trainer's, though it came in pieces
    expect(Array.from(store.series.train_loss!)).toEqual(t.history.train_loss);
    expect(store.length).toBe(t.epoch + 1);
    const chunks = s.of('history') as HistoryChunk[];
    const sent = chunks.reduce((n, c) => n + c.series.train_loss!.length, 0);
    expect(sent).toBe(t.epoch + 1); // every entry sent exactly once
    // the parameter record was thinned (stride doubled) and the renderer followed
    expect(t.history.params.stride).toBeGreaterThan(1);
    expect(store.params.stride).toBe(t.history.params.stride);
    expect(Array.from(store.params.epochs)).toEqual(t.history.params.epochs);
    expect(Array.from(store.paramTrack(0).values)).toEqual(t.history.params.values.map((v) => v[0]));
    expect(store.paramTrack(1).epochs).toEqual(t.history.params.epochs);
    expect(Array.from(store.paramSnapshot(store.params.epochs.length - 1))).toEqual(Array.from(t.history.params.values.at(-1)!));
  });

  it('sends progress less often for a big net (784-64-1: 50 305 parameters, one snapshot per ~250 ms)', async () => {
    const big = () => {
      const t = new FakeTrainer(1_000_000, 0, Infinity, 64);
      t.opts.network = { inputs: 784, layers: [{ units: 64, activation: 'relu', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] };
      t.params = { W: [new Float64Array(64 * 784).fill(1), new Float64Array(64)], b: [new Float64Array(64), new Float64Array(1)] };
      return t;
    };
    const s = setup(big);
    s.send({ type: 'load', session: {} });
    const countBefore = s.events.length;
    s.send({ type: 'run' });
    const started = Date.now();
    await wait(1000);
    s.send({ type: 'pause' });
    const seconds = (Date.now() - started) / 1000;
    const snapshots = s.events.slice(countBefore).filter((e) => e.type === 'snapshot').length;
    // 50 305 × 0.005 ms = 251.5 ms between progress snapshots (a small net: 1000/15 = 67 ms), plus the pause's
    expect(snapshots).toBeGreaterThanOrEqual(2);
    expect(snapshots).toBeLessThanOrEqual(Math.floor(seconds / 0.2515) + 2);
  });

  it('a run past the epoch limit is refused (every epoch adds to the history: memory would grow without bound)', () => {
    const s = setup(() => new FakeTrainer(300));
    s.send({ type: 'load', session: {} });
    s.send({ type: 'run', untilEpoch: 1_000_000_000, id: 'r' });
    expect(s.last('error')).toMatchObject({ id: 'r', message: "epochs: a run goes to at most epoch 1000000 (NN Lab's limit), not 1000000000" });
    s.send({ type: 'setHyper', path: 'epochs', value: 2_000_000, id: 'h' });
    expect(s.last('error')).toMatchObject({ id: 'h', message: "epochs: expected an integer from 0 to 1000000 (NN Lab's limit), got 2000000" });
  });

  it('run stops at the target epoch with status finished', async () => {
    const s = setup(() => new FakeTrainer(300));
    s.send({ type: 'load', session: {} });
    s.send({ type: 'run' });
    await until(() => s.last('status').status !== 'running');
    expect(s.last('status')).toMatchObject({ status: 'completed', epoch: 300, message: 'finished' });
    expect(s.last('snapshot').epoch).toBe(300);
    s.send({ type: 'step', unit: 'epochs', n: 5 });
    await until(() => s.last('snapshot').epoch === 305 && s.last('snapshot').status !== 'running');
  });

  it('reports divergence with the epoch and the parameter, and refuses to train further until reset', async () => {
    const s = setup(() => new FakeTrainer(1000, 0, 37));
    s.send({ type: 'load', session: {} });
    s.send({ type: 'run' });
    await until(() => s.last('status').status !== 'running');
    const status = s.last('status');
    expect(status).toMatchObject({ status: 'diverged', epoch: 37, divergence: { epoch: 37, what: 'W[0][0][1]' } });
    expect(status.message).toBe('diverged at epoch 37: W[0][0][1] became Infinity');
    const snap = s.last('snapshot') as Snapshot;
    expect(snap.params.weights[0][0][1]).toBe(Infinity);
    s.send({ type: 'step', unit: 'epoch', id: 's' });
    expect(s.last('error')).toMatchObject({ id: 's', message: 'the run has diverged at epoch 37: W[0][0][1] became Infinity; Reset to start again' });
    s.send({ type: 'reset' });
    expect(s.last('snapshot')).toMatchObject({ epoch: 0, status: 'idle', divergence: null });
    expect(s.last('history')).toMatchObject({ from: 0, series: { train_loss: new Float64Array([1]) }, params: { mode: 'replace' } });
  });

  it('edits a parameter and a hyper-parameter', () => {
    const s = setup(() => new FakeTrainer(100));
    s.send({ type: 'load', session: {} });
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 0, j: 0, i: 0 }, value: 0.5 });
    expect(s.last('snapshot').params.weights[0][0][0]).toBe(0.5);
    expect(s.last('snapshot').metrics.train.loss).toBe(0.25);
    s.send({ type: 'setHyper', path: 'optimizer.lr', value: 0.25 });
    expect(s.last('snapshot').optimizer).toEqual({ kind: 'sgd', lr: 0.25 });
    s.send({ type: 'setHyper', path: 'optimizer.lr', value: -1, id: 'h' });
    expect(s.last('error')).toMatchObject({ id: 'h' });
    expect(s.last('error').message).toMatch(/^optimizer.lr: expected a number >= 0, got -1/);
    s.send({ type: 'setHyper', path: 'batch_size', value: 4 });
    expect(s.last('error').message).toMatch(/batch_size: can't be changed during a run/);
    s.send({ type: 'requestState', trainerState: true, id: 'q' });
    expect(s.last('state')).toMatchObject({ id: 'q', trainer: { format: 'nnlab-trainer' } });
  });
});
