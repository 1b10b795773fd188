/**
 * Two-class sets in the plane, like TensorFlow Playground's: a disc inside a ring,
 * XOR quadrants, two Gaussian blobs, two interleaved spiral arms. Every point is
 * drawn from the data stream, so a set is reproducible from the seed.
 *
 * Sample s of a set has class s mod 2 (the classes alternate, so each set is
 * balanced to within one sample). Per sample, in this order (u = uniform, n = normal):
 * - circle:    angle = u(0, 2π), then r = u(0, 0.5) for class 1, u(0.7, 1) for class 0;
 *              (r·cos angle, r·sin angle)
 * - xor:       m1 = u(0.05, 1), m2 = u(0.05, 1), sign = random() < 0.5 ? 1 : −1;
 *              (sign·m1, ±sign·m2): class 1 where both coordinates have the same sign
 * - gaussians: centre (0.5, 0.5) for class 1, (−0.5, −0.5) for class 0; each coordinate + n(0, 0.25)
 * - spiral:    t = u(0, 1), angle = 3.5π·t + π·class; (t·sin angle, t·cos angle)
 * then, with noise std σ > 0, n(0, σ) added to x1, then to x2.
 * The training set is drawn before the test set.
 */
import type { Rng } from '../random/rng.ts';
import type { DataSplit, NetworkSpec } from '../types.ts';
import type { Classification2dData, Classification2dPattern } from './config.ts';
import { cos, sin } from '../math/index.ts';
import { matrixFromRows, needInt, needNumber, needOneOf, show } from './util.ts';

export const CLASSIFICATION_PATTERNS: readonly Classification2dPattern[] = ['circle', 'xor', 'gaussians', 'spiral'];

type Point = [number, number];

const PATTERN: Record<Classification2dPattern, (r: Rng, c: number) => Point> = {
  circle(r, c) {
    const angle = r.uniform(0, 2 * Math.PI);
    const radius = c === 1 ? r.uniform(0, 0.5) : r.uniform(0.7, 1);
    return [radius * cos(angle), radius * sin(angle)];
  },
  xor(r, c) {
    const m1 = r.uniform(0.05, 1);
    const m2 = r.uniform(0.05, 1);
    const sign = r.random() < 0.5 ? 1 : -1;
    return [sign * m1, (c === 1 ? sign : -sign) * m2];
  },
  gaussians(r, c) {
    const centre = c === 1 ? 0.5 : -0.5;
    return [centre + r.normal(0, 0.25), centre + r.normal(0, 0.25)];
  },
  spiral(r, c) {
    const t = r.uniform(0, 1);
    const angle = 3.5 * Math.PI * t + Math.PI * c;
    return [t * sin(angle), t * cos(angle)];
  },
};

export function buildClassification2d(cfg: Classification2dData, network: NetworkSpec, rng: () => Rng, field: string): DataSplit {
  const pattern = needOneOf(cfg.pattern, CLASSIFICATION_PATTERNS, `${field}.pattern`);
  const nTrain = needInt(cfg.n_train, `${field}.n_train`, 1);
  const nTest = cfg.n_test === undefined ? 0 : needInt(cfg.n_test, `${field}.n_test`, 0);
  let std = 0;
  if (cfg.noise !== undefined) {
    if (cfg.noise === null || typeof cfg.noise !== 'object') throw new Error(`${field}.noise: expected {"std": <number>}, got ${show(cfg.noise)}`);
    std = needNumber(cfg.noise.std, `${field}.noise.std`);
    if (std < 0) throw new Error(`${field}.noise.std: expected a number >= 0, got ${std}`);
  }
  const outputs = network.layers[network.layers.length - 1].units;
  if (outputs !== 1 && outputs !== 2) {
    throw new Error(`${field}: two classes need an output layer of 1 unit (target 0 or 1) or 2 units (one-hot), but it has ${outputs}`);
  }
  const draw = PATTERN[pattern];
  const set = (n: number) => {
    const r = rng();
    const x: number[][] = [];
    const y: number[][] = [];
    for (let s = 0; s < n; s++) {
      const c = s % 2;
      const p = draw(r, c);
      if (std > 0) {
        p[0] += r.normal(0, std);
        p[1] += r.normal(0, std);
      }
      x.push(p);
      y.push(outputs === 2 ? [1 - c, c] : [c]);
    }
    return { x: matrixFromRows(x, 2), y: matrixFromRows(y, outputs) };
  };
  const split: DataSplit = {
    train: set(nTrain),
    inputNames: ['x1', 'x2'],
    outputNames: outputs === 2 ? ['0', '1'] : ['class 1'],
    classes: [0, 1],
  };
  if (nTest > 0) split.test = set(nTest);
  return split;
}
