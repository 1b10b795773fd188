/**
 * The one number formatter and the one number parser of the app, the CLI's
 * text and the export: the readout, the tables and the math view print a
 * number the same way. Short decimals are shown exactly as typed (0.9925,
 * −0.005, 1.0000065), long binary tails are cut to 8 significant digits
 * (0.48000000000000004 → 0.48; enough to tell 1.0000067 from 1.00001), tiny
 * and huge numbers go to scientific notation. `short` rounds first, for
 * narrow places (a unit's circle, a table cell); `full` is the exact
 * round-trip value for hovers and files.
 */

/** Shortest decimal that reads back as the same double (JavaScript's String). */
export function full(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

/** Significant digits of a decimal string like "-0.00065", "1.0000065", "6.552e-5". */
function sigDigits(s: string): number {
  const mant = s.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '');
  return mant.length;
}

/** Cuts trailing zeros of a fixed or exponent mantissa: "0.992500" → "0.9925", "1.50e-5" → "1.5e-5". */
function trimZeros(s: string): string {
  const [mant, exp] = s.split('e');
  const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
  return exp === undefined ? m : `${m}e${exp.replace('+', '')}`;
}

/**
 * Up to `digits` significant digits (default 8), but a value whose shortest
 * exact decimal has at most 8 significant digits is shown exactly.
 */
export function fmt(x: number | null | undefined, digits = 8): string {
  if (x === null || x === undefined) return '–';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const ax = Math.abs(x);
  const exact = full(x);
  const sci = ax < 1e-4 || ax >= 1e7;
  if (sigDigits(exact) <= Math.max(digits, 8)) {
    if (!sci) return exact.includes('e') ? trimZeros(x.toFixed(12)) : exact;
    return trimZeros(x.toExponential(Math.min(sigDigits(exact), 17) - 1));
  }
  return sci ? trimZeros(x.toExponential(digits - 1)) : trimZeros(x.toPrecision(digits));
}

/** Rounded to `digits` significant digits, then as fmt shows it: short(0.123456, 3) = "0.123", short(1234567, 2) = "1200000". */
export function short(x: number | null | undefined, digits: number): string {
  return fmt(typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);
}

/** A fraction as a percentage with one decimal: 0.9731 → "97.3 %"; "–" when absent. */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`;
}

/** LaTeX for a number: "6.552 \times 10^{-5}", negatives in parentheses when `paren` (inside products). */
export function tex(x: number, paren = false, digits = 8): string {
  const s = fmt(x, digits);
  let t: string;
  if (s === '∞') t = '\\infty';
  else if (s === '−∞') t = '-\\infty';
  else if (s.includes('e')) {
    const [m, e] = s.split('e');
    t = m === '1' ? `10^{${Number(e)}}` : m === '-1' ? `-10^{${Number(e)}}` : `${m} \\times 10^{${Number(e)}}`;
  } else t = s;
  return paren && (x < 0 || t.includes('\\times')) ? `\\left(${t}\\right)` : t;
}

/**
 * The number a person typed: "0.5", "-0.005", "−0.005" (a typographic minus,
 * as the math view prints it), "1e-3", " 2 ". null for anything else, an
 * empty field included (the field then goes back to the value that holds).
 */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/^[−–]/, '-');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}
