/**
 * The analysis engine: Hessian–vector products against a hand derivation and
 * against central differences of the gradient, for every activation × loss ×
 * reduction; sharpness against known eigenvalues and against the full
 * Hessian's (Jacobi); the landscape's centre against the trainer's loss; the
 * line slice's minimum.
 */
import { describe, expect, it } from 'vitest';
import type { Activation, Dataset, LossKind, NetworkSpec, Reduction } from '../types';
import { paramCount } from '../net/params';
import { Trainer } from '../train/trainer';
import { matrix, mulberry32, net, options } from '../train/test/helpers';
import { LossModel } from './hessian';
import {
  complete, filters, landscape, lineSlice, projectPath, randomDirections, sharpness, stabilitySentence, topComponents, trajectoryDirections,
} from './index';

function dataset(x: number[][], y: number[][]): Dataset {
  return { x: matrix(x), y: matrix(y) };
}

/** A random problem for a net: inputs in [−1, 1], targets fitting the loss. */
function problem(spec: NetworkSpec, loss: LossKind, rows: number, seed: number) {
  const r = mulberry32(seed);
  const out = spec.layers[spec.layers.length - 1];
  const x = Array.from({ length: rows }, () => Array.from({ length: spec.inputs }, () => r() * 2 - 1));
  const y = Array.from({ length: rows }, (_, s) => {
    if (loss === 'cross_entropy' && out.activation === 'softmax') {
      const p = Array.from({ length: out.units }, (_, k) => (s === 0 ? (k === 1 ? 1 : 0) : r()));
      const sum = p.reduce((a, b) => a + b, 0);
      return p.map((v) => v / sum);
    }
    return Array.from({ length: out.units }, () => (loss.endsWith('entropy') ? r() : r() * 2 - 1));
  });
  const theta = Float64Array.from({ length: paramCount(spec) }, () => r() * 2 - 1);
  return { data: dataset(x, y), theta };
}

/** The full Hessian by central differences of the exact gradient. */
function fdHessian(m: LossModel, theta: Float64Array, h = 1e-5): number[][] {
  const n = theta.length;
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const H: number[][] = [];
  for (let k = 0; k < n; k++) {
    const t = theta.slice();
    t[k] = theta[k] + h;
    m.gradient(t, gp);
    t[k] = theta[k] - h;
    m.gradient(t, gm);
    H.push(Array.from(gp, (v, q) => (v - gm[q]) / (2 * h)));
  }
  return H;
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (test-only reference). */
function jacobiEigenvalues(A: number[][]): number[] {
  const n = A.length;
  const a = A.map((r) => r.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((r, k) => r[k]).sort((x, y) => x - y);
}

const cases: { acts: [Activation, Activation]; loss: LossKind }[] = [];
for (const hidden of ['linear', 'relu', 'leaky_relu', 'sigmoid', 'tanh'] as Activation[]) {
  for (const [out, loss] of [
    ['linear', 'squared_error'], ['linear', 'half_squared_error'], ['sigmoid', 'half_squared_error'], ['tanh', 'squared_error'],
    ['sigmoid', 'binary_cross_entropy'], ['softmax', 'cross_entropy'], ['softmax', 'squared_error'], ['relu', 'half_squared_error'],
  ] as [Activation, LossKind][]) cases.push({ acts: [hidden, out], loss });
}

describe('Hessian–vector products', () => {
  it('match a hand derivation: 1-1-1 linear net without biases, L = ½(u w x − y)²', () => {
    // H = [[u²x², x(2uwx − y)], [x(2uwx − y), w²x²]]; x = 2, w = 3, u = 0.5, y = 1: [[1, 10], [10, 36]]
    const spec = net(1, [[1, 'linear', false], [1, 'linear', false]]);
    const m = new LossModel(spec, 'half_squared_error', 'mean', dataset([[2]], [[1]]));
    const theta = Float64Array.from([3, 0.5]);
    const out = new Float64Array(2);
    m.hvp(theta, [1, 0], out);
    expect(Array.from(out)).toEqual([1, 10]);
    m.hvp(theta, [0, 1], out);
    expect(Array.from(out)).toEqual([10, 36]);
  });

  it('match a hand derivation: one sigmoid unit, L = ½(σ(wx + b) − y)², H = (σ′² + (a − y)σ″)·[[x², x], [x, 1]]', () => {
    const spec = net(1, [[1, 'sigmoid', true]]);
    const [x, w, b, y] = [2, 0.5, -0.5, 1];
    const m = new LossModel(spec, 'half_squared_error', 'mean', dataset([[x]], [[y]]));
    const a = 1 / (1 + Math.exp(-(w * x + b)));
    const s1 = a * (1 - a);
    const s2 = s1 * (1 - 2 * a);
    const c = s1 * s1 + (a - y) * s2;
    const out = new Float64Array(2);
    m.hvp(Float64Array.from([w, b]), [1, 0], out);
    expect(out[0]).toBeCloseTo(c * x * x, 14);
    expect(out[1]).toBeCloseTo(c * x, 14);
    m.hvp(Float64Array.from([w, b]), [0, 1], out);
    expect(out[0]).toBeCloseTo(c * x, 14);
    expect(out[1]).toBeCloseTo(c, 14);
  });

  for (const reduction of ['mean', 'sum'] as Reduction[]) {
    for (const { acts, loss } of cases) {
      it(`match central differences of the gradient: ${acts.join(' → ')}, ${loss}, ${reduction}`, () => {
        const spec = net(3, [[4, acts[0]], [acts[1] === 'softmax' ? 3 : 2, acts[1]]]);
        const { data, theta } = problem(spec, loss, 5, 7 + cases.length);
        const m = new LossModel(spec, loss, reduction, data);
        const H = fdHessian(m, theta);
        const r = mulberry32(3);
        const v = Float64Array.from({ length: theta.length }, () => r() - 0.5);
        const hv = new Float64Array(theta.length);
        m.hvp(theta, v, hv);
        let worst = 0;
        for (let k = 0; k < theta.length; k++) {
          const fd = H[k].reduce((s, h, q) => s + h * v[q], 0);
          worst = Math.max(worst, Math.abs(fd - hv[k]) / Math.max(1e-4, Math.abs(fd) + Math.abs(hv[k])));
        }
        expect(worst).toBeLessThan(1e-6);
      });
    }
  }

  it('is the same over chunks of rows as in one piece (1100 rows: three chunks)', () => {
    const spec = net(2, [[3, 'tanh'], [1, 'linear']]);
    const { data, theta } = problem(spec, 'squared_error', 1100, 5);
    const m = new LossModel(spec, 'squared_error', 'mean', data);
    const v = Float64Array.from(theta, (_, k) => Math.cos(k));
    const hv = new Float64Array(theta.length);
    m.hvp(theta, v, hv);
    const H = fdHessian(m, theta);
    H.forEach((row, k) => expect(Math.abs(row.reduce((s, h, q) => s + h * v[q], 0) - hv[k])).toBeLessThan(1e-6 * (1 + Math.abs(hv[k]))));
  });
});

describe('sharpness', () => {
  it('of a linear net with squared error: the largest eigenvalue of X̃ᵀX̃/n, here diag(9, 0.25, 1)', () => {
    // columns 3·(1, 1, −1, −1), 0.5·(1, −1, 1, −1) and the bias's ones are orthogonal: H = diag(9, 0.25, 1)
    const spec = net(2, [[1, 'linear', true]]);
    const m = new LossModel(spec, 'half_squared_error', 'mean', dataset([[3, 0.5], [3, -0.5], [-3, 0.5], [-3, -0.5]], [[1], [2], [0], [-1]]));
    const r = complete(sharpness(m, Float64Array.from([0.1, -0.2, 0.3])));
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value - 9) / 9).toBeLessThan(1e-10);
    expect(Math.abs(Math.abs(r.vector[0]) - 1)).toBeLessThan(1e-6);
    expect(r.residual).toBeLessThan(1e-5);
    expect(topComponents(spec, r.vector, 1)[0].name).toBe('W[0][0][0]');
    // squared_error (no ½) doubles it; reduction sum multiplies by n = 4
    expect(complete(sharpness(new LossModel(spec, 'squared_error', 'sum', m.data), Float64Array.from([0, 0, 0]))).value).toBeCloseTo(72, 9);
  });

  it('when the eigenvalue of largest magnitude is negative: one tanh unit, H = c·[[x², x], [x, 1]] with c < 0, λ_max = 0', () => {
    // ℓ = (tanh(z) − y)², z = w x + b; at a = 0.5, y = −1: c = 2(f′² + (a − y) f″) = 2(0.5625 − 1.5·0.75) = −1.125
    const spec = net(1, [[1, 'tanh', true]]);
    const m = new LossModel(spec, 'squared_error', 'mean', dataset([[1]], [[-1]]));
    const r = complete(sharpness(m, Float64Array.from([Math.atanh(0.5), 0])));
    expect(r.negative).toBeCloseTo(-1.125 * 2, 9);
    expect(Math.abs(r.value)).toBeLessThan(1e-9);
    expect(r.converged).toBe(true);
  });

  it('of random small nets equals the largest eigenvalue of the finite-difference Hessian', () => {
    let negatives = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const spec = net(2, [[3, seed % 2 ? 'tanh' : 'sigmoid'], [1, 'linear']]);
      const { data, theta } = problem(spec, 'half_squared_error', 6, seed);
      for (let q = 0; q < theta.length; q++) theta[q] *= 3;
      const m = new LossModel(spec, 'half_squared_error', 'mean', data);
      const eig = jacobiEigenvalues(symmetrise(fdHessian(m, theta)));
      const r = complete(sharpness(m, theta, { seed }));
      const max = eig[eig.length - 1];
      if (-eig[0] > Math.abs(max)) {
        // power iteration met the negative one first, then λ_max by the shifted iteration
        negatives++;
        expect(Math.abs(r.negative! - eig[0])).toBeLessThan(1e-6 * Math.abs(eig[0]));
      } else expect(r.negative).toBe(null);
      expect(Math.abs(r.value - max)).toBeLessThan(1e-6 * Math.max(1, Math.abs(max)));
    }
    expect(negatives).toBeLessThan(12);
  });

  it('says whether lr is past 2/lr and what lr would be stable', () => {
    expect(stabilitySentence({ kind: 'sgd', lr: 1 }, 2.5)).toContain('past 2/lr = 2');
    expect(stabilitySentence({ kind: 'sgd', lr: 1 }, 2.5)).toContain('below 0.8 would be stable');
    expect(stabilitySentence({ kind: 'sgd', lr: 0.1 }, 2.5)).toContain('is below 2/lr = 20');
    expect(stabilitySentence({ kind: 'sgd', lr: 0.1, momentum: 0.9 }, 2.5)).toContain('(2 + 2·0.9)/lr = 38');
    expect(stabilitySentence({ kind: 'adam', lr: 0.1 }, 2.5)).toContain('Adam');
  });
});

function symmetrise(H: number[][]): number[][] {
  return H.map((r, i) => r.map((v, j) => (v + H[j][i]) / 2));
}

describe('landscape and line', () => {
  const spec = net(1, [[2, 'sigmoid'], [1, 'linear']]);
  const x = Array.from({ length: 40 }, (_, k) => [-5 + k / 4]);
  const y = x.map(([v]) => [Math.exp(v / 5)]);
  const trainer = () => new Trainer(options({
    network: spec, x, y, loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.5 }, epochs: 50,
    params: { weights: [[[0.3], [-0.2]], [[0.1, 0.4]]], biases: [[0.1, -0.1], [0]] },
  }));

  it("the grid's centre is the trainer's loss, bit for bit; the path's last point is the centre", () => {
    const t = trainer();
    t.runEpochs(50);
    const m = new LossModel(spec, 'half_squared_error', 'mean', t.opts.data.train);
    const theta = m.flatten(t.params);
    for (const directions of ['random', 'trajectory'] as const) {
      const g = complete(landscape(m, spec, theta, t.history.params, t.history.best?.epoch ?? null, { directions, resolution: 5, range: 1, seed: 0 }));
      expect(g.loss[12]).toBe(t.evaluate().train.loss);
      expect(g.center).toBe(t.evaluate().train.loss);
      expect(g.min.loss).toBe(Math.min(...g.loss));
      expect(g.path.alpha.at(-1)).toBe(0);
      expect(g.path.beta.at(-1)).toBe(0);
      if (directions === 'trajectory') {
        // the start lies in the plane at (1, 0)
        expect(g.path.alpha[0]).toBeCloseTo(1, 12);
        expect(g.path.beta[0]).toBeCloseTo(0, 12);
      }
    }
  });

  it('random directions are filter-normalised: each unit\'s (weights, bias) has the norm of θ\'s', () => {
    const theta = Float64Array.from([0.3, -0.2, 0.1, -0.1, 0.1, 0.4, 0]);
    const d = randomDirections(spec, theta, 4);
    expect(filters(spec)).toEqual([[0, 2], [1, 3], [4, 5, 6]]);
    for (const f of filters(spec)) {
      const n = (v: ArrayLike<number>) => Math.sqrt(f.reduce((s, k) => s + v[k] * v[k], 0));
      expect(n(d.d1)).toBeCloseTo(n(theta), 14);
      expect(n(d.d2)).toBeCloseTo(n(theta), 14);
    }
  });

  it('the plane through start, current and best: falls back to a random second direction when best = current', () => {
    const a = Float64Array.from([1, 0, 0]);
    const c = Float64Array.from([0, 0, 0]);
    const plane = trajectoryDirections(net(2, [[1, 'linear']]), a, c, Float64Array.from([0, 2, 0]), 0);
    expect(Array.from(plane.d2)).toEqual([0, 1, 0]); // orthogonal to d1, length ‖d1‖
    expect(plane.note).toBe(null);
    const flat = trajectoryDirections(net(2, [[1, 'linear']]), a, c, c, 0);
    expect(flat.note).toContain('second direction is random');
    expect(Math.abs(flat.cosine)).toBeLessThan(1e-12);
    const p = projectPath(c, plane, [0, 1], [[2, 3, 0], [0.5, -1, 0]]);
    expect(p.alpha).toEqual([2, 0.5]);
    expect(p.beta).toEqual([3, -1]);
    expect(p.offPlane).toBe(0);
  });

  it('the line through the last step: old and new loss, and on a quadratic the minimum where it is', () => {
    // L = ½·mean((w x − y)²) with x = (1, 2), y = (1, 2): minimum at w = 1; a step from w = 0 to w = 4 has it at t = 0.25
    const lin = net(1, [[1, 'linear', false]]);
    const m = new LossModel(lin, 'half_squared_error', 'mean', dataset([[1], [2]], [[1], [2]]));
    const s = complete(lineSlice(m, Float64Array.from([0]), Float64Array.from([4])));
    expect(s.old).toBe(m.lossAt([0]));
    expect(s.new).toBe(m.lossAt([4]));
    expect(s.min.t).toBeCloseTo(0.25, 6);
    expect(s.min.loss).toBeLessThan(1e-10);
    expect(s.t.length).toBe(101);
    expect(s.stepLength).toBe(4);
  });
});

it('fanIn-based filter lists cover every parameter once', () => {
  const spec = net(3, [[4, 'relu', true], [2, 'linear', false]]);
  const all = filters(spec).flat().sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: paramCount(spec) }, (_, k) => k));
});
