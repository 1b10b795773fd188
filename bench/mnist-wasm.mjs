/**
 * Feasibility measurement, not used by the engine: the zero-skipping forward
 * kernel of src-core/net/dense.ts (denseForwardSparse, the largest share of an
 * MNIST epoch) in WebAssembly with 128-bit SIMD (f64x2: 16 outputs of a row
 * at once, 8 accumulators): the engine's src-core/net/kernels.wat, compiled
 * here with wabt. Same sums in the same order, no fused multiply-add, so
 * the result must be bit-identical to the JS kernel (checked). Prints CPU µs
 * per call for 32 real digits × 784 → 64 units, with and without the per-row
 * scan and W transposition that stay in JS.   node bench/mnist-wasm.mjs
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { kernelsText } from '../scripts/build-wasm.mjs';
// the engine's module: src-core/net/kernels.wat, compiled here by wabt as scripts/build-wasm.mjs does
const wabt = await wabtInit();
const wat = wabt.parseWat('kernels.wat', kernelsText(), { simd: true });
// the module imports exp (the sigmoid's rare lanes); sums never calls it
const { instance } = await WebAssembly.instantiate(wat.toBinary({}).buffer, { js: { exp: Math.exp } });
const { sums: row, memory } = instance.exports;
memory.grow(63); // 64 pages, as this bench's layout needs
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
console.log('module bytes', wat.toBinary({}).buffer.length);
