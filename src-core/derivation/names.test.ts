import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { NetworkSpec } from '../types';
import {
  defaultNames, displayName, nameWithLayout, ownTex, paramNamesProblems, paramTex, parseParamName, refOfName, type Names,
} from './names';
import { exportStep } from './export';
import { parseSession } from '../session/session';
import { createTrainer } from '../session/create';

const lecture: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'relu', bias: true }, { units: 1, activation: 'relu', bias: true }] };
// report 000's notebook: node_1 = input1 * w1 + input2 * w3 + bias1, node_2 = input1 * w2 + input2 * w4 + bias2, out = n1 * w5 + n2 * w6 + bias3
const notebook = { 'W[0][0][0]': 'w1', 'W[0][0][1]': 'w3', 'W[0][1][0]': 'w2', 'W[0][1][1]': 'w4', 'W[1][0][0]': 'w5', 'W[1][0][1]': 'w6', 'b[0][0]': 'bias1', 'b[0][1]': 'bias2', 'b[1][0]': 'bias3' };
const names: Names = { ...defaultNames(lecture), params: notebook };
const w3 = { kind: 'weight', layer: 0, j: 0, i: 1 } as const;
const bias3 = { kind: 'bias', layer: 1, j: 0 } as const;

describe('own parameter names', () => {
  it('name a parameter as the notebook does, with the layout form beside it', () => {
    expect(displayName(w3, names)).toBe('w3');
    expect(nameWithLayout(w3, names)).toBe('w3 = W[0][0][1]');
    expect(nameWithLayout(bias3, names)).toBe('bias3 = b[1][0]');
    // without own names, the layout name alone
    expect(displayName(w3)).toBe('W[0][0][1]');
    expect(nameWithLayout(bias3, defaultNames(lecture))).toBe('b[1][0]');
  });

  it('typeset as the student writes them: w1 → w_{1}, bias3 → \\mathrm{bias}_{3}; the blackboard form without', () => {
    expect(paramTex(w3, names)).toBe('w_{3}');
    expect(paramTex(bias3, names)).toBe('\\mathrm{bias}_{3}');
    expect(paramTex(w3)).toBe('w^{(1)}_{1,2}');
    expect(ownTex("U'")).toBe("\\mathrm{U'}");
    expect(ownTex('w_h')).toBe('\\mathrm{w\\_h}');
    expect(ownTex('w_2')).toBe('w_{2}');
  });

  it('find a parameter by either name', () => {
    expect(refOfName('w3', names)).toEqual(w3);
    expect(refOfName(' bias3 ', names)).toEqual(bias3);
    expect(refOfName('W[0][0][1]', names)).toEqual(w3);
    expect(refOfName('w7', names)).toBeNull();
    expect(parseParamName('b[1][0]')).toEqual(bias3);
  });

  it('refuse keys that are no parameter of the network, bad names and a name given twice', () => {
    expect(paramNamesProblems(lecture, notebook)).toEqual([]);
    const bad = paramNamesProblems(lecture, { 'W[0][0][5]': 'a', 'x1': 'b', 'W[0][1][0]': '1w', 'b[0][0]': 'w1', 'W[0][0][0]': 'w1', 'W [0][0][1]': 'c' });
    expect(bad.map((p) => p.key)).toEqual(['W[0][0][5]', 'x1', 'W[0][1][0]', 'W[0][0][0]', 'W [0][0][1]']);
    expect(bad[0].expected).toMatch(/input 5 does not exist/);
    expect(bad[3].expected).toMatch(/no other parameter has \(b\[0\]\[0\] is already w1\)/);
    expect(bad[4].expected).toBe('the parameter written W[0][0][1]');
  });

  it('a session file with param_names: checked with the JSON path; the report 000 and 003 examples use them', () => {
    const base = JSON.parse(readFileSync(new URL('../../assets/examples/000-lecture-relu-net-learning-rates.nnlab', import.meta.url), 'utf8'));
    const ok = parseSession(base);
    expect(ok.ok && ok.session.param_names?.['W[0][0][1]']).toBe('w3');
    const bad = parseSession({ ...base, param_names: { 'W[2][0][0]': 'w9', 'b[0][0]': 7 } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual(['param_names.b[0][0]: expected a name, e.g. "w1", got 7']);
    const bad2 = parseSession({ ...base, param_names: { 'W[2][0][0]': 'w9' } });
    expect(!bad2.ok && bad2.errors[0]).toMatch(/^param_names\.W\[2\]\[0\]\[0\]: expected a parameter of the network \(W\[2\]\[0\]\[0\]: layer 2 does not exist/);
    const hw = JSON.parse(readFileSync(new URL('../../assets/examples/003-homework-2-3-1-sigmoid-step.nnlab', import.meta.url), 'utf8'));
    // the homework: n1 = σ(w1·x1 + w2·x2 + b1); w7, w8, w9 into the output; b4 its bias
    expect(hw.param_names).toMatchObject({ 'W[0][0][0]': 'w1', 'W[0][0][1]': 'w2', 'W[1][0][2]': 'w9', 'b[1][0]': 'b4' });
    expect(parseSession(hw).ok).toBe(true);
  });

  it("the derivation's export writes the own names with the layout form", () => {
    const parsed = parseSession(readFileSync(new URL('../../assets/examples/000-lecture-relu-net-learning-rates.nnlab', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const trainer = createTrainer(parsed.session.experiment);
    trainer.stepBatch();
    const md = exportStep({ spec: lecture, loss: 'squared_error', reduction: 'mean', names: { ...defaultNames(lecture), params: parsed.session.param_names } }, trainer.lastStep!, { title: 't', optimizer: trainer.opts.optimizer });
    expect(md).toContain('### $w_{1}$ — w1 = W[0][0][0]');
    // forward: z = w1 x1 + w3 x2 + bias1, in the notebook's names
    expect(md).toContain('w_{1} x_{1} + w_{3} x_{2} + \\mathrm{bias}_{1}');
    // w1' = w1 − η g: 1 − 0.01 · 1 = 0.99
    expect(md).toMatch(/\| \$w_\{1\}\$ `w1 = W\[0\]\[0\]\[0\]` \| x1 → h1 \| 1 \| 1 \| 0\.99 \|/);
  });
});
