/** Plain-text tables for the terminal: right-aligned numbers, left-aligned text. */

export type Cell = string | number;

export interface Table {
  headers: string[];
  rows: Cell[][];
  /** columns (by index) aligned left; all others right */
  leftAlign?: number[];
}

export function formatTable(t: Table): string {
  const text = (c: Cell): string => (typeof c === 'number' ? String(c) : c);
  const cells = [t.headers, ...t.rows.map((r) => r.map(text))];
  const widths = t.headers.map((_, k) => Math.max(...cells.map((r) => (r[k] ?? '').length)));
  const left = new Set(t.leftAlign ?? [0]);
  const line = (r: string[]): string =>
    r.map((c, k) => (left.has(k) ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** A duration in ms with 3 significant digits: "12.3 ms", "1.23 s". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

export function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '—';
}
