/**
 * The chain rule of one parameter, with the numbers of one update (a
 * StepDetail). Every factor shown is a number the backward pass computed and
 * stored (dℓ/da, f'(z), delta, the weights it used, the activations it
 * multiplied by): nothing is recomputed by a second implementation, so the
 * view can never disagree with the engine.
 *
 *   ∂ℓ_s/∂w^{(l)}_{j,i} = δ^{(l)}_{s,j} · a^{(l−1)}_{s,i},   ∂ℓ_s/∂b^{(l)}_j = δ^{(l)}_{s,j}
 *   δ (output)  = ∂ℓ/∂a · f'(z)          (fused sigmoid+BCE, softmax+CE: a − y)
 *   δ (hidden)  = (Σ_k δ^{(l+1)}_k w^{(l+1)}_{k,j}) · f'(z)
 *   ∂L/∂θ = scale · Σ_s ∂ℓ_s/∂θ,  scale = 1/n (mean) or 1 (sum)
 *
 * When every layer after the parameter's has one unit there is a single path
 * from the parameter to the loss and the gradient is one product of factors,
 * as on the blackboard:  ∂L/∂w1 = ∂L/∂a_out · ∂a_out/∂z_out · ∂z_out/∂a_1 ·
 * ∂a_1/∂z_1 · ∂z_1/∂w1 = 1.0 · 1 · 1 · 1 · 1.  Otherwise the δ form is used,
 * with a line for every δ it needs.
 */
import type { Activation, LossKind, NetworkSpec, ParamRef, Reduction } from '../types';
import { ACTIVATIONS } from '../net/activations';
import { LOSSES } from '../net/losses';
import type { StepDetail } from '../train/types';
import { fanIn } from '../net/params';
import { fmt } from './format';
import { defaultNames, paramLabel, paramName, paramTex, readParam, unitName, unitTex, type Names } from './names';

export interface DerivationContext {
  spec: NetworkSpec;
  loss: LossKind;
  reduction: Reduction;
  names?: Names;
}

export interface Factor {
  /** LaTeX of the partial derivative, e.g. \frac{\partial a^{(2)}_{1}}{\partial z^{(2)}_{1}} */
  tex: string;
  /** its value for this sample */
  value: number;
  /** what it is, in words, e.g. "ReLU'(z) with z = 2.5" */
  note: string;
}

export interface SampleTerm {
  /** row in the batch, and row in the training set */
  s: number;
  index: number;
  /** path form: the factors of the product; δ form: [δ, a_prev] (bias: [δ]) */
  factors: Factor[];
  /** ∂ℓ_s/∂θ as the backward pass accumulated it: δ · a_prev (bias: δ) */
  value: number;
}

/** δ^{(l)}_j of one sample, and how it was made from the layer above. */
export interface DeltaLine {
  l: number;
  j: number;
  tex: string;
  value: number;
  /** output: ∂ℓ/∂a · f'(z); fused: a − y; softmax (not fused): the Jacobian product; hidden: Σ_k δ_k w_kj · f'(z) */
  kind: 'output' | 'fused' | 'softmax' | 'hidden';
  dLda: number;
  fprime: number;
  a: number;
  y?: number;
  /** hidden only: the terms δ^{(l+1)}_k · w^{(l+1)}_{k,j} */
  terms?: { k: number; delta: number; w: number }[];
}

export interface ChainRule {
  ref: ParamRef;
  /** contract name W[l][j][i] / b[l][j] */
  name: string;
  /** "x2 → h1" */
  label: string;
  /** LaTeX symbol of the parameter */
  tex: string;
  form: 'path' | 'delta';
  /** LaTeX of the factors of the general chain (same for every sample) */
  symbols: string[];
  /** per-sample terms, at most `maxSamples` of them (the first ones of the batch) */
  terms: SampleTerm[];
  /** the term of the sample the view follows (`sample`, a row of the batch), with its factors */
  focus: SampleTerm;
  /** every sample's term ∂ℓ_s/∂θ, in batch order (what the sum runs over) */
  values: Float64Array;
  /** samples in the batch */
  n: number;
  reduction: Reduction;
  scale: number;
  /** Σ over ALL samples of the per-sample terms, in batch order (the backward pass's sum before scaling) */
  sum: number;
  /** the gradient the backward pass produced (step.gradW / gradB) */
  gradient: number;
  /** δ form: the δ lines of the focus sample, from this parameter's unit up to the output */
  deltas: DeltaLine[];
}

/** ℓ of one output unit in LaTeX (net/losses.ts's table) */
export const lossTex = (loss: LossKind): string => LOSSES[loss].tex;

/** an activation's name in the notes (net/activations.ts's table) */
const ACT_NAME = (act: Activation): string => ACTIVATIONS[act].symbol;

const at = (m: { cols: number; data: ArrayLike<number> }, s: number, j: number): number => m.data[s * m.cols + j];
const frac = (num: string, den: string) => `\\frac{\\partial ${num}}{\\partial ${den}}`;

/** True when every layer after l has exactly one unit: one path from layer l to the loss. */
export function singlePath(spec: NetworkSpec, l: number): boolean {
  for (let k = l + 1; k < spec.layers.length; k++) if (spec.layers[k].units !== 1) return false;
  return true;
}

function activationNote(ctx: DerivationContext, l: number, z: number, a: number, fp: number): string {
  const act = ctx.spec.layers[l].activation;
  const name = ACT_NAME(act);
  if (act === 'relu') return `ReLU'(z) = ${fp} because z = ${fmt(z)} ${z > 0 ? '> 0' : '≤ 0'}`;
  if (act === 'sigmoid' || act === 'softmax') return `${name}'(z) = a(1 − a) with a = ${fmt(a)}`;
  if (act === 'tanh') return `tanh'(z) = 1 − a² with a = ${fmt(a)}`;
  if (act === 'leaky_relu') return `leaky ReLU'(z) = ${fmt(fp)} because z = ${fmt(z)}`;
  return 'linear: f\'(z) = 1';
}

/** The output layer's δ factors for sample s, unit k (path form). */
function outputFactors(ctx: DerivationContext, step: StepDetail, s: number, k: number, fusedOrJac: boolean): Factor[] {
  const L = ctx.spec.layers.length - 1;
  const aT = unitTex('a', L, k);
  const zT = unitTex('z', L, k);
  if (fusedOrJac) {
    const note = step.fused ? `a − y = ${fmt(at(step.a[L], s, k))} − ${fmt(at(step.y, s, k))} (the loss and ${ACT_NAME(ctx.spec.layers[L].activation)} together)` : 'through the softmax Jacobian: a_k(∂ℓ/∂a_k − Σ_m a_m ∂ℓ/∂a_m)';
    return [{ tex: frac('\\ell', zT), value: at(step.delta[L], s, k), note }];
  }
  return [
    { tex: frac('\\ell', aT), value: at(step.dLda[L], s, k), note: `derivative of the loss at a = ${fmt(at(step.a[L], s, k))}, y = ${fmt(at(step.y, s, k))}` },
    { tex: frac(aT, zT), value: at(step.fprime[L], s, k), note: activationNote(ctx, L, at(step.z[L], s, k), at(step.a[L], s, k), at(step.fprime[L], s, k)) },
  ];
}

function inputValue(step: StepDetail, l: number, s: number, i: number): number {
  return l === 0 ? at(step.x, s, i) : at(step.a[l - 1], s, i);
}

/** The factor ∂z/∂θ: the activation feeding a weight, or 1 for a bias. */
function leafFactor(ctx: DerivationContext, step: StepDetail, ref: ParamRef, s: number): Factor {
  const zT = unitTex('z', ref.layer, ref.j);
  if (ref.kind === 'bias') return { tex: frac(zT, paramTex(ref, ctx.names)), value: 1, note: 'z = Σ w·a + b, so ∂z/∂b = 1' };
  const src = unitName(ctx.spec, ctx.names ?? defaultNames(ctx.spec), ref.layer - 1, ref.i);
  return {
    tex: frac(zT, paramTex(ref, ctx.names)),
    value: inputValue(step, ref.layer, s, ref.i),
    note: `the value feeding this weight: ${ref.layer === 0 ? 'input' : 'activation'} ${src}`,
  };
}

/** Path form, sample s: the factors from the loss down to the parameter. */
function pathFactors(ctx: DerivationContext, step: StepDetail, ref: ParamRef, s: number): Factor[] {
  const spec = ctx.spec;
  const L = spec.layers.length - 1;
  const outUnit = ref.layer === L ? ref.j : 0;
  const jac = step.fused || spec.layers[L].activation === 'softmax';
  const factors = outputFactors(ctx, step, s, outUnit, jac);
  // walk down: from z of layer m+1 (one unit, 0) to a of layer m, then to z of layer m
  for (let m = L - 1; m >= ref.layer; m--) {
    const unit = m === ref.layer ? ref.j : 0;
    const nIn = fanIn(spec, m + 1);
    factors.push({
      tex: frac(unitTex('z', m + 1, 0), unitTex('a', m, unit)),
      value: step.before.W[m + 1][0 * nIn + unit],
      note: `the weight ${paramName({ kind: 'weight', layer: m + 1, j: 0, i: unit })} it is multiplied by`,
    });
    factors.push({
      tex: frac(unitTex('a', m, unit), unitTex('z', m, unit)),
      value: at(step.fprime[m], s, unit),
      note: activationNote(ctx, m, at(step.z[m], s, unit), at(step.a[m], s, unit), at(step.fprime[m], s, unit)),
    });
  }
  factors.push(leafFactor(ctx, step, ref, s));
  return factors;
}

/** δ lines of sample s for unit j of layer l and every unit of the layers above it (bounded). */
export function deltaLines(ctx: DerivationContext, step: StepDetail, l: number, j: number, s: number, max = 40): DeltaLine[] {
  const spec = ctx.spec;
  const L = spec.layers.length - 1;
  const lines: DeltaLine[] = [];
  const line = (m: number, k: number): DeltaLine => {
    const base = {
      l: m, j: k, tex: unitTex('\\delta', m, k), value: at(step.delta[m], s, k),
      dLda: at(step.dLda[m], s, k), fprime: at(step.fprime[m], s, k), a: at(step.a[m], s, k),
    };
    if (m === L) {
      const kind = step.fused ? 'fused' : spec.layers[L].activation === 'softmax' ? 'softmax' : 'output';
      return { ...base, kind, y: at(step.y, s, k) };
    }
    const nextUnits = spec.layers[m + 1].units;
    const Wn = step.before.W[m + 1];
    const terms = Array.from({ length: nextUnits }, (_, q) => ({ k: q, delta: at(step.delta[m + 1], s, q), w: Wn[q * spec.layers[m].units + k] }));
    return { ...base, kind: 'hidden', terms };
  };
  lines.push(line(l, j));
  for (let m = l + 1; m <= L && lines.length < max; m++) {
    for (let k = 0; k < spec.layers[m].units && lines.length < max; k++) lines.push(line(m, k));
  }
  return lines;
}

/**
 * The chain rule of `ref` in `step`. maxSamples bounds the per-sample terms
 * returned (the sum always runs over the whole batch); `sample` (a row of the
 * batch, clamped to it) is the one whose factors and δ lines `focus` and
 * `deltas` hold.
 */
export function chainRule(ctx: DerivationContext, step: StepDetail, ref: ParamRef, maxSamples = 16, sample = 0): ChainRule {
  if (!step.done.backward) throw new Error('the chain rule needs the backward phase of this update: step once more');
  const spec = ctx.spec;
  const names = ctx.names ?? defaultNames(spec);
  const n = step.x.rows;
  const path = singlePath(spec, ref.layer);
  const delta = step.delta[ref.layer];
  const focusRow = Math.max(0, Math.min(sample, n - 1));
  const terms: SampleTerm[] = [];
  const values = new Float64Array(n);
  let focus: SampleTerm | null = null;
  let sum = 0;
  for (let s = 0; s < n; s++) {
    // exactly the backward pass's accumulation: gW += δ · a_prev, gB += δ
    const d = at(delta, s, ref.j);
    const value = ref.kind === 'bias' ? d : d * inputValue(step, ref.layer, s, ref.i);
    values[s] = value;
    sum += value;
    if (s >= maxSamples && s !== focusRow) continue;
    const factors = path
      ? pathFactors(ctx, step, ref, s)
      : [
          { tex: frac('\\ell', unitTex('z', ref.layer, ref.j)), value: d, note: `δ of ${unitName(spec, names, ref.layer, ref.j)}, from the layer above (see below)` },
          ...(ref.kind === 'weight' ? [leafFactor(ctx, step, ref, s)] : []),
        ];
    const term = { s, index: step.indices[s], factors, value };
    if (s === focusRow) focus = term;
    if (s < maxSamples) terms.push(term);
  }
  // (a batch has at least one row; the empty term only keeps the type honest)
  focus ??= { s: 0, index: 0, factors: [], value: 0 };
  const symbols = focus.factors.map((f) => f.tex);
  return {
    ref,
    name: paramName(ref),
    label: paramLabel(spec, names, ref),
    tex: paramTex(ref, names),
    form: path ? 'path' : 'delta',
    symbols,
    terms,
    focus,
    values,
    n,
    reduction: ctx.reduction,
    scale: step.scale,
    sum,
    gradient: readParam(spec, { W: step.gradW, b: step.gradB }, ref),
    deltas: path ? [] : deltaLines(ctx, step, ref.layer, ref.j, focusRow),
  };
}
