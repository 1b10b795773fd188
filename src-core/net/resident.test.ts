import { describe, expect, it } from 'vitest';
import type { NetworkSpec, Params } from '../types';
import { cloneParams } from './params';
import { backward, forward, makeGrads, makeWorkspace, type Grads } from './network';
import { optimizerStep, ResidentLayer } from './resident';
import { Optimizer } from '../optim/optimizers';

// The first layer kept in the module between batches (resident.ts) must give
// network.ts's bits: the same z, gradients, gradient squares (in W's order),
// updated weights and, written back, before.W[0] and g.W[0] — for the mean
// over 2^k and other batch sizes, the sum, and settles between any phases.

let seed = 777;
function rnd(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}
const filled = (n: number, zeros = 0) => Float64Array.from({ length: n }, () => (Math.abs(rnd()) < zeros / 2 ? 0 : rnd()));
const same = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, k) => Object.is(v, y[k]));
const allSame = (x: Params | Grads, y: Params | Grads) => x.W.every((w, l) => same(w, y.W[l])) && x.b.every((b, l) => same(b, y.b[l]));

function run(rows: number, reduction: 'mean' | 'sum', settleEvery: number, lr: number) {
  const spec: NetworkSpec = { inputs: 200, layers: [{ units: 40, activation: 'relu', bias: true }, { units: 3, activation: 'softmax', bias: true }] };
  const p0: Params = { W: [filled(40 * 200), filled(3 * 40)], b: [filled(40), filled(3)] };
  const xs = Array.from({ length: 6 }, () => filled(rows * 200, 0.8).map(Math.abs));
  // reference: network.ts without the resident layer
  const pA = cloneParams(p0), bA = cloneParams(p0), gA = makeGrads(pA), sqA = new Float64Array(2), wsA = makeWorkspace(spec, rows);
  const optA = new Optimizer({ kind: 'sgd', lr }, pA);
  const pB = cloneParams(p0), bB = cloneParams(p0), gB = makeGrads(pB), sqB = new Float64Array(2), wsB = makeWorkspace(spec, rows);
  const optB = new Optimizer({ kind: 'sgd', lr }, pB);
  const res = ResidentLayer.make(pB, bB, gB, 200, 40, rows);
  expect(res).not.toBeNull();
  if (settleEvery === 2) res!.adopt(wsB); // x gathered straight into the module's memory, as the trainer's batches
  let k = 0;
  for (const x of xs) {
    for (const ws of [wsA, wsB]) {
      ws.x.set(x);
      ws.y.fill(0);
      for (let s = 0; s < rows; s++) ws.y[s * 3 + (s % 3)] = 1;
    }
    forward(spec, pA, wsA);
    forward(spec, pB, wsB, res);
    expect(wsB.xSparse).toBe(true);
    expect(same(wsA.z[0], wsB.z[0]) && same(wsA.a[1], wsB.a[1])).toBe(true);
    if (++k % settleEvery === 0) res!.settle();
    backward(spec, 'cross_entropy', reduction, pA, wsA, gA, sqA);
    backward(spec, 'cross_entropy', reduction, pB, wsB, gB, sqB, res);
    expect(same(sqA, sqB)).toBe(true);
    if (++k % settleEvery === 0) res!.settle();
    const cA = optA.step(pA, gA, bA);
    const cB = optimizerStep(optB, res, pB, gB, bB);
    expect(cB === 0).toBe(cA === 0);
    if (++k % settleEvery === 0) res!.settle();
  }
  res!.settle();
  return { p: allSame(pA, pB), before: allSame(bA, bB), g: allSame(gA, gB), moved: !same(pA.W[0], p0.W[0]) };
}

describe('the resident first layer (resident.ts) = network.ts, bit for bit', () => {
  for (const [rows, reduction, settleEvery] of [[32, 'mean', 1000], [24, 'mean', 1000], [16, 'sum', 1000], [32, 'mean', 2], [13, 'mean', 3]] as const) {
    it(`${rows} rows, ${reduction}, ${settleEvery < 1000 ? `settled every ${settleEvery} phases` : 'settled at the end'}${settleEvery === 2 ? ', x adopted' : ''}`, () => {
      expect(run(rows, reduction, settleEvery, reduction === 'sum' ? 0.01 : 0.5)).toEqual({ p: true, before: true, g: true, moved: true });
    });
  }

  it('a non-finite update is reported as the optimizer reports it', () => {
    expect(() => run(32, 'mean', 1000, 1e308)).not.toThrow();
  });
});

describe('an evaluation through the resident layer (Evaluator.first) = without it', () => {
  it('the same metrics, also after p changes between evaluations', async () => {
    const { Evaluator } = await import('../train/evaluation');
    const spec: NetworkSpec = { inputs: 200, layers: [{ units: 32, activation: 'relu', bias: true }, { units: 3, activation: 'softmax', bias: true }] };
    const n = 1500;
    const x = filled(n * 200, 0.8).map(Math.abs);
    const y = new Float64Array(n * 3);
    for (let s = 0; s < n; s++) y[s * 3 + (s % 3)] = 1;
    const set = { x: { rows: n, cols: 200, data: x }, y: { rows: n, cols: 3, data: y } };
    const opts = { network: spec, loss: 'cross_entropy', reduction: 'mean', data: { train: set, test: set } } as never;
    const p: Params = { W: [filled(32 * 200), filled(3 * 32)], b: [filled(32), filled(3)] };
    const plain = new Evaluator(opts);
    const viaRes = new Evaluator(opts);
    const res = ResidentLayer.make(p, cloneParams(p), makeGrads(p), 200, 32, 32, viaRes.maxChunk);
    expect(res).not.toBeNull();
    viaRes.first = res;
    expect(viaRes.evaluate(p)).toEqual(plain.evaluate(p));
    p.W[0][5] += 0.5; // written after an evaluation: the next one must see it
    const m = plain.evaluate(p);
    expect(viaRes.evaluate(p)).toEqual(m);
    // other parameters than the layer's own go the ordinary way
    const q = cloneParams(p);
    q.W[0][7] -= 1;
    expect(viaRes.evaluate(q)).toEqual(plain.evaluate(q));
    expect(viaRes.evaluate(q)).not.toEqual(m);
  });
});

describe('a trainer with its first layer resident (kept nonzero lists, evaluations without x) = without it', () => {
  it('the same history and parameters, bit for bit: shuffled batches, a shorter last batch, a test set, mean and sum, ReLU, leaky ReLU and the sigmoid', async () => {
    const { Trainer } = await import('../train/trainer');
    const { residentSwitch } = await import('./resident');
    const set = (n: number) => {
      const y = new Float64Array(n * 3);
      for (let s = 0; s < n; s++) y[s * 3 + (s % 3)] = 1;
      return { x: { rows: n, cols: 200, data: filled(n * 200, 0.8).map(Math.abs) }, y: { rows: n, cols: 3, data: y } };
    };
    const data = { train: set(300), test: set(70), inputNames: [], outputNames: [] };
    const p0: Params = { W: [filled(32 * 200), filled(3 * 32)], b: [filled(32), filled(3)] };
    for (const [reduction, act] of [['mean', 'relu'], ['sum', 'relu'], ['mean', 'sigmoid'], ['mean', 'leaky_relu']] as const) {
      const spec: NetworkSpec = { inputs: 200, layers: [{ units: 32, activation: act, bias: true }, { units: 3, activation: 'softmax', bias: true }] };
      const train = (on: boolean) => {
        residentSwitch.on = on;
        let r = 0.25;
        const t = new Trainer({
          network: spec, loss: 'cross_entropy', reduction, optimizer: { kind: 'sgd', lr: reduction === 'sum' ? 0.005 : 0.2 },
          batchSize: 32, shuffle: true, epochs: 4, data, params: cloneParams(p0), shuffleRandom: () => (r = (r * 7.13 + 0.31) % 1),
        });
        t.runEpochs(4, Infinity);
        residentSwitch.on = true;
        const step = t.lastStep!;
        return JSON.stringify({ h: t.history, p: [...t.params.W[0]].map((v) => Object.is(v, -0) ? '-0' : v), e: t.evaluate(), x: [...step.x.data], z: [...step.z[0].data], g: [...step.gradW[0]] });
      };
      const a = train(false);
      expect(train(true)).toBe(a);
    }
  });
});
