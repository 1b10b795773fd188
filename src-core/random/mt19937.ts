/**
 * numpy's legacy global generator (`np.random.seed(n)`, `np.random.random`, `rand`,
 * `randn`, `normal`, `uniform`, `randint`, `permutation`): MT19937 seeded as
 * numpy's legacy `RandomState` does, reproduced draw for draw.
 */
import { checkRandintArgs, permuteWith, type Rng } from './rng.ts';
import { log } from '../math/log.ts';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

export class Mt19937 {
  private readonly mt = new Uint32Array(N);
  private pos = N;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** init_genrand: key[0] = seed, key[i] = 1812433253·(key[i−1] ^ (key[i−1] >>> 30)) + i (mod 2^32) */
  seed(seed: number): void {
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.mt[i] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = N;
  }

  private refill(): void {
    const mt = this.mt;
    let y: number;
    let i = 0;
    for (; i < N - M; i++) {
      y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
      mt[i] = mt[i + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < N - 1; i++) {
      y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
      mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  next32(): number {
    if (this.pos >= N) this.refill();
    let y = this.mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** 53-bit double from two draws: (a >> 5, b >> 6) → (a·2^26 + b) / 2^53 */
  nextDouble(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

/** The largest all-ones mask >= max (numpy's gen_mask). */
function maskFor(max: number): number {
  let mask = 1;
  while (mask < max) mask = mask * 2 + 1;
  return mask;
}

export class NumpyLegacyRng implements Rng {
  private readonly mt: Mt19937;
  /** legacy_gauss makes normals in pairs and keeps the second for the next call */
  private hasGauss = false;
  private gauss = 0;

  /** seed: an integer 0 … 2^32 − 1, as `np.random.seed(seed)` */
  constructor(seed: number) {
    this.mt = new Mt19937(seed);
  }

  /** `np.random.seed(seed)`: restart the stream, forgetting a cached normal. */
  reseed(seed: number): void {
    this.mt.seed(seed);
    this.hasGauss = false;
    this.gauss = 0;
  }

  random(): number {
    return this.mt.nextDouble();
  }

  /** legacy_gauss: the polar Box–Muller method on 2u − 1 pairs, second value cached */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.mt.nextDouble() - 1;
      x2 = 2 * this.mt.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  normal(mean = 0, std = 1): number {
    return mean + std * this.standardNormal();
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.mt.nextDouble();
  }

  /**
   * Legacy randint: rng = hi − lo − 1, mask = smallest 2^k − 1 >= rng, draw (masked) until <= rng.
   * Ranges that fit 32 bits use one 32-bit draw per try, larger ones a 64-bit draw (high word first).
   */
  randint(lo: number, hi: number): number {
    checkRandintArgs(lo, hi);
    const rng = hi - lo - 1;
    if (rng === 0) return lo;
    return lo + this.interval(rng);
  }

  /** numpy's masked rejection for an integer in [0, max] (random_interval / bounded_masked). */
  private interval(max: number): number {
    const mask = maskFor(max);
    if (max <= 0xffffffff) {
      let v: number;
      do v = (this.mt.next32() & mask) >>> 0;
      while (v > max);
      return v;
    }
    const maskHi = Math.floor(mask / 4294967296);
    let v: number;
    do {
      const hi32 = this.mt.next32();
      const lo32 = this.mt.next32();
      v = (hi32 & maskHi) * 4294967296 + lo32;
    } while (v > max);
    return v;
  }

  permutation(n: number): number[] {
    return permuteWith(n, (i) => this.interval(i));
  }
}
