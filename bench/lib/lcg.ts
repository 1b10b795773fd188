/**
 * A tiny deterministic generator for bench data and starting weights, so the
 * bench never depends on a library's stream. Numerical Recipes' 32-bit LCG:
 * state ← 1664525·state + 1013904223 (mod 2³²). Good enough for test data;
 * the numbers are written to a file that numpy and C read, so only this code
 * ever draws them.
 */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296; // [0, 1)
  };
}

/** Normal(mean, sd) by Box–Muller from a uniform stream. */
export function normal(uniform: () => number, mean: number, sd: number): number {
  const u1 = 1 - uniform(); // (0, 1], so log(u1) is finite
  const u2 = uniform();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
