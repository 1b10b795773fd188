/**
 * x^y within 1 ulp with JavaScript's special cases (ECMAScript Number::exponentiate):
 * e^(y·ln x) with ln x a double-double (log.ts logParts), y·ln x split exactly
 * by Dekker's product, and e^(hi + lo) rounded once (exp.ts expDD). y = 1, 2, −1
 * give x, x·x, 1/x (correctly rounded).
 */
import { prodErr } from './dd';
import { expDD } from './exp';
import { logLo, logParts } from './log';

export function pow(x: number, y: number): number {
  if (y !== y) return NaN;
  if (y === 0) return 1;
  if (x !== x) return NaN;
  if (y === 1) return x;
  if (y === 2) return x * x;
  if (y === -1) return 1 / x;
  const ax = Math.abs(x);
  if (y === Infinity || y === -Infinity) return ax === 1 ? NaN : ax > 1 === y > 0 ? Infinity : 0;
  const integral = Math.floor(y) === y;
  const odd = integral && Math.abs(y) < 9007199254740992 && y % 2 !== 0;
  const negative = x < 0 || (x === 0 && 1 / x < 0);
  if (x === 0 || ax === Infinity) {
    const r = x === 0 === y < 0 ? Infinity : 0;
    return negative && odd ? -r : r;
  }
  if (x < 0 && !integral) return NaN;
  const sign = negative && odd ? -1 : 1;
  if (ax === 1) return sign;
  // |ln x| ≥ 2^−53 here, so |y| > 2^900 over- or underflows (and would overflow Dekker's split)
  if (Math.abs(y) > 8.452712498170644e270) return sign * (ax > 1 === y > 0 ? Infinity : 0);
  const h = logParts(ax);
  const l = logLo();
  const p = y * h;
  if (p > 710) return sign * Infinity;
  if (p < -746) return sign * 0;
  return sign * expDD(p, prodErr(y, h, p) + y * l);
}
