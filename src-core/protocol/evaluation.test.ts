/**
 * requestEvaluation → evaluation (charts and diagnoses): the trainer's
 * confusion matrix agrees with its own accuracy, the event survives the
 * renderer's validation, and a regression net gets correlations only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvent, type EvaluationEvent, type HostEvent } from './messages';
import { TrainerService } from './service';
import { loadSession } from './load';
import { metricsFromCounts } from '../metrics/classification';

const example = (name: string) => readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8');

function setup(text: string) {
  const events: HostEvent[] = [];
  const service = new TrainerService({ post: (e) => events.push(structuredClone(e)), load: loadSession });
  service.handle({ v: 1, type: 'load', session: text });
  const last = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type).at(-1) as Extract<HostEvent, { type: T }>;
  return { events, send: (m: object) => service.handle({ v: 1, ...m }), last };
}

describe('requestEvaluation', () => {
  it('XOR 3-4-1 (report 004): the confusion matrix of the 4 rows, with the snapshot\'s accuracy', () => {
    const s = setup(example('004-xor-seven-learning-rates.nnlab'));
    s.send({ type: 'step', unit: 'epoch' });
    s.send({ type: 'requestEvaluation', id: 'ev-1' });
    const e = s.last('evaluation') as EvaluationEvent;
    expect(parseEvent(e).ok).toBe(true);
    expect(e.id).toBe('ev-1');
    const m = metricsFromCounts(e.confusion!.train);
    expect(m.total).toBe(4);
    expect(m.accuracy).toBe(s.last('snapshot').metrics.train.accuracy);
    expect(e.correlations.map((c) => [c.layer, c.units, c.samples])).toEqual([[0, 4, 4]]);
  });

  it('a regression net: no confusion matrix, the hidden units\' correlations', () => {
    const s = setup(example('002-basic-network-f1-f2.nnlab'));
    s.send({ type: 'requestEvaluation' });
    const e = s.last('evaluation') as EvaluationEvent;
    expect(e.confusion).toBeUndefined();
    expect(e.correlations[0].units).toBe(2);
    expect(e.correlations[0].samples).toBe(1000);
    expect(parseEvent(e).ok).toBe(true);
  });

  it('a malformed evaluation event is refused with its path', () => {
    const r = parseEvent({ v: 1, type: 'evaluation', epoch: 0, updates: 0, correlations: [{ layer: 0, units: 2, r: new Float64Array(3), samples: 4 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/r: expected units × units numbers/);
  });
});
