/**
 * The update of one parameter, w' = w − lr · g, with the numbers of a step.
 * SGD is exact from the step (before, gradient, lr, after). For momentum the
 * velocity is read back from the move the optimizer made (v' = (w − w')/lr);
 * for Adam the step lr·m̂/(√ŝ + ε) is (w − w').
 */
import type { NetworkSpec, OptimizerConfig, ParamRef } from '../types';
import type { StepDetail } from '../train/types';
import { tex } from './format';
import { paramTex, readParam } from './names';

export interface UpdateLine {
  before: number;
  gradient: number;
  after: number | null;
  lr: number;
  /** LaTeX lines: the rule, then the rule with numbers */
  lines: string[];
}

export function updateOf(spec: NetworkSpec, step: StepDetail, ref: ParamRef, opt: OptimizerConfig): UpdateLine {
  const before = readParam(spec, step.before, ref);
  const gradient = readParam(spec, { W: step.gradW, b: step.gradB }, ref);
  const after = step.after ? readParam(spec, step.after, ref) : null;
  const lr = step.lr;
  const w = paramTex(ref);
  // {w}' not w': a prime after w^{(l)} would be a second superscript
  const wNew = `{${w}}'`;
  const res = after === null ? '?' : tex(after);
  const lines: string[] = [];
  if (opt.kind === 'sgd' && !(opt.momentum && opt.momentum > 0)) {
    lines.push(`${wNew} = ${w} - \\eta \\cdot \\frac{\\partial L}{\\partial ${w}}`);
    lines.push(`${wNew} = ${tex(before)} - ${tex(lr)} \\cdot ${tex(gradient, true)} = ${res}`);
  } else if (opt.kind === 'sgd') {
    const mu = opt.momentum!;
    const v1 = after === null || lr === 0 ? NaN : (before - after) / lr;
    if (opt.nesterov) {
      lines.push(`v' = \\mu v + g, \\quad ${wNew} = ${w} - \\eta\\,(g + \\mu v')`);
      lines.push(`${wNew} = ${tex(before)} - ${tex(lr)} \\cdot \\left(${tex(gradient)} + ${tex(mu)} v'\\right) = ${res}`);
    } else {
      lines.push(`v' = \\mu v + g, \\quad ${wNew} = ${w} - \\eta\\, v'`);
      if (Number.isFinite(v1)) lines.push(`v' = ${tex(mu)} \\cdot ${tex((v1 - gradient) / mu, true)} + ${tex(gradient, true)} = ${tex(v1)}`);
      lines.push(`${wNew} = ${tex(before)} - ${tex(lr)} \\cdot ${tex(v1, true)} = ${res}`);
    }
  } else {
    const stepSize = after === null ? NaN : before - after;
    lines.push(`m' = \\beta_1 m + (1-\\beta_1) g,\\; s' = \\beta_2 s + (1-\\beta_2) g^2,\\; ${wNew} = ${w} - \\eta\\,\\frac{\\hat m}{\\sqrt{\\hat s} + \\epsilon}`);
    lines.push(`${wNew} = ${tex(before)} - ${tex(stepSize, true)} = ${res} \\quad (g = ${tex(gradient)},\\ \\eta = ${tex(lr)})`);
  }
  return { before, gradient, after, lr, lines };
}
