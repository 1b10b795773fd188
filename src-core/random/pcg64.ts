/**
 * numpy's `np.random.default_rng(seed)`: SeedSequence(seed) → PCG64 → Generator,
 * reproduced draw for draw: `random()`, `standard_normal()` (numpy's ziggurat),
 * `normal`, `uniform`, `integers(lo, hi)` (Lemire's bounded method) and `permutation`.
 *
 * PCG64 is a 128-bit LCG with the XSL-RR output; the 128-bit arithmetic uses BigInt
 * (about a million draws a second — plenty for data sets and starting weights).
 */
import { checkRandintArgs, permuteWith, type Rng } from './rng.ts';
import { fi, ki, wi } from './ziggurat-tables.ts';
import { exp } from '../math/exp.ts';
import { log1p } from '../math/log.ts';

const MASK32 = 0xffffffffn;
const MASK64 = 0xffffffffffffffffn;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULT = 0x2360ed051fc65da44385df649fccf645n;

// SeedSequence's hash constants (numpy/random/bit_generator.pyx)
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

/** An entropy integer as numpy's _coerce_to_uint32_array: 32-bit words, least significant first. */
export function entropyWords(entropy: bigint): number[] {
  if (entropy === 0n) return [0];
  // by hexadecimal digits, 8 at a time from the least significant end: linear in the seed's length
  // (shifting the BigInt 32 bits at a time would copy it once per word: quadratic)
  const hex = entropy.toString(16);
  const words: number[] = [];
  for (let end = hex.length; end > 0; end -= 8) words.push(parseInt(hex.slice(Math.max(0, end - 8), end), 16));
  return words;
}

/** numpy's SeedSequence(entropy).generate_state(nWords64, np.uint64) for an integer entropy without spawn key. */
export function seedSequenceState(entropy: bigint, nWords64: number): bigint[] {
  const entropyArray = entropyWords(entropy);
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    value = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (result ^ (result >>> 16)) >>> 0;
  };
  const pool = new Array<number>(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropyArray.length ? entropyArray[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropyArray.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropyArray[src]));
  }
  // generate_state: 32-bit words cycling through the pool, paired little-endian into 64-bit words
  let hashB = INIT_B;
  const words32: number[] = [];
  for (let i = 0; i < 2 * nWords64; i++) {
    let v = (pool[i % POOL_SIZE] ^ hashB) >>> 0;
    hashB = Math.imul(hashB, MULT_B) >>> 0;
    v = Math.imul(v, hashB) >>> 0;
    words32.push((v ^ (v >>> 16)) >>> 0);
  }
  const out: bigint[] = [];
  for (let k = 0; k < nWords64; k++) out.push(BigInt(words32[2 * k]) | (BigInt(words32[2 * k + 1]) << 32n));
  return out;
}

export class Pcg64 {
  private state = 0n;
  private readonly inc: bigint;
  /** numpy's next_uint32 uses the low half of a 64-bit draw and keeps the high half for the next call */
  private hasUint32 = false;
  private uinteger = 0;

  constructor(entropy: bigint) {
    const [s0, s1, i0, i1] = seedSequenceState(entropy, 4);
    const initState = (s0 << 64n) | s1;
    const initSeq = (i0 << 64n) | i1;
    // pcg_setseq_128_srandom_r
    this.inc = ((initSeq << 1n) | 1n) & MASK128;
    this.step();
    this.state = (this.state + initState) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULT + this.inc) & MASK128;
  }

  /** advance, then XSL-RR: rotate (high ^ low) right by the top 6 bits of the state */
  next64(): bigint {
    this.step();
    const s = this.state;
    const x = ((s >> 64n) ^ s) & MASK64;
    const rot = s >> 122n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
  }

  next32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    const next = this.next64();
    this.hasUint32 = true;
    this.uinteger = Number(next >> 32n);
    return Number(next & MASK32);
  }

  /** (next64 >> 11) · 2^−53 */
  nextDouble(): number {
    return Number(this.next64() >> 11n) / 9007199254740992;
  }
}

const ZIGGURAT_NOR_R = 3.6541528853610087963519472518;
const ZIGGURAT_NOR_INV_R = 0.27366123732975827203338247596;
const TWO_POW_52_MINUS_1 = 0xfffffffffffffn;

export class NumpyGeneratorRng implements Rng {
  private readonly bits: Pcg64;

  /** entropy: the integer given to `np.random.default_rng(entropy)` (>= 0) */
  constructor(entropy: bigint) {
    this.bits = new Pcg64(entropy);
  }

  random(): number {
    return this.bits.nextDouble();
  }

  /** numpy's random_standard_normal: 256-layer ziggurat on one 64-bit draw (8 bits layer, 1 sign, 52 value). */
  standardNormal(): number {
    for (;;) {
      let r = this.bits.next64();
      const idx = Number(r & 0xffn);
      r >>= 8n;
      const negative = (r & 1n) === 1n;
      const rabs = Number((r >> 1n) & TWO_POW_52_MINUS_1);
      let x = rabs * wi[idx];
      if (negative) x = -x;
      if (rabs < ki[idx]) return x; // inside the layer's rectangle: 99.3% of draws
      if (idx === 0) {
        // the tail beyond r, by Marsaglia's method (1 − u avoids log(0))
        for (;;) {
          const xx = -ZIGGURAT_NOR_INV_R * log1p(-this.bits.nextDouble());
          const yy = -log1p(-this.bits.nextDouble());
          if (yy + yy > xx * xx) {
            return Math.floor(rabs / 256) % 2 === 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
          }
        }
      }
      // the wedge: accept under the density
      if ((fi[idx - 1] - fi[idx]) * this.bits.nextDouble() + fi[idx] < exp(-0.5 * x * x)) return x;
    }
  }

  normal(mean = 0, std = 1): number {
    return mean + std * this.standardNormal();
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.bits.nextDouble();
  }

  /** Generator.integers(lo, hi) with the default int64 dtype: Lemire's method on 32- or 64-bit draws. */
  randint(lo: number, hi: number): number {
    checkRandintArgs(lo, hi);
    const rng = hi - lo - 1;
    if (rng === 0) return lo;
    return lo + this.lemire(rng);
  }

  /** an integer in [0, rng], numpy's buffered_bounded_lemire_uint32 / bounded_lemire_uint64 */
  private lemire(rng: number): number {
    if (rng < 0xffffffff) {
      const rngExcl = BigInt(rng + 1);
      let m = BigInt(this.bits.next32()) * rngExcl;
      let leftover = m & MASK32;
      if (leftover < rngExcl) {
        const threshold = (MASK32 - BigInt(rng)) % rngExcl;
        while (leftover < threshold) {
          m = BigInt(this.bits.next32()) * rngExcl;
          leftover = m & MASK32;
        }
      }
      return Number(m >> 32n);
    }
    if (rng === 0xffffffff) return this.bits.next32();
    const rngExcl = BigInt(rng) + 1n;
    let m = this.bits.next64() * rngExcl;
    let leftover = m & MASK64;
    if (leftover < rngExcl) {
      const threshold = (MASK64 - BigInt(rng)) % rngExcl;
      while (leftover < threshold) {
        m = this.bits.next64() * rngExcl;
        leftover = m & MASK64;
      }
    }
    return Number(m >> 64n);
  }

  /** Generator.permutation(n): numpy's shuffle with random_interval (masked rejection on 32-bit draws) */
  permutation(n: number): number[] {
    return permuteWith(n, (max) => {
      let mask = 1;
      while (mask < max) mask = mask * 2 + 1;
      let v: number;
      do v = (this.bits.next32() & mask) >>> 0;
      while (v > max);
      return v;
    });
  }

  /** the raw 64-bit draws, for tests against numpy's bit_generator.random_raw() */
  rawUint64(): bigint {
    return this.bits.next64();
  }
}
