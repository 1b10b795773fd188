/**
 * A sparkline: a series as an SVG path `w` × `h`, on a log scale when every
 * value is positive and they span more than a factor of 10 (a loss falling
 * from 1 to 1e-4 would be a flat line at 0 otherwise). At most two points per
 * pixel column are drawn; non-finite values end the line (a diverged run).
 */
export function sparkPath(values: ArrayLike<number>, w: number, h: number): string {
  let n = values.length;
  for (let k = 0; k < n; k++) if (!Number.isFinite(values[k])) { n = k; break; }
  if (n === 0) return '';
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    lo = Math.min(lo, values[k]);
    hi = Math.max(hi, values[k]);
  }
  const log = lo > 0 && hi / lo > 10;
  const f = (v: number) => (log ? Math.log10(v) : v);
  const [a, b] = [f(lo), f(hi)];
  const y = (v: number) => (b === a ? h / 2 : h - 1 - ((f(v) - a) / (b - a)) * (h - 2));
  const x = (k: number) => (n === 1 ? w / 2 : (k / (n - 1)) * w);
  const step = Math.max(1, Math.floor(n / (2 * w)));
  const pts: string[] = [];
  for (let k = 0; k < n; k += step) pts.push(`${x(k).toFixed(1)},${y(values[k]).toFixed(1)}`);
  if ((n - 1) % step !== 0) pts.push(`${x(n - 1).toFixed(1)},${y(values[n - 1]).toFixed(1)}`);
  return `M${pts.join('L')}`;
}

/** The lowest finite value and its index (the best epoch of a loss), or null. */
export function lowest(values: ArrayLike<number> | undefined): { epoch: number; value: number } | null {
  let best: { epoch: number; value: number } | null = null;
  if (!values) return best;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isFinite(v) && (best === null || v < best.value)) best = { epoch: k, value: v };
  }
  return best;
}
