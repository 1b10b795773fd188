/**
 * A chart is a function (data, scales, size) → marks: plain objects that a
 * Svelte component draws as SVG, and that export as SVG/PNG unchanged. The
 * same function serves the run view, the compare view's small multiples and
 * the export.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { textWidth } from './text';

export type Mark =
  | { type: 'path'; d: string; stroke: string; width?: number; dash?: string; fill?: string; opacity?: number }
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width?: number; dash?: string }
  | { type: 'circle'; cx: number; cy: number; r: number; fill: string; stroke?: string; strokeWidth?: number }
  | { type: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string; title?: string }
  | {
      type: 'text'; x: number; y: number; text: string; anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string; weight?: number;
      baseline?: 'auto' | 'middle' | 'hanging'; rotate?: number;
      /** what the text is (the tests check that legends and ticks stay inside the chart) */
      role?: 'legend' | 'tick' | 'title';
    };

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
  if (a >= 1e5 || a < 1e-3) {
    // as few digits as say the tick (150 000 is 1.5e5, not 2e5), at most 4
    const want = Number(v.toPrecision(4));
    let d = 0;
    while (d < 3 && Number(v.toExponential(d)) !== want) d++;
    return v.toExponential(d).replace('e+', 'e');
  }
  return String(Number(v.toPrecision(4)));
}

const TICK = 10;

/**
 * Ticks for an axis of `pixels` length: as many as fit with their labels
 * apart (horizontal: label widths measured; vertical: ~28 px each), at least
 * 3 where the domain allows (a domain of [−4.99, 4.98] asked for 2 ticks
 * gives only "0"). Log scales: one per decade, thinned to at most 6; within
 * less than two decades, 1-2-5 ticks spread over the whole axis.
 */
export function fitTicks(s: Scale, pixels: number, o: { log?: boolean; horizontal?: boolean } = {}): number[] {
  if (o.log) {
    const [d0, d1] = s.domain();
    const decades: number[] = [];
    for (let e = Math.ceil(Math.log10(d0)); e <= Math.floor(Math.log10(d1)); e++) decades.push(10 ** e);
    if (decades.length >= 2) {
      const stride = Math.max(1, Math.ceil(decades.length / Math.min(6, Math.max(2, Math.floor(pixels / 28)))));
      return decades.filter((_, k) => k % stride === 0);
    }
    // less than two decades: d3's ticks (1–9 per decade) inside the domain, the 1-2-5 ones where there
    // are three of those, kept only where a label fits (~22 px apart) — from the bottom up
    const inside = s.ticks().filter((t) => t >= d0 && t <= d1);
    const mantissa = (t: number) => Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9));
    const nice = inside.filter((t) => [1, 2, 5].includes(mantissa(t)));
    const kept: number[] = [];
    for (const t of nice.length >= 3 ? nice : inside) if (!kept.length || Math.abs(s(t) - s(kept[kept.length - 1])) >= 22) kept.push(t);
    return kept;
  }
  const fits = (ts: number[]) => {
    if (ts.length < 2) return true;
    const gap = Math.abs(s(ts[1]) - s(ts[0]));
    const need = o.horizontal ? Math.max(...ts.map((t) => textWidth(tickText(t), TICK))) + 10 : 22;
    return gap >= need;
  };
  let best = s.ticks(2);
  for (let count = 2; count <= 12; count++) {
    const ts = s.ticks(count);
    if (!fits(ts)) break;
    best = ts;
    if (ts.length >= Math.max(3, Math.floor(pixels / (o.horizontal ? 80 : 40)))) break;
  }
  return best;
}

/** Frame, ticks and axis titles of a chart's plot area. */
export function axisMarks(x: Scale, y: Scale, size: Size, m: Margins, titles: { x?: string; y?: string } = {}, log = false, grid = true): Mark[] {
  const marks: Mark[] = [];
  const [x0, x1] = [m.left, size.width - m.right];
  const [y0, y1] = [size.height - m.bottom, m.top];
  const gridColor = '#eef1f5';
  for (const t of fitTicks(y, y0 - y1, { log })) {
    const py = y(t);
    marks.push(grid ? { type: 'line', x1: x0, y1: py, x2: x1, y2: py, stroke: gridColor } : { type: 'line', x1: x0 - 4, y1: py, x2: x0, y2: py, stroke: '#9aa4b2' });
    marks.push({ type: 'text', x: x0 - 4, y: py, text: tickText(t), anchor: 'end', baseline: 'middle', size: TICK, fill: '#5b6474', role: 'tick' });
  }
  // epochs are whole: no tick at 0.5 of a three-epoch run
  const xTicks = fitTicks(x, x1 - x0, { horizontal: true }).filter((t) => !titles.x?.startsWith('epoch') || Number.isInteger(t));
  for (const t of xTicks) {
    const px = x(t);
    marks.push(grid ? { type: 'line', x1: px, y1: y0, x2: px, y2: y1, stroke: gridColor } : { type: 'line', x1: px, y1: y0, x2: px, y2: y0 + 4, stroke: '#9aa4b2' });
    marks.push({ type: 'text', x: px, y: y0 + 13, text: tickText(t), anchor: 'middle', size: TICK, fill: '#5b6474', role: 'tick' });
  }
  marks.push({ type: 'line', x1: x0, y1: y0, x2: x1, y2: y0, stroke: '#9aa4b2' });
  marks.push({ type: 'line', x1: x0, y1: y0, x2: x0, y2: y1, stroke: '#9aa4b2' });
  if (titles.x) marks.push({ type: 'text', x: (x0 + x1) / 2, y: size.height - 4, text: titles.x, anchor: 'middle', size: 11, fill: '#5b6474', role: 'title' });
  // the y title sits above the axis, on the legend's first row (legendBlock leaves room for it)
  if (titles.y) marks.push({ type: 'text', x: 4, y: 10, text: titles.y, anchor: 'start', size: 11, fill: '#5b6474', baseline: 'middle', role: 'title' });
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

export interface LegendItem {
  label: string;
  color: string;
  dash?: string;
  /** the symbol: a line (default), a dot (data points) or a ring (test points) */
  symbol?: 'line' | 'dot' | 'ring';
}

const LEGEND_TEXT = 11;
const LEGEND_ROW = 15;
const itemWidth = (it: LegendItem) => 20 + textWidth(it.label, LEGEND_TEXT);

/**
 * The legend, measured and wrapped: the first row starts after the y title
 * (which sits at the top left), further rows at the plot's left edge; an item
 * never runs past the right edge. Returns the marks and the top margin the
 * plot needs below them (the chart's top margin grows with the rows).
 */
export function legendBlock(items: LegendItem[], width: number, m: Margins, yTitle?: string): { marks: Mark[]; top: number } {
  const marks: Mark[] = [];
  const right = width - 6;
  const start = Math.max(m.left, yTitle ? 4 + textWidth(yTitle, 11) + 14 : 0);
  let cx = start;
  let row = 0;
  let inRow = 0;
  for (const it of items) {
    let w = itemWidth(it);
    // too long for this row: the next one (also the first item, when the y title leaves it too little room)
    if (cx + w > right && (inRow > 0 || cx > 6)) {
      row++;
      inRow = 0;
      cx = 6;
    }
    inRow++;
    const y = 10 + row * LEGEND_ROW;
    // a label too long for any row is shortened with an ellipsis (the whole text stays in a tooltip of the readout)
    let label = it.label;
    while (cx + 20 + textWidth(label, LEGEND_TEXT) > right && label.length > 2) label = `${label.slice(0, -2)}…`;
    w = 20 + textWidth(label, LEGEND_TEXT);
    if (it.symbol === 'dot') marks.push({ type: 'circle', cx: cx + 8, cy: y, r: 3.5, fill: it.color });
    else if (it.symbol === 'ring') marks.push({ type: 'circle', cx: cx + 8, cy: y, r: 3.5, fill: '#fff', stroke: it.color, strokeWidth: 2 });
    else marks.push({ type: 'line', x1: cx, y1: y, x2: cx + 16, y2: y, stroke: it.color, width: 2, dash: it.dash });
    marks.push({ type: 'text', x: cx + 20, y, text: label, size: LEGEND_TEXT, baseline: 'middle', fill: '#1c2430', role: 'legend' });
    cx += w + 12;
  }
  return { marks, top: Math.max(m.top, 24 + row * LEGEND_ROW) };
}
