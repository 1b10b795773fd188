import { describe, expect, it } from 'vitest';
import { axisValues, expandSweep, MAX_SWEEP_RUNS, shortLabels, type SweepSpec } from './spec';

describe('axis values', () => {
  it('log range: report 004 learning rates 0.001 … 1000, seven decades evenly in log10', () => {
    const r = axisValues({ field: 'optimizer.lr', kind: 'log_range', from: 0.001, to: 1000, count: 7 }, 'sweep.axes[0]');
    expect(r.ok && r.value.values).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
    expect(r.ok && r.value.labels).toEqual(['0.001', '0.01', '0.1', '1', '10', '100', '1000']);
  });

  it('log range with two points per decade: 10^(k/2)', () => {
    const r = axisValues({ field: 'optimizer.lr', kind: 'log_range', from: 1, to: 100, count: 5 }, 'a');
    expect(r.ok && r.value.values).toEqual([1, 3.16227766016838, 10, 31.6227766016838, 100]);
  });

  it('range includes its end despite float error (0.1 + 9·0.1 = 0.9999999999999999 in floats)', () => {
    const r = axisValues({ field: 'x', kind: 'range', from: 0.1, to: 1, step: 0.1 }, 'a');
    expect(r.ok && r.value.values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('range of hidden units 1..8 by 1; and downwards', () => {
    const up = axisValues({ field: 'network.layers[0].units', kind: 'range', from: 1, to: 8, step: 1 }, 'a');
    expect(up.ok && up.value.values).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const down = axisValues({ field: 'x', kind: 'range', from: 1, to: 0, step: -0.25 }, 'a');
    expect(down.ok && down.value.values).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });

  it('refuses bad axes with the JSON path and the value', () => {
    const cases: [Parameters<typeof axisValues>[0], string][] = [
      [{ field: 'x', kind: 'range', from: 0, to: 1, step: 0 }, 'sweep.axes[0].step: expected a number > 0 (from 0 to 1), got 0'],
      [{ field: 'x', kind: 'range', from: 0, to: 1, step: -1 }, 'sweep.axes[0].step: expected a number > 0 (from 0 to 1), got -1'],
      [{ field: 'x', kind: 'range', from: 0, to: 1, step: 1e-6 }, `sweep.axes[0].step: expected at most ${MAX_SWEEP_RUNS} values, this range has 1000001, got 0.000001`],
      [{ field: 'x', kind: 'log_range', from: 0, to: 1, count: 3 }, 'sweep.axes[0].from: expected a number > 0 (a log range), got 0'],
      [{ field: 'x', kind: 'log_range', from: 1, to: 10, count: 1.5 }, `sweep.axes[0].count: expected an integer from 1 to ${MAX_SWEEP_RUNS}, got 1.5`],
      [{ field: 'x', kind: 'list', values: [] }, 'sweep.axes[0].values: expected a non-empty list, got []'],
      [{ field: 'x', kind: 'list', values: [1, 2], labels: ['a'] }, 'sweep.axes[0].labels: expected 2 non-empty strings (one per value), got ["a"]'],
      [{ field: '', kind: 'list', values: [1] }, 'sweep.axes[0].field: expected a field path like optimizer.lr, got ""'],
    ];
    for (const [axis, message] of cases) expect(axisValues(axis, 'sweep.axes[0]')).toEqual({ ok: false, errors: [message] });
  });
});

// Report 000: the nine starting points. Weights w1..w6 are W[0] = [[w1, w3], [w2, w4]], W[1] = [[w5, w6]];
// biases b[0] = [bias1, bias2], b[1] = [bias3].
const small = [[[0.3, 0.3], [0.1, -0.2]], [[0.5, 0.3]]];
const medium = [[[1, 1], [0.5, 0.8]], [[1, 0.8]]];
const high = [[[3, 3], [1.5, -2]], [[1.5, 3]]];
export const report000Grid: SweepSpec = {
  id: 'start',
  axes: [
    { field: 'init.weights', kind: 'list', values: [small, medium, high], labels: ['small', 'medium', 'high'] },
    { field: 'init.biases', kind: 'list', values: [[[0.5, 0], [0.5]], [[1.5, 0.5], [1.5]], [[3, 2], [3]]], labels: ['small', 'medium', 'high'] },
  ],
  cells: [
    // the report's bias levels differ by weight row
    { at: ['small', 'small'], overrides: { 'init.biases': [[0.2, 0], [0.2]] } },
    { at: ['small', 'medium'], overrides: { 'init.biases': [[0.8, 0.4], [0.8]] } },
    { at: ['small', 'high'], overrides: { 'init.biases': [[3, 0.5], [3]] } },
    { at: ['high', 'medium'], overrides: { 'init.biases': [[1.5, 1], [1.5]] } },
  ],
};

describe('expandSweep', () => {
  it('one axis: one run per value, ids and labels from the field', () => {
    const r = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'list', values: [0.1, 1] }], base: { epochs: 60000 } });
    expect(r).toEqual({
      ok: true,
      value: [
        { id: 'lr/0.1', label: 'lr = 0.1', overrides: { epochs: 60000, 'optimizer.lr': 0.1 }, coords: [0], axisLabels: ['0.1'], shownLabels: ['0.1'] },
        { id: 'lr/1', label: 'lr = 1', overrides: { epochs: 60000, 'optimizer.lr': 1 }, coords: [1], axisLabels: ['1'], shownLabels: ['1'] },
      ],
    });
  });

  it('two axes: the grid row-major, cells override single points (report 000)', () => {
    const r = expandSweep(report000Grid);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.map((p) => p.id)).toEqual([
      'start/small/small', 'start/small/medium', 'start/small/high',
      'start/medium/small', 'start/medium/medium', 'start/medium/high',
      'start/high/small', 'start/high/medium', 'start/high/high',
    ]);
    expect(r.value.map((p) => p.coords)).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]]);
    expect(r.value[1].overrides).toEqual({ 'init.weights': small, 'init.biases': [[0.8, 0.4], [0.8]] });
    expect(r.value[4].overrides).toEqual({ 'init.weights': medium, 'init.biases': [[1.5, 0.5], [1.5]] });
    expect(r.value[7].overrides['init.biases']).toEqual([[1.5, 1], [1.5]]);
    expect(r.value[8].overrides['init.biases']).toEqual([[3, 2], [3]]);
    expect(r.value[8].label).toBe('weights = high, biases = high');
  });

  it('whole objects as values are labelled by kind', () => {
    const r = expandSweep({ id: 'init', axes: [{ field: 'init', kind: 'list', values: [{ kind: 'zeros' }, { kind: 'uniform', low: -1, high: 1 }] }] });
    expect(r.ok && r.value.map((p) => p.label)).toEqual(['init = zeros', 'init = uniform(low=-1, high=1)']);
  });

  it('refuses duplicate values, a repeated field, a cell naming no point, too many runs', () => {
    expect(expandSweep({ id: 's', axes: [{ field: 'seed', kind: 'list', values: [1, 1] }] }, 'sweeps[0]'))
      .toEqual({ ok: false, errors: ['sweeps[0].axes[0]: expected distinct values, "1" appears twice'] });
    expect(expandSweep({ id: 's', axes: [{ field: 'seed', kind: 'list', values: [1] }, { field: 'seed', kind: 'list', values: [2] }] }, 'sweeps[0]'))
      .toEqual({ ok: false, errors: ['sweeps[0].axes[1].field: expected a field other than axes[0]\'s, got "seed"'] });
    expect(expandSweep({ ...report000Grid, cells: [{ at: ['tiny', 'small'], overrides: {} }] }, 'sweeps[0]'))
      .toEqual({ ok: false, errors: ['sweeps[0].cells[0].at: expected one label per axis, from [small, medium, high] × [small, medium, high], got ["tiny","small"]'] });
    const big = expandSweep({ id: 's', axes: [{ field: 'a', kind: 'range', from: 1, to: 100, step: 1 }, { field: 'b', kind: 'range', from: 1, to: 100, step: 1 }] });
    expect(big).toEqual({ ok: false, errors: [`sweep.axes: expected at most ${MAX_SWEEP_RUNS} runs, this sweep has 10000`] });
    expect(expandSweep({ id: '', axes: [] })).toEqual({ ok: false, errors: ['sweep.id: expected a non-empty string, got ""', 'sweep.axes: expected one or two axes, got []'] });
  });
});

describe('run labels of a sweep (explore finding 14)', () => {
  it('a log range of 500 values: labels rounded to the fewest digits that keep them apart, the exact value in the overrides', () => {
    const r = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'log_range', from: 0.01, to: 1, count: 500 }] });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const labels = r.value.map((p) => p.label);
    expect(labels[0]).toBe('lr = 0.01');
    expect(labels[1]).toBe('lr = 0.0101'); // three digits already keep all 500 apart
    expect(labels[499]).toBe('lr = 1');
    expect(new Set(labels).size).toBe(500);
    expect(Math.max(...labels.map((l) => l.length))).toBeLessThanOrEqual('lr = 0.0101'.length);
    expect(r.value[1].overrides['optimizer.lr']).toBe(0.0100927151463057);
    // ids keep the values as written: a saved session's runs still match their sweep
    expect(r.value[1].id).toBe('lr/0.0100927151463057');
    expect(r.value[1].axisLabels).toEqual(['0.0100927151463057']);
    expect(r.value[1].shownLabels).toEqual(['0.0101']);
  });

  it('a short log range keeps three significant digits; values written with few digits are shown as written', () => {
    const r = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'log_range', from: 0.001, to: 1, count: 4 }] });
    expect(r.ok && r.value.map((p) => p.label)).toEqual(['lr = 0.001', 'lr = 0.01', 'lr = 0.1', 'lr = 1']);
    const s = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'log_range', from: 0.01, to: 1, count: 5 }] });
    expect(s.ok && s.value.map((p) => p.label)).toEqual(['lr = 0.01', 'lr = 0.0316', 'lr = 0.1', 'lr = 0.316', 'lr = 1']);
    const l = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'list', values: [0.1, 0.25, 0.123456789] }] });
    expect(l.ok && l.value.map((p) => p.label)).toEqual(['lr = 0.1', 'lr = 0.25', 'lr = 0.123']);
  });

  it('never gives two different values one label', () => {
    expect(shortLabels([0.1234, 0.12345678], ['0.1234', '0.12345678'])).toEqual(['0.1234', '0.1235']);
    expect(shortLabels([0.123, 0.1230001], ['0.123', '0.1230001'])).toEqual(['0.123', '0.1230001']);
    expect(shortLabels([1.00000001, 1.00000002], ['1.00000001', '1.00000002'])).toEqual(['1.00000001', '1.00000002']);
    expect(shortLabels(['small', 0.5], ['small', '0.5'])).toEqual(['small', '0.5']);
    // labels given for the values are kept
    expect(shortLabels([0.123456, 0.654321], ['a', 'b'])).toEqual(['a', 'b']);
  });
});
