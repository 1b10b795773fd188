/**
 * The gradient's reduction over a batch (network.ts's backward): the sums
 * divided by n (mean) or copied (sum), with the squares the trainer's
 * gradient norm and finiteness check use, taken in the same loop.
 */

/** dst = src; a small array by a loop (TypedArray.set is a call: two a layer an epoch for report 004). */
export function copyInto(dst: Float64Array, src: Float64Array): void {
  const n = src.length;
  if (n <= 64) for (let q = 0; q < n; q++) dst[q] = src[q];
  else dst.set(src);
}

/**
 * Σ x[q]² as four interleaved running sums (q mod 4, each in order from +0),
 * added as (s0 + s1) + (s2 + s3). One running sum waits for each addition
 * before the next: over MNIST's 50 176 weights per batch that latency was
 * ~10 % of an epoch. Any finite sum of squares is as good a norm; this one
 * is THE gradient norm every path computes (meanInto, the sum reduction).
 */
export function squares(x: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = x.length;
  let q = 0;
  for (; q + 3 < n; q += 4) {
    const v0 = x[q], v1 = x[q + 1], v2 = x[q + 2], v3 = x[q + 3];
    s0 += v0 * v0; s1 += v1 * v1; s2 += v2 * v2; s3 += v3 * v3;
  }
  if (q < n) s0 += x[q] * x[q];
  if (q + 1 < n) s1 += x[q + 1] * x[q + 1];
  if (q + 2 < n) s2 += x[q + 2] * x[q + 2];
  return (s0 + s1) + (s2 + s3);
}

/**
 * out[q] = sum[q] / n, the correctly rounded mean, and (withSquares) the
 * squares of out as `squares` sums them (else 0). Where 1/n is exact (n a
 * power of two: batches of 32, 64, …) the quotient is sum[q] · (1/n), the
 * same correctly rounded number without a division each.
 */
export function meanInto(sum: Float64Array, out: Float64Array, n: number, withSquares: boolean): number {
  const len = out.length;
  const exact = (n & (n - 1)) === 0;
  const inv = 1 / n;
  if (!withSquares) {
    if (exact) for (let q = 0; q < len; q++) out[q] = sum[q] * inv;
    else for (let q = 0; q < len; q++) out[q] = sum[q] / n;
    return 0;
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let q = 0;
  if (exact) {
    for (; q + 3 < len; q += 4) {
      const v0 = sum[q] * inv, v1 = sum[q + 1] * inv, v2 = sum[q + 2] * inv, v3 = sum[q + 3] * inv;
      out[q] = v0; out[q + 1] = v1; out[q + 2] = v2; out[q + 3] = v3;
      s0 += v0 * v0; s1 += v1 * v1; s2 += v2 * v2; s3 += v3 * v3;
    }
  } else {
    for (; q + 3 < len; q += 4) {
      const v0 = sum[q] / n, v1 = sum[q + 1] / n, v2 = sum[q + 2] / n, v3 = sum[q + 3] / n;
      out[q] = v0; out[q + 1] = v1; out[q + 2] = v2; out[q + 3] = v3;
      s0 += v0 * v0; s1 += v1 * v1; s2 += v2 * v2; s3 += v3 * v3;
    }
  }
  for (let r = 0; q < len; q++, r++) {
    const v = exact ? sum[q] * inv : sum[q] / n;
    out[q] = v;
    if (r === 0) s0 += v * v;
    else if (r === 1) s1 += v * v;
    else s2 += v * v;
  }
  return (s0 + s1) + (s2 + s3);
}
