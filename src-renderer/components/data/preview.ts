/**
 * The small preview plots of the data forms, as marks (src-renderer/charts/marks.ts):
 * a 1-D function's target curve with the samples drawn from the seed, and the
 * points of a 2-D classification set by class. null when the config cannot be built
 * (the form says why beside the control).
 */
import { scaleLinear } from 'd3-scale';
import { buildData, parseExpression, type Classification2dData, type FunctionData } from '../../../src-core/data';
import { createRngStreams } from '../../../src-core/random';
import type { Experiment } from '../../../src-core/session/schema';
import type { Dataset, NetworkSpec } from '../../../src-core/types';
import { axisMarks, legendBlock, polyline, yScale, type Mark, type Size } from '../../charts/marks';

const net = (inputs: number): NetworkSpec => ({ inputs, layers: [{ units: 1, activation: 'linear', bias: true }] });
const margins = { top: 20, right: 10, bottom: 22, left: 40 };
const MAX_POINTS = 1500;
const points = (d: Dataset | undefined, i: number, j: number) =>
  d ? Array.from({ length: Math.min(d.x.rows, MAX_POINTS) }, (_, r) => [d.x.data[r * d.x.cols + i], i === j ? d.y.data[r] : d.x.data[r * d.x.cols + j], d.y.data[r]]) : [];

export function functionPreview(cfg: FunctionData, exp: Experiment, size: Size): Mark[] | null {
  let train: number[][], test: number[][];
  try {
    const d = buildData(cfg, net(1), createRngStreams(exp.rng, exp.seed));
    train = points(d.train, 0, 0);
    test = points(d.test, 0, 0);
  } catch {
    return null;
  }
  const [lo, hi] = cfg.interval;
  const xs = Array.from({ length: 121 }, (_, k) => lo + ((hi - lo) * k) / 120);
  let curve: number[] = [];
  try {
    const f = parseExpression(cfg.expr, ['x']);
    if (!f.random) curve = xs.map((x) => f.eval({ x }));
  } catch {
    curve = [];
  }
  const ys = [...curve, ...train.map((p) => p[1]), ...test.map((p) => p[1])].filter(Number.isFinite);
  const x = scaleLinear().domain([lo, hi]).range([margins.left, size.width - margins.right]);
  const y = yScale('linear', Math.min(...ys), Math.max(...ys), [size.height - margins.bottom, margins.top]);
  const marks: Mark[] = axisMarks(x, y, size, margins);
  const r = train.length > 300 ? 1.3 : 2.2;
  for (const p of train) marks.push({ type: 'circle', cx: x(p[0]), cy: y(p[1]), r, fill: '#94a3b8' });
  for (const p of test) marks.push({ type: 'circle', cx: x(p[0]), cy: y(p[1]), r, fill: '#f59e0b' });
  if (curve.length) marks.push({ type: 'path', d: polyline(xs.map((v, k) => (Number.isFinite(curve[k]) ? [x(v), y(curve[k])] : null))), stroke: '#059669', width: 2 });
  const legend = [
    ...(curve.length ? [{ label: 'target', color: '#059669' }] : []),
    { label: 'training', color: '#94a3b8' },
    ...(test.length ? [{ label: 'test', color: '#f59e0b' }] : []),
  ];
  marks.push(...legendBlock(legend, size.width, margins).marks);
  return marks;
}

export const CLASS_COLORS = ['#ea580c', '#2563eb'];

export function classesPreview(cfg: Classification2dData, exp: Experiment, size: Size): Mark[] | null {
  let train: number[][], test: number[][];
  try {
    const d = buildData(cfg, net(2), createRngStreams(exp.rng, exp.seed));
    train = points(d.train, 0, 1);
    test = points(d.test, 0, 1);
  } catch {
    return null;
  }
  const all = [...train, ...test];
  const extent = Math.max(1, ...all.map((p) => Math.max(Math.abs(p[0]), Math.abs(p[1]))));
  const side = Math.min(size.width - margins.left - margins.right, size.height - margins.top - margins.bottom);
  const x = scaleLinear().domain([-extent, extent]).range([margins.left, margins.left + side]);
  const y = scaleLinear().domain([-extent, extent]).range([margins.top + side, margins.top]);
  const marks: Mark[] = axisMarks(x, y, { width: margins.left + side + margins.right, height: margins.top + side + margins.bottom }, margins);
  for (const p of train) marks.push({ type: 'circle', cx: x(p[0]), cy: y(p[1]), r: 2.2, fill: CLASS_COLORS[p[2]] });
  for (const p of test) marks.push({ type: 'circle', cx: x(p[0]), cy: y(p[1]), r: 2.2, fill: '#fff', stroke: CLASS_COLORS[p[2]] });
  const legend = [{ label: 'class 0', color: CLASS_COLORS[0] }, { label: 'class 1', color: CLASS_COLORS[1] }];
  marks.push(...legendBlock(legend, margins.left + side + margins.right, margins).marks);
  return marks;
}
