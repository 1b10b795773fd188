import { describe, expect, it } from 'vitest';
import type { Activation, LossKind, NetworkSpec, Params, Reduction } from '../types';
import { exp } from '../math/exp';
import { activate } from './activations';
import { backward, batchLoss, forward, makeGrads, makeWorkspace, type Workspace } from './network';

// The WebAssembly kernels of small layers (small.ts, kernels.wat) must give
// exactly the bits of the JS loops they replace, for every activation, loss,
// shape (odd rows, one-column inputs, no biases) and the edges of the sigmoid's exp.

let seed = 987654321;
function rnd(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}
const fill = (n: number, scale: number) => Float64Array.from({ length: n }, () => rnd() * scale);

/** the index of the first entry whose bits differ (NaN = NaN), −1 when none */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let q = 0; q < a.length; q++) if (!Object.is(a[q], b[q])) return q;
  return -1;
}

function run(spec: NetworkSpec, p: Params, x: Float64Array, y: Float64Array, rows: number, loss: LossKind, reduction: Reduction, wasm: boolean) {
  const ws: Workspace = makeWorkspace(spec, rows, wasm);
  ws.x.set(x);
  ws.y.set(y);
  forward(spec, p, ws);
  const l = batchLoss(spec, loss, reduction, ws);
  const g = makeGrads(p);
  const sq = new Float64Array(spec.layers.length);
  backward(spec, loss, reduction, p, ws, g, sq);
  return { ws, l, g, sq };
}

function compare(spec: NetworkSpec, rows: number, loss: LossKind, reduction: Reduction, scale: number): void {
  const fan = (l: number) => (l === 0 ? spec.inputs : spec.layers[l - 1].units);
  const p: Params = {
    W: spec.layers.map((layer, l) => fill(layer.units * fan(l), scale)),
    b: spec.layers.map((layer) => (layer.bias ? fill(layer.units, scale) : new Float64Array(0))),
  };
  const x = fill(rows * spec.inputs, 4);
  const out = spec.layers[spec.layers.length - 1];
  const y = Float64Array.from({ length: rows * out.units }, () => (loss.endsWith('entropy') ? (rnd() > 0 ? 1 : 0) : rnd()));
  const js = run(spec, p, x, y, rows, loss, reduction, false);
  const wa = run(spec, p, x, y, rows, loss, reduction, true);
  expect(js.ws.small).toBeNull();
  expect(wa.ws.small).not.toBeNull();
  const what = `${JSON.stringify(spec)} rows ${rows} ${loss} ${reduction}`;
  expect(Object.is(js.l, wa.l), what).toBe(true);
  // the batch's sums the history's full-batch entry takes (batchLoss: the module's for one output)
  expect(Object.is(js.ws.lossSum, wa.ws.lossSum), `${what} lossSum`).toBe(true);
  expect(Object.is(js.ws.absSum, wa.ws.absSum), `${what} absSum`).toBe(true);
  expect(firstDiff(js.sq, wa.sq), what).toBe(-1);
  expect(firstDiff(js.ws.sampleLoss.subarray(0, rows), wa.ws.sampleLoss), what).toBe(-1);
  for (let l = 0; l < spec.layers.length; l++) {
    for (const k of ['z', 'a', 'dLda', 'fprime', 'delta'] as const) expect(firstDiff(js.ws[k][l], wa.ws[k][l]), `${what} ${k}[${l}]`).toBe(-1);
    expect(firstDiff(js.g.W[l], wa.g.W[l]), `${what} gW[${l}]`).toBe(-1);
    expect(firstDiff(js.g.b[l], wa.g.b[l]), `${what} gB[${l}]`).toBe(-1);
  }
}

const acts: Activation[] = ['linear', 'relu', 'leaky_relu', 'sigmoid', 'tanh'];

describe('small-layer WebAssembly kernels = the JS loops, bit for bit', () => {
  it('the reports\' shapes: 1-h-1 sigmoid/linear (f1), 3-4-1 sigmoid without biases (XOR), 2-3-1', () => {
    for (const h of [1, 3, 8]) {
      const spec: NetworkSpec = { inputs: 1, layers: [{ units: h, activation: 'sigmoid', bias: true }, { units: 1, activation: 'linear', bias: true }] };
      for (const rows of [1, 2, 7, 1000]) compare(spec, rows, 'half_squared_error', 'mean', 1);
    }
    const xor: NetworkSpec = { inputs: 3, layers: [{ units: 4, activation: 'sigmoid', bias: false }, { units: 1, activation: 'sigmoid', bias: false }] };
    compare(xor, 4, 'half_squared_error', 'sum', 3);
    const hw: NetworkSpec = { inputs: 2, layers: [{ units: 3, activation: 'sigmoid', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] };
    compare(hw, 5, 'squared_error', 'mean', 2);
    // wider layers: the eight-at-a-time sums of gradW, odd widths, softmax
    const wide: NetworkSpec = { inputs: 9, layers: [{ units: 17, activation: 'relu', bias: true }, { units: 10, activation: 'sigmoid', bias: true }, { units: 3, activation: 'softmax', bias: true }] };
    for (const rows of [1, 13, 64]) compare(wide, rows, 'cross_entropy', 'mean', 1);
  });

  it('every hidden and output activation, every loss, odd and even sizes', () => {
    const losses: LossKind[] = ['squared_error', 'half_squared_error', 'binary_cross_entropy', 'cross_entropy'];
    for (const h1 of acts) for (const h2 of acts) for (const o of [...acts, 'softmax'] as Activation[]) {
      const loss = o === 'softmax' ? 'cross_entropy' : o === 'sigmoid' ? losses[Math.floor((rnd() + 0.5) * 3)] : (rnd() > 0 ? 'squared_error' : 'half_squared_error');
      const spec: NetworkSpec = {
        inputs: 1 + Math.floor((rnd() + 0.5) * 5),
        layers: [
          { units: 1 + Math.floor((rnd() + 0.5) * 6), activation: h1, bias: rnd() > -0.3, leak: 0.03 },
          { units: 1 + Math.floor((rnd() + 0.5) * 6), activation: h2, bias: rnd() > -0.3 },
          { units: o === 'softmax' ? 3 : 1 + Math.floor((rnd() + 0.5) * 3), activation: o, bias: true },
        ],
      };
      compare(spec, 1 + Math.floor((rnd() + 0.5) * 9), loss, rnd() > 0 ? 'mean' : 'sum', 1.5);
    }
  });

  it("the sigmoid's edges: large |z| (exp's slow path, below −708), ±0, ±Infinity, NaN", () => {
    const z = Float64Array.of(0, -0, 1e-300, -1e-300, 707.9, -707.9, 708, -708, 708.4, -708.4, 745.1, -745.1, 746, -746, 1e308, -1e308,
      Infinity, -Infinity, NaN, 36.7, -36.7, 0.5, -0.5, 3);
    const many = Float64Array.from({ length: 20001 }, (_, q) => (q < z.length ? z[q] : (rnd() * 1500)));
    const spec: NetworkSpec = { inputs: 1, layers: [{ units: 1, activation: 'sigmoid', bias: false }] };
    const p: Params = { W: [Float64Array.of(1)], b: [new Float64Array(0)] };
    const ws = makeWorkspace(spec, many.length, true);
    expect(ws.small).not.toBeNull();
    ws.x.set(many);
    forward(spec, p, ws);
    const ref = new Float64Array(many.length);
    activate('sigmoid', 0, many, ref, many.length, 1);
    expect(firstDiff(ws.a[0], ref)).toBe(-1);
    expect(exp(-1000)).toBe(0);
  });
});

describe('one-input layers in the module (lanes over samples): signed zeros as the JS loop', () => {
  it('x = ±0 or w = ±0 gives the running sum\'s +0, with and without biases, odd and even rows', () => {
    for (const bias of [false, true]) {
      const spec: NetworkSpec = { inputs: 1, layers: [{ units: 3, activation: 'linear', bias }, { units: 1, activation: 'linear', bias }] };
      const p: Params = { W: [Float64Array.of(-0, -2, 0), Float64Array.of(1, -0, -1)], b: bias ? [Float64Array.of(-0, 0, -0.5), Float64Array.of(-0)] : [new Float64Array(0), new Float64Array(0)] };
      for (const rows of [1, 4, 5]) {
        const x = Float64Array.from({ length: rows }, (_, s) => [0, -0, 1.5, -3, 0][s]);
        const y = new Float64Array(rows);
        const js = run(spec, p, x, y, rows, 'squared_error', 'mean', false);
        const wa = run(spec, p, x, y, rows, 'squared_error', 'mean', true);
        expect(wa.ws.small).not.toBeNull();
        for (let l = 0; l < 2; l++) expect(firstDiff(js.ws.z[l], wa.ws.z[l]), `bias ${bias} rows ${rows} z[${l}]`).toBe(-1);
        expect(Object.is(js.ws.z[0][0], 0)).toBe(true);
      }
    }
  });
});
