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
 * The module (~570 bytes) is encoded right here, no toolchain: a few opcodes
 * of the WebAssembly binary format. It is compiled synchronously (small
 * modules may be, also on a browser's main thread) where WebAssembly with
 * SIMD exists — Node, Web Workers, Electron's utility process — and
 * `wasmKernel()` is null elsewhere: the JS kernels then do the work.
 *
 * src-core is typed against ES2022 only, which has no WebAssembly types:
 * the few members used are declared below.
 */

interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { sums(off: number, vals: number, m: number, base: number, units: number, out: number): void; memory: WasmMemory } };
}

// ---- the binary format, as much as needed
const uleb = (n: number): number[] => {
  const o: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    o.push(b);
  } while (n);
  return o;
};
const sleb = (n: number): number[] => {
  const o: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...o, b];
    o.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const simd = (op: number) => [0xfd, ...uleb(op)];
const mem = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];
const [ADD, SHL, GE_S, LOAD_I32, LOAD_F64, BR, BR_IF, END] = [0x6a, 0x74, 0x4e, 0x28, 0x2b, 0x0c, 0x0d, 0x0b];
const [V128_LOAD, V128_STORE, V128_CONST, F64X2_SPLAT, F64X2_ADD, F64X2_MUL] = [0x00, 0x0b, 0x0c, 0x14, 0xf0, 0xf2];
const BLOCK_LOOP = [0x02, 0x40, 0x03, 0x40];

/**
 * sums(off, vals, m, base, units, out), all addresses in bytes:
 *   for (j = 0; j < units; j += 16)            // units: a multiple of 16
 *     acc[0..16) = 0
 *     for (k = 0; k < m; k++) acc += base[off[k] + j .. +16) * vals[k]
 *     out[j .. j+16) = acc
 * off[k] are byte offsets from `base` (i32), vals[k] f64.
 */
function moduleBytes(): Uint8Array {
  const [OFF, VALS, M, BASE, UNITS, OUT, J, K, AT, V, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const b: number[] = [...i32(0), ...set(J), ...BLOCK_LOOP];
  b.push(...get(J), ...get(UNITS), GE_S, BR_IF, 1);
  for (let a = 0; a < 8; a++) b.push(...simd(V128_CONST), ...new Array<number>(16).fill(0), ...set(ACC + a));
  b.push(...i32(0), ...set(K), ...BLOCK_LOOP);
  b.push(...get(K), ...get(M), GE_S, BR_IF, 1);
  // at = base + off[k] + 8j;  v = splat(vals[k])
  b.push(...get(OFF), ...get(K), ...i32(2), SHL, ADD, LOAD_I32, ...mem(2, 0), ...get(BASE), ADD, ...get(J), ...i32(3), SHL, ADD, ...set(AT));
  b.push(...get(VALS), ...get(K), ...i32(3), SHL, ADD, LOAD_F64, ...mem(3, 0), ...simd(F64X2_SPLAT), ...set(V));
  // acc[a] = acc[a] + base[at + 16a] * v   (the JS kernels' "s += w * v")
  for (let a = 0; a < 8; a++) b.push(...get(ACC + a), ...get(AT), ...simd(V128_LOAD), ...mem(3, 16 * a), ...get(V), ...simd(F64X2_MUL), ...simd(F64X2_ADD), ...set(ACC + a));
  b.push(...get(K), ...i32(1), ADD, ...set(K), BR, 0, END, END);
  for (let a = 0; a < 8; a++) b.push(...get(OUT), ...get(J), ...i32(3), SHL, ADD, ...get(ACC + a), ...simd(V128_STORE), ...mem(3, 16 * a));
  b.push(...get(J), ...i32(16), ADD, ...set(J), BR, 0, END, END, END);
  const func = [...vec([[...uleb(3), I32], [...uleb(9), V128]]), ...b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])]])), // type (i32 ×6) → ()
    ...section(3, vec([[0]])), // one function of type 0
    ...section(5, vec([[0x00, ...uleb(1)]])), // memory, 1 page to start
    ...section(7, vec([[...name('sums'), 0x00, 0], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([[...uleb(func.length), ...func]])),
  ]);
}

export interface WasmKernel {
  /**
   * out[j] = Σ_k base[offsets[k] + j] · vals[k] for j < units16 (a multiple
   * of 16), k < m: base (baseLen numbers) is copied in by `setBase`, the
   * lists by `lists()` views; results in `out()`.
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
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return null;
  let exports;
  try {
    exports = new api.Instance(new api.Module(moduleBytes()), {}).exports;
  } catch {
    return null; // no SIMD (old engine): the JS kernels do the work
  }
  const { sums, memory } = exports;
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
