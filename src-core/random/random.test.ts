// Every generator against numpy 2.4 on this machine: the numbers in numpy-reference.json
// come from numpy_reference.py (run it again to regenerate; see its header).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NumpyLegacyRng } from './mt19937.ts';
import { NumpyGeneratorRng } from './pcg64.ts';
import { createRngStreams } from './streams.ts';
import { fi, ki, wi } from './ziggurat-tables.ts';

interface LegacyRef {
  random10: number[];
  random_10000th: number;
  randn10: number[];
  randn_10000th: number;
  mixed: number[];
  randint_0_5: number[];
  randint_m3_1000: number[];
  randint_big: number[];
  permutation10: number[];
}
interface GeneratorRef {
  random10: number[];
  random_10000th: number;
  uint64_5: string[];
  normal10: number[];
  normal_at: Record<string, number>;
  normal_min: number;
  normal_max: number;
  integers_0_5: number[];
  integers_big: number[];
  mixed: number[];
  permutation10: number[];
}
const ref = JSON.parse(readFileSync(new URL('./numpy-reference.json', import.meta.url), 'utf8')) as {
  legacy: Record<string, LegacyRef>;
  default_rng: Record<string, GeneratorRef>;
  report004: { synapse_0: number[][]; synapse_1: number[][] };
};

const draw = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

describe('"numpy": np.random.seed(n) legacy stream', () => {
  for (const [seedText, r] of Object.entries(ref.legacy)) {
    const seed = Number(seedText);
    it(`seed ${seed}: random, randn, normal, uniform, randint, permutation equal numpy's exactly`, () => {
      let g = new NumpyLegacyRng(seed);
      expect(draw(10, () => g.random())).toEqual(r.random10);
      g = new NumpyLegacyRng(seed);
      expect(draw(10000, () => g.random())[9999]).toBe(r.random_10000th);
      g = new NumpyLegacyRng(seed);
      expect(draw(10, () => g.normal())).toEqual(r.randn10);
      g = new NumpyLegacyRng(seed);
      expect(draw(10000, () => g.normal())[9999]).toBe(r.randn_10000th);
      // randn (draws a pair, returns one), random, randn (the cached one), randn, normal(2, 3), uniform(-1, 1)
      g = new NumpyLegacyRng(seed);
      expect([g.normal(), g.random(), g.normal(), g.normal(), g.normal(2, 3), g.uniform(-1, 1)]).toEqual(r.mixed);
      g = new NumpyLegacyRng(seed);
      expect(draw(20, () => g.randint(0, 5))).toEqual(r.randint_0_5);
      g = new NumpyLegacyRng(seed);
      expect(draw(10, () => g.randint(-3, 1000))).toEqual(r.randint_m3_1000);
      g = new NumpyLegacyRng(seed);
      expect(draw(5, () => g.randint(0, 1e12))).toEqual(r.randint_big);
      g = new NumpyLegacyRng(seed);
      expect(g.permutation(10)).toEqual(r.permutation10);
    });
  }

  it('reseed forgets the cached normal, as np.random.seed does', () => {
    const g = new NumpyLegacyRng(1);
    g.normal();
    g.reseed(1);
    expect(g.normal()).toBe(ref.legacy['1'].randn10[0]);
  });

  it("report 004: np.random.seed(1); 2*np.random.random((3,4)) - 1 gives the report's synapse_0", () => {
    const g = new NumpyLegacyRng(1);
    const synapse0 = draw(3, () => draw(4, () => 2 * g.random() - 1));
    expect(synapse0).toEqual(ref.report004.synapse_0);
    // as printed in the report (8 digits)
    expect(synapse0[0][0]).toBeCloseTo(-0.16595599, 8);
    expect(synapse0[2][3]).toBeCloseTo(0.370439, 8);
  });
});

describe('"numpy_default_rng": np.random.default_rng(n)', () => {
  for (const [seedText, r] of Object.entries(ref.default_rng)) {
    const seed = BigInt(seedText);
    it(`seed ${seedText}: raw PCG64 output, random, standard_normal, integers, permutation equal numpy's exactly`, () => {
      let g = new NumpyGeneratorRng(seed);
      expect(draw(5, () => 0).map(() => g.rawUint64().toString())).toEqual(r.uint64_5);
      g = new NumpyGeneratorRng(seed);
      expect(draw(10, () => g.random())).toEqual(r.random10);
      g = new NumpyGeneratorRng(seed);
      expect(draw(10000, () => g.random())[9999]).toBe(r.random_10000th);
      g = new NumpyGeneratorRng(seed);
      expect(draw(10, () => g.normal())).toEqual(r.normal10);
      // 100 000 normals: the same values at the checkpoints means the same draws were consumed by
      // the ~0.7% of normals that go through the wedges and the tail
      g = new NumpyGeneratorRng(seed);
      const normals = draw(100000, () => g.normal());
      for (const [k, v] of Object.entries(r.normal_at)) expect(normals[Number(k)]).toBe(v);
      expect(normals.reduce((m, v) => Math.min(m, v), Infinity)).toBe(r.normal_min);
      expect(normals.reduce((m, v) => Math.max(m, v), -Infinity)).toBe(r.normal_max);
      g = new NumpyGeneratorRng(seed);
      expect(draw(20, () => g.randint(0, 5))).toEqual(r.integers_0_5);
      g = new NumpyGeneratorRng(seed);
      expect(draw(5, () => g.randint(0, 1e12))).toEqual(r.integers_big);
      // integers(0,7) uses half of a 64-bit draw and keeps the other half for the next integers()
      g = new NumpyGeneratorRng(seed);
      expect([g.randint(0, 7), g.random(), g.randint(0, 7), g.randint(0, 7), g.normal(2, 3), g.uniform(-1, 1)]).toEqual(
        r.mixed,
      );
      g = new NumpyGeneratorRng(seed);
      expect(g.permutation(10)).toEqual(r.permutation10);
    });
  }

  it('the ziggurat tables are those of the standard normal (wi = x_i / 2^52, fi = exp(-x_i^2 / 2))', () => {
    expect(ki.length).toBe(256);
    expect(wi[255] * 2 ** 52).toBeCloseTo(3.6541528853610088, 14); // r, the start of the tail
    for (let i = 1; i < 256; i++) {
      const x = wi[i] * 2 ** 52;
      expect(Math.abs(fi[i] - Math.exp(-0.5 * x * x))).toBeLessThan(1e-13);
      // ki[i] = 2^52 · x_{i-1}/x_i: the part of layer i inside the layer below it
      if (i >= 2) expect(Math.abs(ki[i] / 2 ** 52 - (wi[i - 1] * 2 ** 52) / x)).toBeLessThan(1e-12);
    }
  });
});

describe('createRngStreams', () => {
  it('"seedrandom": independent streams per purpose, reproducible from the seed', () => {
    const a = createRngStreams('seedrandom', 42);
    const b = createRngStreams('seedrandom', 42);
    // drawing shuffles first does not change the data stream
    b.stream('shuffle').random();
    expect(draw(5, () => b.stream('data').random())).toEqual(draw(5, () => a.stream('data').random()));
    expect(a.stream('init').random()).not.toBe(createRngStreams('seedrandom', 42).stream('data').random());
    expect(createRngStreams('seedrandom', 43).stream('data').random()).not.toBe(
      createRngStreams('seedrandom', 42).stream('data').random(),
    );
    // a string seed works too
    expect(createRngStreams('seedrandom', 'lecture 6').stream('data').random()).toBe(
      createRngStreams('seedrandom', 'lecture 6').stream('data').random(),
    );
  });

  it('"seedrandom": uniform, normal, randint are sane', () => {
    const g = createRngStreams('seedrandom', 7).stream('data');
    const n = 200000;
    const u = draw(n, () => g.random());
    expect(u.reduce((m, v) => Math.min(m, v), 1)).toBeGreaterThanOrEqual(0);
    expect(u.reduce((m, v) => Math.max(m, v), 0)).toBeLessThan(1);
    const z = draw(n, () => g.normal());
    const mean = z.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    expect(Math.abs(mean)).toBeLessThan(0.01); // 4.5 standard errors
    expect(Math.abs(sd - 1)).toBeLessThan(0.01);
    const counts = [0, 0, 0, 0, 0];
    for (let k = 0; k < n; k++) counts[g.randint(0, 5)]++;
    for (const c of counts) expect(Math.abs(c / n - 0.2)).toBeLessThan(0.005);
    expect(g.permutation(6).slice().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('"numpy": one global stream; a config seed is np.random.seed(seed) again', () => {
    const s = createRngStreams('numpy', 1);
    expect(s.stream('data').random()).toBe(ref.legacy['1'].random10[0]);
    expect(s.stream('init').random()).toBe(ref.legacy['1'].random10[1]); // the same stream continues
    expect(s.stream('init', 1).random()).toBe(ref.legacy['1'].random10[0]); // restarted
    expect(s.stream('shuffle').random()).toBe(ref.legacy['1'].random10[1]);
  });

  it('"numpy_default_rng": a config seed gives that config its own generator', () => {
    const s = createRngStreams('numpy_default_rng', '42');
    expect(s.stream('data', 0).random()).toBe(ref.default_rng['0'].random10[0]);
    expect(s.stream('init').random()).toBe(ref.default_rng['42'].random10[0]);
    expect(s.stream('data').random()).toBe(ref.default_rng['0'].random10[1]);
    expect(s.stream('shuffle').random()).toBe(ref.default_rng['42'].random10[1]);
  });

  it('bad kinds and seeds get messages naming the field', () => {
    expect(() => createRngStreams('mersenne' as never, 1)).toThrow(
      'rng: expected one of "seedrandom", "numpy", "numpy_default_rng", got "mersenne"',
    );
    expect(() => createRngStreams('numpy', 'abc', 'experiment.seed')).toThrow(
      'experiment.seed: the "numpy" generator (np.random.seed) takes an integer seed >= 0, got "abc"',
    );
    expect(() => createRngStreams('numpy', 2 ** 32, 'experiment.seed')).toThrow(
      'experiment.seed: np.random.seed takes a seed from 0 to 4294967295, got 4294967296',
    );
    expect(() => createRngStreams('numpy_default_rng', -1)).toThrow(
      'seed: np.random.default_rng takes an integer seed >= 0, got -1',
    );
    expect(() => createRngStreams('numpy_default_rng', 2 ** 60)).toThrow('write seeds above 2^53 as a string of digits');
    expect(() => createRngStreams('numpy', 1).stream('init', 1.5, 'experiment.init.seed')).toThrow(
      'experiment.init.seed: the "numpy" generator (np.random.seed) takes an integer seed >= 0, got 1.5',
    );
    expect(() => createRngStreams('seedrandom', '')).toThrow('seed: expected an integer or a non-empty string, got ""');
  });

  it('randint refuses an empty range', () => {
    expect(() => new NumpyLegacyRng(1).randint(5, 5)).toThrow('randint(5, 5): expected low < high');
  });
});
