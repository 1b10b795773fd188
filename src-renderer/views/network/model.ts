/**
 * What the network view draws, computed apart from the drawing: unit
 * positions, the edges with their weight, gradient and last change, scales
 * for thickness (|w|) and colour (sign), and the choice between the full SVG
 * graph and the aggregate canvas drawing of large nets.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import type { NetworkSpec, ParamRef, ParamsJSON } from '../../../src-core/types';
import type { StepDetail } from '../../../src-core/train/types';
import { fanIn, paramsFromJSON } from '../../../src-core/net/params';
import { forward, makeWorkspace } from '../../../src-core/net/network';
import { readParam } from '../../../src-core/derivation/names';

export const POS = '#2563eb';
export const NEG = '#dc4a26';

export interface UnitPos {
  l: number; // −1: inputs
  j: number;
  x: number;
  y: number;
}

export interface Edge {
  ref: ParamRef & { kind: 'weight' };
  w: number;
  grad: number | null;
  change: number | null;
  x1: number; y1: number; x2: number; y2: number;
}

/**
 * Nets with more edges, inputs or units in a layer than this are drawn in
 * aggregate on a canvas (LargeNet): 64 circles of a 2-64-1 net with their
 * numbers do not fit a column of the graph.
 */
export const MAX_SVG_EDGES = 600;
export const MAX_SVG_INPUTS = 32;
export const MAX_SVG_UNITS = 16;

export function isLarge(spec: NetworkSpec): boolean {
  let edges = 0;
  spec.layers.forEach((_, l) => (edges += spec.layers[l].units * fanIn(spec, l)));
  return edges > MAX_SVG_EDGES || spec.inputs > MAX_SVG_INPUTS || spec.layers.some((l) => l.units > MAX_SVG_UNITS);
}

/** Column x for layer l (−1 = inputs) and row y for unit j of a layer with n units. */
export function layout(spec: NetworkSpec, width: number, height: number, pad = 46): { units: UnitPos[][]; x: (l: number) => number } {
  const cols = scalePoint<number>().domain(Array.from({ length: spec.layers.length + 1 }, (_, k) => k - 1)).range([pad + 20, width - pad - 20]);
  const counts = [spec.inputs, ...spec.layers.map((l) => l.units)];
  const units = counts.map((n, c) => {
    const rows = scalePoint<number>().domain(Array.from({ length: n }, (_, j) => j)).range([pad, height - pad]).padding(n === 1 ? 0.5 : 0.3);
    return Array.from({ length: n }, (_, j) => ({ l: c - 1, j, x: cols(c - 1)!, y: rows(j)! }));
  });
  return { units, x: (l) => cols(l)! };
}

/** Stroke width from |w|: the largest weight in view gets 9 px, zero gets a hairline. */
export function widthScale(maxAbs: number) {
  return scaleLinear().domain([0, Math.max(maxAbs, 1e-12)]).range([0.6, 9]).clamp(true);
}

export function maxAbsWeight(params: ParamsJSON): number {
  let m = 0;
  for (const Wl of params.weights) for (const row of Wl) for (const w of row) m = Math.max(m, Math.abs(w));
  return m;
}

export function gradOf(step: StepDetail | null, spec: NetworkSpec, ref: ParamRef): number | null {
  if (!step || !step.done.backward) return null;
  return readParam(spec, { W: step.gradW, b: step.gradB }, ref);
}

/** after − before of the last update (null until an update ran). */
export function changeOf(step: StepDetail | null, spec: NetworkSpec, ref: ParamRef): number | null {
  if (!step || !step.after) return null;
  return readParam(spec, step.after, ref) - readParam(spec, step.before, ref);
}

export function edges(spec: NetworkSpec, params: ParamsJSON, pos: UnitPos[][], step: StepDetail | null): Edge[] {
  const out: Edge[] = [];
  spec.layers.forEach((layer, l) => {
    for (let j = 0; j < layer.units; j++) {
      for (let i = 0; i < fanIn(spec, l); i++) {
        const ref = { kind: 'weight' as const, layer: l, j, i };
        const a = pos[l][i];
        const b = pos[l + 1][j];
        out.push({ ref, w: params.weights[l][j][i], grad: gradOf(step, spec, ref), change: changeOf(step, spec, ref), x1: a.x, y1: a.y, x2: b.x, y2: b.y });
      }
    }
  });
  return out;
}

/** ParamsJSON from a flattened history snapshot (W[0] row-major, b[0], W[1], ...). */
export function paramsFromFlat(spec: NetworkSpec, flat: ArrayLike<number>): ParamsJSON {
  let k = 0;
  const weights: number[][][] = [];
  const biases: number[][] = [];
  spec.layers.forEach((layer, l) => {
    const nIn = fanIn(spec, l);
    const rows: number[][] = [];
    for (let j = 0; j < layer.units; j++) {
      const row = new Array<number>(nIn);
      for (let i = 0; i < nIn; i++) row[i] = flat[k++];
      rows.push(row);
    }
    weights.push(rows);
    const b = new Array<number>(layer.bias ? layer.units : 0);
    for (let j = 0; j < b.length; j++) b[j] = flat[k++];
    biases.push(b);
  });
  return { weights, biases };
}

/**
 * One sample through the network with the given parameters: z and a of each
 * layer. After the update phase the step's own z and a are those of the old
 * weights; this gives the values the new weights produce.
 */
export function forwardSample(spec: NetworkSpec, params: ParamsJSON, x: ArrayLike<number>): { z: Float64Array[]; a: Float64Array[] } {
  const ws = makeWorkspace(spec, 1);
  for (let i = 0; i < spec.inputs; i++) ws.x[i] = x[i];
  forward(spec, paramsFromJSON(spec, params), ws);
  return { z: ws.z.map((v) => v.slice()), a: ws.a.map((v) => v.slice()) };
}

/** One sample's values through the network: its inputs x, and z and a of each layer. */
export interface SampleValues {
  x: Float64Array;
  z: Float64Array[];
  a: Float64Array[];
}

/**
 * The timeline's units: row `sample` of the step's batch through the network
 * with the weights of a recorded epoch (`params`), the forward pass the
 * trainer would have made with them. null without a step (no sample to show).
 */
export function replaySample(spec: NetworkSpec, params: ParamsJSON, step: StepDetail | null, sample: number): SampleValues | null {
  if (!step || sample < 0 || sample >= step.x.rows) return null;
  const x = step.x.data.slice(sample * spec.inputs, (sample + 1) * spec.inputs);
  return { x, ...forwardSample(spec, params, x) };
}

/** Do params hold exactly the numbers of a flattened snapshot (paramsFromFlat's order)? */
export function sameAsFlat(params: ParamsJSON, flat: ArrayLike<number>): boolean {
  let k = 0;
  for (let l = 0; l < params.weights.length; l++) {
    for (const row of params.weights[l]) for (const w of row) if (!Object.is(w, flat[k++])) return false;
    for (const b of params.biases[l]) if (!Object.is(b, flat[k++])) return false;
  }
  return k === flat.length;
}
