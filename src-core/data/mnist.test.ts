import { afterEach, describe, expect, it } from 'vitest';
import { NumpyLegacyRng } from '../random/mt19937.ts';
import { createRngStreams } from '../random/streams.ts';
import type { NetworkSpec } from '../types.ts';
import { nodeDigitSource } from '../../src-node/mnist-digits.ts';
import { buildData } from './build.ts';
import { checkMnistConfig, digitCounts, MNIST_PIXELS, MNIST_SHIPPED_COUNTS, setDigitSource, type DigitSource } from './mnist.ts';

const net = (outputs: number, inputs = MNIST_PIXELS): NetworkSpec => ({ inputs, layers: [{ units: outputs, activation: 'sigmoid', bias: true }] });

/** digit d has 3 samples; sample k's pixel p is ((d*3 + k) * 7 + p) mod 256, stored as the package does: round(v/255, 3). */
const fake: DigitSource = {
  digits: (d) => Array.from({ length: 3 * MNIST_PIXELS }, (_, q) => {
    const k = Math.floor(q / MNIST_PIXELS);
    const p = q % MNIST_PIXELS;
    return Math.round((((d * 3 + k) * 7 + p) % 256) / 255 * 1000) / 1000;
  }),
};

afterEach(() => setDigitSource(undefined));

describe('mnist data', () => {
  it('splits a seeded permutation of the chosen classes; binary targets say "is the second class"', () => {
    setDigitSource(fake);
    const d = buildData({ kind: 'mnist', classes: [5, 6], n_train: 4, n_test: 2 }, net(1), new NumpyLegacyRng(3));
    // the pool is (5,0) (5,1) (5,2) (6,0) (6,1) (6,2), permuted by the data stream (numpy's permutation, tested in random/)
    const order = new NumpyLegacyRng(3).permutation(6);
    const pool = [[5, 0], [5, 1], [5, 2], [6, 0], [6, 1], [6, 2]];
    const expectRow = (set: { x: { data: Float64Array }; y: { data: Float64Array } }, r: number, slot: number) => {
      const [digit, k] = pool[order[slot]];
      // the exact pixel / 255 comes back from the 3-decimal value
      for (const p of [0, 1, 300, 783]) expect(set.x.data[r * MNIST_PIXELS + p]).toBe((((digit * 3 + k) * 7 + p) % 256) / 255);
      expect(set.y.data[r]).toBe(digit === 6 ? 1 : 0);
    };
    for (let r = 0; r < 4; r++) expectRow(d.train, r, r);
    for (let r = 0; r < 2; r++) expectRow(d.test!, r, 4 + r);
    expect(d.classes).toEqual([5, 6]);
    expect(d.image).toEqual({ width: 28, height: 28 });
    expect(d.outputNames).toEqual(['is 6']);
  });

  it('one-hot targets for one output per class, raw pixels with normalize "none", defaults split off a fifth', () => {
    setDigitSource(fake);
    const d = buildData({ kind: 'mnist', classes: [1, 2, 3], normalize: 'none' }, net(3), createRngStreams('seedrandom', 7));
    expect(d.train.x.rows).toBe(8); // 9 samples: floor(9/5) = 1 test, 8 train
    expect(d.test!.x.rows).toBe(1);
    for (let r = 0; r < 8; r++) {
      const y = Array.from(d.train.y.data.subarray(r * 3, r * 3 + 3));
      expect(y.reduce((a, b) => a + b)).toBe(1);
      const c = y.indexOf(1);
      // pixel 0 of digit (1+c), sample k is ((1+c)*3 + k)*7 mod 256: an integer 0..255 here
      const px0 = d.train.x.data[r * MNIST_PIXELS];
      expect([0, 1, 2].map((k) => (((1 + c) * 3 + k) * 7) % 256)).toContain(px0);
    }
  });

  it('the real digits: 863 fives and 1014 sixes, pixels in [0, 1]', () => {
    setDigitSource(nodeDigitSource());
    const d = buildData({ kind: 'mnist', classes: [5, 6] }, net(1), createRngStreams('seedrandom', 1));
    expect(d.train.x.rows + d.test!.x.rows).toBe(863 + 1014);
    expect(d.test!.x.rows).toBe(Math.floor(1877 / 5));
    const sixes = d.train.y.data.reduce((a, b) => a + b, 0) + d.test!.y.data.reduce((a, b) => a + b, 0);
    expect(sixes).toBe(1014);
    expect(Math.max(...d.train.x.data.subarray(0, 784 * 50))).toBe(1);
    expect(Math.min(...d.train.x.data.subarray(0, 784 * 50))).toBe(0);
  });

  it('refuses bad configs with the field named', () => {
    setDigitSource(fake);
    const s = () => createRngStreams('seedrandom', 1);
    expect(() => buildData({ kind: 'mnist', classes: [5] }, net(1), s())).toThrow('data.classes: expected a list of at least two different digits 0–9, e.g. [5, 6], got [5]');
    expect(() => buildData({ kind: 'mnist', classes: [5, 6, 7] }, net(1), s())).toThrow('data.classes: 3 classes need an output layer of 3 (one per class) units, but it has 1');
    expect(() => buildData({ kind: 'mnist', classes: [5, 6] }, net(1, 10), s())).toThrow('data: MNIST digits are 28×28 = 784 inputs, but the network has 10');
    expect(() => buildData({ kind: 'mnist', classes: [5, 6], n_train: 5, n_test: 2 }, net(1), s())).toThrow('data: n_train + n_test = 7, but digits 5, 6 have 6 samples in all');
    setDigitSource(undefined);
    expect(() => buildData({ kind: 'mnist', classes: [5, 6] }, net(1), s())).toThrow('data: the MNIST digits are not available in this program');
  });

  it('the shipped counts per digit are the files\' (the app checks sizes with them); checkMnistConfig says what buildData would', () => {
    setDigitSource(nodeDigitSource());
    expect(digitCounts()).toEqual(MNIST_SHIPPED_COUNTS);
    expect(() => checkMnistConfig({ kind: 'mnist', classes: [5, 6], n_train: 1800, n_test: 100 }, MNIST_SHIPPED_COUNTS, 'data')).toThrow(
      'data: n_train + n_test = 1900, but digits 5, 6 have 1877 samples in all',
    );
    expect(() => buildData({ kind: 'mnist', classes: [5, 6], n_train: 1800, n_test: 100 }, net(1), createRngStreams())).toThrow(
      'data: n_train + n_test = 1900, but digits 5, 6 have 1877 samples in all',
    );
    expect(() => checkMnistConfig({ kind: 'mnist', classes: [5] }, MNIST_SHIPPED_COUNTS, 'data')).toThrow('data.classes: expected a list of at least two different digits');
    expect(() => checkMnistConfig({ kind: 'mnist', n_train: 8000 }, MNIST_SHIPPED_COUNTS, 'data')).not.toThrow();
  });
});
