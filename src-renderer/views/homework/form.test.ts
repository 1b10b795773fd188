import { describe, expect, it } from 'vitest';
import { formRows } from './form';

const spec = { inputs: 2, layers: [{ units: 3, activation: 'sigmoid' as const, bias: true }, { units: 1, activation: 'sigmoid' as const, bias: true }] };

describe('the homework form', () => {
  it("lists report 003's quantities in the homework's names, the contract's beside them", () => {
    const rows = formRows(spec);
    expect(rows.filter((r) => r.group === 'Forward pass').map((r) => r.name)).toEqual(['z1', 'a1', 'z2', 'a2', 'z3', 'a3', 'z4', 'a4', 'loss']);
    expect(rows.filter((r) => r.group === 'Chain-rule factors').map((r) => r.name)).toEqual(['dL/da4', 'da1/dz1', 'da2/dz2', 'da3/dz3', 'da4/dz4']);
    const upd = rows.filter((r) => r.group === 'Updated parameters');
    expect(upd.map((r) => [r.name, r.key]).slice(0, 3)).toEqual([['w1', 'W[0][0][0]'], ['w2', 'W[0][0][1]'], ['w3', 'W[0][1][0]']]);
    expect(upd.find((r) => r.name === 'b4')?.key).toBe('b[1][0]');
    expect(rows.find((r) => r.key === 'dL/dW[1][0][2]')?.name).toBe('dL/dw9');
  });
  it("uses the session's own names", () => {
    const rows = formRows(spec, { 'b[1][0]': 'bias4' });
    expect(rows.find((r) => r.key === 'b[1][0]')?.name).toBe('bias4');
    expect(rows.find((r) => r.key === 'dL/db[1][0]')?.name).toBe('dL/dbias4');
  });
  it('has no form for a large net (the pasted table only)', () => {
    expect(formRows({ inputs: 784, layers: [{ units: 10, activation: 'softmax', bias: true }] })).toEqual([]);
  });
});
