/**
 * How units and parameters are named on screen and in the export. The file
 * and the table use the layout contract's 0-based W[l][j][i]; the typeset math
 * uses the blackboard's 1-based indices: layer l is (l+1), unit j is j+1, so
 * W[0][0][1] is w^{(1)}_{1,2}, "the weight into unit 1 of layer 1 from input 2".
 */
import type { NetworkSpec, ParamRef } from '../types';
import { fanIn, paramName } from '../net/params';

export { paramName };

export interface Names {
  /** input names (data's column names, default x1, x2, ...) */
  inputs: string[];
  /** output names (default y1, ...) */
  outputs: string[];
}

export function defaultNames(spec: NetworkSpec): Names {
  const out = spec.layers[spec.layers.length - 1].units;
  return {
    inputs: Array.from({ length: spec.inputs }, (_, i) => `x${i + 1}`),
    outputs: Array.from({ length: out }, (_, k) => (out === 1 ? 'ŷ' : `ŷ${k + 1}`)),
  };
}

/** Plain-text name of unit j of layer l (l = −1: the inputs): "x2", "h1.3" (hidden layer 1, unit 3), "out", "out2". */
export function unitName(spec: NetworkSpec, names: Names, l: number, j: number): string {
  if (l < 0) return names.inputs[j] ?? `x${j + 1}`;
  const L = spec.layers.length - 1;
  if (l === L) return spec.layers[L].units === 1 ? 'out' : `out${j + 1}`;
  return L === 1 ? `h${j + 1}` : `h${l + 1}.${j + 1}`;
}

/** "x2 → h1" / "bias of h1". */
export function paramLabel(spec: NetworkSpec, names: Names, ref: ParamRef): string {
  const to = unitName(spec, names, ref.layer, ref.j);
  return ref.kind === 'weight' ? `${unitName(spec, names, ref.layer - 1, ref.i)} → ${to}` : `bias of ${to}`;
}

/** LaTeX symbol of a parameter: w^{(1)}_{1,2} or b^{(2)}_{1}. */
export function paramTex(ref: ParamRef): string {
  return ref.kind === 'weight' ? `w^{(${ref.layer + 1})}_{${ref.j + 1},${ref.i + 1}}` : `b^{(${ref.layer + 1})}_{${ref.j + 1}}`;
}

/** LaTeX of a per-unit quantity (z, a, delta) of layer l; l = −1 is the input x_i. */
export function unitTex(sym: 'z' | 'a' | '\\delta', l: number, j: number): string {
  if (l < 0) return `x_{${j + 1}}`;
  return `${sym}^{(${l + 1})}_{${j + 1}}`;
}

/** Every parameter in layout order: W[0] row by row, b[0], W[1], b[1], ... (the history record's order). */
export function allParams(spec: NetworkSpec): ParamRef[] {
  const refs: ParamRef[] = [];
  spec.layers.forEach((layer, l) => {
    const nIn = fanIn(spec, l);
    for (let j = 0; j < layer.units; j++) for (let i = 0; i < nIn; i++) refs.push({ kind: 'weight', layer: l, j, i });
    if (layer.bias) for (let j = 0; j < layer.units; j++) refs.push({ kind: 'bias', layer: l, j });
  });
  return refs;
}

/** Position of a parameter in the flattened order of allParams / ParamRecord. */
export function flatIndex(spec: NetworkSpec, ref: ParamRef): number {
  let k = 0;
  for (let l = 0; l < ref.layer; l++) k += spec.layers[l].units * fanIn(spec, l) + (spec.layers[l].bias ? spec.layers[l].units : 0);
  const nIn = fanIn(spec, ref.layer);
  return ref.kind === 'weight' ? k + ref.j * nIn + ref.i : k + spec.layers[ref.layer].units * nIn + ref.j;
}

/** Reads a parameter's value from Params-like arrays (W[l][j*nIn+i], b[l][j]). */
export function readParam(spec: NetworkSpec, p: { W: ArrayLike<number>[]; b: ArrayLike<number>[] }, ref: ParamRef): number {
  return ref.kind === 'weight' ? p.W[ref.layer][ref.j * fanIn(spec, ref.layer) + ref.i] : p.b[ref.layer][ref.j];
}

/**
 * Whether a step's record belongs to a network of this shape (a view may
 * still hold the step of the network before an edit for a frame or two).
 */
export function stepFits(spec: NetworkSpec, step: { x: { cols: number }; z: { cols: number }[]; gradW: ArrayLike<number>[] }): boolean {
  if (step.x.cols !== spec.inputs || step.z.length !== spec.layers.length) return false;
  return spec.layers.every((l, k) => step.z[k].cols === l.units && step.gradW[k].length === l.units * fanIn(spec, k));
}
