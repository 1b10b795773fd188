/**
 * The network's output over a 2-input box, as a chart: the output as colour
 * (diverging around the decision threshold for a classifier, sequential for
 * a regression; the map a shade lighter than the points on it), a colour legend with its numeric scale, both axes with
 * ticks and the session's input names, the data points coloured by their
 * target (test points as rings), and for a classifier the decision boundary
 * (output = threshold) as a contour line (d3-contour, marching squares).
 */
import { contours } from 'd3-contour';
import { interpolateRgb } from 'd3-interpolate';
import { scaleDiverging, scaleLinear, scaleSequential } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { axisMarks, legendBlock, tickText, type LegendItem, type Mark, type Scale, type Size } from './marks';
import { textWidth } from './text';

export type Box = [number, number, number, number];

export interface OutputMapData {
  /** values[row][col]: row 0 is the highest x2, col 0 the lowest x1, at the cell centres of gridPoints(box, n) */
  values: number[][];
  box: Box;
  /** the two inputs' names and the output's */
  names: [string, string];
  outputName: string;
  points: { x1: number; x2: number; target: number; test?: boolean }[];
  /** a classifier: its decision threshold (one sigmoid output: 0.5), and the classes' names */
  threshold?: number;
  classes?: [string, string];
}

/** Cell centres of an n×n grid over the box: x1 ascending, x2 descending (the top row first). */
export function gridPoints(box: Box, n: number): { x1s: number[]; x2s: number[] } {
  const [a1, b1, a2, b2] = box;
  return {
    x1s: Array.from({ length: n }, (_, k) => a1 + ((b1 - a1) * (k + 0.5)) / n),
    x2s: Array.from({ length: n }, (_, k) => b2 - ((b2 - a2) * (k + 0.5)) / n),
  };
}

/** The data's bounding box with 10 % room on each side (a degenerate side gets ±0.5). */
export function paddedBox(x1: number[], x2: number[]): Box {
  const side = (v: number[]) => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const pad = (hi - lo) * 0.1 || 0.5;
    return [lo - pad, hi + pad];
  };
  return [...side(x1), ...side(x2)] as Box;
}

export interface OutputMapOut {
  marks: Mark[];
  x: Scale;
  y: Scale;
  color: (v: number) => string;
}

const BAR = 12;

export function outputMapChart(d: OutputMapData, size: Size): OutputMapOut {
  const n = d.values.length;
  const flat = d.values.flat();
  const finite = flat.filter(Number.isFinite);
  const classify = d.threshold !== undefined;
  const t = d.threshold ?? 0.5;
  // classifier: outputs in [0, 1], white at the threshold; regression: the grid's and the targets' range
  const targets = d.points.map((p) => p.target).filter(Number.isFinite);
  const lo = classify ? 0 : Math.min(...finite, ...targets);
  const hi = classify ? 1 : Math.max(...finite, ...targets);
  const color: (v: number) => string = classify
    ? (v) => scaleDiverging(interpolateRdBu).domain([0, t, 1]).clamp(true)(v)
    : (v) => scaleSequential(interpolateViridis).domain([lo, hi > lo ? hi : lo + 1])(v);
  // the map (and its colour bar) a little lighter than the points, so a point shows on the region of its own class
  const light = (v: number) => interpolateRgb('#ffffff', color(v))(0.72);
  const barScale = scaleLinear().domain([lo, hi > lo ? hi : lo + 1]);
  const barTicks = classify ? [0, 0.25, t, 0.75, 1].filter((v, k, a) => a.indexOf(v) === k).sort((a, b) => a - b) : barScale.ticks(5);
  const tickW = Math.max(...barTicks.map((v) => textWidth(tickText(v), 10)));

  const m = { top: 24, right: 14 + BAR + 6 + tickW + 8, bottom: 34, left: 52 };
  const items: LegendItem[] = classify
    ? [
        { label: `${d.classes?.[0] ?? 'class 0'} (target 0)`, color: color(0), symbol: 'dot' },
        { label: `${d.classes?.[1] ?? 'class 1'} (target 1)`, color: color(1), symbol: 'dot' },
        { label: `decision boundary (output ${tickText(t)})`, color: '#111' },
      ]
    : [{ label: 'data, coloured by target', color: color((lo + hi) / 2), symbol: 'dot' }];
  if (d.points.some((p) => p.test)) items.push({ label: 'test data', color: '#64748b', symbol: 'ring' });
  const legend = legendBlock(items, size.width, m, d.names[1]);
  // room for the colour bar's title above its top tick
  m.top = legend.top + 10;
  const side = Math.max(40, Math.min(size.width - m.left - m.right, size.height - m.top - m.bottom));
  const [a1, b1, a2, b2] = d.box;
  const x = scaleLinear().domain([a1, b1]).range([m.left, m.left + side]);
  const y = scaleLinear().domain([a2, b2]).range([m.top + side, m.top]);
  const marks: Mark[] = [];

  // the cells (a hair wider than their pitch: no seams between them)
  const cw = side / n;
  d.values.forEach((row, i) => row.forEach((v, j) => {
    marks.push({ type: 'rect', x: m.left + j * cw, y: m.top + i * cw, w: cw + 0.8, h: cw + 0.8, fill: Number.isFinite(v) ? light(v) : '#d1d5db' });
  }));
  // the frame of the plot: as axisMarks draws it, for a box of exactly `side` px
  const frame = { width: m.left + side + m.right, height: m.top + side + m.bottom };
  marks.push(...axisMarks(x, y, frame, { ...m, right: frame.width - m.left - side, bottom: frame.height - m.top - side }, { x: d.names[0], y: d.names[1] }, false, false));

  if (classify) marks.push({ type: 'path', d: boundaryPath(flat, n, t, (gx) => m.left + gx * cw, (gy) => m.top + gy * cw), stroke: '#111', width: 1.6, fill: 'none' });

  const r = d.points.length > 300 ? 2.5 : 4;
  for (const p of d.points) {
    const c = Number.isFinite(p.target) ? color(p.target) : '#9ca3af';
    marks.push(p.test
      ? { type: 'circle', cx: x(p.x1), cy: y(p.x2), r, fill: '#fff', stroke: c, strokeWidth: 2 }
      : { type: 'circle', cx: x(p.x1), cy: y(p.x2), r, fill: c, stroke: '#fff', strokeWidth: 1.5 });
  }

  // the colour legend: a bar of 48 steps with its scale
  const bx = m.left + side + 14;
  const by = (v: number) => m.top + side - ((v - barScale.domain()[0]) / (barScale.domain()[1] - barScale.domain()[0])) * side;
  const steps = 48;
  for (let k = 0; k < steps; k++) {
    const v0 = lo + ((hi - lo) * k) / steps;
    const v1 = lo + ((hi - lo) * (k + 1)) / steps;
    marks.push({ type: 'rect', x: bx, y: by(v1), w: BAR, h: by(v0) - by(v1) + 0.4, fill: light((v0 + v1) / 2) });
  }
  marks.push({ type: 'rect', x: bx, y: m.top, w: BAR, h: side, fill: 'none', stroke: '#9aa4b2' });
  for (const v of barTicks) {
    marks.push({ type: 'line', x1: bx + BAR, y1: by(v), x2: bx + BAR + 4, y2: by(v), stroke: '#5b6474', width: classify && v === t ? 2 : 1 });
    marks.push({ type: 'text', x: bx + BAR + 6, y: by(v), text: tickText(v), size: 10, baseline: 'middle', fill: '#5b6474', role: 'tick', weight: classify && v === t ? 700 : undefined });
  }
  const title = d.outputName;
  marks.push({ type: 'text', x: Math.min(bx, size.width - 4 - textWidth(title, 11)), y: m.top - 10, text: title, size: 11, fill: '#5b6474', role: 'title' });
  marks.push(...legend.marks);
  return { marks, x, y, color };
}

/**
 * The iso-line output = t of the grid (d3-contour, in grid units: sample k
 * of a row sits at k + 0.5), without the grid's own border, which the
 * contour polygons run along where the region touches it.
 */
export function boundaryPath(flat: number[], n: number, t: number, px: (gx: number) => number, py: (gy: number) => number): string {
  const values = flat.map((v) => (Number.isFinite(v) ? v : t));
  const [shape] = contours().size([n, n]).thresholds([t])(values);
  const onEdge = (p: number[]) => p[0] <= 0 || p[0] >= n || p[1] <= 0 || p[1] >= n;
  let d = '';
  for (const polygon of shape?.coordinates ?? []) {
    for (const ring of polygon) {
      let pen = false;
      for (let k = 0; k < ring.length; k++) {
        const p = ring[k];
        const prev = ring[k - 1];
        // a segment along the border is no boundary: lift the pen
        if (pen && prev && onEdge(prev) && onEdge(p)) pen = false;
        d += `${pen ? 'L' : 'M'}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`;
        pen = true;
      }
    }
  }
  return d;
}
