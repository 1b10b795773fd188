/** The network evaluated on points of our choosing (a grid of x for a curve), with the engine's own forward pass. */
import { forward, makeWorkspace } from '../../src-core/net/network';
import { paramsFromJSON } from '../../src-core/net/params';
import type { NetworkSpec, ParamsJSON } from '../../src-core/types';

export interface Prediction {
  /** output rows [sample][unit] */
  out: number[][];
  /** activations of the first layer [sample][unit] (hidden units, for their contributions) */
  hidden: number[][];
}

export function predict(spec: NetworkSpec, params: ParamsJSON, xs: number[][]): Prediction {
  const p = paramsFromJSON(spec, params);
  const ws = makeWorkspace(spec, xs.length);
  xs.forEach((row, s) => row.forEach((v, i) => (ws.x[s * spec.inputs + i] = v)));
  forward(spec, p, ws);
  const rows = (a: Float64Array, units: number) => Array.from({ length: xs.length }, (_, s) => Array.from(a.subarray(s * units, (s + 1) * units)));
  const L = spec.layers.length;
  return { out: rows(ws.a[L - 1], spec.layers[L - 1].units), hidden: rows(ws.a[0], spec.layers[0].units) };
}

/**
 * Each hidden unit's weighted contribution to the output, w_out[j] · a_j(x),
 * for a net with one hidden layer and one output (the output's z is their sum
 * plus its bias). null for other shapes.
 */
export function contributions(spec: NetworkSpec, params: ParamsJSON, pred: Prediction): number[][] | null {
  if (spec.layers.length !== 2 || spec.layers[1].units !== 1) return null;
  const wOut = params.weights[1][0];
  return wOut.map((w, j) => pred.hidden.map((h) => w * h[j]));
}

export interface ClassReport {
  classes: string[];
  /** matrix[true][predicted] counts */
  matrix: number[][];
  accuracy: number;
  precision: number[];
  recall: number[];
  f1: number[];
}

/**
 * Confusion matrix and per-class precision, recall, F1. One sigmoid output:
 * classes 0/1 by a ≥ 0.5; several outputs: argmax (targets one-hot).
 * precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R); 0/0 is NaN ("–").
 */
export function classify(out: number[][], y: number[][], names?: (string | number)[]): ClassReport {
  const binary = (out[0]?.length ?? 1) === 1;
  const k = binary ? 2 : out[0].length;
  const argmax = (r: number[]) => r.reduce((best, v, j) => (v > r[best] ? j : best), 0);
  const label = (r: number[]) => (binary ? (r[0] >= 0.5 ? 1 : 0) : argmax(r));
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  out.forEach((r, s) => matrix[label(y[s])][label(r)]++);
  const total = out.length;
  const correct = matrix.reduce((n, row, j) => n + row[j], 0);
  const precision = matrix.map((_, j) => matrix[j][j] / matrix.reduce((n, row) => n + row[j], 0));
  const recall = matrix.map((row, j) => row[j] / row.reduce((a, b) => a + b, 0));
  const f1 = precision.map((p, j) => (2 * p * recall[j]) / (p + recall[j]));
  const classes = Array.from({ length: k }, (_, j) => String(names?.[binary ? j : j] ?? j));
  return { classes, matrix, accuracy: correct / total, precision, recall, f1 };
}
