/**
 * The dense-layer kernels of src-core/net/dense.ts against the plain loops
 * they replaced, on the MNIST bench's first layer (32 real digits × 784
 * pixels, 64 units) and on a dense random input of the same shape: checks
 * bit-identity and prints CPU time per call. Run: npx tsx bench/mnist-kernels.ts
 */
import { installNodeDigits } from '../src-node/mnist-digits';
import { buildData } from '../src-core/data';
import { createRngStreams } from '../src-core/random';
import { denseBackward, denseForward, denseForwardSparse, denseGradW, denseGradWSparse } from '../src-core/net/dense';
import { cpuMs } from './lib/timing';

const rows = 32, nIn = 784, units = 64;

function plainForward(a: Float64Array, W: Float64Array, b: Float64Array, z: Float64Array): void {
  for (let s = 0; s < rows; s++) for (let j = 0; j < units; j++) {
    let sum = 0;
    for (let i = 0; i < nIn; i++) sum += W[j * nIn + i] * a[s * nIn + i];
    z[s * units + j] = sum + b[j];
  }
}
function plainGradW(d: Float64Array, a: Float64Array, gW: Float64Array): void {
  for (let j = 0; j < units; j++) for (let i = 0; i < nIn; i++) {
    let sum = 0;
    for (let s = 0; s < rows; s++) sum += d[s * units + j] * a[s * nIn + i];
    gW[j * nIn + i] = sum;
  }
}
function plainBackward(d: Float64Array, W: Float64Array, out: Float64Array): void {
  for (let s = 0; s < rows; s++) for (let i = 0; i < nIn; i++) {
    let sum = 0;
    for (let j = 0; j < units; j++) sum += d[s * units + j] * W[j * nIn + i];
    out[s * nIn + i] = sum;
  }
}

function time(name: string, f: () => void, reps = 300): number {
  for (let k = 0; k < 50; k++) f();
  const t: number[] = [];
  for (let r = 0; r < 5; r++) {
    const c0 = cpuMs();
    for (let k = 0; k < reps; k++) f();
    t.push((cpuMs() - c0) / reps);
  }
  t.sort((x, y) => x - y);
  console.log(`${name.padEnd(28)} ${(t[2] * 1000).toFixed(0).padStart(6)} µs/call`);
  return t[2];
}

function same(x: Float64Array, y: Float64Array, what: string): void {
  for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) throw new Error(`${what}: differs at ${k}: ${x[k]} vs ${y[k]}`);
}

installNodeDigits();
const net = { inputs: 784, layers: [{ units, activation: 'relu' as const, bias: true }, { units: 10, activation: 'softmax' as const, bias: true }] };
const digits = buildData({ kind: 'mnist', n_train: rows, n_test: 0 }, net, createRngStreams('seedrandom', 3)).train.x.data;
let seed = 1;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
const W = Float64Array.from({ length: units * nIn }, rnd);
const b = Float64Array.from({ length: units }, rnd);
const d = Float64Array.from({ length: rows * units }, rnd);
const nz = new Int32Array(rows * nIn + nIn + 1);
const vals = new Float64Array(rows * nIn);
const wT = new Float64Array(units * nIn);
for (const [label, a] of [['MNIST digits', digits], ['dense random', Float64Array.from({ length: rows * nIn }, rnd)]] as const) {
  let zeros = 0;
  for (const v of a) if (v === 0) zeros++;
  console.log(`\n${label}: ${rows}×${nIn} input (${((100 * zeros) / a.length).toFixed(0)} % zeros), ${units} units`);
  const z1 = new Float64Array(rows * units), z2 = z1.slice(), z3 = z1.slice();
  const g1 = new Float64Array(units * nIn), g2 = g1.slice(), g3 = g1.slice();
  const e1 = new Float64Array(rows * nIn), e2 = e1.slice();
  const noB = new Float64Array(0);
  time('forward plain', () => plainForward(a, W, b, z1));
  time('forward tiled 4×2', () => denseForward(a, W, b, z2, rows, nIn, units));
  time('forward sparse', () => denseForwardSparse(a, W, b, z3, rows, nIn, units, nz, wT, vals));
  same(z1, z2, 'forward tiled');
  same(z1, z3, 'forward sparse');
  time('gradW plain', () => plainGradW(d, a, g1));
  time('gradW tiled 2×4', () => denseGradW(d, a, g2, noB, rows, nIn, units));
  time('gradW sparse', () => denseGradWSparse(d, a, g3, noB, rows, nIn, units, nz, vals));
  same(g1, g2, 'gradW tiled');
  same(g1, g3, 'gradW sparse');
  time('dLda plain', () => plainBackward(d, W, e1), 100);
  time('dLda tiled 2×4', () => denseBackward(d, W, e2, rows, nIn, units), 100);
  same(e1, e2, 'dLda tiled');
  console.log('all bit-identical to the plain loops');
}
