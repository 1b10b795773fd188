/** Target vs learned function (1 input), and the heatmap of a sweep's grid of final losses (the 2-input output map: outputmap.ts). */
import { max, min } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { axisMarks, defaultMargins, legendBlock, palette, polyline, yScale, type LegendItem, type Mark, type Size } from './marks';
import type { ChartOut } from './loss';

export interface FunctionData {
  /** training (and test) points */
  points: { x: number; y: number; test?: boolean }[];
  /** curve sample positions */
  xs: number[];
  net: number[];
  target?: number[];
  /** per hidden unit w_out[j] · a_j(x) */
  units?: number[][];
  /** axis titles: the session's input and output names (default x, y) */
  xName?: string;
  yName?: string;
}

export function functionChart(d: FunctionData, size: Size, o: { legend?: boolean } = {}): ChartOut {
  const m = { ...defaultMargins };
  const yName = d.yName ?? 'y';
  const items: LegendItem[] = [{ label: 'network', color: '#2563eb' }, ...(d.target ? [{ label: 'target', color: '#059669' }] : []), { label: 'training data', color: '#94a3b8', symbol: 'dot' as const }];
  if (d.points.some((p) => p.test)) items.push({ label: 'test data', color: '#f59e0b', symbol: 'dot' });
  if (d.units) items.push({ label: 'unit contributions', color: palette[3], dash: '3 3' });
  const legend = o.legend === false ? null : legendBlock(items, size.width, m, yName);
  if (legend) m.top = legend.top;
  const all = [...d.points.map((p) => p.y), ...d.net, ...(d.target ?? []), ...(d.units?.flat() ?? [])].filter(Number.isFinite);
  const xsAll = [...d.xs, ...d.points.map((p) => p.x)];
  // d3's min / max loop: Math.min(...xs) overflows the argument list for 10⁶ points
  const x = scaleLinear().domain([min(xsAll) ?? 0, max(xsAll) ?? 1]).range([m.left, size.width - m.right]);
  const y = yScale('linear', min(all) ?? Infinity, max(all) ?? -Infinity, [size.height - m.bottom, m.top]);
  const marks: Mark[] = axisMarks(x, y, size, m, { x: d.xName ?? 'x', y: yName });
  const curve = (ys: number[]) => polyline(d.xs.map((xv, k) => (Number.isFinite(ys[k]) ? [x(xv), y(ys[k])] : null)));
  d.units?.forEach((u, j) => marks.push({ type: 'path', d: curve(u), stroke: palette[(j + 3) % palette.length], width: 1, dash: '3 3', fill: 'none', opacity: 0.8 }));
  const small = d.points.length > 300 ? 1.5 : 3;
  for (const p of d.points) marks.push({ type: 'circle', cx: x(p.x), cy: y(p.y), r: small, fill: p.test ? '#f59e0b' : '#94a3b8' });
  if (d.target) marks.push({ type: 'path', d: curve(d.target), stroke: '#059669', width: 2, fill: 'none' });
  marks.push({ type: 'path', d: curve(d.net), stroke: '#2563eb', width: 2, fill: 'none' });
  if (legend) marks.push(...legend.marks);
  return { marks, x, y, margins: m };
}

export interface HeatmapData {
  /** values[row][col] */
  values: number[][];
  rowLabels: string[];
  colLabels: string[];
  rowTitle?: string;
  colTitle?: string;
  /** color by log10 of the value */
  log?: boolean;
  /** print each cell's value */
  annotate?: (v: number) => string;
}

/** A grid of colored cells (viridis, low = dark); NaN cells grey. */
export function heatmapChart(d: HeatmapData, size: Size): { marks: Mark[] } {
  const m = { top: 24, right: 10, bottom: 36, left: 70 };
  const rows = d.values.length;
  const cols = d.values[0]?.length ?? 0;
  const cw = (size.width - m.left - m.right) / Math.max(1, cols);
  const ch = (size.height - m.top - m.bottom) / Math.max(1, rows);
  const tf = (v: number) => (d.log ? Math.log10(v) : v);
  const finite = d.values.flat().filter((v) => Number.isFinite(v) && (!d.log || v > 0)).map(tf);
  const lo = min(finite) ?? Infinity;
  const hi = max(finite) ?? -Infinity;
  const color = (v: number) => (Number.isFinite(v) && (!d.log || v > 0) ? interpolateViridis(hi > lo ? (tf(v) - lo) / (hi - lo) : 0.5) : '#d1d5db');
  const marks: Mark[] = [];
  d.values.forEach((row, i) => row.forEach((v, j) => {
    const t = hi > lo ? (tf(v) - lo) / (hi - lo) : 0.5;
    const text = d.annotate ? d.annotate(v) : String(v);
    marks.push({ type: 'rect', x: m.left + j * cw, y: m.top + i * ch, w: cw - 1, h: ch - 1, fill: color(v), title: `${d.rowLabels[i]} × ${d.colLabels[j]}: ${text}` });
    if (d.annotate && cw > 40 && ch > 16) {
      marks.push({ type: 'text', x: m.left + (j + 0.5) * cw, y: m.top + (i + 0.5) * ch, text, anchor: 'middle', baseline: 'middle', size: 11, fill: Number.isFinite(t) && t > 0.6 ? '#111' : '#fff' });
    }
  }));
  d.rowLabels.forEach((l, i) => marks.push({ type: 'text', x: m.left - 5, y: m.top + (i + 0.5) * ch, text: l, anchor: 'end', baseline: 'middle', size: 11, fill: '#1c2430' }));
  d.colLabels.forEach((l, j) => marks.push({ type: 'text', x: m.left + (j + 0.5) * cw, y: size.height - m.bottom + 14, text: l, anchor: 'middle', size: 11, fill: '#1c2430' }));
  if (d.colTitle) marks.push({ type: 'text', x: m.left + (size.width - m.left - m.right) / 2, y: size.height - 4, text: d.colTitle, anchor: 'middle', size: 11, fill: '#5b6474' });
  if (d.rowTitle) marks.push({ type: 'text', x: 4, y: 12, text: d.rowTitle, size: 11, fill: '#5b6474' });
  return { marks };
}
