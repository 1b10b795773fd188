import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../src-core/types';

// vitest runs without the Svelte compiler: $state is then a plain value (the store's logic is plain assignment)
(globalThis as unknown as { $state: <T>(v: T) => T }).$state = (v) => v;
const { MAX_TRACKED, parseParamName, sameRef, sampleRow, selection, validRef } = await import('./selection.svelte');

const spec: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'relu', bias: true }, { units: 1, activation: 'relu', bias: false }] };

describe('the shared selection', () => {
  it('pick selects a parameter and follows it once', () => {
    selection.clear();
    selection.pick({ kind: 'weight', layer: 1, j: 0, i: 1 });
    selection.pick({ kind: 'bias', layer: 0, j: 1 });
    selection.pick({ kind: 'weight', layer: 1, j: 0, i: 1 });
    expect(selection.ref).toEqual({ kind: 'weight', layer: 1, j: 0, i: 1 });
    expect(selection.tracked).toEqual([{ kind: 'weight', layer: 1, j: 0, i: 1 }, { kind: 'bias', layer: 0, j: 1 }]);
    selection.unfollow({ kind: 'bias', layer: 0, j: 1 });
    expect(selection.isTracked({ kind: 'bias', layer: 0, j: 1 })).toBe(false);
    expect(selection.ref).toEqual({ kind: 'weight', layer: 1, j: 0, i: 1 });
  });
  it(`follows at most ${MAX_TRACKED}: the oldest goes`, () => {
    selection.clear();
    for (let i = 0; i < MAX_TRACKED + 2; i++) selection.follow({ kind: 'weight', layer: 0, j: 0, i });
    expect(selection.tracked.length).toBe(MAX_TRACKED);
    expect(selection.tracked[0]).toEqual({ kind: 'weight', layer: 0, j: 0, i: 2 });
    selection.clear();
    expect(selection.tracked).toEqual([]);
    expect(selection.ref).toBeNull();
  });
  it('names parse to refs, and refs are checked against the network', () => {
    expect(parseParamName(' W[1][0][2] ')).toEqual({ kind: 'weight', layer: 1, j: 0, i: 2 });
    expect(parseParamName('b[0][1]')).toEqual({ kind: 'bias', layer: 0, j: 1 });
    expect(parseParamName('W[1][0]')).toBeNull();
    expect(parseParamName('b[0][1][2]')).toBeNull();
    expect(parseParamName('x1')).toBeNull();
    expect(validRef(spec, { kind: 'weight', layer: 1, j: 0, i: 1 })).toBe(true);
    expect(validRef(spec, { kind: 'weight', layer: 1, j: 0, i: 2 })).toBe(false);
    expect(validRef(spec, { kind: 'bias', layer: 1, j: 0 })).toBe(false); // layer 1 has no bias
    expect(validRef(spec, { kind: 'bias', layer: 2, j: 0 })).toBe(false);
    expect(sameRef({ kind: 'bias', layer: 0, j: 1 }, { kind: 'weight', layer: 0, j: 1, i: 0 })).toBe(false);
  });
  it('the chosen sample: a row of the batch, back to the first for a new session', () => {
    expect(sampleRow(2, 4)).toBe(2);
    expect(sampleRow(7, 4)).toBe(3); // a smaller batch (the last of an epoch) shows its last row
    expect(sampleRow(5, 1)).toBe(0);
    selection.sample = 2;
    selection.clear();
    expect(selection.sample).toBe(0);
  });
});
