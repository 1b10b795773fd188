/**
 * Every function of src-core/math against references computed once with mpmath at
 * 256 bits (fixtures.py; the format is described there): 10⁵ generated arguments
 * per function plus edge cases (±0, subnormals, overflow thresholds, NaN, ±∞),
 * each result within 1 ulp of the exact value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as m from './index';

type Segment = [string, number, number, number?];
interface Case {
  count: number;
  seed: number;
  segments: [number, ...Segment[]][];
  edges: [string[], [string, number] | null][];
}
const dir = new URL('./fixtures/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')) as Record<string, Case>;

const F = new Float64Array(1);
const B = new BigInt64Array(F.buffer);
const U = new Uint32Array(F.buffer);
const LE = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
function fromHex(h: string): number {
  B[0] = BigInt.asIntN(64, BigInt('0x' + h));
  return F[0];
}
/** the double's position among all doubles (−0 and +0 both 0) */
function ordinal(x: number): bigint {
  F[0] = x;
  const b = B[0];
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}
function steps(a: number, b: number): number {
  return Math.abs(Number(ordinal(a) - ordinal(b)));
}

/** fixtures.py's xorshift32 and argument segments, bit for bit */
function* generate(c: Case): Generator<number[]> {
  let s = c.seed >>> 0;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const draw = (seg: Segment): number => {
    switch (seg[0]) {
      case 'uniform': {
        const a = next();
        const b = next();
        return seg[1] + (seg[2] - seg[1]) * ((a * 2097152 + (b >>> 11)) / 9007199254740992);
      }
      case 'bits': {
        const a = next();
        const b = next();
        const c3 = next();
        const e = seg[1] + (c3 % (seg[2] - seg[1] + 1));
        const sign = seg[3] === 0 ? c3 >>> 31 : seg[3]! < 0 ? 1 : 0;
        U[LE ? 1 : 0] = ((sign << 31) | (e << 20) | (a & 0xfffff)) >>> 0;
        U[LE ? 0 : 1] = b;
        return F[0];
      }
      case 'int':
        return seg[1] + (next() % (seg[2] - seg[1] + 1));
      case 'multiple':
        return (1 + (next() % seg[1])) * 1.5707963267948966;
      default:
        throw new Error(`unknown segment ${seg[0]}`);
    }
  };
  for (const [count, ...segs] of c.segments) for (let q = 0; q < count; q++) yield segs.map(draw);
}

const FUNCTIONS: Record<string, [(...a: number[]) => number, (...a: number[]) => number]> = {
  exp: [m.exp, Math.exp], expm1: [m.expm1, Math.expm1], log: [m.log, Math.log], log1p: [m.log1p, Math.log1p],
  log10: [m.log10, Math.log10], tanh: [m.tanh, Math.tanh], sin: [m.sin, Math.sin], cos: [m.cos, Math.cos],
  tan: [m.tan, Math.tan], asin: [m.asin, Math.asin], acos: [m.acos, Math.acos], atan: [m.atan, Math.atan],
  pow: [m.pow, Math.pow],
};

describe('src-core/math against mpmath (256 bits)', () => {
  it('covers every function with 10⁵ arguments', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const c of Object.values(cases)) expect(c.count).toBeGreaterThanOrEqual(100_000);
  });

  for (const [name, [f, host]] of Object.entries(FUNCTIONS)) {
    it(`${name}: within 1 ulp of the exact value on 10⁵ arguments`, () => {
      const c = cases[name];
      const bin = readFileSync(new URL(`${name}.bin`, dir));
      const words = new Uint16Array(bin.buffer, bin.byteOffset, bin.byteLength / 2);
      expect(words.length).toBe(c.count);
      let q = 0;
      let worst = 0;
      let worstArgs: number[] = [];
      let bad = 0;
      const far: string[] = [];
      for (const args of generate(c)) {
        const ours = f(...args);
        // coarse: the host's Math is within a few ulps, so the reference is within the 2048-step window
        if (!(steps(ours, host(...args)) <= 64)) far.push(`${name}(${args}) = ${ours}, Math: ${host(...args)}`);
        const w = words[q++];
        const o = ordinal(ours);
        const low = BigInt(w & 0xfff);
        const ref = o + ((((low - (o & 0xfffn)) % 4096n) + 4096n + 2048n) % 4096n) - 2048n;
        const err = Math.abs(Number(o - ref) - ((w >> 12) - 7) / 14) + 1 / 28; // ulps, rounded up
        if (err > worst) {
          worst = err;
          worstArgs = args;
        }
        if (err > 1) bad++;
      }
      expect(q).toBe(c.count);
      expect(far.slice(0, 5)).toEqual([]);
      expect(bad, `${name}: ${bad} results over 1 ulp, worst ${worst.toFixed(3)} at (${worstArgs})`).toBe(0);
    });

    it(`${name}: edge cases (±0, subnormals, thresholds, NaN, ±∞)`, () => {
      for (const [hex, ref] of cases[name].edges) {
        const args = hex.map(fromHex);
        const ours = f(...args);
        const label = `${name}(${args.map((x) => (Object.is(x, -0) ? '-0' : String(x)))}) = ${ours}`;
        if (ref === null) {
          // NaN, ±0 or ±∞ by the ECMAScript specification, or an exact 0: the host must agree exactly
          expect(Object.is(ours, host(...args)), `${label}, Math: ${host(...args)}`).toBe(true);
        } else {
          const r = fromHex(ref[0]);
          expect(Math.abs(Number(ordinal(ours) - ordinal(r)) - ref[1] / 14) + 1 / 28, `${label}, exact ≈ ${r}`).toBeLessThanOrEqual(1);
        }
      }
    });
  }

  it('gives exact results where they are doubles', () => {
    expect(m.exp(0)).toBe(1);
    expect(m.log(1)).toBe(0);
    expect(m.log10(1000)).toBe(3);
    expect(m.log10(1e-300)).toBe(-300);
    expect(m.pow(2, 10)).toBe(1024);
    expect(m.pow(10, 22)).toBe(1e22);
    expect(m.pow(0.5, 3)).toBe(0.125);
    expect(m.pow(-3, 3)).toBe(-27);
    expect(m.pow(9, 0.5)).toBe(3);
    expect(m.cos(0)).toBe(1);
    expect(m.acos(1)).toBe(0);
    expect(Object.is(m.sin(-0), -0)).toBe(true);
    expect(Object.is(m.tanh(-0), -0)).toBe(true);
    expect(Object.is(m.expm1(-0), -0)).toBe(true);
    expect(Object.is(m.log1p(-0), -0)).toBe(true);
  });
});
