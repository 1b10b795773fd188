/**
 * sin, cos, tan within 1 ulp for every double, in plain IEEE arithmetic.
 *
 * Reduction x = n·π/2 + y, |y| ≲ π/4, y kept as a double-double:
 * - |x| < 1.6·10⁶: Cody–Waite with π/2 in three parts (33 + 33 + 53 bits;
 *   n·PIO2_1 and n·PIO2_2 exact), good to ~2^−98 absolute;
 * - larger |x|, or when y comes out below 2^−30 (x very near a multiple of π/2):
 *   exactly, with BigInt: x = M·2^e, M·⌊2^1280·2/π⌋ keeps 140 bits after the
 *   point (the worst case for doubles cancels ~62).
 * Kernels on [−π/4, π/4]: sin y = y + y³·S(y²), cos y = 1 − y²/2 + y⁴·C(y²),
 * y² and y³ kept exactly; tan = sin/cos as double-doubles, the quotient refined
 * by its exact remainder.
 */
import { COS_C, INV_PIO2, PIO2_1, PIO2_2, PIO2_3, PIO2_HI, PIO2_LO, SIN_S, TWO_OVER_PI_BITS, TWO_OVER_PI_HEX } from './constants';
import { highWord, lowWord, poly, prodErr, sumErr } from './dd';

const PIO4 = 0.7853981633974483;
const TINY = 7.450580596923828e-9; // 2^−27
const SHIFT = 6755399441055744; // 1.5·2^52: t + SHIFT − SHIFT rounds t to an integer
const FRAC = 140n;
const ONE = 1n << FRAC;
const HALF = 1n << (FRAC - 1n);
const MASK = ONE - 1n;
const TWO_M140 = 2 ** -140; // exact: a power of two
let twoOverPi: bigint | null = null;

/** low part of the last reduce result and of the last kernel result */
let RL = 0;
let KL = 0;
/** n mod 4 of the last reduce */
let NQ = 0;

/** x (finite, |x| > π/4) = n·π/2 + (y + RL), n mod 4 in NQ; returns y. */
function reduce(x: number): number {
  if (Math.abs(x) < 1.6e6) {
    const fn = x * INV_PIO2 + SHIFT - SHIFT;
    const r = x - fn * PIO2_1; // exact (Sterbenz)
    const w = fn * PIO2_2; // exact
    const y = r - w;
    if (Math.abs(y) > 9.313225746154785e-10) {
      const yl = sumErr(r, -w, y) - fn * PIO2_3;
      const yh = y + yl;
      RL = yl - (yh - y);
      NQ = (fn | 0) & 3;
      return yh;
    }
  }
  return reduceExact(x);
}

function reduceExact(x: number): number {
  twoOverPi ??= BigInt('0x' + TWO_OVER_PI_HEX);
  const hw = highWord(x);
  const e = ((hw >>> 20) & 0x7ff) - 1075; // |x| = M·2^e (x is normal here)
  const M = (BigInt((hw & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const q = (M * twoOverPi) >> BigInt(TWO_OVER_PI_BITS - Number(FRAC) - e);
  let n = Number((q >> FRAC) & 3n);
  let fr = q & MASK; // |x|·2/π − (integer) in units of 2^−140
  if (fr >= HALF) {
    fr -= ONE;
    n += 1;
  }
  const fh = Number(fr);
  const a = fh * TWO_M140;
  const b = Number(fr - BigInt(fh)) * TWO_M140; // quarter turns a + b, times π/2:
  let yh = a * PIO2_HI;
  let yl = prodErr(a, PIO2_HI, yh) + a * PIO2_LO + b * PIO2_HI;
  const y = yh + yl;
  yl -= y - yh;
  yh = y;
  if (x < 0) {
    yh = -yh;
    yl = -yl;
    n = -n;
  }
  RL = yl;
  NQ = n & 3;
  return yh;
}

/** sin(y + yl) as result + KL, |y| ≲ π/4. */
function sinK(y: number, yl: number): number {
  const z = y * y;
  const zl = prodErr(y, y, z);
  const c = z * y;
  const cl = prodErr(z, y, c) + zl * y; // y³ = c + cl
  const S = poly(SIN_S, z);
  const t = c * S + (cl * S + yl * (1 - 0.5 * z));
  const r = y + t;
  KL = t - (r - y);
  return r;
}

/** cos(y + yl) as result + KL, |y| ≲ π/4. */
function cosK(y: number, yl: number): number {
  const z = y * y;
  const zl = prodErr(y, y, z);
  const hz = 0.5 * z;
  const w = 1 - hz;
  const t = 1 - w - hz + (z * z * poly(COS_C, z) - 0.5 * zl - y * yl);
  const r = w + t;
  KL = t - (r - w);
  return r;
}

/** sin x within 1 ulp; sin(±0) = ±0, NaN for ±∞. */
export function sin(x: number): number {
  const a = Math.abs(x);
  if (a < TINY) return x;
  if (a <= PIO4) return sinK(x, 0);
  if (!(a < Infinity)) return NaN;
  const y = reduce(x);
  const yl = RL;
  switch (NQ) {
    case 0: return sinK(y, yl);
    case 1: return cosK(y, yl);
    case 2: return -sinK(y, yl);
    default: return -cosK(y, yl);
  }
}

/** cos x within 1 ulp; cos(±0) = 1, NaN for ±∞. */
export function cos(x: number): number {
  const a = Math.abs(x);
  if (a < TINY) return 1;
  if (a <= PIO4) return cosK(x, 0);
  if (!(a < Infinity)) return NaN;
  const y = reduce(x);
  const yl = RL;
  switch (NQ) {
    case 0: return cosK(y, yl);
    case 1: return -sinK(y, yl);
    case 2: return -cosK(y, yl);
    default: return sinK(y, yl);
  }
}

/** (ah + al)/(bh + bl) rounded once more than the quotient's refinement. */
function divide(ah: number, al: number, bh: number, bl: number): number {
  const q = ah / bh;
  const p = q * bh;
  return q + (ah - p - prodErr(q, bh, p) + al - q * bl) / bh;
}

/** tan x within 1 ulp; tan(±0) = ±0, NaN for ±∞. */
export function tan(x: number): number {
  const a = Math.abs(x);
  if (a < TINY) return x;
  if (!(a < Infinity)) return NaN;
  let y = x;
  let yl = 0;
  let n = 0;
  if (a > PIO4) {
    y = reduce(x);
    yl = RL;
    n = NQ;
  }
  const sh = sinK(y, yl);
  const sl = KL;
  const ch = cosK(y, yl);
  const cl = KL;
  return n & 1 ? -divide(ch, cl, sh, sl) : divide(sh, sl, ch, cl);
}
