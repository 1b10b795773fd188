import { describe, expect, it } from 'vitest';
import { exp } from './exp';

const buf = new Float64Array(1);
const bits = new BigInt64Array(buf.buffer);
/** distance in units in the last place between two positive finite doubles */
function ulps(a: number, b: number): number {
  buf[0] = a;
  const ia = bits[0];
  buf[0] = b;
  return Number(ia > bits[0] ? ia - bits[0] : bits[0] - ia);
}

describe('exp', () => {
  it('matches correctly rounded e^x (exp-tables.py, Python decimal at 60 digits)', () => {
    const ref: [number, number][] = [
      [-707.5, 5.453232991066742e-308], [-100.25, 2.897198083210148e-44], [-20, 2.061153622438558e-09],
      [-1, 0.36787944117144233], [-0.1, 0.9048374180359595], [-1e-10, 0.9999999999], [1e-10, 1.0000000001],
      [0.1, 1.1051709180756477], [0.5, 1.6487212707001282], [1, 2.718281828459045], [2.5, 12.182493960703473],
      [10, 22026.465794806718], [88.7, 3.325986980250579e+38], [700, 1.0142320547350045e+304],
    ];
    for (const [x, want] of ref) expect(ulps(exp(x), want), `exp(${x})`).toBeLessThanOrEqual(1);
    // these happen to round correctly; a broken table or polynomial would not
    expect(exp(1)).toBe(2.718281828459045);
    expect(exp(-0.1)).toBe(0.9048374180359595);
  });

  it('is within 1 ulp of Math.exp over (−708, 709) and exact at 0', () => {
    let seed = 12345;
    const u = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let worst = 0;
    for (let q = 0; q < 200_000; q++) {
      const x = q % 2 ? (u() - 0.5) * 40 : -708 + u() * 1417;
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
  });

  it('defers to Math.exp at the edges: overflow, subnormals, underflow, NaN', () => {
    expect(exp(709.7)).toBe(Math.exp(709.7));
    expect(exp(710)).toBe(Infinity);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-745)).toBe(Math.exp(-745)); // 5e-324, the smallest subnormal
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(NaN)).toBeNaN();
  });
});
