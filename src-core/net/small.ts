/**
 * The dense kernels of small layers in WebAssembly SIMD (kernels.wat's
 * forward, activate, hidden and outer): a workspace's arrays live in the memory of an
 * instance of its own, so the kernels read and write them in place, and each
 * call copies in only the layer's parameters (at most a few thousand numbers)
 * and the gradients out. The (half) squared error of a linear or sigmoid
 * output has its per-sample losses and output delta there too (sqloss, sqback).
 * A whole net's forward pass (every activation the module's) and backward pass
 * (that loss and output) are one call each, net_forward and net_backward
 * (wat/net.wat), from a table of the layers written when the workspace is made.
 *
 * The same bits as network.ts's JS loops (the fallback where WebAssembly or
 * its SIMD is missing, and for the layers these kernels do not cover): every
 * output is one running sum over its index in increasing order, from +0,
 * multiplied then added (no fused multiply-add in WebAssembly); two samples,
 * or two outputs, run side by side in the lanes of an f64x2. The sigmoid is
 * math/exp.ts's exp operation by operation (its table copied into the
 * memory; NaN and arguments ≤ −708 call exp.ts itself). small.test.ts
 * compares both paths bit for bit for every activation and loss.
 *
 * The memory is sized once, when the workspace is made, and never grows, so
 * the Float64Array views stay valid for the workspace's life.
 */
import type { Activation, NetworkSpec } from '../types';
import { exp, T_HI, T_LO } from '../math/exp';
import { KERNELS_WASM } from './kernels-wasm';

interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface SmallExports {
  memory: WasmMemory;
  forward(x: number, WT: number, b: number, z: number, rows: number, nIn: number, units: number, hasBias: number): void;
  activate(z: number, a: number, n: number, act: number, leak: number): void;
  sqloss(a: number, y: number, out: number, rows: number, units: number, half: number, sums: number): void;
  sqback(a: number, y: number, dLda: number, fprime: number, delta: number, n: number, c: number, sigmoid: number): void;
  netForward(table: number, layers: number, rows: number): void;
  netBackward(table: number, layers: number, rows: number, y: number, c: number, sigmoid: number, one: number): void;
  hidden(dn: number, Wn: number, z: number, a: number, dLda: number, fprime: number, delta: number, rows: number, units: number, nNext: number, act: number, leak: number): void;
  outer(U: number, V: number, out: number, rows: number, np: number, nq: number, uStride: number, vStride: number, outP: number, outQ: number, outB: number): void;
}
type RunExport = (op: number, p0: number, p1: number, p2: number, p3: number, p4: number, p5: number, p6: number, p7: number, p8: number, p9: number, p10: number, f: number) => void;
interface ModuleExports { memory: WasmMemory; run: RunExport }

/**
 * The small-net kernels, each one call of the module's one export `run`
 * (kernels.wat: Node 20's V8 compiles a wrapper for each export of each
 * instance after ~1 000 calls, ~0.8 ms each; one export has one).
 */
class SmallKernels implements SmallExports {
  constructor(readonly memory: WasmMemory, private readonly run: RunExport) {}
  forward(x: number, WT: number, b: number, z: number, rows: number, nIn: number, units: number, hasBias: number): void {
    this.run(0, x, WT, b, z, rows, nIn, units, hasBias, 0, 0, 0, 0);
  }
  activate(z: number, a: number, n: number, act: number, leak: number): void {
    this.run(1, z, a, n, act, 0, 0, 0, 0, 0, 0, 0, leak);
  }
  hidden(dn: number, Wn: number, z: number, a: number, dLda: number, fprime: number, delta: number, rows: number, units: number, nNext: number, act: number, leak: number): void {
    this.run(2, dn, Wn, z, a, dLda, fprime, delta, rows, units, nNext, act, leak);
  }
  outer(U: number, V: number, out: number, rows: number, np: number, nq: number, uStride: number, vStride: number, outP: number, outQ: number, outB: number): void {
    this.run(3, U, V, out, rows, np, nq, uStride, vStride, outP, outQ, outB, 0);
  }
  sqloss(a: number, y: number, out: number, rows: number, units: number, half: number, sums: number): void {
    this.run(4, a, y, out, rows, units, half, sums, 0, 0, 0, 0, 0);
  }
  sqback(a: number, y: number, dLda: number, fprime: number, delta: number, n: number, c: number, sigmoid: number): void {
    this.run(5, a, y, dLda, fprime, delta, n, sigmoid, 0, 0, 0, 0, c);
  }
  netForward(table: number, layers: number, rows: number): void {
    this.run(6, table, layers, rows, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
  netBackward(table: number, layers: number, rows: number, y: number, c: number, sigmoid: number, one: number): void {
    this.run(7, table, layers, rows, y, sigmoid, one, 0, 0, 0, 0, 0, c);
  }
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: ModuleExports };
}

/** Layers with at least this many weights keep network.ts's tiled / zero-skipping kernels. */
export const SMALL_MAX_WEIGHTS = 4096;
/** bytes 0 .. 1024: exp's table (copied in here); 1024 .. 1232: the kernels' constants (kernels.wat's $constants) */
const TABLES = 1024;
const CONSTANTS_END = 1232;
/** the constant 1 among them: gradB's "row of ones" (stride 0) */
const ONE = 1088;

/** A layer's arrays: byte addresses in the instance's memory and views of them. */
export interface SmallLayer {
  z: number; a: number; dLda: number; fprime: number; delta: number;
  W: number; WT: number; b: number; gW: number; gB: number;
  /** W row-major (hidden's), W transposed (forward's), b, the unreduced gradient sums */
  Wv: Float64Array; WTv: Float64Array; bv: Float64Array; gWv: Float64Array; gBv: Float64Array;
}
export interface SmallWorkspace {
  k: SmallExports;
  one: number;
  x: number; y: number; sampleLoss: number;
  /** sqloss's batch sums for one output (Σℓ, Σ|a − y|): their address and a view */
  sums: number; sumsv: Float64Array;
  layers: SmallLayer[];
  /** the layer table of net_forward and net_backward (wat/net.wat), one LAYER_BYTES record a layer */
  table: number;
  /** every layer's activation is activate's (forwardCode < 5): the whole forward pass is one net_forward */
  wholeForward: boolean;
}

/** wat/net.wat's layer record: 17 i32 fields (addresses in bytes, sizes, codes), then the leak */
const LAYER_FIELDS = ['in', 'z', 'a', 'dLda', 'fprime', 'delta', 'W', 'WT', 'b', 'gW', 'gB', 'nIn', 'units', 'hasBias', 'fcode', 'dcode'] as const;
const LAYER_LEAK = 64;
const LAYER_BYTES = 72;

/** activate's code (kernels.wat); 5: not there, the JS activation does it. */
export function forwardCode(act: Activation): number {
  return act === 'linear' ? 0 : act === 'relu' ? 1 : act === 'leaky_relu' ? 2 : act === 'sigmoid' ? 3 : 5;
}
/** the hidden activations whose f' the module computes (derivativeCode) */
const HIDDEN_IN_WASM: ReadonlySet<string> = new Set(['linear', 'relu', 'leaky_relu', 'sigmoid', 'tanh']);
/** hidden's code for f'(z); softmax is never a hidden layer. */
export function derivativeCode(act: Activation): number {
  return act === 'linear' ? 0 : act === 'relu' ? 1 : act === 'leaky_relu' ? 2 : act === 'sigmoid' ? 3 : 4;
}

let compiled: object | null | undefined;
let api: WasmApi | undefined;

function module(): object | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  try {
    compiled = new api.Module(KERNELS_WASM);
  } catch {
    compiled = null; // no SIMD: the JS loops do the work
  }
  return compiled;
}

/** The WebAssembly module compiled (shared with dense-wasm.ts), or null. */
export function kernelsModule(): { module: object; api: WasmApi } | null {
  const m = module();
  return m && api ? { module: m, api } : null;
}

export interface SmallArrays {
  x: Float64Array; y: Float64Array;
  z: Float64Array[]; a: Float64Array[]; dLda: Float64Array[]; fprime: Float64Array[]; delta: Float64Array[];
  sampleLoss: Float64Array;
}

/**
 * A workspace of `rows` samples in a fresh instance's memory, or null when
 * WebAssembly (with SIMD) is missing or a layer is too large for these kernels.
 */
export function makeSmall(spec: NetworkSpec, rows: number): { ws: SmallWorkspace; arrays: SmallArrays } | null {
  const fan = (l: number) => (l === 0 ? spec.inputs : spec.layers[l - 1].units);
  if (spec.layers.some((layer, l) => layer.units * fan(l) >= SMALL_MAX_WEIGHTS)) return null;
  // hidden layers' f' is the module's (derivativeCode): an activation it does not know (one added to
  // the ACTIVATIONS table later) keeps the whole net on the JS path
  if (spec.layers.some((layer, l) => l < spec.layers.length - 1 && !HIDDEN_IN_WASM.has(layer.activation))) return null;
  const m = kernelsModule();
  if (!m) return null;
  const out = spec.layers[spec.layers.length - 1].units;
  let at = CONSTANTS_END;
  const take = (n: number) => {
    const p = at;
    at += 8 * n;
    return { p, n };
  };
  const x = take(rows * spec.inputs);
  const y = take(rows * out);
  const sampleLoss = take(rows);
  const sums = take(2);
  const table = take((LAYER_BYTES / 8) * spec.layers.length);
  const plan = spec.layers.map((layer, l) => ({
    z: take(rows * layer.units), a: take(rows * layer.units), dLda: take(rows * layer.units),
    fprime: take(rows * layer.units), delta: take(rows * layer.units),
    W: take(layer.units * fan(l)), WT: take(layer.units * fan(l)), b: take(layer.units), gW: take(layer.units * fan(l)), gB: take(layer.units),
  }));
  let inst;
  try {
    inst = new m.api.Instance(m.module, { js: { exp } });
    const need = Math.ceil(at / 65536) - inst.exports.memory.buffer.byteLength / 65536;
    if (need > 0) inst.exports.memory.grow(need);
  } catch {
    return null; // out of memory: the JS arrays
  }
  const k = new SmallKernels(inst.exports.memory, inst.exports.run);
  const buf = k.memory.buffer;
  const view = (r: { p: number; n: number }) => new Float64Array(buf, r.p, r.n);
  const f64 = new Float64Array(buf, 0, TABLES / 8);
  f64.set(T_HI, 0);
  f64.set(T_LO, 64);
  const layers = plan.map((q) => ({
    z: q.z.p, a: q.a.p, dLda: q.dLda.p, fprime: q.fprime.p, delta: q.delta.p, W: q.W.p, WT: q.WT.p, b: q.b.p, gW: q.gW.p, gB: q.gB.p,
    Wv: view(q.W), WTv: view(q.WT), bv: view(q.b), gWv: view(q.gW), gBv: view(q.gB),
  }));
  const i32 = new Int32Array(buf);
  const f64all = new Float64Array(buf);
  spec.layers.forEach((layer, l) => {
    const q = layers[l];
    const fields: Record<(typeof LAYER_FIELDS)[number], number> = {
      in: l === 0 ? x.p : layers[l - 1].a, z: q.z, a: q.a, dLda: q.dLda, fprime: q.fprime, delta: q.delta, W: q.W, WT: q.WT, b: q.b, gW: q.gW, gB: q.gB,
      nIn: fan(l), units: layer.units, hasBias: layer.bias === false ? 0 : 1, fcode: forwardCode(layer.activation), dcode: derivativeCode(layer.activation),
    };
    const at = table.p + l * LAYER_BYTES;
    LAYER_FIELDS.forEach((name, f) => { i32[at / 4 + f] = fields[name]; });
    f64all[(at + LAYER_LEAK) / 8] = layer.leak ?? 0.01;
  });
  const wholeForward = spec.layers.every((layer) => forwardCode(layer.activation) < 5);
  return {
    ws: { k, one: ONE, x: x.p, y: y.p, sampleLoss: sampleLoss.p, sums: sums.p, sumsv: view(sums), layers, table: table.p, wholeForward },
    arrays: {
      x: view(x), y: view(y), sampleLoss: view(sampleLoss),
      z: plan.map((q) => view(q.z)), a: plan.map((q) => view(q.a)), dLda: plan.map((q) => view(q.dLda)),
      fprime: plan.map((q) => view(q.fprime)), delta: plan.map((q) => view(q.delta)),
    },
  };
}
