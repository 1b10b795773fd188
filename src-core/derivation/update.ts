/**
 * The update of one parameter with the numbers of a step: plain SGD
 * w' = w − η·g; SGD with momentum v' = μv + g, w' = w − η·v' (Nesterov:
 * w' = w − η·(g + μv')); Adam m' = β1·m + (1−β1)·g, s' = β2·s + (1−β2)·g²,
 * m̂ = m'/(1−β1^t), ŝ = s'/(1−β2^t), w' = w − η·m̂/(√ŝ + ε).
 *
 * The optimizer's state comes from the step record (StepDetail.optimizer:
 * the engine's own v, m, s before and after, t and the bias corrections), so
 * every number shown is the one the engine used. m̂, ŝ and the step are
 * recomputed here with the engine's very operations, so they are identical.
 * A step without that state is plain SGD's.
 */
import type { NetworkSpec, ParamRef } from '../types';
import type { StepDetail } from '../train/types';
import { tex } from './format';
import { log10 } from '../math/log';
import { paramTex, readParam, type Names } from './names';

export interface AdamNumbers {
  t: number;
  /** m, s before the update; m', s' after it (null until the update ran) */
  m: number;
  mNew: number | null;
  s: number;
  sNew: number | null;
  /** bias corrections 1 − β1^t, 1 − β2^t */
  c1: number;
  c2: number;
  mHat: number | null;
  sHat: number | null;
  /** η·m̂/(√ŝ + ε): w' = w − step */
  step: number | null;
}

export interface UpdateLine {
  before: number;
  gradient: number;
  after: number | null;
  lr: number;
  /** momentum / Nesterov: the velocity before and after the update (from the engine) */
  velocity?: { before: number; after: number | null };
  adam?: AdamNumbers;
  /** LaTeX lines: the rule, then the rule with numbers */
  lines: string[];
}

export function updateOf(spec: NetworkSpec, step: StepDetail, ref: ParamRef, names?: Names): UpdateLine {
  const before = readParam(spec, step.before, ref);
  const gradient = readParam(spec, { W: step.gradW, b: step.gradB }, ref);
  const after = step.after ? readParam(spec, step.after, ref) : null;
  const lr = step.lr;
  const w = paramTex(ref, names);
  // {w}' not w': a prime after w^{(l)} would be a second superscript
  const wNew = `{${w}}'`;
  const res = after === null ? '?' : tex(after);
  const show = (x: number | null, paren = false) => (x === null ? '?' : tex(x, paren));
  const read = (p: { W: Float64Array[]; b: Float64Array[] } | null) => (p ? readParam(spec, p, ref) : null);
  const st = step.optimizer;
  const out: UpdateLine = { before, gradient, after, lr, lines: [] };
  const lines = out.lines;
  const g = tex(gradient, true);

  if (st?.kind === 'momentum') {
    const v = read(st.velocity.before)!;
    const v1 = read(st.velocity.after);
    out.velocity = { before: v, after: v1 };
    const mu = tex(st.mu);
    lines.push(st.nesterov
      ? `v' = \\mu v + g, \\quad ${wNew} = ${w} - \\eta\\,(g + \\mu v')`
      : `v' = \\mu v + g, \\quad ${wNew} = ${w} - \\eta\\, v'`);
    lines.push(`v' = ${mu} \\cdot ${tex(v, true)} + ${g} = ${show(v1)}`);
    lines.push(st.nesterov
      ? `${wNew} = ${tex(before)} - ${tex(lr)} \\cdot \\left(${tex(gradient)} + ${mu} \\cdot ${show(v1, true)}\\right) = ${res}`
      : `${wNew} = ${tex(before)} - ${tex(lr)} \\cdot ${show(v1, true)} = ${res}`);
    return out;
  }
  if (st?.kind === 'adam') {
    const m = read(st.m.before)!;
    const s = read(st.s.before)!;
    const mNew = read(st.m.after);
    const sNew = read(st.s.after);
    // the engine's operations, in its order (optimizers.ts): identical numbers
    const mHat = mNew === null ? null : mNew / st.c1;
    const sHat = sNew === null ? null : sNew / st.c2;
    const stepSize = mHat === null || sHat === null ? null : (lr * mHat) / (Math.sqrt(sHat) + st.eps);
    out.adam = { t: st.t, m, mNew, s, sNew, c1: st.c1, c2: st.c2, mHat, sHat, step: stepSize };
    const [b1, b2] = [tex(st.beta1), tex(st.beta2)];
    lines.push(`m' = \\beta_1 m + (1-\\beta_1) g,\\; s' = \\beta_2 s + (1-\\beta_2) g^2,\\; ${wNew} = ${w} - \\eta\\,\\frac{\\hat m}{\\sqrt{\\hat s} + \\epsilon}`);
    lines.push(`m' = ${b1} \\cdot ${tex(m, true)} + ${tex(1 - st.beta1)} \\cdot ${g} = ${show(mNew)}`);
    lines.push(`s' = ${b2} \\cdot ${tex(s, true)} + ${tex(1 - st.beta2)} \\cdot ${g}^2 = ${show(sNew)}`);
    lines.push(`\\hat m = \\frac{m'}{1 - ${b1}^{${st.t}}} = \\frac{${show(mNew)}}{${tex(st.c1)}} = ${show(mHat)}, \\quad \\hat s = \\frac{s'}{1 - ${b2}^{${st.t}}} = \\frac{${show(sNew)}}{${tex(st.c2)}} = ${show(sHat)}`);
    lines.push(`${wNew} = ${tex(before)} - ${tex(lr)} \\cdot \\frac{${show(mHat)}}{\\sqrt{${show(sHat)}} + ${tex(st.eps)}} = ${tex(before)} - ${show(stepSize, true)} = ${res}`);
    return out;
  }

  // no optimizer state: plain SGD (the engine records it for every other optimizer)
  lines.push(`${wNew} = ${w} - \\eta \\cdot \\frac{\\partial L}{\\partial ${w}}`);
  lines.push(`${wNew} = ${tex(before, false, oldDigits(before, lr * gradient, after))} - ${tex(lr)} \\cdot ${g} = ${res}`);
  return out;
}

/**
 * The digits of the old value in w − η·g = w': 8, as every number, unless the step is tiny beside w
 * (report 003: 1.0000199848 − 0.1·(−6.66e-5)): then 8 digits of w (1.00002, its zeros trimmed) leave out
 * digits the step changes, and the line did not add up to w'. Then two decimals past w''s last shown.
 */
export function oldDigits(before: number, step: number, after: number | null): number {
  if (after === null || before === 0 || after === 0 || !Number.isFinite(before) || !Number.isFinite(after) || !(Math.abs(step) < Math.abs(before) * 1e-4)) return 8;
  const shownDecimals = 7 - Math.floor(log10(Math.abs(after)));
  return Math.min(15, Math.max(8, shownDecimals + 3 + Math.floor(log10(Math.abs(before)))));
}
