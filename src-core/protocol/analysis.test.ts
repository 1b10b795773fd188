/**
 * The analysis commands through the service, on report 002's (f1, 3, 1) run
 * (the example file): results match the command line's numbers (the same
 * engine), every event validates against the protocol's schemas, cancel and
 * reset end a running analysis, bad commands become errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommand, parseEvent, type HostEvent } from './messages';
import { TrainerService } from './service';
import { loadSession } from './load';
import type { AnalysisResultEvent } from './analysis-messages';

const example = JSON.parse(readFileSync(new URL('../../assets/examples/002-basic-network-f1-f2.nnlab', import.meta.url), 'utf8'));
const session = { ...example, experiment: { ...example.experiment, network: { ...example.experiment.network, layers: [{ units: 2, activation: 'sigmoid', bias: true }, { units: 1, activation: 'linear', bias: true }] }, optimizer: { kind: 'sgd', lr: 1 } }, runs: [] };
const ref = JSON.parse(readFileSync(new URL('../../test/examples/sharpness002_reference.json', import.meta.url), 'utf8'));

function setup() {
  const events: HostEvent[] = [];
  const queue: (() => void)[] = [];
  const service = new TrainerService({ post: (e) => events.push(structuredClone(e)), load: loadSession, yieldThen: (fn) => queue.push(fn) });
  const send = (m: object) => service.handle({ v: 1, ...m });
  const drain = (max = 1e6) => { for (let k = 0; k < max && queue.length; k++) queue.shift()!(); };
  const of = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type) as Extract<HostEvent, { type: T }>[];
  return { events, send, drain, of };
}

describe('analysis in the trainer host', () => {
  it('sharpness over the recorded epochs, the line and the landscape: numpy\'s sharpness at epoch 300, every event valid', () => {
    const s = setup();
    s.send({ type: 'load', session });
    s.send({ type: 'step', unit: 'epochs', n: 300 });
    s.drain();
    expect(s.of('snapshot').at(-1)!.epoch).toBe(300);
    s.send({ type: 'analyze', id: 'a1', sharpness: { over: 'history', points: 4 }, line: true, landscape: { resolution: 5, range: 1, directions: 'trajectory', seed: 0 } });
    s.drain();
    for (const e of s.events) expect(parseEvent(e).ok).toBe(true);
    const results = s.of('analysisResult') as AnalysisResultEvent[];
    expect(results.map((r) => r.result.part)).toEqual(['sharpness', 'line', 'landscape']);
    const sh = results[0].result;
    if (sh.part !== 'sharpness') throw new Error('order');
    expect(sh.points.map((p) => p.epoch)).toEqual([0, 100, 200, 300]);
    expect(Math.abs(sh.points[0].value - ref.sharpness[0]) / ref.sharpness[0]).toBeLessThan(1e-6);
    expect(Math.abs(sh.points[3].value - ref.sharpness[1]) / ref.sharpness[1]).toBeLessThan(1e-6);
    expect(sh.limit).toBe(2);
    expect(sh.says).toContain('below 2/lr = 2');
    const line = results[1].result;
    if (line.part !== 'line') throw new Error('order');
    expect(line.epoch).toBe(299);
    expect(line.new).toBe(s.of('snapshot').at(-1)!.metrics.train.loss);
    const g = results[2].result;
    if (g.part !== 'landscape') throw new Error('order');
    expect(g.loss[12]).toBe(s.of('snapshot').at(-1)!.metrics.train.loss);
    expect(g.path.epochs.length).toBe(301);
    expect(s.of('analysisEnd')).toEqual([{ v: 1, type: 'analysisEnd', id: 'a1', outcome: 'done', message: 'done' }]);
    expect(s.of('analysisProgress').length).toBeGreaterThan(0);
  });

  it('cancel, reset and a new analysis end the running one; bad requests are refused with the field named', () => {
    const s = setup();
    s.send({ type: 'load', session });
    s.send({ type: 'step', unit: 'epoch' });
    s.send({ type: 'analyze', id: 'big', landscape: { resolution: 51, range: 1, directions: 'random', seed: 1 } });
    s.drain(3);
    s.send({ type: 'cancelAnalysis' });
    s.drain();
    expect(s.of('analysisEnd').at(-1)).toMatchObject({ id: 'big', outcome: 'cancelled' });
    expect(s.of('analysisResult')).toHaveLength(0);
    s.send({ type: 'analyze', id: 'b', landscape: { resolution: 51, range: 1, directions: 'random', seed: 1 } });
    s.drain(3);
    s.send({ type: 'reset' });
    s.drain();
    expect(s.of('analysisEnd').at(-1)).toMatchObject({ id: 'b', outcome: 'cancelled', message: 'the run was reset or replaced' });
    // the line needs an update
    s.send({ type: 'analyze', id: 'c', line: true });
    s.drain();
    expect(s.of('analysisEnd').at(-1)).toMatchObject({ id: 'c', outcome: 'failed', message: expect.stringContaining('train at least one update') });
    expect(parseCommand({ v: 1, type: 'analyze', landscape: { resolution: 500, range: 1, directions: 'random', seed: 0 } })).toMatchObject({ ok: false, message: expect.stringContaining('landscape.resolution') });
    expect(parseCommand({ v: 1, type: 'analyze' })).toMatchObject({ ok: false, message: expect.stringContaining('ask for sharpness, line or landscape') });
    s.send({ type: 'analyze', landscape: { resolution: 5, range: -1, directions: 'random', seed: 0 } });
    expect(s.of('error').at(-1)!.message).toContain('landscape.range');
  });
});
