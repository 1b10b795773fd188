/**
 * The exact building blocks of src-core/math: the rounding error of a sum or a
 * product as a double (Knuth's TwoSum, Dekker's product with Veltkamp's split;
 * no fused multiply-add, so every host computes the same bits), and a
 * double's 32-bit words.
 */

const SPLITTER = 134217729; // 2^27 + 1

/** a·b − p exactly, for p = a·b rounded (Dekker; |a|, |b| < 2^995 and no underflow). */
export function prodErr(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** a + b − s exactly, for s = a + b rounded (Knuth's TwoSum, any order of magnitude). */
export function sumErr(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/** c[0] + c[1]·t + c[2]·t² + … by Horner's rule, highest power first. */
export function poly(c: Float64Array, t: number): number {
  let r = c[c.length - 1];
  for (let q = c.length - 2; q >= 0; q--) r = r * t + c[q];
  return r;
}

const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
/** index of the high (sign, exponent) word in I32: 1 on little-endian hosts */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** The high 32 bits of x (sign, 11 exponent bits, top 20 fraction bits) as a signed integer. */
export function highWord(x: number): number {
  F64[0] = x;
  return I32[HI];
}

/** The low 32 bits of x's fraction, as an unsigned integer. */
export function lowWord(x: number): number {
  F64[0] = x;
  return I32[1 - HI] >>> 0;
}

/** x with its high word replaced by w (the low word kept). */
export function withHighWord(x: number, w: number): number {
  F64[0] = x;
  I32[HI] = w;
  return F64[0];
}
