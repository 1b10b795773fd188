/**
 * Checks a student's numbers for one training step against the engine's:
 * each answer is marked right, a rounding slip or wrong (the rule: number.ts),
 * and a wrong one says why where the step can tell:
 *
 *   a gradient    the first chain-rule factor the student gave that is wrong,
 *                 with its value; if their factors are right (or only rounded)
 *                 the multiplication is at fault; with no factors given, the
 *                 right gradient as the product of its factors;
 *   an update     (plain SGD) whether the gradient they used or the update's
 *                 arithmetic, old − η·g, is at fault;
 *   any number    a sign error, a single mistyped or swapped digit, and a
 *                 gradient that is really −η·g (the update's step).
 *
 * Every correct value comes from the StepDetail (the engine's own numbers;
 * the factors from the chain rule the math view shows).
 */
import type { LossKind, NetworkSpec, OptimizerConfig, ParamRef, Reduction } from '../types';
import type { StepDetail } from '../train/types';
import { chainRule, singlePath } from '../derivation/chain';
import { activate } from '../net/activations';
import { fmt } from '../derivation/format';
import { defaultNames, paramName, readParam, unitName } from '../derivation/names';
import { grade, parseTyped, slipText, type Grade, type Mark, type Typed } from './number';
import { Namer, nodeKey, quantityKey, valueOf, type NameContext, type Node, type Quantity } from './quantities';

export interface CheckContext {
  spec: NetworkSpec;
  loss: LossKind;
  reduction: Reduction;
  optimizer: OptimizerConfig;
  /** the session's parameter names: contract name ("W[0][0][0]") → its own ("w1") */
  names?: Record<string, string>;
  inputNames?: string[];
}

/** One answer: a name and the number as typed (a string, so its digits are kept). */
export interface Answer {
  name: string;
  value: string;
  /** where it came from, e.g. the line of a pasted table (1-based) */
  line?: number;
}

export interface Checked {
  name: string;
  typed: string;
  line?: number;
  /** canonical name: "dL/dW[1][0][2]", "W[0][0][0]" (the updated value), "a[1][0]", "loss" */
  key?: string;
  /** 'unknown': the name or the number could not be read, or the step has not computed it yet */
  mark: Mark | 'unknown';
  correct?: number;
  grade?: Grade;
  /** one line: "right", "cut off at 5 decimals instead of rounded (rounded: 1.00006)", "wrong: it is 1.0000067" */
  text: string;
  /** more lines for a wrong answer: the factor at fault, the arithmetic, hints */
  details: string[];
}

export interface CheckSummary {
  right: number;
  slip: number;
  wrong: number;
  unknown: number;
}

export interface CheckResult {
  answers: Checked[];
  summary: CheckSummary;
}

interface Resolved {
  answer: Answer;
  typed?: Typed;
  q?: Quantity;
  correct?: number;
  grade?: Grade;
  error?: string;
}

/** The Namer of a context (the unit labels the app shows are read from derivation/names). */
export function namerFor(ctx: CheckContext): Namer {
  const { spec } = ctx;
  const names = defaultNames(spec);
  if (ctx.inputNames) names.inputs = ctx.inputNames;
  const unitLabels = spec.layers.map((layer, l) => Array.from({ length: layer.units }, (_, j) => unitName(spec, names, l, j)));
  const nc: NameContext = { spec, names: ctx.names, unitLabels, inputNames: ctx.inputNames };
  return new Namer(nc);
}

/** The chain-rule factors of a parameter's gradient (first sample), as quantities with the engine's values. */
export function gradientFactors(ctx: CheckContext, step: StepDetail, ref: ParamRef): { q: Quantity; value: number }[] {
  const { spec } = ctx;
  const L = spec.layers.length - 1;
  const rule = chainRule({ spec, loss: ctx.loss, reduction: ctx.reduction }, step, ref, 1);
  const loss: Node = { kind: 'loss' };
  const unit = (sym: 'z' | 'a', l: number, j: number): Node => ({ kind: 'unit', sym, l, j });
  const leaf: Quantity = { kind: 'deriv', num: unit('z', ref.layer, ref.j), den: { kind: 'param', ref } };
  const qs: Quantity[] = [];
  if (singlePath(spec, ref.layer)) {
    const k = ref.layer === L ? ref.j : 0;
    if (step.fused || spec.layers[L].activation === 'softmax') qs.push({ kind: 'deriv', num: loss, den: unit('z', L, k) });
    else qs.push({ kind: 'deriv', num: loss, den: unit('a', L, k) }, { kind: 'deriv', num: unit('a', L, k), den: unit('z', L, k) });
    for (let m = L - 1; m >= ref.layer; m--) {
      const u = m === ref.layer ? ref.j : 0;
      qs.push({ kind: 'deriv', num: unit('z', m + 1, 0), den: unit('a', m, u) }, { kind: 'deriv', num: unit('a', m, u), den: unit('z', m, u) });
    }
    qs.push(leaf);
  } else {
    qs.push({ kind: 'deriv', num: loss, den: unit('z', ref.layer, ref.j) });
    if (ref.kind === 'weight') qs.push(leaf);
  }
  const factors = rule.terms[0].factors;
  if (factors.length !== qs.length) throw new Error(`chain rule of ${paramName(ref)}: ${factors.length} factors, expected ${qs.length}`);
  return qs.map((q, k) => ({ q, value: factors[k].value }));
}

const markWord = (g: Grade) => (g.mark === 'right' ? 'right' : g.mark === 'slip' ? 'a rounding slip' : 'wrong');

/** A sign error, one mistyped digit, or two swapped neighbours that would make v right (or a slip). */
function typoHint(typed: Typed, c: number): string | null {
  const text = typed.text;
  if (text.length > 32) return null;
  const tries: { text: string; why: string }[] = [];
  const signed = /^\s*[-−–]/.test(text) ? text.replace(/^\s*[-−–]\s*/, '') : `-${text}`;
  tries.push({ text: signed, why: 'the sign is wrong' });
  const chars = [...text];
  chars.forEach((ch, k) => {
    if (!/\d/.test(ch)) return;
    for (let d = 0; d <= 9; d++) {
      if (String(d) === ch) continue;
      const t = [...chars];
      t[k] = String(d);
      tries.push({ text: t.join(''), why: `a typo? one digit: ${d} for the ${ch}` });
    }
    if (k + 1 < chars.length && /\d/.test(chars[k + 1]) && chars[k + 1] !== ch) {
      const t = [...chars];
      [t[k], t[k + 1]] = [t[k + 1], t[k]];
      tries.push({ text: t.join(''), why: `a typo? two digits swapped: ${ch}${chars[k + 1]} for ${chars[k + 1]}${ch}` });
    }
  });
  let best: { text: string; why: string; g: Grade } | null = null;
  for (const t of tries) {
    const p = parseTyped(t.text);
    if (!p || p.decimals !== typed.decimals) continue;
    const g = grade(p, c);
    if (g.mark === 'right') return `${t.why}: ${t.text} would be right`;
    if (g.mark === 'slip' && !best) best = { ...t, g };
  }
  return best ? `${best.why}: ${best.text} would be ${markWord(best.g)} (${slipText(best.g, c)})` : null;
}

export function checkAnswers(ctx: CheckContext, step: StepDetail, answers: Answer[]): CheckResult {
  const { spec } = ctx;
  const namer = namerFor(ctx);
  const resolved: Resolved[] = answers.map((answer) => {
    const typed = parseTyped(answer.value);
    if (!typed) return { answer, error: `${JSON.stringify(answer.value)} is not a number` };
    const q = namer.quantity(answer.name);
    if ('error' in q) return { answer, typed, error: q.error };
    const v = valueOf(spec, step, q);
    if (!v.ok) return { answer, typed, q, error: v.why };
    return { answer, typed, q, correct: v.value, grade: grade(typed, v.value) };
  });
  // the student's answers by canonical name (the first one given), for cross-reference
  const given = new Map<string, Resolved>();
  for (const r of resolved) if (r.q && r.grade && !given.has(quantityKey(r.q))) given.set(quantityKey(r.q), r);
  const label = (q: Quantity) => displayName(namer, q);

  const explain = (r: Resolved): string[] => {
    const q = r.q!;
    const c = r.correct!;
    const lines: string[] = [];
    if (q.kind === 'deriv' && q.num.kind === 'loss' && q.den.kind === 'param') lines.push(...gradientWhy(ctx, step, q.den.ref, r, given, label));
    else if (q.kind === 'value' && q.node.kind === 'param') lines.push(...updateWhy(ctx, step, q.node.ref, r, given, label));
    else if (q.kind === 'value' && q.node.kind === 'unit' && q.node.sym === 'a') lines.push(...activationWhy(ctx, q.node.l, q.node.j, r, given));
    const hint = typoHint(r.typed!, c);
    if (hint) lines.push(hint);
    if (q.kind === 'deriv' && q.num.kind === 'loss' && q.den.kind === 'param' && step.lr !== 0) {
      const g = grade(r.typed!, -step.lr * c);
      if (g.mark !== 'wrong') lines.push(`${r.typed!.text} is −η·${label(q)} = ${fmt(-step.lr * c)}, the step of the update, not the gradient`);
    }
    return lines;
  };

  const out: Checked[] = resolved.map((r) => {
    const base = { name: r.answer.name, typed: r.answer.value, ...(r.answer.line !== undefined ? { line: r.answer.line } : {}) };
    if (r.error || !r.grade) return { ...base, ...(r.q ? { key: quantityKey(r.q) } : {}), mark: 'unknown', text: r.error ?? 'not checked', details: [] };
    const g = r.grade;
    const c = r.correct!;
    const text = g.mark === 'right' ? 'right' : g.mark === 'slip' ? `rounding slip: ${slipText(g, c)}; exactly ${fmt(c, 8)}` : `wrong: it is ${fmt(c, 8)}`;
    return { ...base, key: quantityKey(r.q!), mark: g.mark, correct: c, grade: g, text, details: g.mark === 'wrong' ? explain(r) : unchangedNote(ctx, step, r) };
  });
  const summary: CheckSummary = { right: 0, slip: 0, wrong: 0, unknown: 0 };
  for (const a of out) summary[a.mark]++;
  return { answers: out, summary };
}

/** "dL/dW[1][0][2] (dL/dw9)": the canonical name, with the session's own names beside it. */
export function displayName(namer: Namer, q: Quantity): string {
  const key = quantityKey(q);
  const own = (n: Node) => (n.kind === 'param' ? namer.ownName(n.ref) : undefined);
  const ownKey = (n: Node) => own(n) ?? nodeKey(n);
  let alias: string | undefined;
  if (q.kind === 'value' && q.node.kind === 'param') alias = own(q.node);
  else if (q.kind === 'old') alias = namer.ownName(q.ref) && `${namer.ownName(q.ref)} old`;
  else if (q.kind === 'deriv' && (own(q.num) || own(q.den))) alias = `d${ownKey(q.num)}/d${ownKey(q.den)}`;
  return alias ? `${key} (${alias})` : key;
}

function gradientWhy(ctx: CheckContext, step: StepDetail, ref: ParamRef, r: Resolved, given: Map<string, Resolved>, label: (q: Quantity) => string): string[] {
  const factors = gradientFactors(ctx, step, ref);
  const n = step.x.rows;
  const product = factors.map((f) => paren(f.value)).join(' · ');
  const exact = `${label(r.q!)} = ${product}${n > 1 ? ` for the first sample; the gradient ${ctx.reduction === 'mean' ? 'averages' : 'sums'} it over the ${n} samples` : ''} = ${fmt(r.correct!, 8)}`;
  if (n > 1) return [exact];
  const theirs = factors.map((f) => given.get(quantityKey(f.q)));
  const wrong = theirs.findIndex((t) => t?.grade?.mark === 'wrong');
  if (wrong >= 0) {
    const t = theirs[wrong]!;
    return [`the factor ${label(factors[wrong].q)} is wrong: you have ${t.typed!.text}, it is ${fmt(factors[wrong].value, 8)}`, exact];
  }
  if (theirs.every((t) => t === undefined)) return [exact];
  const lines: string[] = [];
  const slipped = theirs.map((t, k) => (t?.grade?.mark === 'slip' ? `${label(factors[k].q)} = ${t.typed!.text} (${fmt(factors[k].value)})` : null)).filter((s) => s);
  if (theirs.every((t) => t !== undefined)) {
    const prod = theirs.reduce((p, t) => p * t!.typed!.value, 1);
    if (grade(r.typed!, prod).mark === 'wrong') lines.push(`your factors are ${slipped.length ? 'right or only rounded' : 'right'}, but their product is ${fmt(prod)}, not ${r.typed!.text}: the multiplication is at fault`);
    else lines.push(`your factors multiply to ${fmt(prod)}: the factors are at fault${slipped.length ? `, they are rounded: ${slipped.join(', ')}` : ''}`);
  } else if (slipped.length) lines.push(`the factors you gave are right or rounded (${slipped.join(', ')}); check the others`);
  lines.push(exact);
  return lines;
}

function updateWhy(ctx: CheckContext, step: StepDetail, ref: ParamRef, r: Resolved, given: Map<string, Resolved>, label: (q: Quantity) => string): string[] {
  const p = { kind: 'param', ref } as const;
  const w0 = readParam(ctx.spec, step.before, ref);
  const gq: Quantity = { kind: 'deriv', num: { kind: 'loss' }, den: p };
  const g = valueOf(ctx.spec, step, gq);
  const plain = ctx.optimizer.kind === 'sgd' && !(ctx.optimizer.momentum && ctx.optimizer.momentum > 0) && !step.optimizer;
  if (!plain || !g.ok) return [`${ctx.optimizer.kind === 'adam' ? 'Adam' : 'SGD with momentum'}'s rule gives ${fmt(r.correct!, 8)} (see the math view)`];
  const eta = step.lr;
  const rule = `${label({ kind: 'value', node: p })} = ${fmt(w0)} − ${fmt(eta)} · ${paren(g.value)} = ${fmt(r.correct!, 8)}`;
  const theirs = given.get(quantityKey(gq));
  if (!theirs) return [rule];
  const fromTheirs = w0 - eta * theirs.typed!.value;
  const arithmeticRight = grade(r.typed!, fromTheirs).mark !== 'wrong';
  const gWord = markWord(theirs.grade!);
  const g0 = theirs.typed!.value < 0 ? `(${theirs.typed!.text})` : theirs.typed!.text;
  const sum = `${fmt(w0)} − ${fmt(eta)} · ${g0} = ${fmt(fromTheirs, 12)}`;
  if (arithmeticRight) return [`the arithmetic is right (${sum}): the gradient you used, ${theirs.typed!.text}, is ${gWord}`, rule];
  return [`the update's arithmetic is at fault: ${sum}, not ${r.typed!.text} (the gradient you used is ${gWord})`, rule];
}

/**
 * An updated parameter marked right (or a slip) whose text is the value before the update as well:
 * report 003's w9 goes from 1 to 1.0000559, so "1" is right to its digits, and also what a student
 * who forgot the update writes. Said, with the change the digits do not show.
 */
function unchangedNote(ctx: CheckContext, step: StepDetail, r: Resolved): string[] {
  const q = r.q!;
  if (q.kind !== 'value' || q.node.kind !== 'param') return [];
  const before = readParam(ctx.spec, step.before, q.node.ref);
  if (before === r.correct || grade(r.typed!, before).mark !== 'right') return [];
  return [`${r.typed!.text} is also its value before the update (${fmt(before)}): the update changes it by ${fmt(r.correct! - before)}, which shows only with more digits (${fmt(r.correct!, 8)})`];
}

/** A wrong activation: does it follow from the student's own z (then z is at fault)? */
function activationWhy(ctx: CheckContext, l: number, j: number, r: Resolved, given: Map<string, Resolved>): string[] {
  const layer = ctx.spec.layers[l];
  const z = given.get(`z[${l}][${j}]`);
  if (!z || layer.activation === 'softmax') return [];
  const out = new Float64Array(1);
  activate(layer.activation, layer.leak ?? 0.01, Float64Array.of(z.typed!.value), out, 1, 1);
  const name = ACT_NAMES[layer.activation] ?? layer.activation;
  return grade(r.typed!, out[0]).mark === 'wrong'
    ? [`${name}(${z.typed!.text}) = ${fmt(out[0])}: the activation of your z is at fault`]
    : [`it is ${name}(${z.typed!.text}) = ${fmt(out[0])} of your z, which is ${markWord(z.grade!)}: the z is at fault`];
}

const ACT_NAMES: Record<string, string> = { sigmoid: 'σ', relu: 'ReLU', leaky_relu: 'leaky ReLU', tanh: 'tanh', linear: 'linear' };

const paren = (x: number) => (x < 0 ? `(${fmt(x)})` : fmt(x));
