import { describe, expect, it } from 'vitest';
import { denseBackward, denseForward, denseForwardSparse, denseForwardSparseWasm, denseGradW, denseGradWSparse, denseGradWSparseWasm } from './dense';
import { wasmKernel } from './dense-wasm';

// The tiled and zero-skipping kernels must give exactly the bits of the plain
// loops they replaced (one running sum per output, index in order), for every
// shape, including the edges that do not fill a 4 × 2 / 2 × 4 / 8-wide tile.

let seed = 12345;
function rnd(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}
/** values with a given share of exact zeros (some of them −0) */
function filled(n: number, zeros = 0): Float64Array {
  return Float64Array.from({ length: n }, () => (Math.abs(rnd()) < zeros / 2 ? (rnd() < 0 ? -0 : 0) : rnd() * 3));
}

function plainForward(a: Float64Array, W: Float64Array, b: Float64Array, rows: number, nIn: number, units: number): Float64Array {
  const z = new Float64Array(rows * units);
  for (let s = 0; s < rows; s++) for (let j = 0; j < units; j++) {
    let sum = 0;
    for (let i = 0; i < nIn; i++) sum += W[j * nIn + i] * a[s * nIn + i];
    z[s * units + j] = b.length > 0 ? sum + b[j] : sum;
  }
  return z;
}
function plainGradW(d: Float64Array, a: Float64Array, rows: number, nIn: number, units: number): { gW: Float64Array; gB: Float64Array } {
  const gW = new Float64Array(units * nIn);
  const gB = new Float64Array(units);
  for (let j = 0; j < units; j++) {
    for (let i = 0; i < nIn; i++) {
      let sum = 0;
      for (let s = 0; s < rows; s++) sum += d[s * units + j] * a[s * nIn + i];
      gW[j * nIn + i] = sum;
    }
    let sum = 0;
    for (let s = 0; s < rows; s++) sum += d[s * units + j];
    gB[j] = sum;
  }
  return { gW, gB };
}
function plainBackward(d: Float64Array, W: Float64Array, rows: number, nIn: number, units: number): Float64Array {
  const out = new Float64Array(rows * nIn);
  for (let s = 0; s < rows; s++) for (let i = 0; i < nIn; i++) {
    let sum = 0;
    for (let j = 0; j < units; j++) sum += d[s * units + j] * W[j * nIn + i];
    out[s * nIn + i] = sum;
  }
  return out;
}

/** index of the first entry whose bits differ (Object.is: −0 ≠ +0), or -1 */
function firstDiff(x: Float64Array, y: Float64Array): number {
  for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) return k;
  return x.length === y.length ? -1 : x.length;
}

const shapes: [number, number, number][] = [
  [1, 1, 1], [3, 5, 3], [4, 4, 2], [5, 7, 9], [32, 784, 64], [7, 33, 10], [9, 8, 17], [32, 64, 10], [6, 50, 33], [1, 784, 16],
];

describe('dense kernels: bit-identical to the plain loops', () => {
  it('the WebAssembly SIMD kernel is available in Node (so the checks below exercise it)', () => {
    expect(wasmKernel()).not.toBeNull();
  });

  for (const [rows, nIn, units] of shapes) {
    for (const zeros of [0, 0.8]) {
      it(`${rows} rows × ${nIn} in → ${units} units, ${zeros * 100} % zero inputs`, () => {
        const a = filled(rows * nIn, zeros);
        const W = filled(units * nIn);
        const b = filled(units);
        const d = filled(rows * units, 0.2);
        const none = new Float64Array(0);
        for (const bias of [b, none]) {
          const z = new Float64Array(rows * units);
          denseForward(a, W, bias, z, rows, nIn, units);
          expect(firstDiff(z, plainForward(a, W, bias, rows, nIn, units))).toBe(-1);
          const zs = new Float64Array(rows * units);
          denseForwardSparse(a, W, bias, zs, rows, nIn, units, new Int32Array(nIn), new Float64Array(units * nIn), new Float64Array(nIn));
          expect(firstDiff(zs, plainForward(a, W, bias, rows, nIn, units))).toBe(-1);
        }
        const ref = plainGradW(d, a, rows, nIn, units);
        const gW = new Float64Array(units * nIn).fill(NaN);
        const gB = new Float64Array(units);
        denseGradW(d, a, gW, gB, rows, nIn, units);
        expect(firstDiff(gW, ref.gW)).toBe(-1);
        expect(firstDiff(gB, ref.gB)).toBe(-1);
        const gWs = new Float64Array(units * nIn).fill(NaN);
        const gBs = new Float64Array(units);
        denseGradWSparse(d, a, gWs, gBs, rows, nIn, units, new Int32Array(rows * nIn + nIn + 1), new Float64Array(rows * nIn));
        expect(firstDiff(gWs, ref.gW)).toBe(-1);
        expect(firstDiff(gBs, ref.gB)).toBe(-1);
        const k = wasmKernel()!;
        for (const bias of [b, none]) {
          const zw = new Float64Array(rows * units).fill(NaN);
          denseForwardSparseWasm(k, a, W, bias, zw, rows, nIn, units);
          expect(firstDiff(zw, plainForward(a, W, bias, rows, nIn, units))).toBe(-1);
        }
        const gWw = new Float64Array(units * nIn).fill(NaN);
        const gBw = new Float64Array(units);
        denseGradWSparseWasm(k, d, a, gWw, gBw, rows, nIn, units);
        expect(firstDiff(gWw, ref.gW)).toBe(-1);
        expect(firstDiff(gBw, ref.gB)).toBe(-1);
        const e = new Float64Array(rows * nIn).fill(NaN);
        denseBackward(d, W, e, rows, nIn, units);
        expect(firstDiff(e, plainBackward(d, W, rows, nIn, units))).toBe(-1);
      });
    }
  }

  it('computes the products themselves (2 × 3 by hand)', () => {
    // a = [[1, 2, 0], [0, -1, 3]], W = [[1, 0, 2], [-1, 1, 1]], b = [0.5, -2]
    const a = Float64Array.of(1, 2, 0, 0, -1, 3);
    const W = Float64Array.of(1, 0, 2, -1, 1, 1);
    const b = Float64Array.of(0.5, -2);
    const z = new Float64Array(4);
    denseForward(a, W, b, z, 2, 3, 2);
    expect(Array.from(z)).toEqual([1 + 0.5, -1 + 2 - 2, 6 + 0.5, -1 + 3 - 2]);
    const zs = new Float64Array(4);
    denseForwardSparse(a, W, b, zs, 2, 3, 2, new Int32Array(3), new Float64Array(6), new Float64Array(3));
    expect(Array.from(zs)).toEqual(Array.from(z));
    // delta = [[1, 2], [3, -1]]: gW[j][i] = Σ_s delta[s][j] a[s][i]; dLda = delta W
    const d = Float64Array.of(1, 2, 3, -1);
    const gW = new Float64Array(6);
    const gB = new Float64Array(2);
    denseGradWSparse(d, a, gW, gB, 2, 3, 2, new Int32Array(10), new Float64Array(6));
    expect(Array.from(gW)).toEqual([1, 2 - 3, 9, 2, 4 + 1, -3]);
    expect(Array.from(gB)).toEqual([4, 1]);
    const e = new Float64Array(6);
    denseBackward(d, W, e, 2, 3, 2);
    expect(Array.from(e)).toEqual([1 - 2, 2, 2 + 2, 3 + 1, -1, 6 - 1]);
  });
});

describe('network.ts with the kernels: a 784-64-10 net on mostly-zero inputs', () => {
  it('first-layer z and gradW are the plain loops\' bits (the zero-skipping WebAssembly path is taken)', async () => {
    const { backward, forward, makeGrads, makeWorkspace } = await import('./network');
    const spec = { inputs: 784, layers: [{ units: 64, activation: 'relu' as const, bias: true }, { units: 10, activation: 'softmax' as const, bias: true }] };
    const rows = 32;
    const p = { W: [filled(64 * 784), filled(10 * 64)], b: [filled(64), filled(10)] };
    const ws = makeWorkspace(spec, rows);
    ws.x.set(filled(rows * 784, 0.8).map(Math.abs));
    for (let s = 0; s < rows; s++) ws.y[s * 10 + (s % 10)] = 1;
    const g = makeGrads(p);
    forward(spec, p, ws);
    expect(ws.xSparse).toBe(true);
    expect(firstDiff(ws.z[0], plainForward(ws.x, p.W[0], p.b[0], rows, 784, 64))).toBe(-1);
    backward(spec, 'cross_entropy', 'sum', p, ws, g);
    const ref = plainGradW(ws.delta[0], ws.x, rows, 784, 64);
    expect(firstDiff(g.W[0], ref.gW)).toBe(-1);
    expect(firstDiff(g.b[0], ref.gB)).toBe(-1);
    // layer 1 (64 → 10, tiled) and dLda[0] = delta[1] W[1]
    expect(firstDiff(ws.z[1], plainForward(ws.a[0], p.W[1], p.b[1], rows, 64, 10))).toBe(-1);
    expect(firstDiff(ws.dLda[0], plainBackward(ws.delta[1], p.W[1], rows, 64, 10))).toBe(-1);
  });
});
