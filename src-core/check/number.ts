/**
 * A number as a student typed it, and how it compares with the engine's.
 *
 * The precision is read from the digits typed, not from the value: "0.250"
 * claims three decimals, "0.25" two, "1" none, "-6.552e-5" (or "−6.552 × 10^-5")
 * eight (three after the point, shifted by the exponent), "1.2e3" −2 (to the
 * hundreds). Trailing zeros count: they are a claim about the digit.
 *
 * The rule (docs/cli.md, "nnlab check"), with v typed to d decimals and c the
 * engine's value:
 *
 *   right          |v − c| ≤ ½·10^−d: v is c rounded to the digits typed
 *                  (a value exactly halfway either way counts as right).
 *   rounding slip  not right, but either
 *                   - v is c cut off (truncated toward zero) at d decimals,
 *                     e.g. 1.00005 for 1.0000559 (rounded it is 1.00006); or
 *                   - v is right to fewer decimals k < d that still keep at least
 *                     two significant digits of c: |v − c| ≤ ½·10^−k, e.g.
 *                     1.0000065 for 1.0000067 (right to 6 decimals, not 7), or
 *                     −0.0260 for −0.02552 (right to 3 decimals: −0.026); or
 *                   - v keeps one significant digit of c, and the next is at most
 *                     one off: |v − c| ≤ 1.5·10^−(k+1), e.g. −6.552e-5 for
 *                     −6.664e-5 (from rounded factors), 0.51 for 0.5049.
 *                   The slip says how many decimals / significant digits are right.
 *   wrong          anything else, e.g. 2.0000065 for 1.0000067 (not even the
 *                  first significant digit), 0.0077 for −0.0765, 1.3 for
 *                  1.0000559 (its first digit only, the next 3 off).
 *
 * When c is exactly 0, v is right when it is 0 to the digits typed, else wrong.
 */

import { log10, pow } from '../math/index.ts';
export interface Typed {
  /** the text as typed, trimmed */
  text: string;
  value: number;
  /** decimals claimed: digits after the point minus the exponent (may be negative) */
  decimals: number;
  /** significant digits typed (leading zeros excluded, trailing zeros included; "0" has 1) */
  digits: number;
}

export type Mark = 'right' | 'slip' | 'wrong';

export interface Grade {
  mark: Mark;
  /** slip: the decimals (and significant digits of c) that are right; "truncated": v is c cut off */
  rightTo?: { decimals: number; digits: number };
  truncated?: boolean;
  /** truncated: the decimals it was cut at (the decimals typed) */
  decimals?: number;
}

const MINUS = /[−–‒﹣－]/g;
// mantissa, then an optional exponent: e-5, E+3, × 10^-5, x10^{-5}, *10^-5, ·10⁻⁵ (superscripts are mapped first)
const NUMBER = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:\s*(?:[eE]([+-]?\d+)|(?:[×xX*·⋅]|\\times|\\cdot)\s*10\s*\^\s*\{?\s*([+-]?\d+)\s*\}?))?$/;
const SUPER: Record<string, string> = { '⁻': '-', '⁺': '+', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };

/** The text with unicode minus signs and superscript exponents made plain, spaces around the sign removed. */
function plain(text: string): string {
  let s = text.trim().replace(MINUS, '-');
  s = s.replace(/10([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, e: string) => `10^${[...e].map((ch) => SUPER[ch]).join('')}`);
  return s.replace(/^([+-])\s+/, '$1');
}

/** Reads a typed number, or null when the text is not one (the caller says where). */
export function parseTyped(text: string): Typed | null {
  const s = plain(text);
  const m = NUMBER.exec(s);
  if (!m) return null;
  const [, sign, mant, e1, e2] = m;
  const exp = Number(e1 ?? e2 ?? 0);
  const point = mant.indexOf('.');
  const after = point < 0 ? 0 : mant.length - point - 1;
  const allDigits = mant.replace('.', '');
  const significant = allDigits.replace(/^0+/, '');
  const value = Number(`${sign}${mant.startsWith('.') ? `0${mant}` : mant}e${exp}`);
  if (!Number.isFinite(value)) return null;
  return { text: text.trim(), value, decimals: after - exp, digits: significant.length || 1 };
}

/** Position of c's first significant digit as a decimal count: 1.2 → 0, 0.0765 → 2, 12.5 → −1. */
export function leadingDecimal(c: number): number {
  return -Math.floor(log10(Math.abs(c)) + 1e-12);
}

// binary doubles: "0.35" typed for 0.35000000000000003 must be right; a relative slack of 1e-9 of the unit
const within = (diff: number, decimals: number) => diff <= 0.5 * pow(10, -decimals) * (1 + 1e-9);

/** Grades v (typed) against c (the engine's value) by the rule above. */
export function grade(typed: Typed, c: number): Grade {
  const v = typed.value;
  const d = typed.decimals;
  const diff = Math.abs(v - c);
  if (within(diff, d)) return { mark: 'right' };
  if (c === 0 || !Number.isFinite(c)) return { mark: 'wrong' };
  const lead = leadingDecimal(c);
  // largest k with |v − c| ≤ ½·10^−k
  let k = Math.floor(log10(0.5 / diff));
  while (k < d && within(diff, k + 1)) k++;
  while (k > -400 && !within(diff, k)) k--;
  k = Math.min(k, d - 1);
  const truncated = (v === 0 || Math.sign(v) === Math.sign(c)) && Math.abs(v) <= Math.abs(c) && Math.abs(c) - Math.abs(v) < pow(10, -d) * (1 - 1e-9);
  const rightTo = k >= lead ? { decimals: k, digits: k - lead + 1 } : undefined;
  if (truncated) return { mark: 'slip', truncated, ...(rightTo ? { rightTo } : {}), decimals: d };
  // a slip of rounding keeps two significant digits, or one with the next at most one off: 1.3 for
  // 1.0000559 is right only to its first digit, and its second is 3 off (report 003's tiny updates)
  if (rightTo && (rightTo.digits >= 2 || diff <= 1.5 * pow(10, -(k + 1)) * (1 + 1e-9))) return { mark: 'slip', rightTo };
  return { mark: 'wrong' };
}

/** c rounded to `decimals` decimals, as text ("1.00006", "−0.026", "7e-5"); decimals may be negative. */
export function roundedText(c: number, decimals: number): string {
  if (decimals >= 0 && decimals <= 20) {
    const s = c.toFixed(decimals);
    return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  }
  const unit = pow(10, -decimals);
  return String(Math.round(c / unit) * unit);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A slip in words: "cut off at 5 decimals instead of rounded (rounded: 1.00006)"
 * or "right to 6 decimals, 7 significant digits: 1.000007".
 */
export function slipText(g: Grade, c: number): string {
  if (g.truncated && g.decimals !== undefined) {
    return `cut off at ${plural(g.decimals, 'decimal')} instead of rounded (rounded: ${roundedText(c, g.decimals)})`;
  }
  if (!g.rightTo) return '';
  const { decimals, digits } = g.rightTo;
  const where = decimals > 0 ? `${plural(decimals, 'decimal')}, ${plural(digits, 'significant digit')}` : plural(digits, 'significant digit');
  return `right to ${where}: ${roundedText(c, decimals)}`;
}
