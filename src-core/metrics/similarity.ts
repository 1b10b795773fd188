/**
 * How alike the hidden units of a layer behave on the training set: the
 * Pearson correlation of every pair's activation vectors (a_j(x) over all
 * samples x), i.e. the cosine similarity of the centred vectors
 *
 *   r_jk = Σ (a_j − ā_j)(a_k − ā_k) / √(Σ (a_j − ā_j)² · Σ (a_k − ā_k)²).
 *
 * |r_jk| = 1 means a_k = α + β·a_j on every sample: the next layer can do
 * with one of the two (its weight becomes w_j + β·w_k, its bias takes α·w_k),
 * so they carry the same information — report 002's "duplicate neurons".
 * Centring matters: a sigmoid's activations are all positive, so the plain
 * cosine of two quite different sigmoid units is often above 0.99.
 *
 * Computed from running sums in one pass over the data (in chunks of 256
 * rows), in the numerically safe co-moment form (Welford / Chan et al.).
 */
import type { Dataset, NetworkSpec, Params } from '../types';
import { forward, makeWorkspace } from '../net/network';

export interface LayerCorrelation {
  layer: number;
  units: number;
  /** r[j·units + k]; NaN where a unit is constant over the data (no variance) */
  r: Float64Array;
  /** samples it was computed over */
  samples: number;
}

/** layers wider than this are skipped (units² pairs) */
export const MAX_CORRELATED_UNITS = 256;
const CHUNK = 256;

/**
 * Activation correlations of every hidden layer (not the output layer) over
 * the first `maxRows` rows of the data.
 */
export function activationCorrelations(spec: NetworkSpec, params: Params, data: Dataset, maxRows = 20_000): LayerCorrelation[] {
  const hidden = spec.layers.slice(0, -1).map((l, k) => ({ layer: k, units: l.units })).filter((h) => h.units >= 2 && h.units <= MAX_CORRELATED_UNITS);
  if (hidden.length === 0) return [];
  const total = Math.min(data.x.rows, maxRows);
  const acc = hidden.map((h) => ({ n: 0, mean: new Float64Array(h.units), co: new Float64Array(h.units * h.units) }));
  const ws = makeWorkspace(spec, Math.max(1, Math.min(CHUNK, total)));
  const cap = ws.sampleLoss.length;
  const d = hidden.map((h) => new Float64Array(h.units));
  for (let row = 0; row < total; row += cap) {
    const n = Math.min(cap, total - row);
    ws.rows = n;
    ws.x.set(data.x.data.subarray(row * spec.inputs, (row + n) * spec.inputs));
    forward(spec, params, ws);
    hidden.forEach((h, q) => {
      const { mean, co } = acc[q];
      const a = ws.a[h.layer];
      const u = h.units;
      const dv = d[q];
      for (let s = 0; s < n; s++) {
        const cnt = ++acc[q].n;
        // co += (a − mean_old) ⊗ (a − mean_new): the one-pass co-moment update
        for (let j = 0; j < u; j++) dv[j] = a[s * u + j] - mean[j];
        for (let j = 0; j < u; j++) mean[j] += dv[j] / cnt;
        for (let j = 0; j < u; j++) {
          const after = a[s * u + j] - mean[j];
          for (let k = j; k < u; k++) co[j * u + k] += dv[k] * after;
        }
      }
    });
  }
  return hidden.map((h, q) => {
    const { co } = acc[q];
    const u = h.units;
    const r = new Float64Array(u * u);
    for (let j = 0; j < u; j++) {
      for (let k = j; k < u; k++) {
        const vj = co[j * u + j];
        const vk = co[k * u + k];
        // a variance below ~1e-24 of the scale is a constant unit
        const v = vj > 1e-24 && vk > 1e-24 ? Math.max(-1, Math.min(1, co[j * u + k] / Math.sqrt(vj * vk))) : NaN;
        r[j * u + k] = v;
        r[k * u + j] = v;
      }
    }
    return { layer: h.layer, units: u, r, samples: acc[q].n };
  });
}
