/** Numbers and arrays as Python source that reads back exactly. */
import type { Matrix } from '../types';

/** A float as Python reads it back exactly: JavaScript's shortest round-trip digits. */
export function py(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  const s = Object.is(x, -0) ? '-0.0' : String(x);
  return /[.eEn]/.test(s) ? s : `${s}.0`;
}

export const pyList = (xs: ArrayLike<number>): string => `[${Array.from(xs, py).join(', ')}]`;

/** A matrix as np.array([[...], ...]), one row a line. */
export function pyMatrix(m: Matrix, indent = '    '): string {
  const rows: string[] = [];
  for (let r = 0; r < m.rows; r++) rows.push(`${indent}${pyList(m.data.subarray(r * m.cols, (r + 1) * m.cols))},`);
  return `np.array([\n${rows.join('\n')}\n]).reshape(${m.rows}, ${m.cols})`;
}

