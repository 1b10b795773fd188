import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../src-core/types';
import type { StepDetail } from '../../../src-core/train/types';
import { paramName } from '../../../src-core/net/params';
import { allParams, updateTable } from '../../../src-core/derivation';
import { largestGradients, tableRows, TOP } from './top-rows';

// a 20-30-2 net (692 parameters): more than the table lists in full
const spec: NetworkSpec = { inputs: 20, layers: [{ units: 30, activation: 'relu', bias: true }, { units: 2, activation: 'linear', bias: true }] };
const names = { inputs: Array.from({ length: 20 }, (_, i) => `x${i + 1}`), outputs: ['o1', 'o2'] };

/** A step whose gradients are a known pseudo-random pattern with distinct |values|. */
function fakeStep(): StepDetail {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
  const arrays = (f: () => number) => ({
    W: [Float64Array.from({ length: 600 }, f), Float64Array.from({ length: 60 }, f)],
    b: [Float64Array.from({ length: 30 }, f), Float64Array.from({ length: 2 }, f)],
  });
  const before = arrays(rnd);
  const grads = arrays(rnd);
  const after = { W: before.W.map((w, l) => w.map((v, q) => v - 0.1 * grads.W[l][q])), b: before.b.map((b, l) => b.map((v, j) => v - 0.1 * grads.b[l][j])) };
  return { done: { forward: true, backward: true, update: true }, gradW: grads.W, gradB: grads.b, before, after } as unknown as StepDetail;
}

describe('the math table of a large net', () => {
  const step = fakeStep();
  const all = updateTable(spec, step, names);

  it('lists the 60 largest |gradient| in order, as a full sort of every row would', () => {
    const bySort = [...all].sort((a, b) => Math.abs(b.gradient!) - Math.abs(a.gradient!)).slice(0, TOP).map((r) => r.name);
    expect(largestGradients(spec, step, TOP).map(paramName)).toEqual(bySort);
  });

  it('rows carry the same numbers as updateTable; the selected parameter comes first when not among them', () => {
    const selected = { kind: 'weight' as const, layer: 0, j: 0, i: 0 };
    const { rows, total } = tableRows(spec, step, names, selected);
    expect(total).toBe(allParams(spec).length);
    expect(total).toBe(692);
    const byName = new Map(all.map((r) => [r.name, r]));
    for (const r of rows) expect(r).toEqual(byName.get(r.name));
    const inTop = largestGradients(spec, step, TOP).some((r) => paramName(r) === 'W[0][0][0]');
    expect(rows.length).toBe(inTop ? TOP : TOP + 1);
    if (!inTop) expect(rows[0].name).toBe('W[0][0][0]');
  });

  it('small nets: every parameter', () => {
    const small: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'relu', bias: true }, { units: 1, activation: 'relu', bias: true }] };
    const s = { done: { forward: true, backward: false, update: false }, gradW: [], gradB: [], after: null,
      before: { W: [Float64Array.of(1, 1, 0.5, -1), Float64Array.of(1, 1)], b: [Float64Array.of(0.5, 0), Float64Array.of(0.5)] } } as unknown as StepDetail;
    const { rows, total } = tableRows(small, s, { inputs: ['x1', 'x2'], outputs: ['out'] }, { kind: 'bias', layer: 1, j: 0 });
    expect(total).toBe(9);
    expect(rows.map((r) => r.before)).toEqual([1, 1, 0.5, -1, 0.5, 0, 1, 1, 0.5]);
    expect(rows.every((r) => r.gradient === null && r.after === null)).toBe(true);
  });
});
