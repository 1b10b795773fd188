/**
 * The zero-skipping kernels (dense.ts) in WebAssembly with 128-bit SIMD, a
 * whole pass per call (`sparse_sums` in kernels.wat): for each sample (the
 * forward pass) or each input (gradW) it lists the nonzero entries of x and
 * sums base[off_k + j] · v_k over them, k in order — base = Wᵀ and the
 * nonzero inputs of a sample, or base = delta and the samples whose input i
 * is nonzero. 16 sums run side by side as 8 f64x2 accumulators; each lane is
 * still one running sum over k in increasing order, multiplied then added
 * (no fused multiply-add), so the results are the JS kernels' bits
 * (dense.test.ts checks).
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
interface SumsExports {
  sparse_sums(x: number, nOuter: number, nInner: number, xOuter: number, xInner: number, base: number, units: number, off: number, vals: number, out: number, post: number, pv: number, pb: number, keep: number): void;
  memory: WasmMemory;
}

export interface WasmKernel {
  /**
   * Room for a pass: `base` (baseLen numbers), `x` (xLen), the lists
   * (listLen entries) and `out` (outLen). The caller writes base and x into
   * the views `base()` and `x()` (new after a reserve that grew the memory),
   * runs a pass and reads `out()`.
   */
  reserve(baseLen: number, xLen: number, listLen: number, outLen: number): void;
  base(): Float64Array;
  x(): Float64Array;
  out(): Float64Array;
  /**
   * The forward pass's sums, x rows × nIn, base = Wᵀ (nIn × units):
   * out[s][j] = Σ over the i with x[s][i] ≠ 0, in order, of Wᵀ[i][j] · x[s][i].
   */
  rowSums(rows: number, nIn: number, units: number): void;
  /**
   * gradW's sums, x rows × nIn, base = delta (rows × units):
   * out[i][j] = Σ over the s with x[s][i] ≠ 0, in order, of delta[s][j] · x[s][i] (gWᵀ).
   */
  colSums(rows: number, nIn: number, units: number): void;
}

let kernel: WasmKernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly or its SIMD is missing. */
export function wasmKernel(): WasmKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  const m = kernelsModule();
  if (!m) return null; // no WebAssembly or no SIMD (old engine): the JS kernels do the work
  const { sparse_sums: pass, memory } = new m.api.Instance(m.module, { js: { exp } }).exports as unknown as SumsExports;
  // layout (bytes): [base | x | offsets | vals | out], laid out anew when a pass needs more room
  const cap = { base: 0, x: 0, list: 0, out: 0 };
  let xAt = 0, offAt = 0, valsAt = 0, outAt = 0;
  let views: { base: Float64Array; x: Float64Array; out: Float64Array } | null = null;
  const view = () => {
    if (!views || views.base.buffer !== memory.buffer) {
      views = {
        base: new Float64Array(memory.buffer, 0, cap.base),
        x: new Float64Array(memory.buffer, xAt, cap.x),
        out: new Float64Array(memory.buffer, outAt, cap.out),
      };
    }
    return views;
  };
  kernel = {
    reserve(nBase, nX, nList, nOut) {
      if (nBase <= cap.base && nX <= cap.x && nList <= cap.list && nOut <= cap.out) return;
      cap.base = Math.max(nBase, cap.base);
      cap.x = Math.max(nX, cap.x);
      cap.list = Math.max(nList, cap.list);
      cap.out = Math.max(nOut, cap.out);
      xAt = 8 * cap.base;
      offAt = xAt + 8 * cap.x;
      valsAt = offAt + 8 * Math.ceil(cap.list / 2);
      outAt = valsAt + 8 * cap.list;
      const need = outAt + 8 * cap.out;
      if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
      views = null;
    },
    base: () => view().base,
    x: () => view().x,
    out: () => view().out,
    rowSums(rows, nIn, units) {
      pass(xAt, rows, nIn, 8 * nIn, 8, 0, units, offAt, valsAt, outAt, 0, 0, 0, 0);
    },
    colSums(rows, nIn, units) {
      pass(xAt, nIn, rows, 8, 8 * nIn, 0, units, offAt, valsAt, outAt, 0, 0, 0, 0);
    },
  };
  return kernel;
}
