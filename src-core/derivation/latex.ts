/** LaTeX of a chain rule, a forward equation and a δ line, with the numbers filled in. */
import type { StepDetail } from '../train/types';
import type { Activation } from '../types';
import { ACTIVATIONS } from '../net/activations';
import { fanIn } from '../net/params';
import { tex } from './format';
import { paramTex, unitTex } from './names';
import { lossTex, type ChainRule, type DeltaLine, type DerivationContext, type SampleTerm } from './chain';

/** an activation's LaTeX (net/activations.ts's table) */
const actTex = (act: Activation): string => ACTIVATIONS[act].tex;

/** z^{(l)}_j = Σ_i w x + b = numbers = z,   a = f(z) = a   — for sample s. */
export function forwardTex(ctx: DerivationContext, step: StepDetail, l: number, j: number, s = 0): string[] {
  const spec = ctx.spec;
  const nIn = fanIn(spec, l);
  const W = step.before.W[l];
  const hasBias = step.before.b[l].length > 0;
  const src = (i: number) => unitTex('a', l - 1, i);
  const val = (i: number) => (l === 0 ? step.x.data[s * nIn + i] : step.a[l - 1].data[s * nIn + i]);
  const many = nIn > 6;
  const idx = many ? [0, 1, nIn - 1] : Array.from({ length: nIn }, (_, i) => i);
  const sym = idx.map((i) => `${paramTex({ kind: 'weight', layer: l, j, i }, ctx.names)} ${src(i)}`);
  const num = idx.map((i) => `${tex(W[j * nIn + i], true)} \\cdot ${tex(val(i), true)}`);
  if (many) {
    sym.splice(2, 0, '\\cdots');
    num.splice(2, 0, '\\cdots');
  }
  if (hasBias) {
    sym.push(paramTex({ kind: 'bias', layer: l, j }, ctx.names));
    num.push(tex(step.before.b[l][j], true));
  }
  const units = spec.layers[l].units;
  const z = step.z[l].data[s * units + j];
  const a = step.a[l].data[s * units + j];
  const act = spec.layers[l].activation;
  const f = actTex(act);
  const lines = [`${unitTex('z', l, j)} = ${sym.join(' + ')}`, `${unitTex('z', l, j)} = ${num.join(' + ')} = ${tex(z)}`];
  lines.push(act === 'linear' ? `${unitTex('a', l, j)} = ${unitTex('z', l, j)} = ${tex(a)}` : `${unitTex('a', l, j)} = ${f}(${tex(z)}) = ${tex(a)}`);
  return lines;
}

/**
 * A loss line's sides joined by =. `grouped` (the math view) makes each side
 * one TeX group: the view wraps a long line after a top-level = or +
 * (tex-render.ts), and a loss line may then break only at its = signs —
 * never inside −y ln a − (1 − y) ln(1 − a), or in 6.5 × 10⁻⁵. The exported
 * Markdown keeps the plain line.
 */
const sides = (grouped: boolean, ...parts: string[]): string => (grouped ? parts.map((p) => `{${p}}`) : parts).join(' = ');

/** ℓ_s = loss(a, y) = value: the loss of sample s (a row of the batch). */
export function sampleLossTex(ctx: DerivationContext, step: StepDetail, s: number, grouped = false): string {
  const L = ctx.spec.layers.length - 1;
  const out = ctx.spec.layers[L].units;
  const value = tex(step.sampleLoss[s]);
  if (ctx.loss === 'cross_entropy') {
    const terms = crossEntropyTerms(step.a[L].data, step.y.data, s, out);
    if (terms) return sides(grouped, `\\ell_{${s + 1}}`, lossTex(ctx.loss), ...terms, value);
  }
  const a = Array.from({ length: out }, (_, k) => tex(step.a[L].data[s * out + k]));
  const y = Array.from({ length: out }, (_, k) => tex(step.y.data[s * out + k]));
  return sides(grouped, `\\ell_{${s + 1}}`, `${lossTex(ctx.loss)}\\big|_{a = ${a.join(', ')};\\ y = ${y.join(', ')}}`, value);
}

/**
 * −Σ_k y_k ln a_k with the terms whose y_k is not 0 (the others add nothing): a one-hot target
 * gives −ln a_7 = −ln(0.993); a few soft targets −(0.5 ln 0.3 + 0.5 ln 0.6). null for more than
 * four such terms (then every a and y is listed). Listing all ten a's and y's of a digit's
 * softmax had made the line too long to read.
 */
function crossEntropyTerms(a: Float64Array, y: Float64Array, s: number, out: number): string[] | null {
  const ks: number[] = [];
  for (let k = 0; k < out; k++) if (y[s * out + k] !== 0) ks.push(k);
  if (ks.length === 0 || ks.length > 4) return null;
  const at = (k: number) => tex(a[s * out + k], true);
  if (ks.length === 1 && y[s * out + ks[0]] === 1) return [`-\\ln a_{${ks[0] + 1}}`, `-\\ln ${at(ks[0])}`];
  const sym = ks.map((k) => `y_{${k + 1}} \\ln a_{${k + 1}}`).join(' + ');
  const num = ks.map((k) => `${tex(y[s * out + k], true)} \\ln ${at(k)}`).join(' + ');
  return [`-\\big(${sym}\\big)`, `-\\big(${num}\\big)`];
}

/** L = 1/n Σ_s ℓ_s (or the sum) = value: the loss of the whole batch. */
export function batchLossTex(ctx: DerivationContext, step: StepDetail, grouped = false): string {
  const n = step.x.rows;
  if (n > 1) return sides(grouped, 'L', `${ctx.reduction === 'mean' ? `\\frac{1}{${n}}` : ''}\\sum_s \\ell_s`, tex(step.loss));
  return sides(grouped, 'L', '\\ell_1', tex(step.loss));
}

/** ℓ = loss(a, y) = value for the first samples (at most 8), and the reduced batch loss. */
export function lossLines(ctx: DerivationContext, step: StepDetail): string[] {
  const n = step.x.rows;
  const lines: string[] = [];
  for (let s = 0; s < Math.min(n, 8); s++) lines.push(sampleLossTex(ctx, step, s));
  lines.push(batchLossTex(ctx, step));
  return lines;
}

/** ∂ℓ_s/∂θ = the factors' symbols (the same for every sample). */
export function chainSymbolsTex(rule: ChainRule): string {
  return `\\frac{\\partial ${rule.n > 1 ? '\\ell_s' : 'L'}}{\\partial ${rule.tex}} = ${rule.symbols.join(' \\cdot ')}`;
}

/** One sample's term with its numbers (default: the focus sample's): ∂ℓ_s/∂θ = f1 · f2 · … = value. */
export function chainTermTex(rule: ChainRule, t: SampleTerm = rule.focus): string {
  const lhs = rule.n > 1 ? `\\frac{\\partial \\ell_{${t.s + 1}}}{\\partial ${rule.tex}}` : `\\frac{\\partial L}{\\partial ${rule.tex}}`;
  return `${lhs} = ${t.factors.map((f) => tex(f.value, true)).join(' \\cdot ')} = ${tex(rule.n > 1 ? t.value : rule.gradient)}`;
}

/**
 * The gradient as the reduction of the per-sample terms, writing out the
 * terms of the rows in `shown` (ascending; a gap between them is ⋯) and
 * marking `mark`'s term (the sample the view follows) with a box. null for a
 * batch of one, where the gradient is the single term.
 */
export function chainSumTex(rule: ChainRule, shown: number[], mark?: number): string | null {
  if (rule.n <= 1) return null;
  const parts: string[] = [];
  shown.forEach((s, k) => {
    if (k > 0 && s > shown[k - 1] + 1) parts.push('\\cdots');
    const v = tex(rule.values[s], true);
    parts.push(s === mark ? `\\boxed{${v}}` : v);
  });
  const last = shown[shown.length - 1] ?? -1;
  const more = rule.n - shown.length;
  if (last < rule.n - 1) parts.push('\\cdots');
  const red = rule.reduction === 'mean' ? `\\frac{1}{${rule.n}}` : '';
  const count = more > 0 ? ` \\;(${more}\\text{ more})` : '';
  // plain parentheses, not \\left( \\right): a long sum may then wrap after any of its + signs
  return `\\frac{\\partial L}{\\partial ${rule.tex}} = ${red}\\sum_{s=1}^{${rule.n}} \\frac{\\partial \\ell_s}{\\partial ${rule.tex}} = ${red}\\big(${parts.join(' + ')}\\big)${count} = ${tex(rule.gradient)}`;
}

/**
 * The rows of a batch of n whose terms a sum line writes out: the first
 * `max`, and the focus row where it lies beyond them (then one fewer of the
 * first, so the line keeps its length).
 */
export function shownRows(n: number, focus: number, max = 8): number[] {
  const first = Array.from({ length: Math.min(n, max) }, (_, s) => s);
  if (focus < first.length) return first;
  return [...first.slice(0, Math.max(0, max - 1)), focus];
}

/** The chain rule: symbols = numbers = value, per shown sample, then the reduction. */
export function chainTex(rule: ChainRule): string[] {
  const lines = [chainSymbolsTex(rule), ...rule.terms.map((t) => chainTermTex(rule, t))];
  const sum = chainSumTex(rule, rule.terms.map((t) => t.s));
  if (sum) lines.push(sum);
  return lines;
}

/** One δ line with numbers. */
export function deltaTex(d: DeltaLine): string {
  if (d.kind === 'fused') return `${d.tex} = a - y = ${tex(d.a)} - ${tex(d.y ?? 0, true)} = ${tex(d.value)}`;
  if (d.kind === 'softmax') return `${d.tex} = a_k\\big(\\tfrac{\\partial \\ell}{\\partial a_k} - \\textstyle\\sum_m a_m \\tfrac{\\partial \\ell}{\\partial a_m}\\big) = ${tex(d.value)}`;
  if (d.kind === 'output') return `${d.tex} = \\frac{\\partial \\ell}{\\partial a}\\, f'(z) = ${tex(d.dLda, true)} \\cdot ${tex(d.fprime, true)} = ${tex(d.value)}`;
  const terms = d.terms ?? [];
  const shown = terms.slice(0, 6).map((t) => `${tex(t.delta, true)} \\cdot ${tex(t.w, true)}`);
  if (terms.length > 6) shown.push(`\\cdots (${terms.length} \\text{ terms})`);
  const next = d.l + 2;
  return `${d.tex} = \\Big(\\sum_k \\delta^{(${next})}_k w^{(${next})}_{k,${d.j + 1}}\\Big) f'(z) = (${shown.join(' + ')}) \\cdot ${tex(d.fprime, true)} = ${tex(d.dLda, true)} \\cdot ${tex(d.fprime, true)} = ${tex(d.value)}`;
}
