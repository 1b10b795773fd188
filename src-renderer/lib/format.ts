/** Numbers as the UI shows them: up to 8 significant digits, no float noise (0.9950000000000001 → 0.995). */
export function num(x: number | undefined | null, digits = 8): string {
  if (x === undefined || x === null) return '–';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e9 || a < 1e-6) return x.toExponential(Math.min(digits, 6) - 1).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}

export function percent(x: number | undefined): string {
  return x === undefined ? '–' : `${(x * 100).toFixed(1)} %`;
}
