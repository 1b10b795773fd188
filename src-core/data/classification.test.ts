// The 2-D classification sets: against numpy (the formulas in classification.ts written with np.random), determinism, shapes, balance, labels.
import { describe, expect, it } from 'vitest';
import { createRngStreams } from '../random/streams.ts';
import type { Matrix, NetworkSpec } from '../types.ts';
import { buildData } from './build.ts';
import type { Classification2dData } from './config.ts';
import { CLASSIFICATION_PATTERNS } from './classification.ts';
import { dataSchema } from '../session/schema.ts';

const rowsOf = (m: Matrix): number[][] => Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
const net = (outputs: number): NetworkSpec => ({
  inputs: 2,
  layers: [{ units: 4, activation: 'tanh', bias: true }, { units: outputs, activation: outputs === 1 ? 'sigmoid' : 'softmax', bias: true }],
});
const cfg = (pattern: Classification2dData['pattern'], extra: Partial<Classification2dData> = {}): Classification2dData => ({
  kind: 'classification_2d', pattern, n_train: 200, n_test: 50, ...extra,
});

describe('classification_2d data', () => {
  it('circle with rng numpy, seed 0: angle, radius, then noise, as numpy draws them', () => {
    // np.random.seed(0); per sample: a = uniform(0, 2π); r = uniform(0, .5) (class 1) or uniform(.7, 1); + normal(0, .1) twice
    const numpy = [
      [-0.7740041028333218, -0.052032182101070246], [-0.19148961886373636, 0.13390599610892384],
      [0.8082862881504798, -0.039043197999908186], [-0.37675548020425714, -0.15852281080635766],
    ];
    const d = buildData(cfg('circle', { n_train: 4, n_test: 0, noise: { std: 0.1 } }), net(1), createRngStreams('numpy', 0));
    rowsOf(d.train.x).forEach((p, k) => p.forEach((v, i) => expect(v).toBeCloseTo(numpy[k][i], 14)));
    expect(rowsOf(d.train.y)).toEqual([[0], [1], [0], [1]]);
    expect(d.test).toBeUndefined();
  });

  it('gaussians with default_rng(5): the two centres plus normal(0, 0.25) per coordinate', () => {
    const numpy = [
      [-0.7004828563133618, -0.8310897489070362], [0.4379095944761879, 0.6051113095163804],
      [-0.21598836687758932, -0.47257340016954796], [0.36183816986594186, 0.3038049111639304],
    ];
    const d = buildData(cfg('gaussians', { n_train: 4, n_test: 0 }), net(1), createRngStreams('numpy_default_rng', 5));
    rowsOf(d.train.x).forEach((p, k) => p.forEach((v, i) => expect(v).toBeCloseTo(numpy[k][i], 14)));
  });

  it('is the same for the same seed, different for another; its own seed restarts the data stream', () => {
    for (const pattern of CLASSIFICATION_PATTERNS) {
      const a = buildData(cfg(pattern, { noise: { std: 0.2 } }), net(1), createRngStreams('seedrandom', 3));
      const b = buildData(cfg(pattern, { noise: { std: 0.2 } }), net(1), createRngStreams('seedrandom', 3));
      const c = buildData(cfg(pattern, { noise: { std: 0.2 } }), net(1), createRngStreams('seedrandom', 4));
      expect(Array.from(a.train.x.data)).toEqual(Array.from(b.train.x.data));
      expect(Array.from(a.test!.x.data)).toEqual(Array.from(b.test!.x.data));
      expect(Array.from(a.train.x.data)).not.toEqual(Array.from(c.train.x.data));
      const own = (s: number) => buildData(cfg(pattern, { seed: 9 }), net(1), createRngStreams('seedrandom', s));
      expect(Array.from(own(1).train.x.data)).toEqual(Array.from(own(2).train.x.data));
    }
  });

  it('shapes, balanced classes, and labels that match each pattern (no noise)', () => {
    for (const pattern of CLASSIFICATION_PATTERNS) {
      const d = buildData(cfg(pattern, { n_train: 101, n_test: 40 }), net(1), createRngStreams('seedrandom', 1));
      expect([d.train.x.rows, d.train.x.cols, d.train.y.rows, d.train.y.cols]).toEqual([101, 2, 101, 1]);
      expect([d.test!.x.rows, d.test!.y.rows]).toEqual([40, 40]);
      expect(d.inputNames).toEqual(['x1', 'x2']);
      expect(d.classes).toEqual([0, 1]);
      const ones = (m: Matrix) => Array.from(m.data).filter((v) => v === 1).length;
      expect(ones(d.train.y)).toBe(50);
      expect(ones(d.test!.y)).toBe(20);
      for (const set of [d.train, d.test!]) {
        rowsOf(set.x).forEach(([x1, x2], s) => {
          const label = set.y.data[s];
          expect(label).toBe(s % 2);
          const r = Math.hypot(x1, x2);
          if (pattern === 'circle') expect(label === 1 ? r < 0.5 : r >= 0.7 && r <= 1).toBe(true);
          if (pattern === 'xor') {
            expect(Math.min(Math.abs(x1), Math.abs(x2))).toBeGreaterThanOrEqual(0.05);
            expect(x1 * x2 > 0 ? 1 : 0).toBe(label);
          }
          if (pattern === 'spiral') expect(r).toBeLessThanOrEqual(1);
        });
      }
      if (pattern === 'gaussians') {
        const mean = (c: number, i: number) => {
          const xs = rowsOf(d.train.x).filter((_, s) => s % 2 === c).map((p) => p[i]);
          return xs.reduce((a, b) => a + b, 0) / xs.length;
        };
        expect(Math.abs(mean(1, 0) - 0.5)).toBeLessThan(0.1);
        expect(Math.abs(mean(0, 1) + 0.5)).toBeLessThan(0.1);
      }
    }
  });

  it('two output units: one-hot targets [1 − c, c]; other output sizes are refused', () => {
    const d = buildData(cfg('xor', { n_train: 4, n_test: 0 }), net(2), createRngStreams('seedrandom', 1));
    expect(rowsOf(d.train.y)).toEqual([[1, 0], [0, 1], [1, 0], [0, 1]]);
    expect(d.outputNames).toEqual(['0', '1']);
    expect(() => buildData(cfg('xor'), net(3), createRngStreams())).toThrow(
      'data: two classes need an output layer of 1 unit (target 0 or 1) or 2 units (one-hot), but it has 3',
    );
    expect(() => buildData(cfg('xor'), { ...net(1), inputs: 3 }, createRngStreams())).toThrow(
      'data: the 2-D classification set gives 2 input columns, but the network has 3 inputs',
    );
  });

  it('bad fields are named', () => {
    expect(() => buildData({ ...cfg('xor'), pattern: 'moons' } as never, net(1), createRngStreams())).toThrow(
      'data.pattern: expected one of "circle", "xor", "gaussians", "spiral", got "moons"',
    );
    expect(() => buildData(cfg('xor', { n_train: 0 }), net(1), createRngStreams())).toThrow('data.n_train: expected an integer >= 1, got 0');
    expect(() => buildData(cfg('xor', { noise: { std: -1 } }), net(1), createRngStreams())).toThrow('data.noise.std: expected a number >= 0, got -1');
    expect(dataSchema.safeParse(cfg('spiral', { noise: { std: 0.1 }, seed: 'a' })).success).toBe(true);
    expect(dataSchema.safeParse({ kind: 'classification_2d', pattern: 'moons', n_train: 5 }).success).toBe(false);
  });
});
