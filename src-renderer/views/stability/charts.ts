/**
 * The stability view's three charts as marks (charts/marks.ts): drawn by
 * Svelte, exported as SVG/PNG unchanged.
 *
 * - sharpness over epochs against the 2/lr line, the training loss faint on
 *   a log axis at the right, the crossing and the loss's first rise marked;
 * - the loss along the last step's line, t = 0 before, t = 1 after the step;
 * - the landscape as filled contours (d3-contour) with the projected path,
 *   the start, the best, the current point and the grid's minimum.
 * Marks in `clipped` are drawn inside the plot area only.
 */
import { contours } from 'd3-contour';
import { geoPath, geoTransform } from 'd3-geo';
import { scaleLinear, scaleLog } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { axisMarks, defaultMargins, legendBlock, polyline, tickText, yScale, type Mark, type Margins, type Size } from '../../charts/marks';
import { crossing, firstRise, type SavedLandscape, type SavedLine, type SavedSharpness } from './saved';

export interface ChartMarks {
  marks: Mark[];
  clipped: Mark[];
  /** the plot area (clipped marks are drawn inside it only) */
  plot: { x: number; y: number; w: number; h: number };
}

function plotOf(m: Margins, size: Size): ChartMarks['plot'] {
  return { x: m.left, y: m.top, w: size.width - m.left - m.right, h: size.height - m.top - m.bottom };
}

const BLUE = '#2563eb';
const RED = '#dc2626';
/** 2/lr more than this many times the largest sharpness is not drawn to scale */
const OFF_SCALE = 3;
const GRAY = '#94a3b8';

function finiteRange(values: ArrayLike<number>, positive = false): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v) || (positive && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** `lossEpochs`: the epoch of each loss entry (a thinned history); absent, entry k is epoch k. */
export function sharpnessChart(s: SavedSharpness, loss: ArrayLike<number> | null, size: Size, lossEpochs?: ArrayLike<number>): ChartMarks & { crossing: number | null; rise: number | null } {
  const m = { ...defaultMargins, right: loss ? 56 : 24 };
  const pts = s.points.filter((p) => Number.isFinite(p.value));
  const epochOf = (k: number) => (lossEpochs ? lossEpochs[k] : k);
  const lastEpoch = Math.max(1, ...s.points.map((p) => p.epoch), loss && loss.length ? epochOf(loss.length - 1) : 0);
  const x = scaleLinear().domain([0, lastEpoch]).range([m.left, size.width - m.right]);
  // 2/lr far above every λ (a learning rate well inside the stable range) stays off the scale, said at the
  // top: on a scale to 2000 a sharpness of 246 lay flat on the axis
  const maxValue = pts.reduce((a, p) => Math.max(a, p.value), -Infinity);
  const limitAbove = s.limit !== null && pts.length > 0 && maxValue > 0 && s.limit > OFF_SCALE * maxValue;
  const [lo, hi] = finiteRange([...pts.map((p) => p.value), ...(s.limit !== null && !limitAbove ? [s.limit] : []), 0]);
  const y = yScale('linear', lo, hi * 1.08, [size.height - m.bottom, m.top]);
  const marks = axisMarks(x, y, size, m, { x: 'epoch', y: 'sharpness λ_max' });
  const clipped: Mark[] = [];
  const cross = s.limit !== null ? crossing(pts, s.limit) : null;
  const riseAt = loss ? firstRise(loss) : null;
  const rise = riseAt === null ? null : epochOf(riseAt);
  if (loss) {
    const [a, b] = finiteRange(loss, true);
    const yl = scaleLog().domain([a, b > a ? b : a * 10]).range([size.height - m.bottom, m.top]).clamp(true);
    const step = Math.max(1, Math.floor(loss.length / (size.width - m.left - m.right)));
    const lp: ([number, number] | null)[] = [];
    for (let k = 0; k < loss.length; k += step) lp.push(Number.isFinite(loss[k]) && loss[k] > 0 ? [x(epochOf(k)), yl(loss[k])] : null);
    clipped.push({ type: 'path', d: polyline(lp), stroke: GRAY, width: 1, fill: 'none', opacity: 0.9 });
    for (const t of [a, b]) {
      marks.push({ type: 'text', x: size.width - m.right + 4, y: yl(t), text: tickText(t), size: 10, fill: GRAY, baseline: 'middle' });
    }
    marks.push({ type: 'text', x: size.width - 4, y: 10, text: 'training loss (log)', anchor: 'end', size: 10, fill: GRAY, baseline: 'middle' });
    if (rise !== null) {
      const px = x(rise);
      clipped.push({ type: 'line', x1: px, y1: m.top, x2: px, y2: size.height - m.bottom, stroke: GRAY, dash: '2 3' });
      const right = px > m.left + (size.width - m.left - m.right) * 0.7;
      clipped.push({ type: 'text', x: right ? px - 3 : px + 3, y: size.height - m.bottom - 6, text: `loss first rises @ ${rise}`, size: 10, fill: '#64748b', anchor: right ? 'end' : 'start' });
    }
  }
  if (s.limit !== null && limitAbove) {
    clipped.push({ type: 'text', x: m.left + 4, y: m.top + 10, text: `↑ 2/lr = ${tickText(s.limit)}, above the chart (${Number((s.limit / maxValue).toPrecision(2))}× the largest λ)`, size: 10, fill: RED });
  } else if (s.limit !== null) {
    const py = y(s.limit);
    clipped.push({ type: 'line', x1: m.left, y1: py, x2: size.width - m.right, y2: py, stroke: RED, width: 1.5, dash: '6 4' });
    clipped.push({ type: 'text', x: m.left + 4, y: py - 5, text: `2/lr = ${tickText(s.limit)}`, size: 10, fill: RED });
  }
  clipped.push({ type: 'path', d: polyline(pts.map((p) => [x(p.epoch), y(p.value)])), stroke: BLUE, width: 1.8, fill: 'none' });
  for (const p of pts) clipped.push({ type: 'circle', cx: x(p.epoch), cy: y(p.value), r: pts.length > 40 ? 1.8 : 3, fill: s.limit !== null && p.value > s.limit ? RED : BLUE });
  if (cross !== null) {
    const px = x(cross);
    clipped.push({ type: 'line', x1: px, y1: m.top, x2: px, y2: size.height - m.bottom, stroke: RED, dash: '2 2' });
    const right = px > m.left + (size.width - m.left - m.right) * 0.7;
    clipped.push({ type: 'text', x: right ? px - 3 : px + 3, y: m.top + 10, text: `λ passes 2/lr @ ~${Math.round(cross)}`, size: 10, fill: RED, anchor: right ? 'end' : 'start' });
  }
  marks.push(...legendBlock([{ label: 'sharpness', color: BLUE }, ...(s.limit !== null ? [{ label: '2/lr', color: RED, dash: '6 4' }] : [])], size.width, { ...m, left: 150 }).marks);
  return { marks, clipped, plot: plotOf(m, size), crossing: cross, rise };
}

export function lineChart(l: SavedLine, size: Size): ChartMarks {
  const m = { ...defaultMargins, left: 70 };
  const x = scaleLinear().domain([l.from, l.to]).range([m.left, size.width - m.right]);
  const [lo, hi] = finiteRange([...l.loss, l.old, l.new, l.min.loss]);
  const y = yScale('linear', lo, hi, [size.height - m.bottom, m.top]);
  const marks = axisMarks(x, y, size, m, { x: 't   (θ = θ_before + t·(θ_after − θ_before))', y: 'training loss' });
  const clipped: Mark[] = [];
  clipped.push({ type: 'path', d: polyline(l.t.map((t, k) => (Number.isFinite(l.loss[k]) ? [x(t), y(l.loss[k])] : null))), stroke: BLUE, width: 1.8, fill: 'none' });
  const dot = (t: number, v: number, color: string, label: string, below = false) => {
    clipped.push({ type: 'line', x1: x(t), y1: m.top, x2: x(t), y2: size.height - m.bottom, stroke: color, dash: '3 3' });
    clipped.push({ type: 'circle', cx: x(t), cy: y(v), r: 4.5, fill: color, stroke: '#fff' });
    clipped.push({ type: 'text', x: x(t) + 5, y: below ? y(v) + 14 : y(v) - 8, text: label, size: 10, fill: color });
  };
  dot(0, l.old, '#475569', 'before');
  dot(1, l.new, RED, 'after');
  dot(l.min.t, l.min.loss, '#059669', `minimum (t = ${tickText(l.min.t)})`, true);
  return { marks, clipped, plot: plotOf(m, size) };
}

export interface LandscapeChart extends ChartMarks {
  /** colour bar: the loss at each end */
  levels: number[];
  log: boolean;
}

export function landscapeChart(g: SavedLandscape, size: Size): LandscapeChart {
  const m = { ...defaultMargins, right: 70 };
  const n = g.resolution;
  const side = Math.min(size.width - m.left - m.right, size.height - m.top - m.bottom);
  const x0 = m.left;
  const y0 = m.top;
  const x = scaleLinear().domain([g.alphas[0], g.alphas[n - 1]]).range([x0, x0 + side]);
  const y = scaleLinear().domain([g.betas[0], g.betas[n - 1]]).range([y0 + side, y0]);
  const [lo, hi] = finiteRange(g.loss);
  const log = lo > 0 && hi / lo > 50;
  // contours of log(loss) when it spans decades; non-finite values as the top level
  const f = (v: number) => (Number.isFinite(v) ? (log ? Math.log(v) : v) : log ? Math.log(hi) : hi);
  const values = Array.from(g.loss, f);
  const [a, b] = [f(lo), f(hi)];
  const count = 16;
  const thresholds = Array.from({ length: count }, (_, k) => a + ((b - a) * k) / count);
  const cells = contours().size([n, n]).thresholds(thresholds)(values);
  // contour coordinates: grid value (c, r) sits at (c + 0.5, r + 0.5)
  const step = (2 * g.range) / (n - 1);
  const proj = geoTransform({
    point(this: { stream: { point(px: number, py: number): void } }, u: number, v: number) {
      this.stream.point(x(g.alphas[0] + (u - 0.5) * step), y(g.betas[0] + (v - 0.5) * step));
    },
  });
  const path = geoPath(proj);
  const color = (t: number) => interpolateViridis(b > a ? (t - a) / (b - a) : 0.5);
  const clipped: Mark[] = cells.map((c) => ({ type: 'path', d: path(c) ?? '', stroke: 'none', fill: color(c.value) }));
  for (const c of cells) clipped.push({ type: 'path', d: path(c) ?? '', stroke: 'rgba(255,255,255,0.35)', width: 0.5, fill: 'none' });
  const pathPts = g.path.alpha.map((al, k) => (Number.isFinite(al) && Number.isFinite(g.path.beta[k]) ? [x(al), y(g.path.beta[k])] as [number, number] : null));
  clipped.push({ type: 'path', d: polyline(pathPts), stroke: '#fff', width: 2.6, fill: 'none', opacity: 0.8 });
  clipped.push({ type: 'path', d: polyline(pathPts), stroke: RED, width: 1.4, fill: 'none' });
  // the points, named in a legend under the plot (labels on the map would hide each other)
  const legend: { fill: string; label: string }[] = [];
  const marker = (al: number, be: number, fill: string, label: string, r = 4.5) => {
    clipped.push({ type: 'circle', cx: x(al), cy: y(be), r, fill, stroke: '#fff' });
    legend.push({ fill, label });
  };
  if (g.path.alpha.length) marker(g.path.alpha[0], g.path.beta[0], '#f59e0b', `start (epoch ${g.path.epochs[0]})`);
  if (g.best) marker(g.best.alpha, g.best.beta, '#059669', `best (epoch ${g.best.epoch})`);
  marker(g.min.alpha, g.min.beta, '#22d3ee', 'grid minimum');
  marker(0, 0, RED, `current (epoch ${g.at})`, 5);
  const marks = axisMarks(x, y, { width: x0 + side + m.right, height: y0 + side + m.bottom }, m, { x: 'α (direction 1)', y: 'β (direction 2)' });
  let lx = m.left;
  let ly = y0 + side + m.bottom + 6;
  marks.push({ type: 'line', x1: lx, y1: ly, x2: lx + 16, y2: ly, stroke: RED, width: 1.6 });
  marks.push({ type: 'text', x: lx + 20, y: ly, text: 'path', size: 10, baseline: 'middle' });
  lx += 52;
  for (const it of legend) {
    if (lx + 13 + it.label.length * 5.6 > size.width) {
      lx = m.left;
      ly += 15;
    }
    marks.push({ type: 'circle', cx: lx + 5, cy: ly, r: 4.5, fill: it.fill, stroke: '#fff' });
    marks.push({ type: 'text', x: lx + 13, y: ly, text: it.label, size: 10, baseline: 'middle' });
    lx += 22 + it.label.length * 5.6;
  }
  // colour bar
  const barX = x0 + side + 14;
  for (let k = 0; k < 40; k++) {
    const t = a + ((b - a) * k) / 40;
    marks.push({ type: 'rect', x: barX, y: y0 + side - ((k + 1) * side) / 40, w: 12, h: side / 40 + 0.5, fill: color(t) });
  }
  const inv = (t: number) => (log ? Math.exp(t) : t);
  for (const [t, py] of [[a, y0 + side], [b, y0]] as [number, number][]) {
    marks.push({ type: 'text', x: barX + 16, y: py, text: tickText(inv(t)), size: 10, baseline: 'middle', fill: '#5b6474' });
  }
  marks.push({ type: 'text', x: barX, y: y0 - 8, text: log ? 'loss (log)' : 'loss', size: 10, fill: '#5b6474' });
  return { marks, clipped, plot: { x: x0, y: y0, w: side, h: side }, levels: [lo, hi], log };
}

/** CSV helpers: plain numbers, full precision. */
export function csvRows(header: string[], rows: (number | string | null)[][]): string {
  const cell = (v: number | string | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
