/**
 * Classification metrics from a confusion matrix, as scikit-learn's
 * `confusion_matrix` and `precision_recall_fscore_support` define them:
 *
 *   counts[t][p]  = samples of true class t predicted as p
 *   precision_c   = TP / (TP + FP) = counts[c][c] / Σ_t counts[t][c]   (column)
 *   recall_c      = TP / (TP + FN) = counts[c][c] / Σ_p counts[c][p]   (row)
 *   F1_c          = 2 · P · R / (P + R) = 2·TP / (2·TP + FP + FN)
 *   macro average = the unweighted mean over the classes
 *
 * A 0/0 (a class never predicted, or without samples) is NaN in the
 * per-class values, shown as "–"; the macro averages count it as 0, as
 * scikit-learn does with zero_division=0.
 *
 * The class of a sample is the one the trainer's accuracy uses (classOf in
 * src-core/protocol/samples.ts), so the matrix's accuracy is the readout's.
 */
import type { Dataset, NetworkSpec, Params } from '../types';
import { forward, makeWorkspace } from '../net/network';
import { classOf } from '../protocol/samples';

export interface ClassMetrics {
  /** counts[true][predicted] */
  counts: number[][];
  total: number;
  accuracy: number;
  /** per class */
  precision: number[];
  recall: number[];
  f1: number[];
  /** samples of each true class (row sums) and predictions of each class (column sums) */
  support: number[];
  predicted: number[];
  macro: { precision: number; recall: number; f1: number };
}

/** How many classes the output layer tells apart: one sigmoid unit → 2, else one per unit. */
export function classCount(spec: NetworkSpec): number {
  const units = spec.layers[spec.layers.length - 1].units;
  return units === 1 ? 2 : units;
}

/** The confusion matrix of class indices (k classes). */
export function confusionCounts(trueClass: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let s = 0; s < trueClass.length; s++) counts[trueClass[s]][predicted[s]]++;
  return counts;
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
const orZero = (v: number) => (Number.isNaN(v) ? 0 : v);
const mean = (v: number[]) => v.reduce((s, x) => s + orZero(x), 0) / Math.max(1, v.length);

export function metricsFromCounts(counts: number[][]): ClassMetrics {
  const k = counts.length;
  const support = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = Array.from({ length: k }, (_, c) => counts.reduce((n, row) => n + row[c], 0));
  const total = support.reduce((a, b) => a + b, 0);
  let correct = 0;
  for (let c = 0; c < k; c++) correct += counts[c][c];
  const precision = counts.map((_, c) => ratio(counts[c][c], predicted[c]));
  const recall = counts.map((_, c) => ratio(counts[c][c], support[c]));
  // 2TP/(2TP+FP+FN): defined (0) for a class never predicted but present, as scikit-learn computes it
  const f1 = counts.map((_, c) => ratio(2 * counts[c][c], support[c] + predicted[c]));
  return {
    counts, total, accuracy: ratio(correct, total), precision, recall, f1, support, predicted,
    macro: { precision: mean(precision), recall: mean(recall), f1: mean(f1) },
  };
}

/** Each row divided by its sum (the share of class t's samples predicted as p); a row without samples is NaN. */
export function rowNormalised(counts: number[][]): number[][] {
  return counts.map((row) => {
    const n = row.reduce((a, b) => a + b, 0);
    return row.map((v) => ratio(v, n));
  });
}

/** rows per forward pass (as findSamples) */
const CHUNK = 256;

/** The confusion matrix of the network on a dataset, with the current parameters. */
export function confusionOf(spec: NetworkSpec, params: Params, data: Dataset): number[][] {
  const units = spec.layers[spec.layers.length - 1].units;
  const L = spec.layers.length - 1;
  const k = classCount(spec);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const total = data.x.rows;
  const ws = makeWorkspace(spec, Math.max(1, Math.min(CHUNK, total)));
  const cap = ws.sampleLoss.length;
  for (let row = 0; row < total; row += cap) {
    const n = Math.min(cap, total - row);
    ws.rows = n;
    ws.x.set(data.x.data.subarray(row * spec.inputs, (row + n) * spec.inputs));
    forward(spec, params, ws);
    for (let s = 0; s < n; s++) counts[classOf(data.y.data, (row + s) * units, units)][classOf(ws.a[L], s * units, units)]++;
  }
  return counts;
}
