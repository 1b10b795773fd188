/**
 * Diagnostics on the graph: hidden units that duplicate each other (same
 * incoming weights and bias, same outgoing weights, within a tolerance — they
 * compute the same thing and get the same gradients, so they never separate),
 * near-duplicates (activations over the training set correlated with
 * |r| ≥ SIMILAR_R: they carry the same information, report 002's duplicate
 * neurons; src-core/metrics/similarity.ts) and dead ReLU units (z ≤ 0 for
 * every sample of the batch: no gradient reaches their incoming weights).
 */
import type { NetworkSpec, Params } from '../types';
import type { StepDetail } from '../train/types';
import { fanIn } from '../net/params';
import { defaultNames, unitName, type Names } from './names';
import { fmt } from './format';
import type { LayerCorrelation } from '../metrics/similarity';

export interface UnitDiagnostic {
  kind: 'duplicate' | 'similar' | 'dead';
  layer: number;
  unit: number;
  /** duplicate, similar: the other unit(s) of the same layer it duplicates */
  others?: number[];
  /** similar: the correlation r with each of `others` */
  measure?: number[];
  message: string;
}

function sameUnit(spec: NetworkSpec, p: Params, l: number, j: number, k: number, tol: number): boolean {
  const nIn = fanIn(spec, l);
  const close = (a: number, b: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
  for (let i = 0; i < nIn; i++) if (!close(p.W[l][j * nIn + i], p.W[l][k * nIn + i])) return false;
  if (p.b[l].length && !close(p.b[l][j], p.b[l][k])) return false;
  const units = spec.layers[l].units;
  const next = spec.layers[l + 1];
  for (let q = 0; q < next.units; q++) if (!close(p.W[l + 1][q * units + j], p.W[l + 1][q * units + k])) return false;
  return true;
}

/** Groups of identical hidden units, one diagnostic per unit (large layers are skipped: the check is O(units²·fanIn)). */
export function duplicateUnits(spec: NetworkSpec, p: Params, names: Names = defaultNames(spec), tol = 1e-9): UnitDiagnostic[] {
  const out: UnitDiagnostic[] = [];
  for (let l = 0; l < spec.layers.length - 1; l++) {
    const units = spec.layers[l].units;
    if (units * units * (fanIn(spec, l) + spec.layers[l + 1].units) > 5e6) continue;
    const group = new Array<number>(units).fill(-1);
    for (let j = 0; j < units; j++) {
      if (group[j] >= 0) continue;
      for (let k = j + 1; k < units; k++) if (group[k] < 0 && sameUnit(spec, p, l, j, k, tol)) group[k] = group[j] = j;
    }
    for (let j = 0; j < units; j++) {
      if (group[j] < 0) continue;
      const others = Array.from({ length: units }, (_, k) => k).filter((k) => k !== j && group[k] === group[j]);
      const who = others.map((k) => unitName(spec, names, l, k)).join(', ');
      out.push({
        kind: 'duplicate', layer: l, unit: j, others,
        message: `${unitName(spec, names, l, j)} duplicates ${who}: same weights in and out, so they get the same gradients and never become different`,
      });
    }
  }
  return out;
}

/** ReLU units with z ≤ 0 on every sample of the step's batch. */
export function deadUnits(spec: NetworkSpec, step: StepDetail, names: Names = defaultNames(spec)): UnitDiagnostic[] {
  const out: UnitDiagnostic[] = [];
  const n = step.x.rows;
  spec.layers.forEach((layer, l) => {
    if (layer.activation !== 'relu') return;
    const z = step.z[l];
    for (let j = 0; j < layer.units; j++) {
      let max = -Infinity;
      for (let s = 0; s < n; s++) max = Math.max(max, z.data[s * layer.units + j]);
      if (max > 0) continue;
      const over = n === 1 ? `z = ${fmt(max)} ≤ 0` : `z ≤ 0 on all ${n} samples of the batch (largest ${fmt(max)})`;
      out.push({
        kind: 'dead', layer: l, unit: j,
        message: `${unitName(spec, names, l, j)} is a dead ReLU: ${over}, so it outputs 0 and its incoming weights get no gradient`,
      });
    }
  });
  return out;
}

/**
 * Near-duplicates: |r| ≥ 0.9999 between two units' activations over the
 * training set. Why so tight: every hidden unit of a 1-input net is a
 * monotone function of x, so quite different units still correlate at
 * 0.98–0.995 (sigmoid(x) and sigmoid(x/2) on [−5, 5]: r = 0.991); report
 * 002's duplicate neurons after 1000 epochs are at r = 0.999999.
 */
export const SIMILAR_R = 0.9999;

/** One diagnostic per unit with a near-duplicate (exact duplicates are reported by duplicateUnits, not again here). */
export function similarUnits(
  spec: NetworkSpec, correlations: LayerCorrelation[], names: Names = defaultNames(spec), exact: UnitDiagnostic[] = [], threshold = SIMILAR_R,
): UnitDiagnostic[] {
  const out: UnitDiagnostic[] = [];
  for (const c of correlations) {
    if (c.layer >= spec.layers.length - 1 || spec.layers[c.layer].units !== c.units) continue;
    const isExact = (j: number, k: number) => exact.some((d) => d.kind === 'duplicate' && d.layer === c.layer && d.unit === j && d.others?.includes(k));
    for (let j = 0; j < c.units; j++) {
      const others: number[] = [];
      const measure: number[] = [];
      for (let k = 0; k < c.units; k++) {
        const r = c.r[j * c.units + k];
        if (k === j || !(Math.abs(r) >= threshold) || isExact(j, k)) continue;
        others.push(k);
        measure.push(r);
      }
      if (!others.length) continue;
      const who = others.map((k, q) => `${unitName(spec, names, c.layer, k)} (r = ${fmt(measure[q], 6)})`).join(', ');
      out.push({
        kind: 'similar', layer: c.layer, unit: j, others, measure,
        message: `${unitName(spec, names, c.layer, j)} is a near-duplicate of ${who}: their activations over the ${c.samples} training samples `
          + `correlate with |r| ≥ ${threshold}, so one is almost a + b × the other — they carry the same information and the next layer could do with one of them`,
      });
    }
  }
  return out;
}
