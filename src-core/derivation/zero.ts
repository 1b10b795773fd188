/**
 * "Why is this gradient zero?" Looks at the factors of each sample's term
 * (the backward pass's own numbers) and names the first one that is zero:
 * the input feeding the weight is 0, a ReLU is inactive (z ≤ 0), a sigmoid or
 * tanh is saturated, the prediction already equals the target, or a weight on
 * the way back is 0. Also says when non-zero terms cancel in the batch sum.
 */
import type { ParamRef } from '../types';
import type { StepDetail } from '../train/types';
import { fmt } from './format';
import { defaultNames, unitName } from './names';
import type { ChainRule, DerivationContext } from './chain';

/** Below this |f'(z)| a sigmoid/tanh counts as saturated. */
const SATURATED = 1e-3;

const at = (m: { cols: number; data: ArrayLike<number> }, s: number, j: number): number => m.data[s * m.cols + j];

/** Why δ of unit j in layer l is zero (or tiny) for sample s; null when it is not. */
function whyDelta(ctx: DerivationContext, step: StepDetail, l: number, j: number, s: number, depth = 0): string | null {
  const spec = ctx.spec;
  const names = ctx.names ?? defaultNames(spec);
  const L = spec.layers.length - 1;
  const name = unitName(spec, names, l, j);
  const act = spec.layers[l].activation;
  const z = at(step.z[l], s, j);
  const a = at(step.a[l], s, j);
  const fp = at(step.fprime[l], s, j);
  const d = at(step.delta[l], s, j);
  if (d !== 0 && Math.abs(fp) >= SATURATED) return null;
  if (act === 'relu' && fp === 0) return `the ReLU of ${name} is inactive (z = ${fmt(z)} ≤ 0), so ReLU'(z) = 0 and no gradient passes through it`;
  if ((act === 'sigmoid' || act === 'tanh') && Math.abs(fp) < SATURATED) {
    return `the ${act} of ${name} is saturated (z = ${fmt(z)}, a = ${fmt(a)}), so f'(z) = ${fmt(fp)} ≈ 0`;
  }
  if (d !== 0) return null;
  if (l === L) {
    const y = at(step.y, s, j);
    if (a === y || at(step.dLda[L], s, j) === 0) return `the prediction ${name} = ${fmt(a)} already equals the target ${fmt(y)}, so ∂ℓ/∂a = 0`;
    return `the error signal at the output ${name} is 0`;
  }
  // hidden: δ = (Σ_k δ_k w_kj) f'(z), f'(z) ≠ 0 here, so the sum is 0
  const units = spec.layers[l].units;
  const next = spec.layers[l + 1].units;
  const Wn = step.before.W[l + 1];
  const ws = Array.from({ length: next }, (_, k) => Wn[k * units + j]);
  if (ws.every((w) => w === 0)) return `every weight leaving ${name} is 0, so no error flows back to it`;
  if (depth < 3) {
    for (let k = 0; k < next; k++) {
      if (Wn[k * units + j] === 0) continue;
      const why = whyDelta(ctx, step, l + 1, k, s, depth + 1);
      if (why) return why;
    }
  }
  return `the error signals reaching ${name} from the layer above cancel out (Σ δ·w = 0)`;
}

/** Why one sample's term of the gradient of `ref` is zero (or tiny), or null. */
export function whyTermZero(ctx: DerivationContext, step: StepDetail, ref: ParamRef, s: number): string | null {
  const spec = ctx.spec;
  const names = ctx.names ?? defaultNames(spec);
  if (ref.kind === 'weight') {
    const v = ref.layer === 0 ? at(step.x, s, ref.i) : at(step.a[ref.layer - 1], s, ref.i);
    if (v === 0) {
      const src = unitName(spec, names, ref.layer - 1, ref.i);
      if (ref.layer === 0) return `the input feeding it, ${src}, is 0, and ∂z/∂w = ${src} = 0`;
      const act = spec.layers[ref.layer - 1].activation;
      const z = at(step.z[ref.layer - 1], s, ref.i);
      const why = act === 'relu' && z <= 0 ? ` (its ReLU is inactive: z = ${fmt(z)} ≤ 0)` : '';
      return `the activation feeding it, ${src}, is 0${why}, and ∂z/∂w = ${src} = 0`;
    }
  }
  return whyDelta(ctx, step, ref.layer, ref.j, s);
}

/**
 * A sentence saying why the gradient in `rule` is zero (or, for a saturated
 * unit, nearly zero); null when it is not.
 */
export function explainZero(ctx: DerivationContext, step: StepDetail, rule: ChainRule): string | null {
  const g = rule.gradient;
  const reasons: string[] = [];
  for (let s = 0; s < rule.n; s++) {
    const why = whyTermZero(ctx, step, rule.ref, s);
    if (why && !reasons.includes(why)) reasons.push(why);
    if (!why && g === 0) {
      // some term is non-zero yet the gradient is 0: the terms cancel
      return `the per-sample terms cancel out: their ${rule.reduction === 'mean' ? 'mean' : 'sum'} is 0`;
    }
    if (!why) return null; // a live term: the gradient is not explained by a dead path
  }
  if (reasons.length === 0) return null;
  const lead = g === 0 ? 'The gradient is 0 because' : `The gradient is tiny (${fmt(g)}) because`;
  const body = rule.n === 1 ? reasons[0] : reasons.length === 1 ? `${reasons[0]} for every sample of the batch` : `for each sample one factor vanishes: ${reasons.join('; ')}`;
  return `${lead} ${body}.`;
}
