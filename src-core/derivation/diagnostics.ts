/**
 * Diagnostics on the graph: hidden units that duplicate each other (same
 * incoming weights and bias, same outgoing weights, within a tolerance — they
 * compute the same thing and get the same gradients, so they never separate:
 * report 002's duplicate neurons) and dead ReLU units (z ≤ 0 for every sample
 * of the batch: no gradient reaches their incoming weights).
 */
import type { NetworkSpec, Params } from '../types';
import type { StepDetail } from '../train/types';
import { fanIn } from '../net/params';
import { defaultNames, unitName, type Names } from './names';
import { fmt } from './format';

export interface UnitDiagnostic {
  kind: 'duplicate' | 'dead';
  layer: number;
  unit: number;
  /** duplicate: the other unit(s) of the same layer it duplicates */
  others?: number[];
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
