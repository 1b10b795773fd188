/**
 * src-core/math: the elementary functions every number of NN Lab passes through,
 * in plain IEEE-754 double arithmetic (no Math.exp, Math.log, …, whose last bits
 * differ between JavaScript engines), each within 1 ulp. With IEEE doubles and a
 * correctly rounded √ (Math.sqrt is, by the standard), they give the same bits
 * on every host. See docs/numerics.md.
 */
export { exp, expm1, tanh } from './exp';
export { log, log1p, log10 } from './log';
export { pow } from './pow';
export { cos, sin, tan } from './trig';
export { acos, asin, atan } from './arc';
