/**
 * The service driving the real engine on report 000's lecture net
 * (2-2-1 ReLU, x = (1, 0), y = 2, squared error, lr 0.005).
 *
 * By hand: h = relu([1·1 + 1·0 + 0.5, 0.5·1 − 1·0 + 0]) = [1.5, 0.5];
 * out = 1.5 + 0.5 + 0.5 = 2.5; loss = (2.5 − 2)² = 0.25.
 * dL/dout = 2·0.5 = 1, so gradW[1] = [1.5, 0.5], gradB[1] = 1,
 * delta[0] = [1, 1] ⊙ relu'(z) = [1, 1], gradW[0] = [[1, 0], [1, 0]], gradB[0] = [1, 1].
 * After one step: W[0] = [[0.995, 1], [0.495, −1]], b[0] = [0.495, −0.005],
 * W[1] = [[0.9925, 0.9975]], b[1] = [0.495];
 * h = [1.49, 0.49], out = 0.9925·1.49 + 0.9975·0.49 + 0.495 = 2.4626,
 * loss = 0.4626² = 0.21399876.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvent, type HostEvent } from './messages';
import { TrainerService } from './service';
import { loadSession } from './load';

const lecture = readFileSync(new URL('../../e2e/fixtures/lecture-000.nnlab', import.meta.url), 'utf8');

function setup() {
  const events: HostEvent[] = [];
  const service = new TrainerService({ post: (e) => events.push(structuredClone(e)), load: loadSession });
  const send = (m: object) => service.handle({ v: 1, ...m });
  const last = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type).at(-1) as Extract<HostEvent, { type: T }>;
  return { events, send, last };
}

describe('TrainerService on the lecture net', () => {
  it('shows loss 0.25, then 0.995 and loss 0.21399876 after one epoch', () => {
    const s = setup();
    s.send({ type: 'load', session: lecture });
    expect(s.last('snapshot').metrics.train.loss).toBe(0.25);
    s.send({ type: 'step', unit: 'epoch' });
    const snap = s.last('snapshot');
    expect(snap.params.weights[0][0][0]).toBeCloseTo(0.995, 15);
    expect(snap.params.weights[1][0]).toEqual([expect.closeTo(0.9925, 15), expect.closeTo(0.9975, 15)]);
    expect(snap.params.biases[0][1]).toBeCloseTo(-0.005, 15);
    expect(snap.metrics.train.loss).toBeCloseTo(0.21399876, 14);
    expect(Array.from(s.last('history').series.train_loss!)).toEqual([expect.closeTo(0.21399876, 14)]);
    // the chain-rule numbers of that update are in the snapshot for the math view
    expect(Array.from(snap.lastStep!.gradW[1])).toEqual([1.5, 0.5]);
    expect(Array.from(snap.lastStep!.gradW[0])).toEqual([1, 0, 1, 0]);
    // the gradient norms of that epoch: √(1 + 1 + 1 + 1) = 2 and √(1.5² + 0.5² + 1²) = √3.5
    expect(s.last('history').gradNorm).toEqual({ from: 0, layers: [new Float64Array([2]), new Float64Array([Math.sqrt(3.5)])] });
    s.send({ type: 'step', unit: 'epoch' });
    const g = s.last('history').gradNorm!;
    expect(g.from).toBe(1);
    expect(g.layers[1][0]).toBeCloseTo(1.7210212193, 10); // 0.9252·√(1.49² + 0.49² + 1), see src-core/train/gradnorm.test.ts
  });

  it('a weight set before the first step is a starting weight: Reset returns to it; one set later is not', () => {
    const s = setup();
    s.send({ type: 'load', session: lecture });
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 0, j: 0, i: 0 }, value: 0.3 });
    s.send({ type: 'step', unit: 'epoch' });
    s.send({ type: 'editParam', ref: { kind: 'bias', layer: 1, j: 0 }, value: 7 });
    s.send({ type: 'reset' });
    const snap = s.last('snapshot');
    expect(snap.epoch).toBe(0);
    expect(snap.params.weights[0][0][0]).toBe(0.3);
    expect(snap.params.biases[1][0]).toBe(0.5);
    // h = relu([0.3 + 0.5, 0.5]) = [0.8, 0.5]; out = 0.8 + 0.5 + 0.5 = 1.8; loss = 0.2² = 0.04
    expect(snap.metrics.train.loss).toBeCloseTo(0.04, 15);
  });

  it('steps through the three phases', () => {
    const s = setup();
    s.send({ type: 'load', session: lecture });
    s.send({ type: 'step', unit: 'phase' });
    expect(s.last('snapshot').nextPhase).toBe('backward');
    expect(s.last('snapshot').lastStep!.loss).toBe(0.25);
    s.send({ type: 'step', unit: 'phase' });
    expect(s.last('snapshot').nextPhase).toBe('update');
    s.send({ type: 'step', unit: 'phase' });
    expect(s.last('snapshot')).toMatchObject({ nextPhase: 'forward', epoch: 1, updates: 1 });
  });

  it('edits a weight: the loss follows at once', () => {
    const s = setup();
    s.send({ type: 'load', session: lecture });
    // W[1][0][0] = 0.5: out = 0.75 + 0.5 + 0.5 = 1.75, loss = 0.0625
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 1, j: 0, i: 0 }, value: 0.5 });
    expect(s.last('snapshot').metrics.train.loss).toBeCloseTo(0.0625, 15);
  });

  it('refuses a broken session with the session module\'s messages', () => {
    const s = setup();
    s.send({ type: 'load', session: '{"format":"nnlab","version":1,"experiment":{}}', id: 'x' });
    const err = s.last('error');
    expect(err.id).toBe('x');
    expect(err.message).toMatch(/^the session was not loaded:\nexperiment\.network/);
  });

  it('diverges at a large learning rate and names the epoch and the value', async () => {
    const s = setup();
    // linear units (ReLU would just die): at lr 5 every step overshoots further until a value overflows
    s.send({ type: 'load', session: lecture.replace('"lr": 0.005', '"lr": 5').replaceAll('"relu"', '"linear"') });
    s.send({ type: 'run' });
    const end = Date.now() + 5000;
    while (s.last('status').status === 'running' && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    const st = s.last('status');
    expect(st.status).toBe('diverged');
    expect(st.epoch).toBe(st.divergence!.epoch);
    const d = st.divergence!;
    expect(st.message.startsWith(`diverged at epoch ${st.epoch}: ${d.what} became ${d.what === 'loss' ? s.last('snapshot').lastStep!.loss : 'Infinity'}`)).toBe(true);
    expect(st.message).toMatch(/became (Infinity|NaN) /);
    // the update that did it: one full batch per epoch, so update e + 1 is epoch e's
    const snap = s.last('snapshot');
    expect(d.update).toBe(d.phase === 'forward' || d.phase === 'evaluate' ? snap.updates : snap.updates + 1);
    // the engine's record of what the value became and which update did it, kept by the event schema
    const tail = d.phase === 'update' ? `in update ${d.update} (epoch ${d.epoch + 1}, batch 1)`
      : d.phase === 'backward' ? `in the gradient of update ${d.update} (epoch ${d.epoch + 1}, batch 1)`
      : d.phase === 'forward' ? `in the forward pass (epoch ${d.epoch + 1}, batch 1) with the parameters after update ${d.update}`
      : `with the parameters after update ${d.update}`;
    expect(st.message).toBe(`diverged at epoch ${st.epoch}: ${d.what} became ${d.became} ${tail}`);
    const parsed = parseEvent(st);
    expect(parsed.ok && parsed.value.type === 'status' && parsed.value.divergence).toEqual(d);
  });

  it('weights typed before the first step leave the run "ready" and are all starting values: Reset returns to both', () => {
    const s = setup();
    s.send({ type: 'load', session: lecture });
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 0, j: 0, i: 0 }, value: 2 });
    // the edit ran the forward pass again (the phase is 'backward' now), but nothing has run
    expect(s.last('snapshot')).toMatchObject({ status: 'idle', nextPhase: 'backward' });
    expect(s.last('status').status).toBe('idle');
    s.send({ type: 'editParam', ref: { kind: 'bias', layer: 1, j: 0 }, value: 1 });
    s.send({ type: 'step', unit: 'epoch' });
    expect(s.last('snapshot').status).toBe('paused');
    s.send({ type: 'reset', id: 'r' });
    // h = [2.5, 0.5], out = 2.5 + 0.5 + 1 = 4: loss (4 − 2)² = 4
    expect(s.last('snapshot')).toMatchObject({ status: 'idle', epoch: 0, params: { weights: [[[2, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [1]] } });
    expect(s.last('snapshot').metrics.train.loss).toBe(4);
    expect(s.last('status')).toMatchObject({ status: 'idle', id: 'r' });
    // a weight typed after a phase stepped is not a starting value
    s.send({ type: 'step', unit: 'phase' });
    expect(s.last('snapshot').status).toBe('paused');
    s.send({ type: 'editParam', ref: { kind: 'weight', layer: 1, j: 0, i: 0 }, value: 3 });
    s.send({ type: 'reset' });
    expect(s.last('snapshot').params.weights[1][0][0]).toBe(1);
  });

  it('answers a step, run or reset that has an id with a status event carrying it, after the step\'s snapshot', () => {
    const s = setup();
    s.send({ type: 'load', session: lecture });
    const n = s.events.length;
    s.send({ type: 'step', unit: 'epoch', id: 's1' });
    expect(s.events.slice(n).map((e) => e.type)).toEqual(['history', 'snapshot', 'status']);
    expect(s.last('status')).toMatchObject({ status: 'paused', id: 's1' });
    // the status did not change: the answer is sent all the same
    s.send({ type: 'step', unit: 'phase', id: 's2' });
    expect(s.last('status')).toMatchObject({ status: 'paused', id: 's2' });
    s.send({ type: 'run', untilEpoch: 1, id: 'r1' });
    expect(s.last('status')).toMatchObject({ id: 'r1' });
  });
});
