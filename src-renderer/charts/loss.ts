/** The loss chart: loss per epoch, linear or log, best and divergence epochs marked, decimated to the pixel width. */
import { scaleLinear } from 'd3-scale';
import { decimateMinMax } from './decimate';
import { textWidth } from './text';
import { lastAtOrBefore, thinningNote } from '../../src-core/train/thinning';
import { axisMarks, defaultMargins, legendBlock, polyline, yScale, type Margins, type Mark, type Scale, type Size } from './marks';

export interface LossSeries {
  label: string;
  color: string;
  values: ArrayLike<number>;
  /** the epoch of each value (a thinned history); absent: value k is epoch k */
  epochs?: ArrayLike<number>;
  dash?: string;
}

/** The epoch of value k of a series. */
export const epochAt = (s: LossSeries, k: number): number => (s.epochs ? s.epochs[k] : k);

/** The last epoch a series reaches (−1 when empty). */
export const lastEpoch = (s: LossSeries): number => (s.values.length ? epochAt(s, s.values.length - 1) : -1);

/** Index of the last value at or before `epoch` (−1 when none): binary search over the series' epochs. */
export function indexAtOrBefore(s: LossSeries, epoch: number): number {
  if (!s.epochs) return Math.min(s.values.length - 1, Math.floor(epoch));
  return lastAtOrBefore(s.epochs, epoch, Math.min(s.values.length, s.epochs.length));
}

/** The value recorded at exactly this epoch, or undefined (a thinned series keeps only some). */
export function valueAt(s: LossSeries, epoch: number): number | undefined {
  const k = indexAtOrBefore(s, epoch);
  return k >= 0 && epochAt(s, k) === epoch ? s.values[k] : undefined;
}

export interface LossData {
  series: LossSeries[];
  /** epoch of the best entry (marked with a dot and a dashed line) */
  best?: { epoch: number; value: number } | null;
  /** epoch at which the run went non-finite */
  divergedAt?: number | null;
  /** a thinned history's rule: the chart says how it is shown (thinningNote) */
  thinning?: { dense: number; stride: number } | null;
  /** the epoch the network view's timeline shows (marked while it looks back) */
  shown?: number | null;
}

export interface LossView {
  yKind: 'linear' | 'log';
  /** visible epochs; absent: all */
  x0?: number;
  x1?: number;
  /** shared y domain (small multiples); absent: fit to the visible data */
  yDomain?: [number, number];
  legend?: boolean;
  yTitle?: string;
}

export interface ChartOut {
  marks: Mark[];
  x: Scale;
  y: Scale;
  margins: Margins;
}

/** The index range of a series' values within epochs [x0, x1], one value beyond each end (the line leaves the plot there). */
function indexRange(s: LossSeries, x0: number, x1: number): [number, number] {
  if (!s.epochs) return [Math.max(0, Math.floor(x0)), Math.min(s.values.length - 1, Math.ceil(x1))];
  const a = indexAtOrBefore(s, x0);
  const b = indexAtOrBefore(s, x1);
  return [Math.max(0, a), Math.min(s.values.length - 1, b + (b >= 0 && epochAt(s, b) < x1 ? 1 : 0))];
}

/** Lowest and highest drawable value of the series over epochs [x0, x1] (positive only for log). */
export function extent(series: LossSeries[], x0: number, x1: number, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const [a, b] = indexRange(s, x0, x1);
    for (let i = a; i <= b; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : log ? [1e-3, 1] : [0, 1];
}

export function lossChart(data: LossData, view: LossView, size: Size): ChartOut {
  const m = { ...defaultMargins };
  const yTitle = view.yTitle ?? 'loss';
  // the legend first: its rows decide the plot's top margin
  const legend = view.legend === false ? null : legendBlock(data.series.map((s) => ({ label: s.label, color: s.color, dash: s.dash })), size.width, m, yTitle);
  if (legend) m.top = legend.top;
  const last = Math.max(0, ...data.series.map(lastEpoch));
  const x0 = view.x0 ?? 0;
  const x1 = Math.max(view.x1 ?? Math.max(1, last), x0 + 1);
  const log = view.yKind === 'log';
  const [lo, hi] = view.yDomain ?? extent(data.series, x0, x1, log);
  const x = scaleLinear().domain([x0, x1]).range([m.left, size.width - m.right]);
  const y = yScale(view.yKind, lo, hi, [size.height - m.bottom, m.top]);
  // a thinned history says how it is shown: beside the x title where it fits, else in it
  const thinIntoTitle = !!data.thinning
    && size.width - m.right - textWidth(thinningNote(data.thinning), 10) <= (m.left + size.width - m.right) / 2 + textWidth('epoch', 11) / 2 + 8;
  const xTitle = data.thinning && thinIntoTitle ? `epoch (${thinningNote(data.thinning, true)})` : 'epoch';
  const marks = axisMarks(x, y, size, m, { x: xTitle, y: yTitle }, log);
  const pixels = size.width - m.left - m.right;
  const clipY = (v: number) => Math.max(m.top, Math.min(size.height - m.bottom, y(v)));
  for (const s of data.series) {
    const [a, b] = indexRange(s, x0, x1);
    const idx = decimateMinMax(s.values, a, b, pixels);
    const pts = idx.map((i): [number, number] | null => {
      const v = s.values[i];
      return log && v <= 0 ? null : [x(epochAt(s, i)), clipY(v)];
    });
    marks.push({ type: 'path', d: polyline(pts), stroke: s.color, width: 1.6, dash: s.dash, fill: 'none' });
  }
  const inView = (e: number) => e >= x0 && e <= x1;
  if (data.best && inView(data.best.epoch) && Number.isFinite(data.best.value)) {
    const px = x(data.best.epoch);
    marks.push({ type: 'line', x1: px, y1: m.top, x2: px, y2: size.height - m.bottom, stroke: '#059669', dash: '4 3' });
    marks.push({ type: 'circle', cx: px, cy: clipY(data.best.value), r: 4, fill: '#059669', stroke: '#fff' });
    const right = px > m.left + (size.width - m.left - m.right) * 0.7;
    marks.push({ type: 'text', x: right ? px - 4 : px + 4, y: m.top + 10, text: `best @ ${data.best.epoch}`, size: 10, fill: '#059669', anchor: right ? 'end' : 'start' });
  }
  if (data.divergedAt !== undefined && data.divergedAt !== null && inView(data.divergedAt)) {
    const px = x(data.divergedAt);
    marks.push({ type: 'line', x1: px, y1: m.top, x2: px, y2: size.height - m.bottom, stroke: '#dc2626', width: 1.5 });
    const left = px < m.left + (size.width - m.left - m.right) * 0.3;
    marks.push({ type: 'text', x: left ? px + 4 : px - 4, y: m.top + 22, text: `diverged @ ${data.divergedAt}`, size: 10, fill: '#dc2626', anchor: left ? 'start' : 'end' });
  }
  if (data.shown !== undefined && data.shown !== null && inView(data.shown)) {
    const px = x(data.shown);
    marks.push({ type: 'line', x1: px, y1: m.top, x2: px, y2: size.height - m.bottom, stroke: '#334155', width: 1.5, dash: '1 3' });
    const right = px > m.left + (size.width - m.left - m.right) * 0.7;
    marks.push({ type: 'text', x: right ? px - 4 : px + 4, y: m.top + 34, text: `shown: epoch ${data.shown}`, size: 10, fill: '#334155', anchor: right ? 'end' : 'start' });
  }
  // beside the x axis' title, at the right, clear of the curves (a narrow chart says it in the title)
  if (data.thinning && !thinIntoTitle) {
    marks.push({ type: 'text', x: size.width - m.right, y: size.height - 4, text: thinningNote(data.thinning), size: 10, fill: '#64748b', anchor: 'end' });
  }
  if (legend) marks.push(...legend.marks);
  return { marks, x, y, margins: m };
}
