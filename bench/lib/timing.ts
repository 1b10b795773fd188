/** Timing helpers. Every implementation reports per-repeat wall times; the table shows the median. */

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** High-resolution wall clock in ms (monotonic). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * CPU time of this process in ms (user + system). On a shared machine the
 * wall clock also counts time spent waiting for a core; CPU time does not,
 * so the bench compares implementations by CPU time and shows the wall
 * time beside it.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** |a − b| / max(|a|, |b|), 0 when both are 0. */
export function relDiff(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
