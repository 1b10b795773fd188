/**
 * The inner loop of the zero-skipping kernels (dense.ts) in WebAssembly with
 * 128-bit SIMD: out[j] = Σ_k base[off_k + j] · v_k for j < units, k in order
 * — for the forward pass base = Wᵀ and (off_k, v_k) the nonzero inputs of a
 * sample; for gradW base = delta and (off_k, v_k) the samples whose input i
 * is nonzero. 16 sums run side by side as 8 f64x2 accumulators; each lane is
 * still one running sum over k in increasing order, multiplied then added
 * (no fused multiply-add), so the results are the JS kernels' bits
 * (dense.test.ts checks). 3× the JS kernel's speed (bench/mnist-wasm.mjs).
 *
 * The module is written in WebAssembly text, kernels.wat beside this file,
 * and compiled by the wabt package (scripts/build-wasm.mjs) into
 * kernels-wasm.ts: no byte is written by hand. It is compiled synchronously (small
 * modules may be, also on a browser's main thread) where WebAssembly with
 * SIMD exists — Node, Web Workers, Electron's utility process — and
 * `wasmKernel()` is null elsewhere: the JS kernels then do the work.
 *
 * src-core is typed against ES2022 only, which has no WebAssembly types:
 * the few members used are declared below.
 */

import { exp } from '../math/exp';
import { kernelsModule } from './small';

interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface SumsExports { sums(off: number, vals: number, m: number, base: number, units: number, out: number): void; memory: WasmMemory }

export interface WasmKernel {
  /**
   * `sums(m, units16)`: out[j] = Σ_k base[offsets[k] + j] · vals[k] for
   * j < units16 (a multiple of 16), k < m. `reserve` makes room first; the
   * caller writes base (baseLen numbers) into `base()` and the m offsets and
   * values into `offsets()` and `vals()` (views of the module's memory, new
   * after a reserve that grew it), and reads the results from `out()`.
   */
  reserve(baseLen: number, listLen: number, units: number): void;
  base(): Float64Array;
  offsets(): Int32Array;
  vals(): Float64Array;
  out(): Float64Array;
  sums(m: number, units16: number): void;
}

let kernel: WasmKernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly or its SIMD is missing. */
export function wasmKernel(): WasmKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  const m = kernelsModule();
  if (!m) return null; // no WebAssembly or no SIMD (old engine): the JS kernels do the work
  const { sums, memory } = new m.api.Instance(m.module, { js: { exp } }).exports as unknown as SumsExports;
  // layout (bytes): [base | offsets | vals | out], re-laid out when a call needs more room
  let baseAt = 0, offAt = 0, valsAt = 0, outAt = 0;
  let baseLen = 0, listLen = 0, unitsCap = 0;
  let views: { base: Float64Array; offsets: Int32Array; vals: Float64Array; out: Float64Array } | null = null;
  const view = () => {
    if (!views || views.base.buffer !== memory.buffer) {
      views = {
        base: new Float64Array(memory.buffer, baseAt, baseLen),
        offsets: new Int32Array(memory.buffer, offAt, listLen),
        vals: new Float64Array(memory.buffer, valsAt, listLen),
        out: new Float64Array(memory.buffer, outAt, unitsCap),
      };
    }
    return views;
  };
  kernel = {
    reserve(nBase, nList, units) {
      if (nBase <= baseLen && nList <= listLen && units <= unitsCap) return;
      baseLen = Math.max(nBase, baseLen);
      listLen = Math.max(nList, listLen);
      unitsCap = Math.max(units, unitsCap);
      offAt = baseAt + 8 * baseLen;
      valsAt = offAt + 8 * Math.ceil(listLen / 2);
      outAt = valsAt + 8 * listLen;
      const need = outAt + 8 * unitsCap;
      if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
      views = null;
    },
    base: () => view().base,
    offsets: () => view().offsets,
    vals: () => view().vals,
    out: () => view().out,
    sums(m, units16) {
      sums(offAt, valsAt, m, baseAt, units16, outAt);
    },
  };
  return kernel;
}
