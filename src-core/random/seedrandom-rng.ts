/**
 * The default generator: seedrandom's Alea (Johannes Baagøe's, 53-bit doubles via
 * `.double()`). Alea is chosen over seedrandom's default ARC4 because it is several
 * times faster, passes the usual statistical batteries, and seeds from any string.
 */
import seedrandom from 'seedrandom';
import { checkRandintArgs, permuteWith, type Rng } from './rng.ts';
import { log } from '../math/log.ts';

export class SeedrandomRng implements Rng {
  private readonly prng: seedrandom.PRNG;
  private hasGauss = false;
  private gauss = 0;

  constructor(seedText: string) {
    this.prng = seedrandom.alea(seedText);
  }

  random(): number {
    return this.prng.double();
  }

  /** polar Box–Muller, keeping the second value of each pair (as numpy's legacy generator does) */
  normal(mean = 0, std = 1): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return mean + std * this.gauss;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return mean + std * f * x2;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.random();
  }

  randint(lo: number, hi: number): number {
    checkRandintArgs(lo, hi);
    return lo + Math.floor(this.random() * (hi - lo));
  }

  permutation(n: number): number[] {
    return permuteWith(n, (max) => Math.floor(this.random() * (max + 1)));
  }
}
