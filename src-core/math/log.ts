/**
 * Natural and decimal logarithms and log(1 + x), within 1 ulp, in plain IEEE
 * arithmetic (fdlibm's method, own coefficients from constants.py).
 *
 * x = 2^k·m with m in [√2/2, √2), f = m − 1 (exact), s = f/(2 + f):
 *   log(1 + f) = 2 atanh s = 2s + s·R,  R = z·(2/3 + z·W(z)),  z = s²,
 * written as f − (f²/2 − s·(f²/2 + R)) so the large part f is exact, and
 *   log x = k·ln2_hi + (log(1 + f) + k·ln2_lo)   (k·ln2_hi exact).
 * logParts does the same as a double-double (relative error ≲ 2^−100 in the
 * reduction, ~2^−65 overall) for log10 and pow.
 */
import { INV_LN10_HI, INV_LN10_LO, LN2_HI, LN2_LO, LOG_W, SQRT2, TWO_THIRDS_HI, TWO_THIRDS_LO } from './constants';
import { highWord, poly, prodErr, sumErr } from './dd';

const TWO54 = 18014398509481984;
const MIN_NORMAL = 2.2250738585072014e-308;
const [W0, W1, W2, W3, W4, W5, W6, W7] = LOG_W;
/** 2^−e for e = −1022..1023 at index e + 1022 (exact: repeated halving and doubling) */
const INV_P2 = new Float64Array(2046);
INV_P2[1022] = 1;
for (let e = 1; e <= 1023; e++) INV_P2[1022 + e] = INV_P2[1021 + e] / 2;
for (let e = 1; e <= 1022; e++) INV_P2[1022 - e] = INV_P2[1023 - e] * 2;

/** the exponent k of the last normalize */
let K = 0;

/** x (positive, finite) = 2^K · m; returns m in [√2/2, √2) and sets K. */
function normalize(x: number): number {
  let k = 0;
  if (x < MIN_NORMAL) {
    x *= TWO54;
    k = -54;
  }
  const e = (highWord(x) >> 20) - 1023;
  k += e;
  let m = x * INV_P2[e + 1022]; // exact: a power of two (faster than writing the exponent bits)
  if (m > SQRT2) {
    m *= 0.5;
    k++;
  }
  K = k;
  return m;
}

/** log(1 + f) + k·ln2 + c for |f| ≤ √2 − 1 and a small correction c. */
function kernel(f: number, k: number, c: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const w = W0 + z * (W1 + z * (W2 + z * (W3 + z * (W4 + z * (W5 + z * (W6 + z * W7))))));
  const R = z * (TWO_THIRDS_HI + z * w);
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

/** ln x within 1 ulp; ln 1 = +0, ln ±0 = −∞, ln ∞ = ∞, NaN below 0. */
export function log(x: number): number {
  if (!(x > 0 && x < Infinity)) return x === 0 ? -Infinity : x === Infinity ? x : NaN;
  const m = normalize(x);
  return kernel(m - 1, K, 0);
}

/** ln(1 + x) within 1 ulp, accurate near 0 (exact for |x| < 2^−54, keeping −0); −∞ at −1. */
export function log1p(x: number): number {
  if (!(x > -1 && x < Infinity)) return x === -1 ? -Infinity : x === Infinity ? x : NaN;
  const a = Math.abs(x);
  if (a < 5.551115123125783e-17) return x; // x − x²/2 rounds to x
  if (a < 0.2928) return kernel(x, 0, 0); // 1 + x in [√2/2, √2): f = x exactly
  const u = 1 + x;
  const m = normalize(u);
  const k = K;
  // u = 1 + x rounded; c ≈ (1 + x − u)/u puts the rounding error back (fdlibm; u − x is exact from u = 2, u − 1 below)
  const c = (u >= 2 ? 1 - (u - x) : x - (u - 1)) / u;
  return kernel(m - 1, k, c);
}

/** the low part of the last logParts result */
let LOG_LO = 0;

/** ln x as hi + LOG_LO for positive finite x (relative error ~2^−65). */
export function logParts(x: number): number {
  const m = normalize(x);
  const k = K;
  const f = m - 1;
  const d = 2 + f;
  const dl = f - (d - 2); // 2 + f = d + dl exactly
  const sh = f / d;
  let p = sh * d;
  const sl = (f - p - prodErr(sh, d, p) - sh * dl) / d; // s = sh + sl
  const zh = sh * sh;
  const zl = prodErr(sh, sh, zh);
  const c = zh * sh;
  const cl = prodErr(zh, sh, c) + zl * sh + 3 * zh * sl; // s³ = c + cl
  const t = zh * poly(LOG_W, zh) + TWO_THIRDS_LO;
  const vh = TWO_THIRDS_HI + t;
  const vl = TWO_THIRDS_HI - vh + t; // V = 2/3 + z·W(z) = vh + vl
  p = c * vh;
  const ul = prodErr(c, vh, p) + c * vl + cl * vh; // U = s³·V = p + ul
  const a = 2 * sh;
  const L = a + p;
  const Ll = p - (L - a) + 2 * sl + ul; // log(1 + f) = 2s + U = L + Ll
  const kh = k * LN2_HI;
  const h = kh + L;
  const l = sumErr(kh, L, h) + Ll + k * LN2_LO;
  const hi = h + l;
  LOG_LO = l - (hi - h);
  return hi;
}

/** The low part of the last logParts result. */
export function logLo(): number {
  return LOG_LO;
}

/** log10 x within 1 ulp (ln x as a double-double times 1/ln10 as a double-double); exact at powers of ten that are doubles. */
export function log10(x: number): number {
  if (!(x > 0 && x < Infinity)) return x === 0 ? -Infinity : x === Infinity ? x : NaN;
  const h = logParts(x);
  const l = LOG_LO;
  const p = h * INV_LN10_HI;
  return p + (prodErr(h, INV_LN10_HI, p) + h * INV_LN10_LO + l * INV_LN10_HI);
}
