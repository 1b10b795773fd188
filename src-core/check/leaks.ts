/**
 * An exercise hides the numbers of one update until the student checks or
 * reveals them, but the session's notes travel with it in plain text: report
 * 003's homework example says "b1 becomes **1.0000067**". Before a teacher
 * saves an exercise, the app looks for the hidden answers in the notes.
 *
 * A number in the text gives an answer away when the checker would mark it
 * right for that answer (number.ts: right to the digits written), it has at
 * least three significant digits (a "1" or a "0.5" says nothing) and it is
 * not also a number the student sees anyway: a starting parameter, an input
 * or target of the batch, the learning rate.
 */
import type { StepDetail } from '../train/types';
import { namerFor, type CheckContext } from './check';
import { grade, parseTyped } from './number';
import { valueOf } from './quantities';

/** A number in a text that is one of the hidden answers. */
export interface GivenAway {
  /** the number as written */
  text: string;
  /** 1-based line of the text it is on */
  line: number;
  /** the answer it gives away, as the form names it ("b1", "dL/dw9") */
  name: string;
}

/** An answer of the hidden update: its name and the engine's value. */
export interface HiddenAnswer {
  name: string;
  value: number;
}

// a decimal number not glued to a name ("w9", "W[0]" are names; "1.5e-3", "−0.026" are numbers)
const NUMBER_IN_TEXT = /(?<![\w\].])[-−+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?(?![\w[])/g;
const MIN_DIGITS = 3;

/** The hidden update's answers, one per name the homework form asks for (`keys`: its canonical names). */
export function hiddenAnswers(ctx: CheckContext, step: StepDetail, keys: readonly { key: string; name: string }[]): HiddenAnswer[] {
  const namer = namerFor(ctx);
  const out: HiddenAnswer[] = [];
  for (const { key, name } of keys) {
    const q = namer.quantity(key);
    if ('error' in q) continue;
    const v = valueOf(ctx.spec, step, q);
    if (v.ok && Number.isFinite(v.value)) out.push({ name, value: v.value });
  }
  return out;
}

/** What the student sees without the hidden update: the starting parameters, the batch, the learning rate. */
export function shownNumbers(step: StepDetail): number[] {
  const out = [step.lr];
  for (const W of step.before.W) out.push(...W);
  for (const b of step.before.b) out.push(...b);
  out.push(...step.x.data, ...step.y.data);
  return out;
}

/** The numbers in `text` that give one of `answers` away (at most one entry per number written). */
export function answersGivenAway(text: string, answers: readonly HiddenAnswer[], shown: readonly number[]): GivenAway[] {
  const out: GivenAway[] = [];
  text.split('\n').forEach((lineText, k) => {
    for (const m of lineText.matchAll(NUMBER_IN_TEXT)) {
      const typed = parseTyped(m[0]);
      if (!typed || typed.digits < MIN_DIGITS) continue;
      if (shown.some((v) => grade(typed, v).mark === 'right')) continue;
      const answer = answers.find((a) => grade(typed, a.value).mark === 'right');
      if (answer) out.push({ text: m[0], line: k + 1, name: answer.name });
    }
  });
  return out;
}
