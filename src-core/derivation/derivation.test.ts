/**
 * The derivation against the reports' hand calculations and numpy:
 *  - report 000 (lecture 2-2-1 ReLU, x = (1, 0), y = 2, (a − y)², lr 0.005):
 *    dL/dw1 = 1.0 · 1 · 1 · 1 · 1 = 1.0, w1' = 1 − 0.005 · 1.0 = 0.995;
 *    w5: 1.0 · 1 · 1.5 = 1.5 → 0.9925; w3: gradient 0 because x2 = 0.
 *    Report names: W[0] = [[w1, w3], [w2, w4]], W[1] = [[w5, w6]], b = [[b1, b2], [b3]].
 *  - report 003 (b) (2-3-1 sigmoid, ½(a − y)², lr 0.1): numbers from fixtures/report003b.py.
 */
import { describe, expect, it } from 'vitest';
import { Trainer } from '../train/trainer';
import { net, options } from '../train/test/helpers';
import type { ParamRef } from '../types';
import {
  chainRule, chainSumTex, chainTermTex, chainTex, deadUnits, duplicateUnits, explainZero, exportStep, finiteDifference, fmt,
  sampleLossTex, shownRows, tex, updateOf, updateTable,
} from './index';
import type { DerivationContext } from './chain';

const W = (layer: number, j: number, i: number): ParamRef => ({ kind: 'weight', layer, j, i });
const B = (layer: number, j: number): ParamRef => ({ kind: 'bias', layer, j });

function lecture(lr = 0.005) {
  const spec = net(2, [[2, 'relu'], [1, 'relu']]);
  const t = new Trainer(options({
    network: spec, x: [[1, 0]], y: [[2]], optimizer: { kind: 'sgd', lr },
    params: { weights: [[[1, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] },
  }));
  t.stepBatch();
  const ctx: DerivationContext = { spec, loss: 'squared_error', reduction: 'mean' };
  return { t, step: t.lastStep!, ctx };
}

function report003b() {
  const spec = net(2, [[3, 'sigmoid'], [1, 'sigmoid']]);
  const t = new Trainer(options({
    network: spec, x: [[1, 0]], y: [[1]], loss: 'half_squared_error', optimizer: { kind: 'sgd', lr: 0.1 },
    params: { weights: [[[0.5, -0.25], [0.5, -0.25], [0.5, -0.25]], [[1, -1, 0]]], biases: [[0.1, 0.1, 0.1], [0.1]] },
  }));
  t.stepBatch();
  const ctx: DerivationContext = { spec, loss: 'half_squared_error', reduction: 'mean' };
  return { t, step: t.lastStep!, ctx };
}

describe('fmt: exact-looking numbers', () => {
  it('shows short decimals exactly and cuts binary tails', () => {
    expect(fmt(0.9925)).toBe('0.9925');
    expect(fmt(1 - 0.005 * 1.5)).toBe('0.9925');
    expect(fmt(0.48000000000000004)).toBe('0.48');
    expect(fmt(0.99250000001)).toBe('0.9925');
    expect(fmt(-0.005)).toBe('-0.005');
    expect(fmt(1.0000065)).toBe('1.0000065');
    expect(fmt(0.6456563062257954)).toBe('0.64565631');
    expect(fmt(1.0000066533)).toBe('1.0000067'); // told apart from 1.00001 (report 003's b1)
    expect(fmt(0.6456563062257954, 6)).toBe('0.645656');
    expect(fmt(-6.552e-5)).toBe('-6.552e-5');
    expect(fmt(-0.000027101508696392447)).toBe('-2.7101509e-5');
    expect(fmt(2.5)).toBe('2.5');
    expect(fmt(0)).toBe('0');
    expect(fmt(-0)).toBe('0');
    expect(fmt(12345678901)).toBe('1.2345679e10');
    expect(fmt(Infinity)).toBe('∞');
    expect(tex(-6.552e-5)).toBe('-6.552 \\times 10^{-5}');
    expect(tex(-0.5, true)).toBe('\\left(-0.5\\right)');
  });
});

describe('report 000: the lecture network, lr 0.005', () => {
  it('dL/dw1 = 1.0 · 1 · 1 · 1 · 1 = 1.0, and w1\' = 1 − 0.005 · 1.0 = 0.995', () => {
    const { step, ctx } = lecture();
    const r = chainRule(ctx, step, W(0, 0, 0));
    expect(r.form).toBe('path');
    // ∂L/∂a_out = 2(2.5 − 2) = 1, ReLU'(2.5) = 1, w5 = 1, ReLU'(1.5) = 1, x1 = 1
    expect(r.terms[0].factors.map((f) => f.value)).toEqual([1, 1, 1, 1, 1]);
    expect(r.gradient).toBe(1);
    expect(r.terms[0].value).toBe(1);
    const u = updateOf(ctx.spec, step, W(0, 0, 0));
    expect(u.after).toBe(0.995);
    expect(u.lines[1]).toBe("{w^{(1)}_{1,1}}' = 1 - 0.005 \\cdot 1 = 0.995");
    expect(chainTex(r)[1]).toBe('\\frac{\\partial L}{\\partial w^{(1)}_{1,1}} = 1 \\cdot 1 \\cdot 1 \\cdot 1 \\cdot 1 = 1');
  });

  it('w5 (n1 → out): 1 · 1 · 1.5 = 1.5 → 0.9925; the whole table matches the report', () => {
    const { step, ctx } = lecture();
    const r = chainRule(ctx, step, W(1, 0, 0));
    expect(r.terms[0].factors.map((f) => f.value)).toEqual([1, 1, 1.5]);
    expect(r.gradient).toBe(1.5);
    const table = updateTable(ctx.spec, step);
    const after = Object.fromEntries(table.map((row) => [row.name, row.after]));
    // report: w1 0.995, w2 0.495, w3 1.0, w4 −1.0, w5 0.9925, w6 0.9975, b1 0.495, b2 −0.005, b3 0.495
    expect(after).toEqual({
      'W[0][0][0]': 0.995, 'W[0][0][1]': 1, 'W[0][1][0]': 0.495, 'W[0][1][1]': -1,
      'b[0][0]': 0.495, 'b[0][1]': -0.005,
      'W[1][0][0]': 0.9925, 'W[1][0][1]': 0.9975, 'b[1][0]': 0.495,
    });
    expect(table.map((row) => fmt(row.after!))).toEqual(['0.995', '1', '0.495', '-1', '0.495', '-0.005', '0.9925', '0.9975', '0.495']);
  });

  it('w3 (x2 → n1) and w4 get gradient 0 because x2 = 0; w1 does not', () => {
    const { step, ctx } = lecture();
    for (const ref of [W(0, 0, 1), W(0, 1, 1)]) {
      const r = chainRule(ctx, step, ref);
      expect(r.gradient).toBe(0);
      expect(explainZero(ctx, step, r)).toBe('The gradient is 0 because the input feeding it, x2, is 0, and ∂z/∂w = x2 = 0.');
    }
    expect(explainZero(ctx, step, chainRule(ctx, step, W(0, 0, 0)))).toBeNull();
  });

  it('an inactive ReLU and an exact fit are named', () => {
    const { step, ctx, t } = lecture();
    expect(deadUnits(ctx.spec, step)).toEqual([]); // before stepping on: lastStep's matrices are views of the workspace
    // after the step w2 = 0.495: n2's z = 0.495·1 − 1·0 + b2; with b2 = −1 it is −0.505 ≤ 0: ReLU inactive
    t.setParam(B(0, 1), -1);
    t.stepPhase();
    const s2 = t.lastStep!;
    const r = chainRule(ctx, s2, B(0, 1));
    expect(r.gradient).toBe(0);
    expect(explainZero(ctx, s2, r)).toBe("The gradient is 0 because the ReLU of h2 is inactive (z = -0.505 ≤ 0), so ReLU'(z) = 0 and no gradient passes through it.");
    expect(explainZero(ctx, s2, chainRule(ctx, s2, W(1, 0, 1)))).toContain('the activation feeding it, h2, is 0 (its ReLU is inactive: z = -0.505 ≤ 0)');
    expect(deadUnits(ctx.spec, s2).map((d) => [d.layer, d.unit])).toEqual([[0, 1]]);
    // report 000's "mixed" start predicts exactly 2 → ∂ℓ/∂a = 0
    const exact = new Trainer(options({
      network: ctx.spec, x: [[1, 0]], y: [[2]], optimizer: { kind: 'sgd', lr: 0.005 },
      params: { weights: [[[0.5, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] },
    }));
    exact.stepBatch();
    const s3 = exact.lastStep!;
    expect(s3.loss).toBe(0);
    expect(explainZero(ctx, s3, chainRule(ctx, s3, B(1, 0)))).toBe('The gradient is 0 because the prediction out = 2 already equals the target 2, so ∂ℓ/∂a = 0.');
  });

  it('finite differences agree with the backward pass', () => {
    const { step, ctx } = lecture();
    for (const ref of [W(0, 0, 0), W(1, 0, 0), B(1, 0), W(0, 0, 1)]) {
      const fd = finiteDifference(ctx, step, ref);
      expect(fd.agrees).toBe(true);
      expect(fd.numeric).toBeCloseTo(fd.analytic, 8);
    }
    expect(finiteDifference(ctx, step, W(1, 0, 0)).numeric).toBeCloseTo(1.5, 8);
  });
});

describe('report 003 (b): 2-3-1 sigmoid, ½(a − y)², lr 0.1 (numpy: fixtures/report003b.py)', () => {
  it('chain rule factors of w1 (x1 → n1): −0.4750 · 0.2494 · 1 · 0.2288 · 1 = −0.0271', () => {
    const { step, ctx } = report003b();
    const r = chainRule(ctx, step, W(0, 0, 0));
    const f = r.terms[0].factors.map((x) => x.value);
    expect(f[0]).toBeCloseTo(-0.47502081252106, 14); // ∂E/∂a4 = a4 − y
    expect(f[1]).toBeCloseTo(0.24937604019289197, 14); // σ'(z4)
    expect(f[2]).toBe(1); // w7
    expect(f[3]).toBeCloseTo(0.22878424045665732, 14); // σ'(z1)
    expect(f[4]).toBe(1); // x1
    expect(r.gradient).toBeCloseTo(-0.027101508696392447, 15);
    expect(r.terms[0].value).toBe(r.gradient);
  });

  it('the update table matches numpy (and the report, rounded)', () => {
    const { step, ctx } = report003b();
    const rows = updateTable(ctx.spec, step);
    const get = (name: string) => rows.find((r) => r.name === name)!;
    const expected: [string, number, number][] = [
      ['W[0][0][0]', -0.027101508696392447, 0.5027101508696392], // w1 → 0.5027
      ['W[0][0][1]', 0, -0.25], // w2: x2 = 0
      ['W[0][1][0]', 0.027101508696392447, 0.49728984913036073], // w3 → 0.4973
      ['W[0][2][0]', 0, 0.5], // w5: w9 = 0 blocks it
      ['b[0][0]', -0.027101508696392447, 0.10271015086963925],
      ['b[0][1]', 0.027101508696392447, 0.09728984913036076],
      ['b[0][2]', 0, 0.1],
      ['W[1][0][0]', -0.07648367721103598, 1.0076483677211037], // w7
      ['W[1][0][1]', -0.07648367721103598, -0.9923516322788964], // w8
      ['W[1][0][2]', -0.07648367721103598, 0.007648367721103598], // w9
      ['b[1][0]', -0.11845880923571206, 0.11184588092357121], // b4 → 0.112
    ];
    for (const [name, g, after] of expected) {
      expect(get(name).gradient).toBeCloseTo(g, 15);
      expect(get(name).after).toBeCloseTo(after, 15);
    }
    expect(explainZero(ctx, step, chainRule(ctx, step, W(0, 2, 0)))).toBe('The gradient is 0 because every weight leaving h3 is 0, so no error flows back to it.');
    expect(explainZero(ctx, step, chainRule(ctx, step, W(0, 1, 1)))).toContain('x2, is 0');
  });

  it('export: Markdown with LaTeX and the numbers', () => {
    const { step, ctx } = report003b();
    const md = exportStep(ctx, step, { title: 'Report 003 (b)', optimizer: { kind: 'sgd', lr: 0.1 } });
    expect(md.startsWith('# Report 003 (b)\n')).toBe(true);
    expect(md).toContain('$$z^{(1)}_{1} = w^{(1)}_{1,1} a^{(0)}_{1}'.replace('a^{(0)}_{1}', 'x_{1}'));
    expect(md).toContain('= 0.6$$');
    expect(md).toContain('a^{(1)}_{1} = \\sigma(0.6) = 0.64565631$$');
    expect(md).toContain('L = \\ell_1 = 0.11282239$$');
    expect(md).toContain('\\frac{\\partial L}{\\partial w^{(1)}_{1,1}} = \\left(-0.47502081\\right) \\cdot 0.24937604 \\cdot 1 \\cdot 0.22878424 \\cdot 1 = -0.027101509$$');
    expect(md).toContain("{w^{(1)}_{1,1}}' = 0.5 - 0.1 \\cdot \\left(-0.027101509\\right) = 0.50271015$$");
    expect(md).toContain('| $w^{(2)}_{1,3}$ `W[1][0][2]` | h3 → out | 0 | -0.076483677 | 0.0076483677 |');
    expect(md).toContain('| $b^{(2)}_{1}$ `b[1][0]` | bias of out | 0.1 | -0.11845881 | 0.11184588 |');
    expect(md).toContain('> The gradient is 0 because the input feeding it, x2, is 0');
  });
});

describe('batches, the δ form and diagnostics', () => {
  it('a batch shows per-sample terms and their mean; δ form for many paths', () => {
    const spec = net(2, [[2, 'tanh'], [2, 'linear']]);
    const t = new Trainer(options({
      network: spec, x: [[1, 2], [-1, 0.5], [0.3, -0.7]], y: [[1, 0], [0, 1], [0.5, 0.5]], optimizer: { kind: 'sgd', lr: 0.1 },
      params: { weights: [[[0.3, -0.2], [0.1, 0.4]], [[0.5, -0.6], [0.7, 0.2]]], biases: [[0.1, -0.1], [0, 0.2]] },
    }));
    t.stepBatch();
    const step = t.lastStep!;
    const ctx: DerivationContext = { spec, loss: 'squared_error', reduction: 'mean' };
    const r = chainRule(ctx, step, W(0, 1, 0));
    expect(r.form).toBe('delta');
    expect(r.terms).toHaveLength(3);
    expect(r.sum / 3).toBe(r.gradient); // the backward pass divides the same sum by n
    expect(r.deltas[0].value).toBe(step.delta[0].data[1]);
    // δ^{(1)}_2 = (Σ_k δ^{(2)}_k w^{(2)}_{k,2}) · tanh'(z)
    const d = r.deltas[0];
    expect(d.terms!.map((q) => q.w)).toEqual([-0.6, 0.2]);
    for (const ref of [W(0, 1, 0), B(0, 0), W(1, 1, 1)]) expect(finiteDifference(ctx, step, ref).agrees).toBe(true);
  });

  it('one sample drives the per-sample lines, beyond the first 8 of a batch of 10 too', () => {
    // 1-2-1: tanh hidden, linear output, (a − y)², mean over 10 samples x_s = s/10 − 0.4, y_s = x_s²
    const spec = net(1, [[2, 'tanh'], [1, 'linear']]);
    const xs = Array.from({ length: 10 }, (_, s) => s / 10 - 0.4);
    const w1 = [0.8, -0.5], b1 = [0.1, 0.2], w2 = [0.6, -0.9], b2 = 0.05;
    const t = new Trainer(options({
      network: spec, x: xs.map((x) => [x]), y: xs.map((x) => [x * x]), optimizer: { kind: 'sgd', lr: 0.1 },
      params: { weights: [[[w1[0]], [w1[1]]], [[w2[0], w2[1]]]], biases: [b1, [b2]] },
    }));
    t.stepBatch();
    const step = t.lastStep!;
    const ctx: DerivationContext = { spec, loss: 'squared_error', reduction: 'mean' };
    // by hand, sample 10 (row 9): h = tanh(w1 x + b1), a = w2·h + b2, ∂ℓ/∂w1[0] = 2(a − y) · w2[0] · (1 − h0²) · x
    const x = xs[9], h = w1.map((w, k) => Math.tanh(w * x + b1[k])), a = w2[0] * h[0] + w2[1] * h[1] + b2;
    const term = 2 * (a - x * x) * w2[0] * (1 - h[0] * h[0]) * x;
    const r = chainRule(ctx, step, W(0, 0, 0), 8, 9);
    expect(r.terms).toHaveLength(8); // the first 8 …
    expect(r.focus.s).toBe(9); // … and the focus, beyond them
    expect(r.focus.value).toBeCloseTo(term, 14);
    expect(r.values[9]).toBe(r.focus.value);
    expect(r.focus.factors.map((f) => f.value)).toEqual([step.dLda[1].data[9], 1, w2[0], step.fprime[0].data[9 * 2], x]);
    expect(step.fprime[0].data[9 * 2]).toBeCloseTo(1 - h[0] * h[0], 14);
    expect(step.dLda[1].data[9]).toBeCloseTo(2 * (a - x * x), 14);
    expect(chainTermTex(r)).toContain(`\\frac{\\partial \\ell_{10}}{\\partial w^{(1)}_{1,1}} = ${tex(step.dLda[1].data[9], true)} \\cdot 1 \\cdot`);
    expect(shownRows(10, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 9]);
    expect(shownRows(10, 3)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const sum = chainSumTex(r, shownRows(10, 9), 9)!;
    expect(sum).toContain(`${tex(r.values[6], true)} + \\cdots + \\boxed{${tex(term, true)}}\\big) \\;(2\\text{ more}) = ${tex(r.gradient)}`);
    expect(r.sum / 10).toBe(r.gradient);
    expect(sampleLossTex(ctx, step, 9)).toMatch(new RegExp(`^\\\\ell_\\{10\\} = .* = ${tex((a - x * x) ** 2).replace('.', '\\.')}$`));
    // the math view's: each side one group, so the line breaks only at its = signs
    expect(sampleLossTex(ctx, step, 9, true)).toMatch(/^\{\\ell_\{10\}\} = \{\(a - y\)\^2\\big\|_\{a = [^{}]*; ?\\ y = [^{}]*\}\} = \{[^{}]*\}$/);
    // the δ form (a hidden bias of a 1-2-2 net) gives the focus sample's δ lines
    const spec2 = net(1, [[2, 'tanh'], [2, 'linear']]);
    const t2 = new Trainer(options({
      network: spec2, x: xs.map((x) => [x]), y: xs.map((x) => [x, -x]), optimizer: { kind: 'sgd', lr: 0.1 },
      params: { weights: [[[0.8], [-0.5]], [[0.6, -0.9], [0.3, 0.4]]], biases: [[0.1, 0.2], [0.05, 0]] },
    }));
    t2.stepBatch();
    const r2 = chainRule({ ...ctx, spec: spec2 }, t2.lastStep!, B(0, 1), 8, 9);
    expect(r2.form).toBe('delta');
    expect(r2.deltas[0].value).toBe(t2.lastStep!.delta[0].data[9 * 2 + 1]);
    expect(r2.focus.value).toBe(r2.deltas[0].value);
  });

  it('duplicate hidden units are found (report 000 "identical" start)', () => {
    const spec = net(2, [[2, 'relu'], [1, 'relu']]);
    const t = new Trainer(options({
      network: spec, x: [[1, 0]], y: [[2]],
      params: { weights: [[[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5]]], biases: [[0.5, 0.5], [0.5]] },
    }));
    const d = duplicateUnits(spec, t.params);
    expect(d.map((x) => [x.layer, x.unit, x.others])).toEqual([[0, 0, [1]], [0, 1, [0]]]);
    expect(d[0].message).toContain('h1 duplicates h2');
    t.setParam(W(1, 0, 1), 0.6);
    expect(duplicateUnits(spec, t.params)).toEqual([]);
  });
});

describe('the cross-entropy loss line names the terms that count', () => {
  // a 2-3 softmax net: ℓ = −Σ_k y_k ln a_k, written out for one-hot and for soft targets
  function softmax(y: number[][]) {
    const out = y[0].length;
    const spec = net(2, [[out, 'softmax']]);
    const W0 = [[0.5, -0.25], [0.1, 0.3], [-0.4, 0.2], [0.3, 0.3], [-0.2, 0.1]].slice(0, out);
    const t = new Trainer(options({
      network: spec, x: [[1, 0], [0, 1]], y, loss: 'cross_entropy', optimizer: { kind: 'sgd', lr: 0.1 },
      params: { weights: [W0], biases: [[0, 0.1, -0.1, 0, 0].slice(0, out)] },
    }));
    t.stepBatch();
    const ctx: DerivationContext = { spec, loss: 'cross_entropy', reduction: 'mean' };
    return { step: t.lastStep!, ctx };
  }

  it('one-hot: ℓ = −Σ y ln a = −ln a_k = −ln(a_k\'s value) = ℓ, the value by hand', () => {
    const { step, ctx } = softmax([[0, 1, 0], [0, 0, 1]]);
    // sample 1: z = W x + b = (0.5, 0.2, −0.5): a_2 = e^0.2 / (e^0.5 + e^0.2 + e^−0.5)
    const a2 = Math.exp(0.2) / (Math.exp(0.5) + Math.exp(0.2) + Math.exp(-0.5));
    expect(step.a[0].data[1]).toBeCloseTo(a2, 15);
    expect(step.sampleLoss[0]).toBeCloseTo(-Math.log(a2), 15);
    expect(sampleLossTex(ctx, step, 0)).toBe(`\\ell_{1} = -\\sum_k y_k \\ln a_k = -\\ln a_{2} = -\\ln ${tex(step.a[0].data[1], true)} = ${tex(step.sampleLoss[0])}`);
    expect(sampleLossTex(ctx, step, 1)).toBe(`\\ell_{2} = -\\sum_k y_k \\ln a_k = -\\ln a_{3} = -\\ln ${tex(step.a[0].data[5], true)} = ${tex(step.sampleLoss[1])}`);
    // the math view's form: each side one group (it breaks only at the = signs)
    expect(sampleLossTex(ctx, step, 0, true)).toBe(`{\\ell_{1}} = {-\\sum_k y_k \\ln a_k} = {-\\ln a_{2}} = {-\\ln ${tex(step.a[0].data[1], true)}} = {${tex(step.sampleLoss[0])}}`);
  });

  it('soft targets: the terms with y ≠ 0; every a and y when five or more count', () => {
    const { step, ctx } = softmax([[0.25, 0, 0.75], [0.2, 0.3, 0.5]]);
    const a = (k: number) => tex(step.a[0].data[k], true);
    expect(sampleLossTex(ctx, step, 0)).toBe(
      `\\ell_{1} = -\\sum_k y_k \\ln a_k = -\\big(y_{1} \\ln a_{1} + y_{3} \\ln a_{3}\\big) = -\\big(0.25 \\ln ${a(0)} + 0.75 \\ln ${a(2)}\\big) = ${tex(step.sampleLoss[0])}`,
    );
    expect(step.sampleLoss[0]).toBeCloseTo(-(0.25 * Math.log(step.a[0].data[0]) + 0.75 * Math.log(step.a[0].data[2])), 15);
    expect(sampleLossTex(ctx, step, 1)).toContain('\\big(y_{1} \\ln a_{1} + y_{2} \\ln a_{2} + y_{3} \\ln a_{3}\\big)');
    // five terms that count: the list of every a and y, as for the other losses
    const five = softmax([[0.2, 0.2, 0.2, 0.2, 0.2], [0, 0, 0, 0, 1]]);
    expect(sampleLossTex(five.ctx, five.step, 0)).toMatch(/^\\ell_\{1\} = -\\sum_k y_k \\ln a_k\\big\|_\{a = [^;]*;\\ y = 0\.2, 0\.2, 0\.2, 0\.2, 0\.2\} = /);
    expect(sampleLossTex(five.ctx, five.step, 1)).toContain('= -\\ln a_{5} = ');
  });
});
