/**
 * A chart is a function (data, scales, size) → marks: plain objects that a
 * Svelte component draws as SVG, and that export as SVG/PNG unchanged. The
 * same function serves the run view, the compare view's small multiples and
 * the export.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';

export type Mark =
  | { type: 'path'; d: string; stroke: string; width?: number; dash?: string; fill?: string; opacity?: number }
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width?: number; dash?: string }
  | { type: 'circle'; cx: number; cy: number; r: number; fill: string; stroke?: string }
  | { type: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string; title?: string }
  | { type: 'text'; x: number; y: number; text: string; anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string; weight?: number; baseline?: 'auto' | 'middle' | 'hanging' };

export interface Size {
  width: number;
  height: number;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const defaultMargins: Margins = { top: 24, right: 24, bottom: 34, left: 52 };

export type Scale = ScaleContinuousNumeric<number, number>;

export const palette = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#475569', '#b45309'];

/** The y scale: log needs a positive domain; a domain of one value gets a little room. */
export function yScale(kind: 'linear' | 'log', lo: number, hi: number, range: [number, number]): Scale {
  if (kind === 'log') {
    const a = lo > 0 ? lo : 1e-12;
    const b = hi > a ? hi : a * 10;
    return scaleLog().domain([a, b]).range(range).clamp(true);
  }
  const pad = hi === lo ? Math.abs(hi) * 0.1 || 1 : 0;
  return scaleLinear().domain([lo - pad, hi + pad]).range(range).nice();
}

/** Short tick text: 0.001, 1e-6, 25 000 → 25000. */
export function tickText(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** Frame, ticks and axis titles of a chart's plot area. */
export function axisMarks(x: Scale, y: Scale, size: Size, m: Margins, titles: { x?: string; y?: string } = {}, log = false): Mark[] {
  const marks: Mark[] = [];
  const [x0, x1] = [m.left, size.width - m.right];
  const [y0, y1] = [size.height - m.bottom, m.top];
  const grid = '#eef1f5';
  let yt = y.ticks(5);
  if (log) {
    // one tick per decade, at most 6
    const [d0, d1] = y.domain();
    const decades: number[] = [];
    for (let e = Math.ceil(Math.log10(d0)); e <= Math.floor(Math.log10(d1)); e++) decades.push(10 ** e);
    const stride = Math.max(1, Math.ceil(decades.length / 6));
    yt = decades.filter((_, k) => k % stride === 0);
  }
  for (const t of yt) {
    const py = y(t);
    marks.push({ type: 'line', x1: x0, y1: py, x2: x1, y2: py, stroke: grid });
    marks.push({ type: 'text', x: x0 - 4, y: py, text: tickText(t), anchor: 'end', baseline: 'middle', size: 10, fill: '#5b6474' });
  }
  for (const t of x.ticks(Math.max(2, Math.floor((x1 - x0) / 80)))) {
    const px = x(t);
    marks.push({ type: 'line', x1: px, y1: y0, x2: px, y2: y1, stroke: grid });
    marks.push({ type: 'text', x: px, y: y0 + 13, text: tickText(t), anchor: 'middle', size: 10, fill: '#5b6474' });
  }
  marks.push({ type: 'line', x1: x0, y1: y0, x2: x1, y2: y0, stroke: '#9aa4b2' });
  marks.push({ type: 'line', x1: x0, y1: y0, x2: x0, y2: y1, stroke: '#9aa4b2' });
  if (titles.x) marks.push({ type: 'text', x: (x0 + x1) / 2, y: size.height - 4, text: titles.x, anchor: 'middle', size: 11, fill: '#5b6474' });
  // the y title sits above the axis, on the legend's row (legendStart() leaves room for it)
  if (titles.y) marks.push({ type: 'text', x: 4, y: 10, text: titles.y, anchor: 'start', size: 11, fill: '#5b6474', baseline: 'middle' });
  return marks;
}

/** An SVG path through points, broken where a point is missing (null). */
export function polyline(points: ([number, number] | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Where a legend may start on the title row: after the y title, at least at the plot's left edge. */
export function legendStart(m: Margins, yTitle?: string): number {
  return Math.max(m.left, yTitle ? 4 + yTitle.length * 6.5 + 14 : 0);
}

export function legendMarks(items: { label: string; color: string; dash?: string }[], x: number, y: number): Mark[] {
  const marks: Mark[] = [];
  let cx = x;
  for (const it of items) {
    marks.push({ type: 'line', x1: cx, y1: y, x2: cx + 16, y2: y, stroke: it.color, width: 2, dash: it.dash });
    marks.push({ type: 'text', x: cx + 20, y, text: it.label, size: 11, baseline: 'middle', fill: '#1c2430' });
    cx += 28 + it.label.length * 6.2;
  }
  return marks;
}
