/**
 * The trainer's cheap per-update checks (trainer.ts): finiteness of the
 * gradients from their norm² sums, of the parameters from the optimizer's
 * Σ(w − w), `before` kept by the optimizer's pass, rows gathered by block
 * copies. Each must give exactly what the full scans and copies gave: the
 * first non-finite value named in layout order, the same before/after.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Trainer } from './trainer';
import { allFinite } from './validate';
import { Optimizer } from '../optim/optimizers';
import { paramsFromJSON } from '../net/params';
import { backward, forward, makeGrads, makeWorkspace, squares } from '../net/network';
import { mulberry32, net, options } from './test/helpers';
import type { OptimizerConfig } from '../types';

describe('a non-finite gradient is still named exactly', () => {
  // one linear unit, 2 inputs, mean ½e², y = 0, w = (0, 1e150) or (1e150, 0):
  // z = e = 1e150, loss 5e299 (finite), gradW = e·x: the 1e200 input gives 1e350 = Infinity
  it('gradW[0][0][0] became Infinity (the loss is finite, the backward pass names it)', () => {
    const t = new Trainer(options({
      network: net(2, [[1, 'linear']]), params: { weights: [[[0, 1e150]]], biases: [[0]] },
      x: [[1e200, 1]], y: [[0]], loss: 'half_squared_error',
    }));
    t.stepPhase();
    expect(t.status).not.toBe('diverged');
    expect(t.lastStep!.loss).toBe(0.5 * 1e150 * 1e150);
    t.stepPhase();
    expect(t.divergence).toEqual({ epoch: 0, what: 'gradW[0][0][0]', phase: 'backward', became: 'Infinity', update: 1, batch: 0 });
  });

  it('a later entry: gradW[0][0][1], the finite ones before it are skipped', () => {
    const t = new Trainer(options({
      network: net(2, [[1, 'linear']]), params: { weights: [[[1e150, 0]]], biases: [[0]] },
      x: [[1, 1e200]], y: [[0]], loss: 'half_squared_error',
    }));
    t.stepBatch();
    expect(t.divergence).toEqual({ epoch: 0, what: 'gradW[0][0][1]', phase: 'backward', became: 'Infinity', update: 1, batch: 0 });
    expect(t.params.W[0][0]).toBe(1e150); // no update was made
  });

  it('NaN: e·x summed over two samples is Infinity + (−Infinity)', () => {
    const t = new Trainer(options({
      network: net(2, [[1, 'linear']]), params: { weights: [[[0, 1e150]]], biases: [[0]] },
      x: [[1e200, 1], [-1e200, 1]], y: [[0], [0]], loss: 'half_squared_error',
    }));
    t.stepBatch();
    expect(t.divergence).toEqual({ epoch: 0, what: 'gradW[0][0][0]', phase: 'backward', became: 'NaN', update: 1, batch: 0 });
  });

  it('in the second layer: gradW[1][0][0] of a ReLU net (layer 0 is finite)', () => {
    // a[0] = relu(1e200·1) = 1e200; z1 = 1e-50·1e200 = 1e150; gradW[1] = e·a[0] = Infinity,
    // delta[0] = e·W[1] = 1e100, gradW[0] = delta·x = 1e100 (finite): the layer-1 sum alone is bad
    const t = new Trainer(options({
      network: net(1, [[1, 'relu'], [1, 'linear']]), params: { weights: [[[1e200]], [[1e-50]]], biases: [[0], [0]] },
      x: [[1]], y: [[0]], loss: 'half_squared_error',
    }));
    t.stepBatch();
    expect(t.divergence).toEqual({ epoch: 0, what: 'gradW[1][0][0]', phase: 'backward', became: 'Infinity', update: 1, batch: 0 });
  });
});

describe('a non-finite parameter after the update is still named exactly', () => {
  // lin: one linear unit, y = 2x − 1 on x = 0…4, Σ½e² from w = b = 0: gW = −50, gB = −15
  const lin = (optimizer: OptimizerConfig, w: number, b: number) => options({
    network: net(1, [[1, 'linear']]), params: { weights: [[[w]]], biases: [[b]] },
    x: [[0], [1], [2], [3], [4]], y: [[-1], [1], [3], [5], [7]], loss: 'half_squared_error', reduction: 'sum', optimizer,
  });

  it('b[0][0] when only the bias overflows (the weights are finite, checked first)', () => {
    // x = 0: z = b = 0, e = −1e154, loss Σ½e² = 5e307 (finite); gW = e·x = 0, gB = −1e154;
    // b = 0 − 1e155·(−1e154) = 1e309 = Infinity, W stays 0
    const t = new Trainer(options({
      network: net(2, [[1, 'linear']]), params: { weights: [[[0.5, -0.5]]], biases: [[0]] },
      x: [[0, 0]], y: [[1e154]], loss: 'half_squared_error', reduction: 'sum', optimizer: { kind: 'sgd', lr: 1e155 },
    }));
    t.stepBatch();
    expect(t.divergence).toEqual({ epoch: 0, what: 'b[0][0]', phase: 'update', became: 'Infinity', update: 1, batch: 0 });
    expect(t.params.b[0][0]).toBe(0);
    expect(t.lastStep!.after!.W[0]).toEqual(Float64Array.from([0.5, -0.5]));
    expect(t.lastStep!.after!.b[0][0]).toBe(Infinity);
  });

  for (const [name, opt] of [
    ['momentum', { kind: 'sgd', lr: 1e307, momentum: 0.9 }],
    ['nesterov', { kind: 'sgd', lr: 1e307, momentum: 0.9, nesterov: true }],
  ] as [string, OptimizerConfig][]) {
    it(`${name}: W[0][0][0] became Infinity, the params put back, before/after exact`, () => {
      // v = g (v starts at 0): w = 0 − 1e307·50 (nesterov: ·(50 + 45)) = −Infinity... signs: gW = −50 → +Infinity
      const t = new Trainer(lin(opt, 0, 0));
      t.stepBatch();
      expect(t.divergence).toEqual({ epoch: 0, what: 'W[0][0][0]', phase: 'update', became: 'Infinity', update: 1, batch: 0 });
      expect(t.params.W[0][0]).toBe(0);
      expect(t.params.b[0][0]).toBe(0);
      const s = t.lastStep!;
      expect(s.before.W[0][0]).toBe(0);
      expect(s.after!.W[0][0]).toBe(Infinity);
      // b = 0 − 1e307·15 (nesterov: ·(15 + 13.5)) is finite
      expect(s.after!.b[0][0]).toBe(opt.kind === 'sgd' && opt.nesterov ? -(1e307 * (-15 + 0.9 * -15)) : -(1e307 * -15));
    });
  }

  it('adam (ε = 1e-300, next to nothing): w = 1e308 − lr·m̂/√ŝ overflows to Infinity; W and b both bad, W named', () => {
    // x = 1e-300: z = 1e8, e = 1e8 − 1e9 < 0, g = e·x < 0; the loss (4e17) is finite
    const t = new Trainer(options({
      network: net(1, [[1, 'linear']]), params: { weights: [[[1e308]]], biases: [[0]] },
      x: [[1e-300]], y: [[1e9]], loss: 'half_squared_error', optimizer: { kind: 'adam', lr: 1e308, eps: 1e-300 },
    }));
    t.stepPhase();
    t.stepPhase();
    expect(t.status).not.toBe('diverged');
    t.stepPhase();
    expect(t.divergence).toEqual({ epoch: 0, what: 'W[0][0][0]', phase: 'update', became: 'Infinity', update: 1, batch: 0 });
    expect(t.params.W[0][0]).toBe(1e308);
    // lr·m̂ = 1e308·(−9e8) overflows for b too: both are bad, W comes first in layout order
    expect(t.lastStep!.after!.b[0][0]).toBe(Infinity);
  });
});

describe('an activation is still named before anything else', () => {
  it('a[0][1][0]: the second sample’s ReLU unit overflows (the first is finite)', () => {
    const t = new Trainer(options({
      network: net(1, [[1, 'relu'], [1, 'linear']]), params: { weights: [[[1e200]], [[1]]], biases: [[0], [0]] },
      x: [[1], [1e200]], y: [[0], [0]],
    }));
    t.stepPhase();
    expect(t.divergence).toEqual({ epoch: 0, what: 'a[0][1][0]', phase: 'forward', became: 'Infinity', update: 0, batch: 0 });
  });
});

describe('Optimizer.step: the check and the kept copy', () => {
  const cfgs: OptimizerConfig[] = [
    { kind: 'sgd', lr: 0.1 }, { kind: 'sgd', lr: 0.1, momentum: 0.9 }, { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true }, { kind: 'adam', lr: 0.1 },
  ];
  const spec = net(3, [[3, 'relu'], [1, 'linear']]); // 9 + 3 weights: an odd-length bias (the unrolled loop's tail)
  const params = () => paramsFromJSON(spec, { weights: [[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, -1, 0.5]]], biases: [[0.1, 0.2, 0.3], [0.4]] });
  for (const cfg of cfgs) {
    it(`${cfg.kind}${'momentum' in cfg && cfg.momentum ? ' μ' : ''}${'nesterov' in cfg && cfg.nesterov ? ' nesterov' : ''}: 0 when finite, NaN naming nothing when not; keep = the old values; same result as without keep`, () => {
      const p = params();
      const q = params();
      const keep = params();
      const g = { W: p.W.map((w) => w.map((v) => v / 10)), b: p.b.map((b) => b.map((v) => -v)) };
      const a = new Optimizer(cfg, p);
      const b = new Optimizer(cfg, q);
      for (let k = 0; k < 3; k++) {
        const old = params();
        p.W.forEach((w, l) => old.W[l].set(w));
        p.b.forEach((v, l) => old.b[l].set(v));
        expect(a.step(p, g, keep)).toBe(0);
        expect(b.step(q, g)).toBe(0);
        expect(keep).toEqual(old);
        expect(p).toEqual(q);
        expect(p.W[0][0]).not.toBe(old.W[0][0]);
      }
      g.b[0][2] = NaN;
      expect(a.step(p, g, keep)).toBeNaN();
      expect(p.b[0][2]).toBeNaN();
    });
  }
  it('the tail of the unrolled plain-SGD loop is checked (odd length, bad last entry)', () => {
    const p = params();
    const g = { W: p.W.map((w) => new Float64Array(w.length)), b: p.b.map((b) => new Float64Array(b.length)) };
    g.b[0][2] = Infinity;
    expect(new Optimizer({ kind: 'sgd', lr: 1 }, p).step(p, g)).toBeNaN();
  });
});

describe('lastStep.before without a copy per update', () => {
  it('shows the forward pass’s parameters after each phase, and the update’s before/after', () => {
    const t = new Trainer(options({
      network: net(1, [[1, 'linear']]), params: { weights: [[[0]]], biases: [[0]] },
      x: [[0], [1], [2], [3], [4]], y: [[-1], [1], [3], [5], [7]], loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.01 }, batchSize: 2,
    }));
    t.stepBatch(); // batch [0, 1]: gW = −(0·(−1) + 1·1)/2 = −0.5, gB = −(−1 + 1)/2 = 0
    expect(t.lastStep!.after!.W[0][0]).toBe(0.005);
    t.stepPhase();
    expect(t.lastStep!.before.W[0][0]).toBe(0.005);
    t.stepPhase();
    expect(t.lastStep!.before.W[0][0]).toBe(0.005);
    t.stepPhase();
    const s = t.lastStep!;
    expect(s.before.W[0][0]).toBe(0.005);
    expect(s.after!.W[0][0]).toBe(t.params.W[0][0]);
    expect(s.after!.W[0][0]).not.toBe(0.005);
  });

  it('full batch in data order with early stopping: before is what the forward pass used, not the restored best', () => {
    // lr 0.5 > 2/E[x²] = 1/3 diverges slowly: entry 1's loss is worse, patience 1 stops at the
    // forward pass of update 2 (which records entry 1) and restores entry 0's w = b = 0.
    // update 1 (mean ½e²): gW = −Σ y x / 5 = −10, gB = −Σ y / 5 = −3: w = 5, b = 1.5
    const o = options({
      network: net(1, [[1, 'linear']]), params: { weights: [[[0]]], biases: [[0]] },
      x: [[0], [1], [2], [3], [4]], y: [[-1], [1], [3], [5], [7]], loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.5 },
    });
    const t = new Trainer({ ...o, earlyStopping: { monitor: 'train_loss', patience: 1, min_delta: 0, restore_best: true } });
    t.stepBatch();
    t.stepPhase();
    expect(t.status).toBe('stopped_early');
    expect(t.params.W[0][0]).toBe(0);
    const s = t.lastStep!;
    expect(s.before.W[0][0]).toBe(5);
    expect(s.before.b[0][0]).toBe(1.5);
    expect(s.z[0].data[4]).toBe(5 * 4 + 1.5);
  });
});

describe('gather by block copies', () => {
  for (const nx of [3, 20]) {
    it(`shuffled batches of ${nx}-wide rows hold exactly the rows named by indices`, () => {
      const x = Array.from({ length: 11 }, (_, r) => Array.from({ length: nx }, (_, i) => r * 100 + i + 0.5));
      const y = x.map((row) => [row[0] * 2, -row[1]]);
      const t = new Trainer(options({
        network: net(nx, [[2, 'linear']]),
        params: { weights: [Array.from({ length: 2 }, () => Array.from({ length: nx }, () => 0))], biases: [[0, 0]] },
        x, y, batchSize: 4, shuffle: true, random: mulberry32(3), epochs: 3,
      }));
      for (let k = 0; k < 9; k++) {
        t.stepBatch();
        const s = t.lastStep!;
        s.indices.forEach((r, row) => {
          expect(Array.from(s.x.data.subarray(row * nx, row * nx + nx))).toEqual(x[r]);
          expect(Array.from(s.y.data.subarray(row * 2, row * 2 + 2))).toEqual(y[r]);
        });
      }
    });
  }
});

/** network.ts `squares`, written plainly: Σ x[q]² in four running sums by q mod 4, (s0 + s1) + (s2 + s3) */
function squaresRef(x: Float64Array): number {
  const s = [0, 0, 0, 0];
  x.forEach((v, q) => (s[q % 4] += v * v));
  return (s[0] + s[1]) + (s[2] + s[3]);
}

describe('backward(…, sq): the sums of squares the gradient norms use', () => {
  it('squares: any length (the tails of 1–3 numbers), any doubles, as written plainly', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, min: -1e150, max: 1e150 }), { maxLength: 23 }), (xs) => {
      const x = Float64Array.from(xs);
      expect(Object.is(squares(x), squaresRef(x))).toBe(true);
    }), { numRuns: 3000 });
  });

  for (const reduction of ['mean', 'sum'] as const) {
    it(`${reduction}: sq[l] is squares(gradW[l]) + squares(gradB[l]) (four interleaved sums each), bit for bit, and the gradients are unchanged`, () => {
      const spec = net(20, [[17, 'tanh'], [3, 'softmax']]); // 340 weights: the tiled kernels
      const rand = mulberry32(11);
      const p = paramsFromJSON(spec, {
        weights: spec.layers.map((layer, l) => Array.from({ length: layer.units }, () => Array.from({ length: l === 0 ? 20 : 17 }, () => rand() - 0.5))),
        biases: spec.layers.map((layer) => Array.from({ length: layer.units }, () => rand() - 0.5)),
      });
      const ws = makeWorkspace(spec, 9);
      ws.x.forEach((_, q) => (ws.x[q] = rand() * 2 - 1));
      for (let s = 0; s < 9; s++) ws.y[s * 3 + (s % 3)] = 1;
      forward(spec, p, ws);
      const g1 = makeGrads(p);
      const g2 = makeGrads(p);
      const sq = new Float64Array(2);
      backward(spec, 'cross_entropy', reduction, p, ws, g1);
      backward(spec, 'cross_entropy', reduction, p, ws, g2, sq);
      expect(g2).toEqual(g1);
      for (let l = 0; l < 2; l++) {
        const want = squaresRef(g1.W[l]) + squaresRef(g1.b[l]);
        expect(sq[l]).toBe(want);
        expect(want).toBeGreaterThan(0);
      }
    });
  }
});

describe('the data check finds every non-finite number (allFinite, validate.ts)', () => {
  it('agrees with Number.isFinite on arrays of any doubles, NaN and ±Infinity included', () => {
    fc.assert(fc.property(fc.array(fc.double(), { maxLength: 40 }), (xs) => {
      expect(allFinite(Float64Array.from(xs))).toBe(xs.every(Number.isFinite));
    }), { numRuns: 2000 });
  });

  it('a bad number anywhere in a large set is named with its row and column', () => {
    for (const at of [0, 1, 2, 9, 999, 1000]) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const x: number[][] = Array.from({ length: 100 }, (_, s) => Array.from({ length: 10 }, (_, i) => (s * 10 + i) % 7 - 3));
        if (at < 1000) x[Math.floor(at / 10)][at % 10] = bad;
        const make = () => new Trainer(options({ network: net(10, [[1, 'linear']]), params: { weights: [[x[0].map(() => 0)]], biases: [[0]] }, x, y: x.map(() => [0]) }));
        if (at === 1000) expect(make).not.toThrow();
        else expect(make).toThrow(`data.train.x[${Math.floor(at / 10)}][${at % 10}]: expected a finite number, got ${bad}`);
      }
    }
  });
});

describe('a mean over a power-of-two batch: × (1/n) is ÷ n to the bit (network.ts meanInto)', () => {
  it('for any double (subnormals, ±0, huge) and n = 2^k', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 30 }), (x, k) => {
      const n = 2 ** k;
      expect(Object.is(x * (1 / n), x / n)).toBe(true);
    }), { numRuns: 20000 });
    for (const x of [Number.MIN_VALUE, 3 * Number.MIN_VALUE, 2.2250738585072014e-308, -5e-324, Number.MAX_VALUE, -0]) {
      for (let k = 0; k <= 30; k++) expect(Object.is(x * (1 / 2 ** k), x / 2 ** k)).toBe(true);
    }
  });

  it('a batch of 32 and one of 24: the mean gradient is the per-sample sums divided; its norm the squares summed as documented', () => {
    for (const batch of [32, 24]) {
      const x = Array.from({ length: batch }, (_, s) => [Math.sin(s) * 3, Math.cos(3 * s)]);
      const y = x.map(([a, b]) => [a * 0.3 - b]);
      const t = new Trainer(options({
        network: net(2, [[3, 'tanh'], [1, 'linear']]), x, y, batchSize: batch, loss: 'squared_error',
        params: { weights: [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], [[0.7, -0.8, 0.9]]], biases: [[0.01, -0.02, 0.03], [0.04]] },
      }));
      t.stepPhase();
      t.stepPhase();
      const d = t.lastStep!;
      // the same gradient with the sum reduction (the unreduced sums), divided here one by one
      const ts = new Trainer(options({
        network: net(2, [[3, 'tanh'], [1, 'linear']]), x, y, batchSize: batch, loss: 'squared_error', reduction: 'sum',
        params: { weights: [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], [[0.7, -0.8, 0.9]]], biases: [[0.01, -0.02, 0.03], [0.04]] },
      }));
      ts.stepPhase();
      ts.stepPhase();
      const sums = ts.lastStep!;
      for (let l = 0; l < 2; l++) {
        const mean = Array.from(sums.gradW[l], (v) => v / batch);
        expect(Array.from(d.gradW[l])).toEqual(mean);
        expect(Array.from(d.gradB[l])).toEqual(Array.from(sums.gradB[l], (v) => v / batch));
      }
      // one batch is the epoch: its norm per layer, the squares of W and of b each in four
      // interleaved sums (q mod 4, in order), (s0 + s1) + (s2 + s3), then added
      const norms = [0, 1].map((l) => Math.sqrt(squaresRef(d.gradW[l]) + squaresRef(d.gradB[l])));
      t.stepPhase();
      expect(t.history.grad_norm!.map((g) => g[0])).toEqual(norms);
    }
  });
});
