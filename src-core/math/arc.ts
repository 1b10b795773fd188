/**
 * asin, acos, atan within 1 ulp, in plain IEEE arithmetic.
 *
 * asin: |x| ≤ 1/2: x + x³·A(x²); above, asin x = π/2 − 2 asin √((1 − x)/2) with
 * the square root kept as a double-double (its exact remainder) and π/2 − 2s by
 * TwoSum; acos the same identities. atan: x + x³·B(x²) below 7/16, else
 * atan x = atan c + atan((x − c)/(1 + c·x)) for c = 1/2, 1, 3/2, ∞ (fdlibm's
 * intervals), the quotient as a double-double and atan c as hi + lo.
 */
import {
  ASIN_A, ATAN_B, ATAN_HALF_HI, ATAN_HALF_LO, ATAN_ONE_HI, ATAN_ONE_LO, ATAN_THREE_HALVES_HI,
  ATAN_THREE_HALVES_LO, PI_HI, PI_LO, PIO2_HI, PIO2_LO,
} from './constants';
import { poly, prodErr, sumErr } from './dd';

const TINY = 7.450580596923828e-9; // 2^−27

/** the low part of the last root */
let SL = 0;
/** √z (z = (1 − |x|)/2 > 0), with √z − result in SL */
function root(z: number): number {
  const s = Math.sqrt(z);
  const ss = s * s;
  SL = (z - ss - prodErr(s, s, ss)) / (2 * s);
  return s;
}

/** asin x within 1 ulp; asin(±0) = ±0, NaN outside [−1, 1]. */
export function asin(x: number): number {
  const a = Math.abs(x);
  if (!(a <= 1)) return NaN;
  if (a < TINY) return x;
  if (a <= 0.5) {
    const z = x * x;
    return x + x * z * poly(ASIN_A, z);
  }
  if (a === 1) return x > 0 ? PIO2_HI : -PIO2_HI;
  const z = 0.5 * (1 - a); // exact
  const s = root(z);
  const s2 = 2 * s;
  const h = PIO2_HI - s2;
  const r = h + (sumErr(PIO2_HI, -s2, h) + (PIO2_LO - 2 * SL - 2 * s * z * poly(ASIN_A, z)));
  return x < 0 ? -r : r;
}

/** acos x within 1 ulp; acos 1 = +0, NaN outside [−1, 1]. */
export function acos(x: number): number {
  const a = Math.abs(x);
  if (!(a <= 1)) return NaN;
  if (a <= 0.5) {
    const z = x * x;
    const h = PIO2_HI - x;
    return h + (sumErr(PIO2_HI, -x, h) + (PIO2_LO - x * z * poly(ASIN_A, z)));
  }
  if (a === 1) return x > 0 ? 0 : PI_HI;
  const z = 0.5 * (1 - a);
  const s = root(z);
  const t = s * z * poly(ASIN_A, z); // asin √z − √z
  if (x > 0) return 2 * s + (2 * SL + 2 * t);
  const s2 = 2 * s;
  const h = PI_HI - s2;
  return h + (sumErr(PI_HI, -s2, h) + (PI_LO - 2 * SL - 2 * t));
}

/** atan x within 1 ulp; atan(±0) = ±0, atan(±∞) = ±π/2 (rounded). */
export function atan(x: number): number {
  const a = Math.abs(x);
  if (!(a < 7.378697629483821e19)) return a !== a ? x : x > 0 ? PIO2_HI : -PIO2_HI; // 2^66: π/2 − 1/x rounds to π/2
  if (a < TINY) return x;
  if (a < 0.4375) {
    const z = x * x;
    return x + x * z * poly(ATAN_B, z);
  }
  let ch: number, cl: number, num: number, dh: number, dl: number;
  if (a < 0.6875) {
    ch = ATAN_HALF_HI; cl = ATAN_HALF_LO;
    num = 2 * a - 1; // exact; t = (a − 1/2)/(1 + a/2) = (2a − 1)/(2 + a)
    dh = 2 + a; dl = sumErr(2, a, dh);
  } else if (a < 1.1875) {
    ch = ATAN_ONE_HI; cl = ATAN_ONE_LO;
    num = a - 1;
    dh = a + 1; dl = sumErr(a, 1, dh);
  } else if (a < 2.4375) {
    ch = ATAN_THREE_HALVES_HI; cl = ATAN_THREE_HALVES_LO;
    num = a - 1.5;
    const p = a + 0.5 * a; // 1.5a = p + pe
    const pe = sumErr(a, 0.5 * a, p);
    dh = 1 + p; dl = sumErr(1, p, dh) + pe;
  } else {
    ch = PIO2_HI; cl = PIO2_LO;
    num = -1; // t = −1/a
    dh = a; dl = 0;
  }
  const th = num / dh;
  const p = th * dh;
  const z = th * th;
  const tl = (num - p - prodErr(th, dh, p) - th * dl) / dh;
  const h = ch + th;
  const r = h + (sumErr(ch, th, h) + (cl + tl / (1 + z) + th * z * poly(ATAN_B, z)));
  return x < 0 ? -r : r;
}
