/**
 * The one formatter and the one parser (format.ts), and the one place a
 * parameter's position is computed (names.ts: layerIndex, flatIndex,
 * readParam, writeParam), checked against the engine's own flattening.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../types';
import { cloneParams, flattenParams, paramCount, paramsFromJSON } from '../net/params';
import { fmt, parseNumber, percent, short } from './format';
import { allParams, flatIndex, layerIndex, readParam, writeParam } from './names';

describe('short, percent and absent values', () => {
  it('rounds to the digits asked, then prints as fmt does', () => {
    expect(short(0.123456, 3)).toBe('0.123');
    expect(short(0.99950001, 3)).toBe('1');
    expect(short(-0.000012345, 2)).toBe('-1.2e-5');
    expect(short(1234567, 2)).toBe('1200000');
    expect(short(123456789, 4)).toBe('1.235e8');
    expect(short(NaN, 4)).toBe('NaN');
    expect(short(-Infinity, 4)).toBe('−∞');
    expect(short(undefined, 4)).toBe('–');
  });
  it('fmt and percent say "–" for a value that is not there', () => {
    expect(fmt(undefined)).toBe('–');
    expect(fmt(null)).toBe('–');
    expect(percent(0.97314)).toBe('97.3 %');
    expect(percent(undefined)).toBe('–');
  });
});

describe('parseNumber: what a person types', () => {
  it('reads decimals, exponents and the minus signs the views print', () => {
    expect(parseNumber('0.5')).toBe(0.5);
    expect(parseNumber(' -0.005 ')).toBe(-0.005);
    expect(parseNumber('−0.005')).toBe(-0.005); // U+2212, as fmt's −∞ and the math view print it
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('+2')).toBe(2);
  });
  it('reads back every number fmt prints (but the infinities)', () => {
    for (const x of [0.9925, -6.552e-5, 12345678901, 1.0000065, -0.000027101508696392447, 0]) {
      expect(Math.abs(parseNumber(fmt(x))! - x)).toBeLessThanOrEqual(Math.abs(x) * 1e-7);
    }
  });
  it('refuses anything else, the empty field included', () => {
    for (const t of ['', '  ', 'abc', '1,5', '0x10', 'Infinity', '1e999', '--1', '1e', 'NaN']) expect(parseNumber(t)).toBeNull();
  });
});

describe('a parameter\'s position', () => {
  const spec: NetworkSpec = {
    inputs: 3,
    layers: [
      { units: 2, activation: 'tanh', bias: true },
      { units: 2, activation: 'relu', bias: false },
      { units: 1, activation: 'linear', bias: true },
    ],
  } as NetworkSpec;
  // W[l][j][i] = 100·l + 10·j + i, b[l][j] = −(100·l + 10·j) − 1: every entry tells where it is
  const json = {
    weights: spec.layers.map((l, k) => Array.from({ length: l.units }, (_, j) => Array.from({ length: k === 0 ? spec.inputs : spec.layers[k - 1].units }, (_, i) => 100 * k + 10 * j + i))),
    biases: spec.layers.map((l, k) => (l.bias ? Array.from({ length: l.units }, (_, j) => -(100 * k + 10 * j) - 1) : [])),
  };
  const p = paramsFromJSON(spec, json);

  it('flatIndex is the order of allParams and of the engine\'s flattenParams', () => {
    const refs = allParams(spec);
    expect(refs.length).toBe(paramCount(spec));
    expect(refs.map((r) => flatIndex(spec, r))).toEqual(refs.map((_, k) => k));
    const flat = new Float64Array(paramCount(spec));
    flattenParams(p, flat);
    for (const r of refs) expect(flat[flatIndex(spec, r)]).toBe(readParam(spec, p, r));
  });

  it('readParam finds W[l][j][i] at row j of the layer\'s matrix, and writeParam writes only there', () => {
    expect(readParam(spec, p, { kind: 'weight', layer: 0, j: 1, i: 2 })).toBe(12);
    expect(readParam(spec, p, { kind: 'weight', layer: 1, j: 1, i: 0 })).toBe(110);
    expect(readParam(spec, p, { kind: 'bias', layer: 2, j: 0 })).toBe(-201);
    expect(layerIndex(spec, { kind: 'weight', layer: 0, j: 1, i: 2 })).toBe(5);
    const q = cloneParams(p);
    writeParam(spec, q, { kind: 'weight', layer: 1, j: 0, i: 1 }, 7.5);
    const changed = allParams(spec).filter((r) => readParam(spec, q, r) !== readParam(spec, p, r));
    expect(changed).toEqual([{ kind: 'weight', layer: 1, j: 0, i: 1 }]);
    expect(readParam(spec, q, changed[0])).toBe(7.5);
  });
});
