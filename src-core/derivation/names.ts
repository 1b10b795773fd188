/**
 * How units and parameters are named on screen and in the export. The file
 * and the table use the layout contract's 0-based W[l][j][i]; the typeset math
 * uses the blackboard's 1-based indices: layer l is (l+1), unit j is j+1, so
 * W[0][0][1] is w^{(1)}_{1,2}, "the weight into unit 1 of layer 1 from input 2".
 */
import type { NetworkSpec, ParamRef } from '../types';
import { checkParamRef, fanIn, paramName } from '../net/params';

export { paramName };

export interface Names {
  /** input names (data's column names, default x1, x2, ...) */
  inputs: string[];
  /** output names (default y1, ...) */
  outputs: string[];
  /**
   * The session's own names for parameters (`param_names`: "W[0][0][0]" → "w1",
   * "b[1][0]" → "bias3"), as a notebook or homework calls them; absent: none.
   */
  params?: Readonly<Record<string, string>>;
}

/** A parameter's own name in the session (`w1`), or undefined when it has none. */
export function ownName(names: Names | undefined, ref: ParamRef): string | undefined {
  const own = names?.params?.[paramName(ref)];
  return own === undefined || own === '' ? undefined : own;
}

/** What a parameter is called on screen: its own name ("w1") or, without one, its layout name ("W[0][0][0]"). */
export function displayName(ref: ParamRef, names?: Names): string {
  return ownName(names, ref) ?? paramName(ref);
}

/** Its own name with the layout form beside it, "w1 = W[0][0][0]", or the layout name alone. */
export function nameWithLayout(ref: ParamRef, names?: Names): string {
  const own = ownName(names, ref);
  return own === undefined ? paramName(ref) : `${own} = ${paramName(ref)}`;
}

/** "W[1][0][2]", "w[1][0][2]", "b[0][1]" (spaces allowed) → the ParamRef; null when it is not such a name. */
export function parseParamName(text: string): ParamRef | null {
  const m = /^\s*([WwBb])\s*\[\s*(\d+)\s*\]\s*\[\s*(\d+)\s*\](?:\s*\[\s*(\d+)\s*\])?\s*$/.exec(text);
  if (!m) return null;
  const [layer, j] = [Number(m[2]), Number(m[3])];
  if (m[1] === 'W' || m[1] === 'w') return m[4] === undefined ? null : { kind: 'weight', layer, j, i: Number(m[4]) };
  return m[4] === undefined ? { kind: 'bias', layer, j } : null;
}

/** A parameter by its layout name (W[0][0][0]) or by the session's own name for it (w1); null for neither. */
export function refOfName(text: string, names?: Names): ParamRef | null {
  const layout = parseParamName(text);
  if (layout) return layout;
  const key = Object.entries(names?.params ?? {}).find(([, own]) => own === text.trim())?.[0];
  return key === undefined ? null : parseParamName(key);
}

/** A name a session may give a parameter: a letter, then letters, digits, "_" or "'" (w1, bias3, w_h1, U'), at most 24. */
export const OWN_NAME = /^[A-Za-z][A-Za-z0-9_']{0,23}$/;

/**
 * Problems of a `param_names` object against the network, each as
 * [key or null, "expected ..."]: a key that is no parameter of it, a name
 * that is not a short identifier, a name given twice.
 */
export function paramNamesProblems(spec: NetworkSpec, names: Readonly<Record<string, string>>): { key: string; expected: string; got: string }[] {
  const out: { key: string; expected: string; got: string }[] = [];
  const seen = new Map<string, string>();
  for (const [key, name] of Object.entries(names)) {
    const ref = parseParamName(key);
    const bad = ref ? checkParamRef(spec, ref) : null;
    if (!ref) out.push({ key, expected: 'a parameter written W[l][j][i] or b[l][j]', got: JSON.stringify(key) });
    else if (bad) out.push({ key, expected: `a parameter of the network (${bad})`, got: JSON.stringify(key) });
    else if (paramName(ref) !== key) out.push({ key, expected: `the parameter written ${paramName(ref)}`, got: JSON.stringify(key) });
    if (!OWN_NAME.test(name)) out.push({ key, expected: "a name of a letter then letters, digits, _ or ' (at most 24), e.g. \"w1\"", got: JSON.stringify(name) });
    else if (seen.has(name)) out.push({ key, expected: `a name no other parameter has (${seen.get(name)} is already ${name})`, got: JSON.stringify(name) });
    else seen.set(name, key);
  }
  return out;
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

/**
 * LaTeX symbol of a parameter: w^{(1)}_{1,2} or b^{(2)}_{1}; with an own name
 * the student's symbol instead: "w1" → w_{1}, "bias3" → \mathrm{bias}_{3}, "U'" → \mathrm{U'}.
 */
export function paramTex(ref: ParamRef, names?: Names): string {
  const own = ownName(names, ref);
  if (own !== undefined) return ownTex(own);
  return ref.kind === 'weight' ? `w^{(${ref.layer + 1})}_{${ref.j + 1},${ref.i + 1}}` : `b^{(${ref.layer + 1})}_{${ref.j + 1}}`;
}

/** LaTeX of an own name (OWN_NAME: letters, digits, _ and ' only, so nothing needs escaping but "_"). */
export function ownTex(own: string): string {
  const m = /^([A-Za-z]+)_?(\d+)$/.exec(own);
  const word = (w: string) => (w.length === 1 ? w : `\\mathrm{${w}}`);
  if (m) return `${word(m[1])}_{${m[2]}}`;
  return `\\mathrm{${own.replace(/_/g, '\\_')}}`;
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

/**
 * The one place a parameter's position is computed. In its layer's array:
 * W[l][j·nIn + i] (row j of the layer's weight matrix, the layout contract)
 * or b[l][j].
 */
export function layerIndex(spec: NetworkSpec, ref: ParamRef): number {
  return ref.kind === 'weight' ? ref.j * fanIn(spec, ref.layer) + ref.i : ref.j;
}

/** Position of a parameter in the flattened order of allParams / ParamRecord: layer by layer, W[l] then b[l]. */
export function flatIndex(spec: NetworkSpec, ref: ParamRef): number {
  let k = 0;
  for (let l = 0; l < ref.layer; l++) k += spec.layers[l].units * fanIn(spec, l) + (spec.layers[l].bias ? spec.layers[l].units : 0);
  const weights = spec.layers[ref.layer].units * fanIn(spec, ref.layer);
  return k + (ref.kind === 'weight' ? 0 : weights) + layerIndex(spec, ref);
}

/** Params-like arrays: the weights, biases, gradients (gradW, gradB) or optimizer state, W[l] and b[l] per layer. */
export interface LayerArrays<T extends ArrayLike<number> = ArrayLike<number>> { W: T[]; b: T[] }

/** Reads a parameter's entry from Params-like arrays (readParam(spec, {W: gradW, b: gradB}, ref) for its gradient). */
export function readParam(spec: NetworkSpec, p: LayerArrays, ref: ParamRef): number {
  return (ref.kind === 'weight' ? p.W : p.b)[ref.layer][layerIndex(spec, ref)];
}

/** Writes a parameter's entry into Params-like arrays. */
export function writeParam(spec: NetworkSpec, p: LayerArrays<{ [k: number]: number; length: number }>, ref: ParamRef, value: number): void {
  (ref.kind === 'weight' ? p.W : p.b)[ref.layer][layerIndex(spec, ref)] = value;
}

/**
 * Whether a step's record belongs to a network of this shape (a view may
 * still hold the step of the network before an edit for a frame or two).
 */
export function stepFits(spec: NetworkSpec, step: { x: { cols: number }; z: { cols: number }[]; gradW: ArrayLike<number>[] }): boolean {
  if (step.x.cols !== spec.inputs || step.z.length !== spec.layers.length) return false;
  return spec.layers.every((l, k) => step.z[k].cols === l.units && step.gradW[k].length === l.units * fanIn(spec, k));
}
