/**
 * Feasibility measurement, not used by the engine: the zero-skipping forward
 * kernel of src-core/net/dense.ts (denseForwardSparse, the largest share of an
 * MNIST epoch) as hand-encoded WebAssembly with 128-bit SIMD (f64x2: 16
 * outputs of a row at once, 8 accumulators), a 564-byte module built below
 * with no toolchain. Same sums in the same order, no fused multiply-add, so
 * the result must be bit-identical to the JS kernel (checked). Prints CPU µs
 * per call for 32 real digits × 784 → 64 units, with and without the per-row
 * scan and W transposition that stay in JS.   node bench/mnist-wasm.mjs
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const uleb = (n) => { const o = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
const sleb = (n) => { const o = []; for (;;) { const b = n & 0x7f; n >>= 7; if ((n === 0 && !(b & 0x40)) || (n === -1 && (b & 0x40))) { o.push(b); return o; } o.push(b | 0x80); } };
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
const str = (s) => vec([...Buffer.from(s)].map((b) => [b]));
const I32 = 0x7f, V128 = 0x7b;
const get = (i) => [0x20, ...uleb(i)], set = (i) => [0x21, ...uleb(i)];
const i32c = (n) => [0x41, ...sleb(n)];
const simd = (op) => [0xfd, ...uleb(op)];
const memarg = (align, off) => [...uleb(align), ...uleb(off)];
// params: 0 nzPtr, 1 valsPtr, 2 m, 3 wTPtr, 4 units, 5 zPtr ; locals: 6 jb, 7 k, 8 off, 9 v(v128), 10..17 acc
const P = { nz: 0, vals: 1, m: 2, wT: 3, units: 4, z: 5, jb: 6, k: 7, off: 8, v: 9, acc: 10 };
const body = [];
const zero = [...simd(0x0c), ...new Array(16).fill(0)];
body.push(...i32c(0), ...set(P.jb));
body.push(0x02, 0x40, 0x03, 0x40); // block loop (jb)
body.push(...get(P.jb), ...get(P.units), 0x4e, 0x0d, 1); // if jb >= units br 1 (out)
for (let a = 0; a < 8; a++) body.push(...zero, ...set(P.acc + a));
body.push(...i32c(0), ...set(P.k));
body.push(0x02, 0x40, 0x03, 0x40); // block loop (k)
body.push(...get(P.k), ...get(P.m), 0x4e, 0x0d, 1);
// off = nz[k] + wT + jb*8
body.push(...get(P.nz), ...get(P.k), ...i32c(2), 0x74, 0x6a, 0x28, ...memarg(2, 0));
body.push(...get(P.wT), 0x6a, ...get(P.jb), ...i32c(3), 0x74, 0x6a, ...set(P.off));
// v = splat(vals[k])
body.push(...get(P.vals), ...get(P.k), ...i32c(3), 0x74, 0x6a, 0x2b, ...memarg(3, 0), ...simd(0x14), ...set(P.v));
for (let a = 0; a < 8; a++) {
  body.push(...get(P.acc + a), ...get(P.off), ...simd(0x00), ...memarg(3, 16 * a), ...get(P.v), ...simd(0xf2), ...simd(0xf0), ...set(P.acc + a));
}
body.push(...get(P.k), ...i32c(1), 0x6a, ...set(P.k), 0x0c, 0, 0x0b, 0x0b); // k++, br loop, end loop, end block
// store accs to z + jb*8
for (let a = 0; a < 8; a++) body.push(...get(P.z), ...get(P.jb), ...i32c(3), 0x74, 0x6a, ...get(P.acc + a), ...simd(0x0b), ...memarg(3, 16 * a));
body.push(...get(P.jb), ...i32c(16), 0x6a, ...set(P.jb), 0x0c, 0, 0x0b, 0x0b);
body.push(0x0b);
const locals = vec([[...uleb(3), I32], [...uleb(9), V128]]);
const func = [...locals, ...body];
const mod = [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
  ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), ...vec([])]])),
  ...section(3, vec([[0]])),
  ...section(5, vec([[0x00, ...uleb(64)]])),
  ...section(7, vec([[...str('row'), 0x00, 0], [...str('memory'), 0x02, 0]])),
  ...section(10, vec([[...uleb(func.length), ...func]])),
];
const { instance } = await WebAssembly.instantiate(new Uint8Array(mod));
const { row, memory } = instance.exports;
// layout
const units = 64, nIn = 784, rows = 32;
const wTOff = 0, nzOff = units * nIn * 8, valsOff = nzOff + nIn * 4, zOff = valsOff + nIn * 8;
const wT = new Float64Array(memory.buffer, wTOff, units * nIn), nzW = new Int32Array(memory.buffer, nzOff, nIn), valsW = new Float64Array(memory.buffer, valsOff, nIn), zW = new Float64Array(memory.buffer, zOff, units);

const dig = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('mnist/src/digits/3.json'), 'utf8')).data;
const a = Float64Array.from(dig.slice(0, rows * nIn), (v) => Math.round(v * 255) / 255);
const W = Float64Array.from({ length: units * nIn }, () => Math.random() - 0.5);
const zJ = new Float64Array(rows * units), zWa = new Float64Array(rows * units);
const nz = new Int32Array(nIn), vals = new Float64Array(nIn), wTj = new Float64Array(units * nIn);
function js() {
  for (let j = 0; j < units; j++) for (let i = 0, w = j * nIn; i < nIn; i++) wTj[i * units + j] = W[w + i];
  for (let s = 0; s < rows; s++) {
    const r = s * nIn; let m = 0;
    for (let i = 0; i < nIn; i++) { const v = a[r + i]; nz[m] = i * units; vals[m] = v; m += v !== 0 ? 1 : 0; }
    for (let j = 0; j < units; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let k = 0; k < m; k++) { const w = nz[k] + j; const ai = vals[k];
        s0 += wTj[w] * ai; s1 += wTj[w + 1] * ai; s2 += wTj[w + 2] * ai; s3 += wTj[w + 3] * ai; s4 += wTj[w + 4] * ai; s5 += wTj[w + 5] * ai; s6 += wTj[w + 6] * ai; s7 += wTj[w + 7] * ai; }
      const q = s * units + j; zJ[q] = s0; zJ[q + 1] = s1; zJ[q + 2] = s2; zJ[q + 3] = s3; zJ[q + 4] = s4; zJ[q + 5] = s5; zJ[q + 6] = s6; zJ[q + 7] = s7;
    }
  }
}
function wasm() {
  for (let j = 0; j < units; j++) for (let i = 0, w = j * nIn; i < nIn; i++) wT[i * units + j] = W[w + i];
  for (let s = 0; s < rows; s++) {
    const r = s * nIn; let m = 0;
    for (let i = 0; i < nIn; i++) { const v = a[r + i]; nzW[m] = i * units * 8; valsW[m] = v; m += v !== 0 ? 1 : 0; }
    row(nzOff, valsOff, m, wTOff, units, zOff);
    zWa.set(zW, s * units);
  }
}
js(); wasm();
let diff = 0; for (let q = 0; q < zJ.length; q++) if (!Object.is(zJ[q], zWa[q])) diff++;
console.log('differing', diff, 'of', zJ.length);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const [n, f] of [['js', js], ['wasm', wasm], ['js', js], ['wasm', wasm]]) { for (let k = 0; k < 100; k++) f(); const c = cpu(); for (let k = 0; k < 500; k++) f(); console.log(n, ((cpu() - c) * 2).toFixed(0), 'µs/call'); }
// kernel only: lists prepared once (scan + transposition excluded)
const lists = [];
for (let s = 0; s < rows; s++) { const r = s * nIn; const o = [], v = []; for (let i = 0; i < nIn; i++) if (a[r + i] !== 0) { o.push(i); v.push(a[r + i]); } lists.push([Int32Array.from(o), Float64Array.from(v)]); }
function jsK() {
  for (let s = 0; s < rows; s++) { const [o, v] = lists[s]; const m = o.length; for (let k = 0; k < m; k++) { nz[k] = o[k] * units; vals[k] = v[k]; }
    for (let j = 0; j < units; j += 8) { let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let k = 0; k < m; k++) { const w = nz[k] + j; const ai = vals[k]; s0 += wTj[w] * ai; s1 += wTj[w + 1] * ai; s2 += wTj[w + 2] * ai; s3 += wTj[w + 3] * ai; s4 += wTj[w + 4] * ai; s5 += wTj[w + 5] * ai; s6 += wTj[w + 6] * ai; s7 += wTj[w + 7] * ai; }
      const q = s * units + j; zJ[q] = s0; zJ[q + 1] = s1; zJ[q + 2] = s2; zJ[q + 3] = s3; zJ[q + 4] = s4; zJ[q + 5] = s5; zJ[q + 6] = s6; zJ[q + 7] = s7; } } }
function wasmK() {
  for (let s = 0; s < rows; s++) { const [o, v] = lists[s]; const m = o.length; for (let k = 0; k < m; k++) { nzW[k] = o[k] * units * 8; valsW[k] = v[k]; }
    row(nzOff, valsOff, m, wTOff, units, zOff); zWa.set(zW, s * units); } }
for (const [n, f] of [['js kernel', jsK], ['wasm kernel', wasmK], ['js kernel', jsK], ['wasm kernel', wasmK]]) { for (let k = 0; k < 100; k++) f(); const c = cpu(); for (let k = 0; k < 500; k++) f(); console.log(n, ((cpu() - c) * 2).toFixed(0), 'µs/call'); }
console.log('module bytes', mod.length);
