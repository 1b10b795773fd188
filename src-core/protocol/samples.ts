/**
 * The samples a classifier gets right or wrong, for the "misclassified
 * digits" view: a forward pass of (part of) a dataset with the current
 * parameters, each sample's true and predicted class, and the output
 * activations of the ones that match the query.
 *
 * The class of a sample is decided exactly as the trainer's accuracy does
 * (src-core/train/trainer.ts): one output unit → a ≥ 0.5 is class 1 (and
 * y ≥ 0.5 is true class 1); several → the first largest output (argmax).
 *
 * One call scans at most `maxScan` samples from `scanFrom` on, so a request
 * never keeps the trainer busy for long: the answer says where to go on
 * (`next`), null when the end of the set was reached.
 */
import type { Dataset, NetworkSpec, Params } from '../types';
import { forward, makeWorkspace } from '../net/network';

export interface SampleQuery {
  /** 'misclassified': predicted ≠ true; 'all': every sample */
  filter: 'misclassified' | 'all';
  /** only samples of this true class index (into DataSplit.classes) */
  trueClass?: number;
  /** only samples predicted as this class index */
  predictedClass?: number;
  /** the first sample index to look at */
  scanFrom: number;
  /** stop after this many matches */
  limit: number;
  /** stop after looking at this many samples */
  maxScan: number;
}

export interface SampleMatches {
  /** dataset row of each match, ascending */
  indices: Int32Array;
  /** the matches' inputs, row after row (n × inputs) */
  x: Float32Array;
  /** true class index of each match */
  y: Int32Array;
  /** predicted class index of each match */
  predicted: Int32Array;
  /** output activations, row after row (n × outputs) */
  outputs: Float32Array;
  /** the first row not looked at, or null: the whole set was scanned */
  next: number | null;
  /** how many rows this call looked at */
  scanned: number;
}

/** Can the output layer be read as a class? Mirrors the trainer's hasAccuracy. */
export function classifierProblem(spec: NetworkSpec, data: Dataset): string | null {
  const out = spec.layers[spec.layers.length - 1];
  if (out.activation === 'softmax') return null;
  if (out.units === 1 && out.activation === 'sigmoid') {
    const y = data.y.data;
    for (let k = 0; k < y.length; k++) if (y[k] !== 0 && y[k] !== 1) return 'the targets are not 0/1 classes';
    return null;
  }
  return `the output layer (${out.units} ${out.activation} unit${out.units === 1 ? '' : 's'}) is not a classifier: it needs softmax, or one sigmoid unit`;
}

/** Class index of one row of outputs (or targets): see the top of this file. */
export function classOf(v: ArrayLike<number>, r: number, units: number): number {
  if (units === 1) return v[r] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let k = 1; k < units; k++) if (v[r + k] > v[r + best]) best = k;
  return best;
}

/** rows per forward pass: big enough to use the tiled kernels, small enough to keep the workspace small */
const CHUNK = 256;

export function findSamples(spec: NetworkSpec, params: Params, data: Dataset, q: SampleQuery): SampleMatches {
  const nIn = spec.inputs;
  const units = spec.layers[spec.layers.length - 1].units;
  const L = spec.layers.length - 1;
  const total = data.x.rows;
  const start = Math.min(Math.max(0, q.scanFrom), total);
  const end = Math.min(total, start + Math.max(1, q.maxScan));
  const ws = makeWorkspace(spec, Math.min(CHUNK, Math.max(1, end - start)));
  const hits: { row: number; y: number; p: number; out: Float64Array }[] = [];
  let row = start;
  while (row < end && hits.length < q.limit) {
    const n = Math.min(ws.sampleLoss.length, end - row);
    ws.rows = n;
    ws.x.set(data.x.data.subarray(row * nIn, (row + n) * nIn));
    forward(spec, params, ws);
    const a = ws.a[L];
    let s = 0;
    for (; s < n && hits.length < q.limit; s++) {
      const yc = classOf(data.y.data, (row + s) * units, units);
      const pc = classOf(a, s * units, units);
      if (q.filter === 'misclassified' && yc === pc) continue;
      if (q.trueClass !== undefined && yc !== q.trueClass) continue;
      if (q.predictedClass !== undefined && pc !== q.predictedClass) continue;
      hits.push({ row: row + s, y: yc, p: pc, out: a.slice(s * units, (s + 1) * units) });
    }
    row += s;
  }
  const m = hits.length;
  const out: SampleMatches = {
    indices: Int32Array.from(hits, (h) => h.row),
    x: new Float32Array(m * nIn),
    y: Int32Array.from(hits, (h) => h.y),
    predicted: Int32Array.from(hits, (h) => h.p),
    outputs: new Float32Array(m * units),
    next: row < total ? row : null,
    scanned: row - start,
  };
  hits.forEach((h, k) => {
    out.x.set(data.x.data.subarray(h.row * nIn, (h.row + 1) * nIn), k * nIn);
    out.outputs.set(h.out, k * units);
  });
  return out;
}
