/**
 * The rows of the math view's parameter table. Small nets: every parameter
 * (src-core's updateTable). Large nets (an MNIST 784-64-10 has 50 890):
 * the LIMIT/2 largest |gradient| and the selected one, found in one pass over
 * the gradient arrays — building 50 890 row objects and sorting them cost the
 * page 60 ms and more after every step.
 */
import type { NetworkSpec, ParamRef } from '../../../src-core/types';
import type { StepDetail } from '../../../src-core/train/types';
import { paramName, tableRow as row, updateTable, type Names, type TableRow } from '../../../src-core/derivation';
import { fanIn, paramCount } from '../../../src-core/net/params';

export const LIMIT = 120;
export const TOP = 60;

/** The parameters with the `k` largest |gradient|, largest first (ties: layout order). */
export function largestGradients(spec: NetworkSpec, step: StepDetail, k: number): ParamRef[] {
  const best: { g: number; ref: ParamRef }[] = [];
  const consider = (g: number, make: () => ParamRef) => {
    if (best.length === k && !(g > best[k - 1].g)) return;
    let at = best.length;
    while (at > 0 && g > best[at - 1].g) at--;
    best.splice(at, 0, { g, ref: make() });
    if (best.length > k) best.pop();
  };
  spec.layers.forEach((layer, l) => {
    const nIn = fanIn(spec, l);
    const gW = step.gradW[l];
    for (let q = 0; q < gW.length; q++) consider(Math.abs(gW[q]), () => ({ kind: 'weight', layer: l, j: Math.floor(q / nIn), i: q % nIn }));
    if (layer.bias) for (let j = 0; j < layer.units; j++) consider(Math.abs(step.gradB[l][j]), () => ({ kind: 'bias', layer: l, j }));
  });
  return best.map((b) => b.ref);
}

export function tableRows(spec: NetworkSpec, step: StepDetail, names: Names, selected: ParamRef): { rows: TableRow[]; total: number } {
  const total = paramCount(spec);
  if (total <= LIMIT) return { rows: updateTable(spec, step, names), total };
  const refs = step.done.backward ? largestGradients(spec, step, TOP) : [];
  const sel = refs.find((r) => paramName(r) === paramName(selected));
  const rows = (sel ? refs : [selected, ...refs]).map((r) => row(spec, step, names, r));
  return { rows, total };
}
