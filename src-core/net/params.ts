/**
 * Parameters: conversion between the session file's nested arrays
 * (weights[l][j][i], biases[l][j]) and the in-memory Float64Arrays
 * (W[l][j * fanIn + i], b[l][j]), with shape checks that name the place.
 */
import type { NetworkSpec, Params, ParamsJSON, ParamRef } from '../types';

/** Number of inputs feeding layer l (the previous layer's units, or the net's inputs). */
export function fanIn(spec: NetworkSpec, l: number): number {
  return l === 0 ? spec.inputs : spec.layers[l - 1].units;
}

/** Total number of weights and biases. */
export function paramCount(spec: NetworkSpec): number {
  let n = 0;
  for (let l = 0; l < spec.layers.length; l++) {
    const layer = spec.layers[l];
    n += layer.units * fanIn(spec, l) + (layer.bias ? layer.units : 0);
  }
  return n;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Reads parameters given as nested arrays and checks every shape against the
 * network. Throws an Error naming the path, e.g.
 * `weights[1][0]: expected 2 numbers (one per input of layer 1), got 3`.
 */
export function paramsFromJSON(spec: NetworkSpec, json: ParamsJSON): Params {
  if (json === null || typeof json !== 'object') throw new Error('params: expected an object with "weights" and "biases"');
  const { weights, biases } = json;
  const L = spec.layers.length;
  if (!Array.isArray(weights) || weights.length !== L) {
    throw new Error(`weights: expected a list of ${L} layer matrices, got ${Array.isArray(weights) ? weights.length : typeof weights}`);
  }
  if (!Array.isArray(biases) || biases.length !== L) {
    throw new Error(`biases: expected a list of ${L} bias vectors, got ${Array.isArray(biases) ? biases.length : typeof biases}`);
  }
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const units = spec.layers[l].units;
    const nIn = fanIn(spec, l);
    const rows = weights[l];
    if (!Array.isArray(rows) || rows.length !== units) {
      throw new Error(`weights[${l}]: expected ${units} rows (one per unit of layer ${l}), got ${Array.isArray(rows) ? rows.length : typeof rows}`);
    }
    const Wl = new Float64Array(units * nIn);
    for (let j = 0; j < units; j++) {
      const row = rows[j];
      if (!Array.isArray(row) || row.length !== nIn) {
        throw new Error(`weights[${l}][${j}]: expected ${nIn} numbers (one per input of layer ${l}), got ${Array.isArray(row) ? row.length : typeof row}`);
      }
      for (let i = 0; i < nIn; i++) {
        const v = row[i];
        if (!isFiniteNumber(v)) throw new Error(`weights[${l}][${j}][${i}]: expected a finite number, got ${JSON.stringify(v)}`);
        Wl[j * nIn + i] = v;
      }
    }
    W.push(Wl);
    const bl = biases[l];
    const nB = spec.layers[l].bias ? units : 0;
    if (!Array.isArray(bl) || bl.length !== nB) {
      const why = nB === 0 ? `an empty list (layer ${l} has no bias)` : `${nB} numbers (one per unit of layer ${l})`;
      throw new Error(`biases[${l}]: expected ${why}, got ${Array.isArray(bl) ? bl.length : typeof bl}`);
    }
    const bArr = new Float64Array(nB);
    for (let j = 0; j < nB; j++) {
      const v = bl[j];
      if (!isFiniteNumber(v)) throw new Error(`biases[${l}][${j}]: expected a finite number, got ${JSON.stringify(v)}`);
      bArr[j] = v;
    }
    b.push(bArr);
  }
  return { W, b };
}

/** Nested arrays for the session file: weights[l][j][i], biases[l][j] (empty list for a bias-free layer). */
export function paramsToJSON(spec: NetworkSpec, p: Params): ParamsJSON {
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l < spec.layers.length; l++) {
    const units = spec.layers[l].units;
    const nIn = fanIn(spec, l);
    const rows: number[][] = [];
    for (let j = 0; j < units; j++) rows.push(Array.from(p.W[l].subarray(j * nIn, (j + 1) * nIn)));
    weights.push(rows);
    biases.push(Array.from(p.b[l]));
  }
  return { weights, biases };
}

export function cloneParams(p: Params): Params {
  return { W: p.W.map((w) => w.slice()), b: p.b.map((v) => v.slice()) };
}

/** Copies src into dst (same shapes), without allocating. */
export function copyParamsInto(dst: Params, src: Params): void {
  for (let l = 0; l < src.W.length; l++) {
    dst.W[l].set(src.W[l]);
    dst.b[l].set(src.b[l]);
  }
}

/** "W[1][0][2]" (layer 1, unit 0, input 2) or "b[0][1]". */
export function paramName(ref: ParamRef): string {
  return ref.kind === 'weight' ? `W[${ref.layer}][${ref.j}][${ref.i}]` : `b[${ref.layer}][${ref.j}]`;
}

/** Checks that ref names an existing parameter; returns an error message or null. */
export function checkParamRef(spec: NetworkSpec, ref: ParamRef): string | null {
  const { layer, j } = ref;
  if (!Number.isInteger(layer) || layer < 0 || layer >= spec.layers.length) {
    return `${paramName(ref)}: layer ${layer} does not exist (the network has layers 0..${spec.layers.length - 1})`;
  }
  const units = spec.layers[layer].units;
  if (!Number.isInteger(j) || j < 0 || j >= units) return `${paramName(ref)}: unit ${j} does not exist (layer ${layer} has units 0..${units - 1})`;
  if (ref.kind === 'weight') {
    const nIn = fanIn(spec, layer);
    if (!Number.isInteger(ref.i) || ref.i < 0 || ref.i >= nIn) return `${paramName(ref)}: input ${ref.i} does not exist (layer ${layer} has inputs 0..${nIn - 1})`;
  } else if (!spec.layers[layer].bias) {
    return `${paramName(ref)}: layer ${layer} has no bias`;
  }
  return null;
}

/**
 * Flattened position of each parameter in the order W[0], b[0], W[1], b[1], ...
 * (weights row-major by unit), written into out from `at` on. Used for history
 * snapshots and optimizer state.
 */
export function flattenParams(p: Params, out: Float64Array, at = 0): void {
  let k = at;
  for (let l = 0; l < p.W.length; l++) {
    k = put(out, p.W[l], k);
    k = put(out, p.b[l], k);
  }
}

/** src into out from k on; returns the index after it. A small net's arrays by a loop (set is a call each: most of report 004's flattening). */
function put(out: Float64Array, src: Float64Array, k: number): number {
  const n = src.length;
  if (n <= 64) for (let i = 0; i < n; i++) out[k + i] = src[i];
  else out.set(src, k);
  return k + n;
}

export function unflattenParams(flat: ArrayLike<number>, into: Params): void {
  let k = 0;
  for (let l = 0; l < into.W.length; l++) {
    const W = into.W[l];
    for (let q = 0; q < W.length; q++) W[q] = flat[k++];
    const b = into.b[l];
    for (let q = 0; q < b.length; q++) b[q] = flat[k++];
  }
}
