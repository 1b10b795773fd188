/**
 * Optimizers: how the update phase moves every parameter w given its gradient g.
 *
 * SGD (lr, momentum μ ≥ 0, nesterov):
 *   μ = 0:          w ← w − lr·g
 *   momentum:       v ← μ·v + g;  w ← w − lr·v              (v starts at 0)
 *   Nesterov:       v ← μ·v + g;  w ← w − lr·(g + μ·v)      (PyTorch's formulation)
 * Adam (lr, β1 = 0.9, β2 = 0.999, ε = 1e−8):
 *   t ← t + 1;  m ← β1·m + (1−β1)·g;  s ← β2·s + (1−β2)·g²
 *   m̂ = m / (1 − β1^t);  ŝ = s / (1 − β2^t);  w ← w − lr·m̂ / (√ŝ + ε)
 *
 * State (v, m, s) is one Float64Array per parameter array, allocated once,
 * and double-buffered: an update reads the current buffer and writes the
 * other, then they swap. So the state before the last update stays readable
 * (stepState: the math view shows v → v', m → m', s → s' with numbers) at no
 * cost per update beyond the update itself.
 */
import { z } from 'zod';
import type { OptimizerConfig, Params } from '../types';
import type { OptimizerStateJSON, OptimizerStep } from '../train/types';
import type { Grads } from '../net/network';
import { pow } from '../math/pow';
import { formatIssues, type PathPart } from '../session/format';
import { bool, kinds, namesOf, nonNegative, obj, positive, unitInterval } from '../session/schema-parts';

/**
 * Optimizers: the one table of them. Each entry's `fields` is its part of the
 * session schema (schema.ts builds `experiment.optimizer` from them: the only
 * place an optimizer setting's range is stated); the update math is the
 * Optimizer class below. Adding an optimizer is an entry here plus its
 * update in the class (and its OptimizerConfig member in types.ts).
 *
 * Ranges (docs/session-format.md):
 * - lr >= 0: lr = 0 is a "frozen" run (gradients computed and shown, nothing moves);
 * - momentum in [0, 1): at μ = 1 the velocity never forgets a gradient and at μ > 1
 *   it grows geometrically even with zero gradients, so the run cannot converge;
 * - β1, β2 in [0, 1) (β = 1 would divide by 1 − β^t = 0 in the bias correction);
 * - ε > 0: with ε = 0 a zero gradient at the first update gives 0/0.
 */
export const OPTIMIZERS = {
  sgd: {
    label: 'SGD',
    fields: { lr: nonNegative(), momentum: unitInterval().optional(), nesterov: bool.optional() },
  },
  adam: {
    label: 'Adam',
    fields: { lr: nonNegative(), beta1: unitInterval().optional(), beta2: unitInterval().optional(), eps: positive().optional() },
  },
} as const satisfies Record<string, { label: string; fields: Record<string, z.ZodType> }>;

export type OptimizerName = keyof typeof OPTIMIZERS;

/** The schema of one optimizer's object: its "kind" and its fields. */
export function optimizerKindSchema<K extends OptimizerName>(kind: K) {
  return obj({ kind: z.literal(kind), ...OPTIMIZERS[kind].fields } as { kind: z.ZodLiteral<K> } & (typeof OPTIMIZERS)[K]['fields']);
}

/** `experiment.optimizer`: one object per entry of OPTIMIZERS, told apart by "kind". */
export const optimizerSchema = kinds(namesOf(OPTIMIZERS), [optimizerKindSchema('sgd'), optimizerKindSchema('adam')]);

/**
 * The engine's check of an optimizer config (the trainer's, for configs that
 * did not come through a session file): the schema's, with the same message
 * and path as the file's (`at`, by default where the file has it).
 */
export function checkOptimizer(cfg: OptimizerConfig, at: readonly PathPart[] = ['experiment', 'optimizer']): string[] {
  const r = optimizerSchema.safeParse(cfg);
  return r.success ? [] : formatIssues(r.error.issues, cfg, at);
}

function zerosLike(arrs: Float64Array[]): Float64Array[] {
  return arrs.map((w) => new Float64Array(w.length));
}

export class Optimizer {
  cfg: OptimizerConfig;
  /** updates taken so far (Adam's t) */
  t = 0;
  private v: Params | null = null;
  private m: Params | null = null;
  private s: Params | null = null;
  /** the other halves of the double buffers: after an update, the state before it */
  private vOld: Params | null = null;
  private mOld: Params | null = null;
  private sOld: Params | null = null;

  constructor(cfg: OptimizerConfig, p: Params) {
    this.cfg = cfg;
    this.allocate(p);
  }

  private allocate(p: Params): void {
    const z = (): Params => ({ W: zerosLike(p.W), b: zerosLike(p.b) });
    if (this.cfg.kind === 'sgd') {
      this.v = (this.cfg.momentum ?? 0) > 0 ? (this.v ?? z()) : null;
      this.vOld = this.v ? (this.vOld ?? z()) : null;
      this.m = this.s = this.mOld = this.sOld = null;
    } else {
      this.v = this.vOld = null;
      this.m = this.m ?? z();
      this.s = this.s ?? z();
      this.mOld = this.mOld ?? z();
      this.sOld = this.sOld ?? z();
    }
  }

  /**
   * Switches the configuration (e.g. a new lr mid-run). Same kind: the state
   * (velocity, moments, t) carries on. Another kind: the state starts afresh.
   */
  configure(cfg: OptimizerConfig, p: Params): void {
    if (cfg.kind !== this.cfg.kind) {
      this.t = 0;
      this.v = this.m = this.s = this.vOld = this.mOld = this.sOld = null;
    }
    this.cfg = cfg;
    this.allocate(p);
  }

  get lr(): number {
    return this.cfg.lr;
  }

  /**
   * One update of every parameter in place. `keep`, if given, receives the
   * parameters as they were before it (in the same pass, cheaper than a
   * separate copy). Returns a finiteness check of the new parameters: Σ (w − w)
   * over all of them, exactly 0 when every new value is finite and NaN as soon
   * as one is NaN or ±Infinity (w − w is +0 for finite w, NaN otherwise; it
   * cannot overflow, so there are no false alarms).
   */
  step(p: Params, g: Grads, keep: Params | null = null): number {
    this.t++;
    let check = 0;
    for (let l = 0; l < p.W.length; l++) {
      check += this.stepArray(p.W[l], g.W[l], keep ? keep.W[l] : null, l, 'W');
      if (p.b[l].length > 0) check += this.stepArray(p.b[l], g.b[l], keep ? keep.b[l] : null, l, 'b');
    }
    // the new state was written into the old halves: swap (plain SGD has none; no array made per step)
    if (this.v) {
      const v = this.v;
      this.v = this.vOld;
      this.vOld = v;
    }
    if (this.m) {
      const m = this.m;
      this.m = this.mOld;
      this.mOld = m;
    }
    if (this.s) {
      const t = this.s;
      this.s = this.sOld;
      this.sOld = t;
    }
    return check;
  }

  /**
   * The optimizer's side of the current update, copied: `updated` says the
   * update has run (before = the state it started from, after = the new one),
   * else before = the state the next update starts from and after = null.
   * null for plain SGD, which has no state.
   */
  stepState(updated: boolean): OptimizerStep | null {
    const copy = (p: Params): Params => ({ W: p.W.map((a) => a.slice()), b: p.b.map((a) => a.slice()) });
    const pair = (cur: Params, old: Params) => (updated ? { before: copy(old), after: copy(cur) } : { before: copy(cur), after: null });
    const cfg = this.cfg;
    if (cfg.kind === 'sgd') {
      if (!this.v || !this.vOld) return null;
      return { kind: 'momentum', mu: cfg.momentum ?? 0, nesterov: !!cfg.nesterov, velocity: pair(this.v, this.vOld) };
    }
    const b1 = cfg.beta1 ?? 0.9;
    const b2 = cfg.beta2 ?? 0.999;
    const t = updated ? this.t : this.t + 1;
    return {
      kind: 'adam', beta1: b1, beta2: b2, eps: cfg.eps ?? 1e-8, t,
      c1: 1 - pow(b1, t), c2: 1 - pow(b2, t),
      m: pair(this.m!, this.mOld!), s: pair(this.s!, this.sOld!),
    };
  }

  /** Updates w in place (keep ← the old w); returns Σ (w_new − w_new): 0, or NaN when a new value is not finite. */
  private stepArray(w: Float64Array, g: Float64Array, keep: Float64Array | null, l: number, which: 'W' | 'b'): number {
    const cfg = this.cfg;
    const lr = cfg.lr;
    const n = w.length;
    let c0 = 0;
    if (cfg.kind === 'sgd' && ((cfg.momentum ?? 0) === 0 || this.v === null)) {
      // plain SGD, the common large-net case: copy, update and check in one pass
      return keep ? sgdKeep(w, g, keep, lr) : sgd(w, g, lr);
    }
    if (keep) keep.set(w);
    if (cfg.kind === 'sgd') {
      const mu = cfg.momentum ?? 0;
      const v = this.v![which][l];
      const vNew = this.vOld![which][l];
      if (cfg.nesterov) {
        for (let q = 0; q < n; q++) {
          vNew[q] = mu * v[q] + g[q];
          const wq = w[q] - lr * (g[q] + mu * vNew[q]);
          w[q] = wq;
          c0 += wq - wq;
        }
      } else {
        for (let q = 0; q < n; q++) {
          vNew[q] = mu * v[q] + g[q];
          const wq = w[q] - lr * vNew[q];
          w[q] = wq;
          c0 += wq - wq;
        }
      }
      return c0;
    }
    const b1 = cfg.beta1 ?? 0.9;
    const b2 = cfg.beta2 ?? 0.999;
    const eps = cfg.eps ?? 1e-8;
    const bc1 = 1 - pow(b1, this.t);
    const bc2 = 1 - pow(b2, this.t);
    const m = this.m![which][l];
    const s = this.s![which][l];
    const mNew = this.mOld![which][l];
    const sNew = this.sOld![which][l];
    for (let q = 0; q < n; q++) {
      const gq = g[q];
      mNew[q] = b1 * m[q] + (1 - b1) * gq;
      sNew[q] = b2 * s[q] + (1 - b2) * gq * gq;
      const mHat = mNew[q] / bc1;
      const sHat = sNew[q] / bc2;
      const wq = w[q] - (lr * mHat) / (Math.sqrt(sHat) + eps);
      w[q] = wq;
      c0 += wq - wq;
    }
    return c0;
  }

  toJSON(): OptimizerStateJSON {
    const flat = (p: Params | null): number[] | undefined => {
      if (!p) return undefined;
      const out: number[] = [];
      // a loop, not push(...W): a layer of a million weights would overflow the call's argument list
      for (let l = 0; l < p.W.length; l++) for (const a of [p.W[l], p.b[l]]) for (let q = 0; q < a.length; q++) out.push(a[q]);
      return out;
    };
    return { t: this.t, v: flat(this.v), m: flat(this.m), s: flat(this.s) };
  }

  /** Restores t and the buffers saved by toJSON (lengths checked). */
  loadJSON(st: OptimizerStateJSON): void {
    this.t = st.t;
    const load = (p: Params | null, arr: number[] | undefined, name: string) => {
      if (!p || !arr) return;
      let k = 0;
      for (let l = 0; l < p.W.length; l++) {
        for (const a of [p.W[l], p.b[l]]) for (let q = 0; q < a.length; q++) a[q] = arr[k++];
      }
      if (k !== arr.length) throw new Error(`state.optimizer.${name}: expected ${k} numbers, got ${arr.length}`);
    };
    load(this.v, st.v, 'v');
    load(this.m, st.m, 'm');
    load(this.s, st.s, 's');
  }
}

/*
 * Plain SGD, w ← w − lr·g, as small functions of their own (V8 optimizes
 * them on their own, whatever the optimizer's other paths do), with two
 * check sums so the adds don't form one long dependency chain. sgdKeep
 * also copies the old w into keep in the same pass. Both return Σ(w − w)
 * over the new values: 0, or NaN when one is not finite.
 */
function sgdKeep(w: Float64Array, g: Float64Array, keep: Float64Array, lr: number): number {
  const n = w.length;
  let c0 = 0;
  let c1 = 0;
  let q = 0;
  for (; q + 1 < n; q += 2) {
    const w0 = w[q];
    const w1 = w[q + 1];
    keep[q] = w0;
    keep[q + 1] = w1;
    const n0 = w0 - lr * g[q];
    const n1 = w1 - lr * g[q + 1];
    w[q] = n0;
    w[q + 1] = n1;
    c0 += n0 - n0;
    c1 += n1 - n1;
  }
  if (q < n) {
    const w0 = w[q];
    keep[q] = w0;
    const n0 = w0 - lr * g[q];
    w[q] = n0;
    c0 += n0 - n0;
  }
  return c0 + c1;
}

function sgd(w: Float64Array, g: Float64Array, lr: number): number {
  const n = w.length;
  let c0 = 0;
  let c1 = 0;
  let q = 0;
  for (; q + 1 < n; q += 2) {
    const n0 = w[q] - lr * g[q];
    const n1 = w[q + 1] - lr * g[q + 1];
    w[q] = n0;
    w[q + 1] = n1;
    c0 += n0 - n0;
    c1 += n1 - n1;
  }
  if (q < n) {
    const n0 = w[q] - lr * g[q];
    w[q] = n0;
    c0 += n0 - n0;
  }
  return c0 + c1;
}
