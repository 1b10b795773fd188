// Starting weights against numpy: init-reference.json comes from numpy_init_reference.py,
// ../random/numpy-reference.json from ../random/numpy_reference.py (both numpy 2.4, this machine).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NumpyLegacyRng } from '../random/mt19937.ts';
import { createRngStreams } from '../random/streams.ts';
import type { NetworkSpec, Params } from '../types.ts';
import { initParams, type InitConfig } from './init.ts';

const json = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const randomRef = json('../random/numpy-reference.json') as {
  report004: { synapse_0: number[][]; synapse_1: number[][] };
  report002: { U_h3: number[][]; V_h3: number[][] };
};
const initRef = json('./init-reference.json') as {
  he_normal_default_rng3_in_out: number[][][];
  glorot_uniform_numpy5_out_in: number[][][];
  he_uniform_numpy5_in_out_biases_normal: { W: number[][][]; b: number[][] };
  glorot_normal_default_rng11_out_in: number[][][];
};

/** W[l] as nested [j][i] rows */
const rows = (p: Params, l: number, fanIn: number): number[][] => {
  const out: number[][] = [];
  for (let j = 0; j < p.W[l].length / fanIn; j++) out.push(Array.from(p.W[l].subarray(j * fanIn, (j + 1) * fanIn)));
  return out;
};
const transpose = (m: number[][]): number[][] => m[0].map((_, c) => m.map((r) => r[c]));

const net231: NetworkSpec = {
  inputs: 2,
  layers: [
    { units: 3, activation: 'relu', bias: true },
    { units: 1, activation: 'linear', bias: true },
  ],
};

describe('initParams against numpy', () => {
  it("report 004: rng numpy, seed 1, uniform(-1, 1) in_out gives synapse_0 / synapse_1 as W[l][j][i] = synapse_l[i][j]", () => {
    const net: NetworkSpec = {
      inputs: 3,
      layers: [
        { units: 4, activation: 'sigmoid', bias: false },
        { units: 1, activation: 'sigmoid', bias: false },
      ],
    };
    const p = initParams(net, { kind: 'uniform', low: -1, high: 1 }, createRngStreams('numpy', 1));
    expect(rows(p, 0, 3)).toEqual(transpose(randomRef.report004.synapse_0));
    expect(rows(p, 1, 4)).toEqual(transpose(randomRef.report004.synapse_1));
    expect(p.W[0][0 * 3 + 0]).toBeCloseTo(-0.16595599, 8); // synapse_0[0][0] as printed in the report
    expect(p.W[0][1 * 3 + 0]).toBeCloseTo(0.44064899, 8); // synapse_0[0][1]: input 0 → hidden unit 1
    expect(p.b).toEqual([new Float64Array(0), new Float64Array(0)]);
  });

  it('report 002: default_rng(36255793825986746149655859236796938907), normal(0, 0.01), out_in, bias as input gives U and V', () => {
    const net: NetworkSpec = {
      inputs: 1,
      layers: [
        { units: 2, activation: 'sigmoid', bias: true }, // h = 3: two sigmoid units + the bias unit
        { units: 1, activation: 'linear', bias: true },
      ],
    };
    const init: InitConfig = {
      kind: 'normal', mean: 0, std: 0.01, order: 'out_in', bias_as_input: true, seed: '36255793825986746149655859236796938907',
    };
    const p = initParams(net, init, createRngStreams('numpy_default_rng', 0));
    const { U_h3: U, V_h3: V } = randomRef.report002;
    // U[j] = [weight from x, bias] of hidden unit j; V[0] = [weights from the hidden units..., bias]
    expect(rows(p, 0, 1)).toEqual(U.map((r) => [r[0]]));
    expect(Array.from(p.b[0])).toEqual(U.map((r) => r[1]));
    expect(rows(p, 1, 2)).toEqual([V[0].slice(0, 2)]);
    expect(Array.from(p.b[1])).toEqual([V[0][2]]);
  });

  it('he_normal, default_rng(3), in_out', () => {
    const p = initParams(net231, { kind: 'he_normal' }, createRngStreams('numpy_default_rng', 3));
    const [w0, w1] = initRef.he_normal_default_rng3_in_out;
    expect(rows(p, 0, 2)).toEqual(transpose(w0));
    expect(rows(p, 1, 3)).toEqual(transpose(w1));
    expect(p.b).toEqual([new Float64Array(3), new Float64Array(1)]);
  });

  it('glorot_uniform, np.random.seed(5), out_in', () => {
    const p = initParams(net231, { kind: 'glorot_uniform', order: 'out_in' }, createRngStreams('numpy', 5));
    const [w0, w1] = initRef.glorot_uniform_numpy5_out_in;
    expect(rows(p, 0, 2)).toEqual(w0);
    expect(rows(p, 1, 3)).toEqual(w1);
  });

  it("he_uniform with normal biases: each layer's biases are drawn right after its weights", () => {
    const init: InitConfig = { kind: 'he_uniform', biases: { kind: 'normal', std: 0.5 } };
    const p = initParams(net231, init, createRngStreams('numpy', 5));
    const r = initRef.he_uniform_numpy5_in_out_biases_normal;
    expect(rows(p, 0, 2)).toEqual(transpose(r.W[0]));
    expect(rows(p, 1, 3)).toEqual(transpose(r.W[1]));
    expect(p.b.map((v) => Array.from(v))).toEqual(r.b);
  });

  it('glorot_normal, default_rng(11), out_in', () => {
    const p = initParams(net231, { kind: 'glorot_normal', order: 'out_in' }, createRngStreams('numpy_default_rng', 11));
    const [w0, w1] = initRef.glorot_normal_default_rng11_out_in;
    expect(rows(p, 0, 2)).toEqual(w0);
    expect(rows(p, 1, 3)).toEqual(w1);
  });

  it('init.seed restarts the stream (np.random.seed(1) again before the weights)', () => {
    const streams = createRngStreams('numpy', 99);
    streams.stream('data').random(); // the data drew first
    const p = initParams(net231, { kind: 'uniform', low: -1, high: 1, seed: 1 }, streams);
    const g = new NumpyLegacyRng(1);
    expect(p.W[0][0]).toBe(2 * g.random() - 1);
  });
});

describe('initParams: scale of he / glorot on large layers', () => {
  const big: NetworkSpec = {
    inputs: 400,
    layers: [
      { units: 300, activation: 'relu', bias: true },
      { units: 100, activation: 'linear', bias: true },
    ],
  };
  const stats = (w: Float64Array): { mean: number; std: number; maxAbs: number } => {
    let s = 0;
    let maxAbs = 0;
    for (const v of w) {
      s += v;
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    const mean = s / w.length;
    let ss = 0;
    for (const v of w) ss += (v - mean) ** 2;
    return { mean, std: Math.sqrt(ss / w.length), maxAbs };
  };
  // 120 000 weights in layer 0: the sample std is within ~0.3% of the true one (1% allowed)
  const cases: [InitConfig['kind'], number, number][] = [
    ['he_normal', Math.sqrt(2 / 400), Math.sqrt(2 / 300)],
    ['he_uniform', Math.sqrt(6 / 400) / Math.sqrt(3), Math.sqrt(6 / 300) / Math.sqrt(3)], // U(-a, a) has std a/√3
    ['glorot_uniform', Math.sqrt(6 / 700) / Math.sqrt(3), Math.sqrt(6 / 400) / Math.sqrt(3)],
    ['glorot_normal', Math.sqrt(2 / 700), Math.sqrt(2 / 400)],
  ];
  for (const rngKind of ['seedrandom', 'numpy', 'numpy_default_rng'] as const) {
    for (const [kind, std0, std1] of cases) {
      it(`${kind} with ${rngKind}: std ${std0.toFixed(4)} / ${std1.toFixed(4)}, mean 0`, () => {
        const p = initParams(big, { kind } as InitConfig, createRngStreams(rngKind, 2024));
        const s0 = stats(p.W[0]);
        const s1 = stats(p.W[1]);
        expect(Math.abs(s0.std / std0 - 1)).toBeLessThan(0.01);
        expect(Math.abs(s1.std / std1 - 1)).toBeLessThan(0.02); // 30 000 weights
        expect(Math.abs(s0.mean)).toBeLessThan((5 * std0) / Math.sqrt(120000));
        if (kind.endsWith('uniform')) expect(s0.maxAbs).toBeLessThanOrEqual(std0 * Math.sqrt(3));
        expect(Array.from(p.b[0]).every((v) => v === 0)).toBe(true);
      });
    }
  }
});

describe('initParams: fixed values and errors', () => {
  it('zeros and constant, with constant biases', () => {
    const p = initParams(net231, { kind: 'constant', value: 0.5, biases: { kind: 'constant', value: 1 } }, createRngStreams());
    expect(Array.from(p.W[0])).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(p.b[1])).toEqual([1]);
    const z = initParams(net231, { kind: 'zeros' }, createRngStreams());
    expect(Array.from(z.W[1])).toEqual([0, 0, 0]);
  });

  it('zeros and constant leave the numpy stream untouched', () => {
    const streams = createRngStreams('numpy', 1);
    initParams(net231, { kind: 'constant', value: 2 }, streams);
    expect(streams.stream('shuffle').random()).toBe(new NumpyLegacyRng(1).random());
  });

  it('explicit weights are checked against the network', () => {
    const p = initParams(
      net231,
      { kind: 'explicit', weights: [[[1, 2], [3, 4], [5, 6]], [[7, 8, 9]]], biases: [[0.1, 0.2, 0.3], [0.4]] },
      createRngStreams(),
    );
    expect(Array.from(p.W[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(p.b[1])).toEqual([0.4]);
    expect(() =>
      initParams(net231, { kind: 'explicit', weights: [[[1, 2], [3, 4], [5]], [[7, 8, 9]]], biases: [[0, 0, 0], [0]] }, createRngStreams(), 'experiment.init'),
    ).toThrow('experiment.init.weights[0][2]: expected 2 numbers (one per input of layer 0), got 1');
  });

  it('bad configs name the field', () => {
    const s = createRngStreams();
    expect(() => initParams(net231, { kind: 'uniform', low: 1, high: -1 }, s)).toThrow('init.high: expected a number >= low (1), got -1');
    expect(() => initParams(net231, { kind: 'normal', std: -1 }, s)).toThrow('init.std: expected a number >= 0, got -1');
    expect(() => initParams(net231, { kind: 'normal' } as never, s)).toThrow('init.std: expected a number, got undefined');
    expect(() => initParams(net231, { kind: 'xavier' } as never, s)).toThrow('init.kind: expected one of "explicit", "zeros"');
    expect(() => initParams(net231, { kind: 'zeros', order: 'rows' } as never, s)).toThrow('init.order: expected "in_out" or "out_in", got "rows"');
    expect(() => initParams(net231, { kind: 'he_normal', biases: { kind: 'normal', std: -2 } }, s)).toThrow('init.biases.std: expected a number >= 0, got -2');
    expect(() => initParams(net231, { kind: 'normal', std: 1, bias_as_input: true, biases: { kind: 'zeros' } }, s)).toThrow(
      'init.biases: not allowed with "bias_as_input": true',
    );
    expect(() => initParams(net231, { kind: 'uniform', low: 0, high: 1, seed: 'x' }, createRngStreams('numpy', 1))).toThrow(
      'init.seed: the "numpy" generator (np.random.seed) takes an integer seed >= 0, got "x"',
    );
  });
});
