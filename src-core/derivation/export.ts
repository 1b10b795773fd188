/**
 * The whole step as Markdown with LaTeX math ($$ … $$), ready to paste into a
 * homework report: the batch, the forward pass unit by unit, the loss, the
 * chain rule of every parameter with its numbers, and the update table.
 * Large nets (more than `maxParams` parameters) get the table and the chain
 * rules of the first `maxParams` only, and say so.
 */
import type { OptimizerConfig } from '../types';
import type { StepDetail } from '../train/types';
import { fmt, tex } from './format';
import { allParams, defaultNames, nameWithLayout, paramLabel, paramTex, type Names } from './names';
import { chainRule, type DerivationContext } from './chain';
import { chainTex, deltaTex, forwardTex, lossLines } from './latex';
import { explainZero } from './zero';
import { updateOf } from './update';
import { updateTable } from './table';

const math = (lines: string[]) => lines.map((l) => `$$${l}$$`).join('\n\n');

export interface ExportOptions {
  title?: string;
  optimizer: OptimizerConfig;
  /** at most this many parameters get their chain rule written out (default 60) */
  maxParams?: number;
}

export function exportStep(ctx: DerivationContext, step: StepDetail, o: ExportOptions): string {
  const spec = ctx.spec;
  const names: Names = ctx.names ?? defaultNames(spec);
  const c = { ...ctx, names };
  const maxParams = o.maxParams ?? 60;
  const n = step.x.rows;
  const out: string[] = [];
  out.push(`# ${o.title ?? 'One training step'}`);
  const layers = [`${spec.inputs} inputs`, ...spec.layers.map((l) => `${l.units} ${l.activation}`)].join(' → ');
  const st = step.optimizer;
  const optDesc = o.optimizer.kind === 'sgd'
    ? `SGD, learning rate η = ${fmt(step.lr)}${o.optimizer.momentum ? `, ${o.optimizer.nesterov ? 'Nesterov ' : ''}momentum μ = ${fmt(o.optimizer.momentum)}` : ''}`
    : `Adam, learning rate η = ${fmt(step.lr)}${st?.kind === 'adam' ? `, β1 = ${fmt(st.beta1)}, β2 = ${fmt(st.beta2)}, ε = ${fmt(st.eps)}, update t = ${st.t}` : ''}`;
  out.push(`Network: ${layers}. Loss per sample: $${lossTex(ctx)}$, ${ctx.reduction} over a batch of ${n}. ${optDesc}. Epoch ${step.epoch + 1}, batch ${step.batch + 1}.`);
  out.push('Notation: layer $(l)$ counts from the first hidden layer, $w^{(l)}_{j,i}$ is the weight from unit $i$ of the layer before to unit $j$ (file name `W[l-1][j-1][i-1]`), $z = \\sum_i w a + b$, $a = f(z)$.');

  out.push('## Forward pass');
  for (let s = 0; s < Math.min(n, 4); s++) {
    const xs = Array.from(step.x.data.slice(s * spec.inputs, (s + 1) * spec.inputs)).map(fmt);
    if (n > 1) out.push(`### Sample ${s + 1} (training row ${step.indices[s]})`);
    if (spec.inputs <= 16) out.push(`Input: ${xs.map((v, i) => `${names.inputs[i]} = ${v}`).join(', ')}.`);
    const lines: string[] = [];
    spec.layers.forEach((layer, l) => {
      for (let j = 0; j < Math.min(layer.units, 16); j++) lines.push(...forwardTex(c, step, l, j, s));
    });
    out.push(math(lines));
  }
  if (n > 4) out.push(`(${n - 4} more samples in the batch.)`);
  out.push('## Loss');
  out.push(math(lossLines(c, step)));

  if (step.done.backward) {
    out.push('## Backward pass: the chain rule of every parameter');
    const refs = allParams(spec);
    for (const ref of refs.slice(0, maxParams)) {
      const rule = chainRule(c, step, ref, 4);
      out.push(`### $${paramTex(ref, names)}$ — ${nameWithLayout(ref, names)}, ${paramLabel(spec, names, ref)}`);
      const lines = chainTex(rule);
      if (rule.form === 'delta') lines.push(...rule.deltas.map(deltaTex));
      if (step.after) lines.push(...updateOf(spec, step, ref, names).lines.slice(1));
      out.push(math(lines));
      const why = explainZero(c, step, rule);
      if (why) out.push(`> ${why}`);
    }
    if (refs.length > maxParams) out.push(`(${refs.length - maxParams} more parameters: see the table.)`);
  }

  out.push('## Update table');
  const rows = updateTable(spec, step, names);
  out.push('| parameter | | old value | gradient | new value |');
  out.push('|---|---|---:|---:|---:|');
  for (const r of rows.slice(0, Math.max(maxParams, 200))) {
    out.push(`| $${paramTex(r.ref, names)}$ \`${nameWithLayout(r.ref, names)}\` | ${r.label} | ${fmt(r.before)} | ${r.gradient === null ? '—' : fmt(r.gradient)} | ${r.after === null ? '—' : fmt(r.after)} |`);
  }
  if (rows.length > Math.max(maxParams, 200)) out.push(`\n(${rows.length - Math.max(maxParams, 200)} more rows.)`);
  return out.join('\n\n').replace(/\n\n(\|)/g, '\n$1') + '\n';
}

function lossTex(ctx: DerivationContext): string {
  return { squared_error: '\\ell = (a - y)^2', half_squared_error: '\\ell = \\tfrac12 (a - y)^2', binary_cross_entropy: '\\ell = -y\\ln a - (1-y)\\ln(1-a)', cross_entropy: '\\ell = -\\sum_k y_k\\ln a_k' }[ctx.loss];
}

export { tex };
