/**
 * The quantities of one training step a student can be asked for, by name,
 * and their values in a StepDetail.
 *
 *   forward    z[l][j], a[l][j] (the first sample of the batch), the inputs x1, x2 …,
 *              the output ŷ / yhat / out, and the loss (loss, L, E, MSE, error, cost)
 *   factors    dN/dD for one link of the chain rule: dL/da[L][k] (the loss's
 *              derivative), da[l][j]/dz[l][j] (f'(z)), dz[l+1][k]/da[l][j] (the
 *              weight), dz[l][j]/dW[l][j][i] (the activation feeding it), dz/db (1);
 *              and dL/dz[l][j] = δ[l][j], dL/da[l][j] for a hidden unit
 *   gradients  dL/dW[l][j][i], dE/dw9, grad W[1][0][2], ∇b[0][1], dw9 (the loss's
 *              derivative with respect to a parameter, as the update uses it)
 *   updates    a parameter's own name is its value after the update: W[0][0][0],
 *              w1, "w1 new", w1'; "w1 old" is the value before
 *
 * Names are read case-insensitively, spaces ignored, ∂ as d. Parameters are
 * W[l][j][i] / b[l][j] (the layout contract), the session's own names (the
 * `names` map: contract name → the session's name, e.g. "W[1][0][0]" → "bias3"),
 * and by default w1, w2 … / b1 (or bias1) … numbering the weights and the biases
 * in layout order (W[0] row by row, then W[1] …), as report 003's homework does.
 * Units are z[l][j] / a[l][j], or z1, a1 … numbering the units from the first
 * hidden layer to the output (the homework's a1 … a4), or by the app's unit
 * labels a(h1), z(out).
 */
import type { NetworkSpec, ParamRef } from '../types';
import type { StepDetail } from '../train/types';
import { fanIn } from '../net/params';
import { allParams, paramName, readParam } from '../derivation/names';

export type Node =
  | { kind: 'loss' }
  | { kind: 'input'; i: number }
  | { kind: 'unit'; sym: 'z' | 'a'; l: number; j: number }
  | { kind: 'param'; ref: ParamRef };

export type Quantity =
  | { kind: 'value'; node: Node }
  | { kind: 'old'; ref: ParamRef }
  | { kind: 'deriv'; num: Node; den: Node };

export interface NameContext {
  spec: NetworkSpec;
  /** the session's parameter names: contract name ("W[0][0][0]") → its name ("w1") */
  names?: Record<string, string>;
  /** unit labels as the app shows them ("h1", "out"), per layer; optional */
  unitLabels?: string[][];
  inputNames?: string[];
}

const LOSS = new Set(['l', 'e', 'ℓ', 'loss', 'error', 'err', 'cost', 'c', 'mse', 'j']);

export function nodeKey(n: Node): string {
  if (n.kind === 'loss') return 'L';
  if (n.kind === 'input') return `x${n.i + 1}`;
  if (n.kind === 'unit') return `${n.sym}[${n.l}][${n.j}]`;
  return paramName(n.ref);
}

/** The canonical name: "loss", "a[1][0]", "W[0][0][0]" (updated), "W[0][0][0] old", "dL/dW[1][0][2]". */
export function quantityKey(q: Quantity): string {
  if (q.kind === 'value') return q.node.kind === 'loss' ? 'loss' : nodeKey(q.node);
  if (q.kind === 'old') return `${paramName(q.ref)} old`;
  return `d${nodeKey(q.num)}/d${nodeKey(q.den)}`;
}

export function normaliseName(name: string): string {
  return name
    .trim()
    .replace(/^\$+|\$+$/g, '')
    .replace(/\\partial|∂|𝜕/g, 'd')
    .replace(/\\nabla/g, '∇')
    .replace(/\\delta/g, 'δ')
    .replace(/\\hat\{?y\}?|\\hat\s*y/g, 'ŷ')
    .replace(/[\s{}\\]/g, '')
    .toLowerCase();
}

/** Lookup tables of a network: alias → node. */
export class Namer {
  private readonly aliases = new Map<string, Node>();

  constructor(readonly ctx: NameContext) {
    const { spec } = ctx;
    const params = allParams(spec);
    let w = 0;
    let b = 0;
    const defaults = new Map<string, Node>();
    for (const ref of params) {
      if (ref.kind === 'weight') defaults.set(`w${++w}`, { kind: 'param', ref });
      else {
        b++;
        defaults.set(`b${b}`, { kind: 'param', ref });
        defaults.set(`bias${b}`, { kind: 'param', ref });
      }
    }
    let k = 0;
    spec.layers.forEach((layer, l) => {
      for (let j = 0; j < layer.units; j++) {
        k++;
        for (const sym of ['z', 'a'] as const) {
          const node: Node = { kind: 'unit', sym, l, j };
          defaults.set(`${sym}${k}`, node);
          defaults.set(`${sym}_${k}`, node);
          const label = ctx.unitLabels?.[l]?.[j]?.toLowerCase();
          if (label) for (const form of [`${sym}(${label})`, `${sym}_${label}`, `${sym}${label}`]) defaults.set(form, node);
        }
      }
    });
    const L = spec.layers.length - 1;
    const outs = spec.layers[L].units;
    for (let j = 0; j < outs; j++) {
      const node: Node = { kind: 'unit', sym: 'a', l: L, j };
      const suffixes = outs === 1 ? ['', '1'] : [String(j + 1)];
      for (const s of suffixes) for (const base of ['ŷ', 'yhat', 'y_hat', 'out', 'output']) defaults.set(`${base}${s}`, node);
    }
    for (let i = 0; i < spec.inputs; i++) {
      defaults.set(`x${i + 1}`, { kind: 'input', i });
      defaults.set(`x_${i + 1}`, { kind: 'input', i });
      const own = ctx.inputNames?.[i]?.toLowerCase().replace(/\s/g, '');
      if (own && !LOSS.has(own)) defaults.set(own, { kind: 'input', i });
    }
    // the session's own names win over the defaults
    for (const [k2, v] of defaults) this.aliases.set(k2, v);
    for (const [contract, own] of Object.entries(ctx.names ?? {})) {
      const node = this.contractNode(normaliseName(contract));
      if (node && typeof own === 'string' && own.trim()) this.aliases.set(normaliseName(own), node);
    }
  }

  /** W[l][j][i], b[l][j], z[l][j], a[l][j] with ranges checked; null otherwise. */
  private contractNode(s: string): Node | null {
    const { spec } = this.ctx;
    const m = /^([wbaz])((?:\[\d+\])+)$/.exec(s);
    if (!m) return null;
    const idx = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    const [l, j, i] = idx;
    if (l >= spec.layers.length || j >= spec.layers[l].units) return null;
    if (m[1] === 'w') return idx.length === 3 && i < fanIn(spec, l) ? { kind: 'param', ref: { kind: 'weight', layer: l, j, i } } : null;
    if (m[1] === 'b') return idx.length === 2 && spec.layers[l].bias ? { kind: 'param', ref: { kind: 'bias', layer: l, j } } : null;
    return idx.length === 2 ? { kind: 'unit', sym: m[1] as 'a' | 'z', l, j } : null;
  }

  /** A node from its (normalised) text. */
  node(s: string): Node | null {
    const bare = s.replace(/^\((.*)\)$/, '$1');
    if (LOSS.has(bare)) return { kind: 'loss' };
    return this.aliases.get(bare) ?? this.contractNode(bare);
  }

  /** The quantity a student's name means, or a reason it means none. */
  quantity(name: string): Quantity | { error: string } {
    const s = normaliseName(name);
    if (!s) return { error: 'no name' };
    const div = /^d(.+)\/d(.+)$/.exec(s);
    if (div) {
      const num = this.node(div[1]);
      const den = this.node(div[2]);
      if (!num) return { error: `${JSON.stringify(div[1])} is not a quantity of this network` };
      if (!den) return { error: `${JSON.stringify(div[2])} is not a quantity of this network` };
      return this.derivative(num, den);
    }
    const grad = /^(?:grad|gradient|∇|g\()(.+?)\)?$/.exec(s) ?? /^d([^/]+)$/.exec(s);
    if (grad) {
      const den = this.node(grad[1].replace(/^\((.*)\)$/, '$1'));
      if (den && den.kind !== 'loss') return this.derivative({ kind: 'loss' }, den);
    }
    const delta = /^(?:δ|delta)_?(.+)$/.exec(s);
    if (delta) {
      const z = this.node(`z${delta[1]}`) ?? this.node(`z_${delta[1]}`);
      if (z) return { kind: 'deriv', num: { kind: 'loss' }, den: z };
    }
    const node = this.node(s);
    if (node) return { kind: 'value', node };
    const upd = /^(?:new_?)?(.+?)(?:_?new|\(new\)|\^new|'|’|\+)?$/.exec(s);
    const old = /^(?:old_?(.+)|(.+?)(?:_?old|\(old\)|\^old))$/.exec(s);
    if (old) {
      const p = this.node(old[1] ?? old[2]);
      if (p?.kind === 'param') return { kind: 'old', ref: p.ref };
    }
    if (upd) {
      const p = this.node(upd[1]);
      if (p?.kind === 'param') return { kind: 'value', node: p };
    }
    return { error: UNKNOWN_NAME };
  }

  private derivative(num: Node, den: Node): Quantity | { error: string } {
    const q: Quantity = { kind: 'deriv', num, den };
    const name = `d${nodeKey(num)}/d${nodeKey(den)}`;
    if (num.kind === 'loss') return den.kind === 'input' || den.kind === 'loss' ? { error: `${name} is not a quantity of the step` } : q;
    return localValue(this.ctx.spec, q) ? q : { error: `${name} is not one factor of the chain rule (give the factors it is the product of)` };
  }

  /** The session's name of a parameter, if it has one ("w1"), else undefined. */
  ownName(ref: ParamRef): string | undefined {
    const own = this.ctx.names?.[paramName(ref)];
    return typeof own === 'string' && own.trim() ? own : undefined;
  }
}

/**
 * A local derivative dN/dD that does not need the step's numbers, as a
 * function of the step (undefined: not one link of the chain rule).
 */
function localValue(spec: NetworkSpec, q: Extract<Quantity, { kind: 'deriv' }>): ((s: StepDetail) => number) | undefined {
  const { num, den } = q;
  if (num.kind !== 'unit') return undefined;
  const at = (m: { cols: number; data: ArrayLike<number> }, j: number) => m.data[j];
  if (num.sym === 'a') {
    if (den.kind === 'unit' && den.sym === 'z' && den.l === num.l) {
      if (den.j === num.j) return (s) => at(s.fprime[num.l], num.j);
      return spec.layers[num.l].activation === 'softmax' ? undefined : () => 0;
    }
    return undefined;
  }
  // num is z[l][j] = Σ_i W[l][j][i] a_prev[i] + b[l][j]
  const l = num.l;
  if (den.kind === 'param' && den.ref.layer === l) {
    if (den.ref.j !== num.j) return () => 0;
    if (den.ref.kind === 'bias') return () => 1;
    const i = den.ref.i;
    return (s) => (l === 0 ? at(s.x, i) : at(s.a[l - 1], i));
  }
  const nIn = fanIn(spec, l);
  if (l === 0 && den.kind === 'input') return (s) => s.before.W[0][num.j * nIn + den.i];
  if (l > 0 && den.kind === 'unit' && den.sym === 'a' && den.l === l - 1) return (s) => s.before.W[l][num.j * nIn + den.j];
  return undefined;
}

export type Value = { ok: true; value: number } | { ok: false; why: string };

/** The quantity's value in the step (per-sample ones: the first sample of the batch). */
export function valueOf(spec: NetworkSpec, step: StepDetail, q: Quantity): Value {
  const ok = (value: number): Value => ({ ok: true, value });
  const backward = (): Value | null => (step.done.backward ? null : { ok: false, why: 'the backward phase of this update has not run yet' });
  if (q.kind === 'old') return ok(readParam(spec, step.before, q.ref));
  if (q.kind === 'value') {
    const n = q.node;
    if (n.kind === 'input') return ok(step.x.data[n.i]);
    if (!step.done.forward) return { ok: false, why: 'the forward phase of this update has not run yet' };
    if (n.kind === 'loss') return ok(step.loss);
    if (n.kind === 'unit') return ok((n.sym === 'z' ? step.z : step.a)[n.l].data[n.j]);
    return step.after ? ok(readParam(spec, step.after, n.ref)) : { ok: false, why: 'the update of this step has not been made yet' };
  }
  if (q.num.kind === 'loss') {
    const wait = backward();
    if (wait) return wait;
    const d = q.den;
    if (d.kind === 'param') return ok(readParam(spec, { W: step.gradW, b: step.gradB }, d.ref));
    if (d.kind === 'unit') return ok((d.sym === 'z' ? step.delta : step.dLda)[d.l].data[d.j]);
    return { ok: false, why: 'not a quantity of the step' };
  }
  const f = localValue(spec, q);
  if (!f) return { ok: false, why: 'not one factor of the chain rule' };
  if (q.num.kind === 'unit' && q.num.sym === 'a' && !step.done.backward) return backward()!;
  if (!step.done.forward) return { ok: false, why: 'the forward phase of this update has not run yet' };
  return ok(f(step));
}

/** The error of a name the check does not know (the command line adds where its names are listed, the app its boxes). */
export const UNKNOWN_NAME = 'not a name this check knows';
