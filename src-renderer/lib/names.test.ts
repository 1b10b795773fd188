import { describe, expect, it } from 'vitest';
import { viewNames } from './names';
import type { NetworkSpec } from '../../src-core/types';

const spec: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'sigmoid', bias: true }, { units: 1, activation: 'linear', bias: true }] };

describe('viewNames', () => {
  it('gives the same object while the spec, the data names and param_names stay the same', () => {
    const data = { inputNames: ['a', 'b'], outputNames: ['y'] };
    const params = { 'W[0][0][0]': 'w1' };
    const first = viewNames(spec, data, { param_names: params });
    // another session object (a saved analysis, a new title) with the same param_names
    expect(viewNames(spec, data, { param_names: params })).toBe(first);
    expect(first).toEqual({ inputs: ['a', 'b'], outputs: ['y'], params });
  });

  it('builds new names when any input changes', () => {
    const data = { inputNames: ['a', 'b'], outputNames: ['y'] };
    const first = viewNames(spec, data, null);
    const renamed = viewNames(spec, data, { param_names: { 'W[0][0][0]': 'w1' } });
    expect(renamed).not.toBe(first);
    expect(renamed.params).toEqual({ 'W[0][0][0]': 'w1' });
    const other = viewNames(spec, { inputNames: ['p', 'q'], outputNames: ['y'] }, null);
    expect(other.inputs).toEqual(['p', 'q']);
    expect(viewNames({ ...spec }, data, null)).toEqual(first);
    expect(viewNames(spec, null, null).inputs).toEqual(['x1', 'x2']);
  });
});
