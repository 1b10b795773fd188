/**
 * The hidden answers an exercise's notes give away (leaks.ts), on report
 * 003's homework example: its notes say the new a4 (0.97448), the loss
 * (0.000326) and w1, w7, b4 after the update, as the report printed them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSession } from '../session/session';
import { checkContextOf, sessionParamNames, stepOfExperiment } from './exercise';
import { answersGivenAway, hiddenAnswers, shownNumbers, type HiddenAnswer } from './leaks';
import { networkSpec } from '../session/create';
import { allParams, paramName } from '../derivation/names';

const text = readFileSync(fileURLToPath(new URL('../../assets/examples/003-homework-2-3-1-sigmoid-step.nnlab', import.meta.url)), 'utf8');

describe('answersGivenAway', () => {
  const answers: HiddenAnswer[] = [{ name: 'w9', value: 1.0000559 }, { name: 'dL/dw9', value: -0.000559 }, { name: 'loss', value: 0.0003264 }];
  it('finds a number right for an answer to the digits written, with its line', () => {
    expect(answersGivenAway('intro\nthe new w9 is **1.00006**, see', answers, [])).toEqual([{ text: '1.00006', line: 2, name: 'w9' }]);
    expect(answersGivenAway('a gradient of −0.000559 (or -5.59e-4)', answers, [])).toEqual([
      { text: '−0.000559', line: 1, name: 'dL/dw9' }, { text: '-5.59e-4', line: 1, name: 'dL/dw9' },
    ]);
  });
  it('passes over short numbers, names with digits, wrong values and numbers the student sees anyway', () => {
    expect(answersGivenAway('w9 goes up from 1, about 1.0', answers, [])).toEqual([]);
    // "1.00" is right for the new w9, and for its starting value 1, which the student sees
    expect(answersGivenAway('about 1.00', answers, [])).toHaveLength(1);
    expect(answersGivenAway('about 1.00', answers, [1])).toEqual([]);
    expect(answersGivenAway('W[0][0][0] w1 a4 10⁻⁶ 1000 epochs, 1.00007', answers, [])).toEqual([]);
    // 0.000326 is right for the loss, unless it is also a starting value the student is given
    expect(answersGivenAway('loss 0.000326', answers, [])).toHaveLength(1);
    expect(answersGivenAway('loss 0.000326', answers, [0.000326])).toEqual([]);
  });
});

describe('the homework example', () => {
  it("its notes give away the report's numbers of the first update; the starting values and the batch are not answers", () => {
    const s = (parseSession(text) as { session: any }).session;
    const experiment = s.experiment;
    const step = stepOfExperiment(experiment, 0);
    const spec = networkSpec(experiment);
    const names = sessionParamNames(s);
    const keys = allParams(spec).map((ref) => ({ key: paramName(ref), name: names?.[paramName(ref)] ?? paramName(ref) }));
    const answers = hiddenAnswers(checkContextOf(experiment, s), step, [...keys, { key: 'loss', name: 'loss' }]);
    expect(answers.find((a) => a.name === 'loss')!.value).toBeCloseTo(0.000326, 6);
    const found = answersGivenAway(s.notes, answers, shownNumbers(step)).map((g) => `${g.name} ${g.text}`);
    expect(found).toEqual(expect.arrayContaining(['loss 0.000326', 'w1 1.0000067', 'w7 1.0000559', 'b4 1.0000635']));
    expect(shownNumbers(step)).toContain(step.lr);
  });
});
