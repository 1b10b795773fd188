/**
 * Report 003, problem 1: the student's own numbers (fixtures/report003-a.txt,
 * report003-b.json, transcribed from ../shared/seeds/003_*.txt) checked
 * against the step of the app's example. The engine's values are those of
 * src-core/train/report003.test.ts (numpy: fixtures/report003.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSession } from '../session/session';
import { applyOverrides } from '../session/overrides';
import { createTrainer, networkSpec } from '../session/create';
import type { StepDetail } from '../train/types';
import { checkAnswers, type CheckContext, type Checked } from './check';
import { parseAnswersFile } from './table';

const here = (p: string) => new URL(p, import.meta.url);
const session = (() => {
  const r = parseSession(readFileSync(here('../../assets/examples/003-homework-2-3-1-sigmoid-step.nnlab'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.session;
})();

function stepOf(run?: string): { ctx: CheckContext; step: StepDetail } {
  const overrides = run ? session.runs!.find((r) => r.id === run)!.overrides : {};
  const applied = applyOverrides(session.experiment, overrides);
  if (!applied.ok) throw new Error(applied.errors.join('\n'));
  const e = applied.value;
  const t = createTrainer(e);
  t.stepBatch();
  return { ctx: { spec: networkSpec(e), loss: e.loss, reduction: e.reduction, optimizer: e.optimizer }, step: t.lastStep! };
}

function check(fixture: string, run?: string): Map<string, Checked> {
  const parsed = parseAnswersFile(readFileSync(here(`fixtures/${fixture}`), 'utf8'));
  expect(parsed.problems).toEqual([]);
  const { ctx, step } = stepOf(run);
  const result = checkAnswers(ctx, step, parsed.answers);
  expect(result.answers.filter((a) => a.mark === 'unknown')).toEqual([]);
  return new Map(result.answers.map((a) => [a.name, a]));
}

const marks = (m: Map<string, Checked>, names: string[]) => names.map((n) => [n, m.get(n)!.mark]);

describe('report 003 (a): every weight and bias 1', () => {
  const m = check('report003-a.txt');

  it('passes the entries that are right to the digits typed', () => {
    // a4 = σ(3σ(2) + 1) = 0.97448 → 0.974; dE/db4 = −0.000635 → −0.0006; b4' = 1.0000635 → 1.00006
    const right = ['a4', 'dz4/db4', 'dE/db4', 'dz4/dw7', 'dz4/da2', 'da2/dz2', 'dz2/dw3', 'w2', 'w4', 'w6', 'b4'];
    expect(marks(m, right)).toEqual(right.map((n) => [n, 'right']));
  });

  it('w7–w9 = 1.00005 for 1.0000559: a rounding slip, cut off instead of rounded', () => {
    for (const w of ['w7', 'w8', 'w9']) {
      const a = m.get(w)!;
      expect(a.mark).toBe('slip');
      expect(a.key).toMatch(/^W\[1\]\[0\]\[[012]\]$/);
      expect(a.correct).toBeCloseTo(1.0000559051935658, 15);
      expect(a.grade!.truncated).toBe(true);
      expect(a.text).toContain('cut off at 5 decimals instead of rounded (rounded: 1.00006)');
    }
    // its gradient −0.0005 for −0.000559 is cut off the same way
    expect(m.get('dE/dw7')!.mark).toBe('slip');
  });

  it('w9 = 1 (the update forgotten) is right to its digits, and says that 1 is its value before the update too', () => {
    const { ctx, step } = stepOf();
    const [one, more, w2] = checkAnswers(ctx, step, [{ name: 'w9', value: '1' }, { name: 'w9', value: '1.00006' }, { name: 'w2', value: '1' }]).answers;
    expect(one.mark).toBe('right');
    expect(one.details).toEqual(['1 is also its value before the update (1): the update changes it by 5.5905194e-5, which shows only with more digits (1.0000559)']);
    expect([more.mark, more.details]).toEqual(['right', []]);
    // w2 does not change (its input x2 is 0): nothing to say
    expect([w2.mark, w2.details]).toEqual(['right', []]);
  });

  it('w1, w3, w5, b2, b3 = 1.0000065 for 1.0000067: right to 6 decimals, from the rounded −6.552e-5', () => {
    for (const p of ['w1', 'w3', 'w5', 'b2', 'b3']) {
      expect(m.get(p)!.mark).toBe('slip');
      expect(m.get(p)!.grade!.rightTo).toEqual({ decimals: 6, digits: 7 });
    }
    const g = m.get('dE/dw3')!;
    expect(g.mark).toBe('slip'); // −6.552e-5 for −6.664e-5: right to 1 significant digit
    expect(g.grade!.rightTo).toEqual({ decimals: 5, digits: 1 });
    // the rounded factors are why: dE/da4 = −0.0260 for −0.02552 and da4/dz4 = 0.024 for 0.02487
    expect(m.get('dE/da4')!.mark).toBe('slip');
    expect(m.get('da4/dz4')!.mark).toBe('slip');
    expect(m.get('loss')!.mark).toBe('slip'); // 0.00034 for 0.000326, from ŷ rounded to 0.974
  });

  it('b1 = 2.0000065 for 1.0000067: wrong; the arithmetic is at fault, and it looks like a typo', () => {
    const b1 = m.get('b1')!;
    expect(b1.mark).toBe('wrong');
    expect(b1.key).toBe('b[0][0]');
    expect(b1.correct).toBeCloseTo(1.0000066640624292, 15);
    expect(b1.text).toBe('wrong: it is 1.0000067');
    // the student's own gradient −6.552e-5 gives 1 − 0.1·(−6.552e-5) = 1.000006552, not 2.0000065
    expect(b1.details[0]).toBe("the update's arithmetic is at fault: 1 − 0.1 · (-6.552e-5) = 1.000006552, not 2.0000065 (the gradient you used is a rounding slip)");
    expect(b1.details).toContain('a typo? one digit: 1 for the 2: 1.0000065 would be a rounding slip (right to 6 decimals, 7 significant digits: 1.000007)');
  });
});

describe('report 003 (b): w1 = w3 = w5 = 0.5, w2 = w4 = w6 = −0.25, w7 = 1, w8 = −1, w9 = 0, biases 0.1', () => {
  const m = check('report003-b.json', 'b');

  it('passes the entries that are right to the digits typed', () => {
    const right = ['z1', 'a1', 'z4', 'a4', 'loss', 'dz4/dw8', 'dz4/dw9', 'dz4/da1', 'da1/dz1', 'dz1/dw1', 'dE/dw1', 'dE/db1',
      'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w8', 'b1', 'b2', 'b3', 'b4'];
    expect(marks(m, right)).toEqual(right.map((n) => [n, 'right']));
  });

  it('the rounded factors are slips: dE/da4 = −0.4751 (−0.47502), da4/dz4 = 0.250 (0.24938)', () => {
    expect(marks(m, ['dE/da4', 'da4/dz4', 'dE/dw8', 'w7', 'w9'])).toEqual([['dE/da4', 'slip'], ['da4/dz4', 'slip'], ['dE/dw8', 'slip'], ['w7', 'slip'], ['w9', 'slip']]);
    expect(m.get('da4/dz4')!.text).toContain('right to 2 decimals');
  });

  it('dE/dw9 = 0.0077 for −0.0765: wrong sign; the factors are right, the product is not — it is −η·∂E/∂w9', () => {
    const g = m.get('dE/dw9')!;
    expect(g.mark).toBe('wrong');
    expect(g.key).toBe('dL/dW[1][0][2]');
    expect(g.correct).toBeCloseTo(-0.07648367721103598, 15);
    // the student's factors −0.4751 · 0.250 · 0.646 = −0.0767: they are not what is wrong
    expect(g.details[0]).toBe('your factors are right or only rounded, but their product is -0.07672865, not 0.0077: the multiplication is at fault');
    expect(g.details[1]).toBe('dL/dW[1][0][2] = (-0.47502081) · 0.24937604 · 0.64565631 = -0.076483677');
    expect(g.details).toContain('0.0077 is −η·dL/dW[1][0][2] = 0.0076483677, the step of the update, not the gradient');
  });

  it('dE/db2 = 0.0871 for 0.0271: wrong; its correct factors are listed, and 8 for 2 is the one digit', () => {
    const g = m.get('dE/db2')!;
    expect(g.mark).toBe('wrong');
    expect(g.details).toContain('dL/db[0][1] = (-0.47502081) · 0.24937604 · (-1) · 0.22878424 · 1 = 0.027101509');
    expect(g.details).toContain('a typo? one digit: 2 for the 8: 0.0271 would be right');
  });
});

describe('what is at fault', () => {
  const { ctx, step } = stepOf('b');
  const run = (table: string) => new Map(checkAnswers(ctx, step, parseAnswersFile(table).answers).answers.map((a) => [a.name, a]));

  it('a wrong gradient names the first wrong factor the student gave, with its value', () => {
    // report 003 (b)'s b2 line as the text extraction printed it: −0.4751 × 0.850 × −1 × 0.289 × 1 = 0.0871
    const m = run('dE/da4 = -0.4751\nda4/dz4 = 0.850\ndz4/da2 = -1\nda2/dz2 = 0.289\ndz2/db2 = 1\ndE/db2 = 0.0871\n');
    expect(m.get('da4/dz4')!.mark).toBe('wrong');
    expect(m.get('dE/db2')!.details[0]).toBe('the factor da[1][0]/dz[1][0] is wrong: you have 0.850, it is 0.24937604');
  });

  it("a wrong update whose arithmetic follows from the student's wrong gradient blames the gradient", () => {
    // w8' = −1 − 0.1·g; with g = −0.77 (a slipped decimal point) the student gets −0.923
    const m = run('dE/dw8 = -0.77\nw8 = -0.923\n');
    expect(m.get('w8')!.mark).toBe('wrong');
    expect(m.get('w8')!.details[0]).toBe('the arithmetic is right (-1 − 0.1 · (-0.77) = -0.923): the gradient you used, -0.77, is wrong');
  });

  it('without factors, a wrong gradient is given as the product of its right factors; a sign error is named', () => {
    const m = run('grad W[0][0][0] = 0.0271\n');
    expect(m.get('grad W[0][0][0]')!.details).toEqual([
      'dL/dW[0][0][0] = (-0.47502081) · 0.24937604 · 1 · 0.22878424 · 1 = -0.027101509',
      'the sign is wrong: -0.0271 would be right',
    ]);
  });

  it("a wrong activation that follows from the student's wrong z blames the z", () => {
    const m = run('z1 = 0.3\na1 = 0.574\nz2 = 0.6\na2 = 0.7\n');
    expect(m.get('z1')!.mark).toBe('wrong');
    expect(m.get('a1')!.details[0]).toBe('it is σ(0.3) = 0.57444252 of your z, which is wrong: the z is at fault');
    expect(m.get('a2')!.details[0]).toBe('σ(0.6) = 0.64565631: the activation of your z is at fault');
  });

  it('a batch of several samples: the gradient is explained as an average, factors refer to the first sample', () => {
    const e = applyOverrides(session.experiment, { 'data.train': { x: [[1, 0], [0, 1]], y: [[1], [0]] } });
    if (!e.ok) throw new Error(e.errors.join('\n'));
    const t = createTrainer(e.value);
    t.stepBatch();
    const c = { spec: networkSpec(e.value), loss: e.value.loss, reduction: e.value.reduction, optimizer: e.value.optimizer };
    const r = checkAnswers(c, t.lastStep!, [{ name: 'dE/dw7', value: '1' }, { name: 'a4', value: '0.974' }]);
    expect(r.answers[0].mark).toBe('wrong');
    expect(r.answers[0].details[0]).toMatch(/^dL\/dW\[1\]\[0\]\[0\] = .* for the first sample; the gradient averages it over the 2 samples = /);
    expect(r.answers[1].mark).toBe('right');
  });
});

describe('sessionParamNames: the session\'s own parameter names', () => {
  it('reads the top-level param_names (report 003: w1 … w9, b1 … b4), and the older names fields', async () => {
    const { sessionParamNames } = await import('./exercise');
    expect(sessionParamNames(session)).toMatchObject({ 'W[0][0][0]': 'w1', 'W[1][0][2]': 'w9', 'b[1][0]': 'b4' });
    // param_names wins over a file's older guesses; those still work alone, in either direction
    expect(sessionParamNames({ param_names: { 'W[0][0][0]': 'u' }, names: { 'W[0][0][0]': 'v' } })).toEqual({ 'W[0][0][0]': 'u' });
    expect(sessionParamNames({ names: { v: 'W[0][0][0]' } })).toEqual({ 'W[0][0][0]': 'v' });
    expect(sessionParamNames({ experiment: { names: { 'b[0][0]': 'c' } } })).toEqual({ 'b[0][0]': 'c' });
    expect(sessionParamNames({ param_names: [] })).toBeUndefined();
    expect(sessionParamNames(null)).toBeUndefined();
  });
});
