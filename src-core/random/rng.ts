/**
 * Random numbers for NN Lab. Every random choice of a session (generated data,
 * starting weights, shuffles) comes from an `Rng`, and every `Rng` from the
 * session's one `seed`, so a session reproduces exactly.
 *
 * Three generators, chosen by the session's `"rng"` setting:
 * - `"seedrandom"` (default): seedrandom's Alea, one independent stream per purpose;
 * - `"numpy"`: numpy's legacy global stream, `np.random.seed(n)` + `np.random.random/randn/randint/...`;
 * - `"numpy_default_rng"`: `np.random.default_rng(n)` (SeedSequence → PCG64).
 */

/** A seed as a session file gives it. Big integers (numpy seeds are often 128-bit) go as digit strings. */
export type Seed = number | string;

export type RngKind = 'seedrandom' | 'numpy' | 'numpy_default_rng';

export const RNG_KINDS: readonly RngKind[] = ['seedrandom', 'numpy', 'numpy_default_rng'];

export interface Rng {
  /** uniform on [0, 1), 53 random bits (numpy: `random()`, `rand()`) */
  random(): number;
  /** normal with the given mean and standard deviation (numpy: `normal(loc, scale)` = loc + scale·`standard_normal()`) */
  normal(mean?: number, std?: number): number;
  /** an integer uniform on the half-open [lo, hi), as numpy's `randint(lo, hi)` / `integers(lo, hi)`; lo < hi integers */
  randint(lo: number, hi: number): number;
  /** lo + (hi − lo)·random(), as numpy's `uniform(lo, hi)` */
  uniform(lo: number, hi: number): number;
  /** 0..n−1 in random order, as numpy's `permutation(n)` */
  permutation(n: number): number[];
}

/** Checks randint's arguments the way numpy does, with a message instead of a crash. */
export function checkRandintArgs(lo: number, hi: number): void {
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
    throw new Error(`randint(${lo}, ${hi}): expected integer bounds`);
  }
  if (hi <= lo) throw new Error(`randint(${lo}, ${hi}): expected low < high (the range is [low, high))`);
}

/** Fisher–Yates from the end, as numpy's shuffle: for i = n−1 … 1 swap i with an integer j in [0, i]. */
export function permuteWith(n: number, interval: (max: number) => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i >= 1; i--) {
    const j = interval(i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
