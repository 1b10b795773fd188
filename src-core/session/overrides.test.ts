import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverrideValue, parsePath } from './overrides';
import { parseSession } from './session';
import type { Experiment } from './schema';

const parsed = parseSession(readFileSync(new URL('../../src-cli/fixtures/lecture.nnlab', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const experiment: Experiment = parsed.session.experiment;

function applied(overrides: Record<string, unknown>): Experiment {
  const r = applyOverrides(experiment, overrides);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}
const errorsOf = (overrides: Record<string, unknown>) => {
  const r = applyOverrides(experiment, overrides);
  return r.ok ? [] : r.errors;
};

describe('parsePath', () => {
  it('reads dots, [i] and .i alike', () => {
    expect(parsePath('optimizer.lr')).toEqual(['optimizer', 'lr']);
    expect(parsePath('network.layers[0].units')).toEqual(['network', 'layers', 0, 'units']);
    expect(parsePath('network.layers.0.units')).toEqual(['network', 'layers', 0, 'units']);
    expect(parsePath('init.weights[1][0][1]')).toEqual(['init', 'weights', 1, 0, 1]);
  });
  it('rejects what is not a path', () => {
    expect(parsePath('')).toBe(null);
    expect(parsePath('optimizer..lr')).toBe(null);
    expect(parsePath('layers[x]')).toBe(null);
    expect(parsePath('a b')).toBe(null);
  });
});

describe('applyOverrides', () => {
  it('sets a number, a nested entry, and leaves the original alone', () => {
    const e = applied({ 'optimizer.lr': 0.25, epochs: 60000, 'network.layers[1].activation': 'linear', 'init.weights.1.0.1': 2 });
    expect(e.optimizer).toEqual({ kind: 'sgd', lr: 0.25 });
    expect(e.epochs).toBe(60000);
    expect(e.init.kind === 'explicit' && e.init.weights[1][0]).toEqual([1, 2]);
    expect(experiment.optimizer.lr).toBe(0.01);
    expect(e.network.layers[1].activation).toBe('linear');
    expect(experiment.network.layers[1].activation).toBe('relu');
  });
  it('may add a known optional field, and replace a whole object', () => {
    expect(applied({ 'optimizer.momentum': 0.9 }).optimizer).toEqual({ kind: 'sgd', lr: 0.01, momentum: 0.9 });
    expect(applied({ optimizer: { kind: 'adam', lr: 0.1 } }).optimizer).toEqual({ kind: 'adam', lr: 0.1 });
  });
  it('re-validates the result, with paths as the user wrote them', () => {
    expect(errorsOf({ 'network.layers[1].units': 0 })).toEqual(['network.layers[1].units: expected an integer >= 1, got 0']);
    // one more hidden unit: the explicit weights no longer fit
    expect(errorsOf({ 'network.layers[0].units': 3 })).toEqual([
      'init.weights[0]: expected 3 rows of 2 numbers (layer 0 has 3 units and 2 inputs), got [[1,1],[0.5,-1]]',
      'init.weights[1]: expected 1 row of 3 numbers (layer 1 has 1 unit and 3 inputs), got [[1,1]]',
      'init.biases[0]: expected 3 numbers (layer 0 has 3 units), got [0.5,0]',
    ]);
  });
  it('names a bad path', () => {
    expect(errorsOf({ 'optimizer.lrr': 1 })).toEqual(['optimizer.lrr: there is no field optimizer.lrr in the experiment']);
    expect(errorsOf({ 'network.layers[5].units': 1 })).toEqual(['network.layers[5].units: network.layers[5] does not exist (the list has 2 items)']);
    expect(errorsOf({ 'epochs.count': 1 })).toEqual(['epochs.count: epochs is not an object or a list']);
    expect(errorsOf({ 'network.layers.units': 1 })).toEqual(['network.layers.units: network.layers is a list; expected an index like [0], got "units"']);
    expect(errorsOf({ 'optimizer..lr': 1 })).toEqual(['optimizer..lr: not a field path (write it like optimizer.lr or network.layers[0].units)']);
    expect(errorsOf({ 'early_stopping.patience': 5 })).toEqual(['early_stopping.patience: there is no field early_stopping in the experiment']);
  });
});

describe('parseOverrideValue (the VALUE of --set PATH=VALUE)', () => {
  it('is JSON when it parses, else the text', () => {
    expect(parseOverrideValue('0.25')).toBe(0.25);
    expect(parseOverrideValue('true')).toBe(true);
    expect(parseOverrideValue('[[1,2]]')).toEqual([[1, 2]]);
    expect(parseOverrideValue('{"kind":"adam","lr":0.1}')).toEqual({ kind: 'adam', lr: 0.1 });
    expect(parseOverrideValue('"42"')).toBe('42');
    expect(parseOverrideValue('relu')).toBe('relu');
    expect(parseOverrideValue('')).toBe('');
  });
});
