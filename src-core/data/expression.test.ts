import { describe, expect, it } from 'vitest';
import { NumpyLegacyRng } from '../random/mt19937.ts';
import { ExpressionError, parseExpression } from './expression.ts';

const ev = (src: string, vars: Record<string, number> = {}): number => parseExpression(src, Object.keys(vars)).eval(vars);

describe('parseExpression: values and precedence', () => {
  it('numbers, including exponents and leading dots', () => {
    expect(ev('1e-3')).toBe(0.001);
    expect(ev('2.5E2')).toBe(250);
    expect(ev('.5')).toBe(0.5);
    expect(ev('3.')).toBe(3);
  });

  it('* and / before + and -, left to right', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('8 / 4 / 2')).toBe(1);
    expect(ev('(1 + 2) * 3')).toBe(9);
  });

  it('powers: ** and ^, right-associative, tighter than unary minus (as Python)', () => {
    expect(ev('2 ** 3 ** 2')).toBe(512); // 2 ** 9, not 8 ** 2
    expect(ev('2 ^ 3 ^ 2')).toBe(512);
    expect(ev('-x**2', { x: 3 })).toBe(-9); // -(x**2)
    expect(ev('(-x)**2', { x: 3 })).toBe(9);
    expect(ev('2 ** -1')).toBe(0.5);
    expect(ev('-2 ^ 2')).toBe(-4);
    expect(ev('2 * 3 ** 2')).toBe(18);
  });

  it("% is Python's: the sign of the divisor", () => {
    expect(ev('7 % 3')).toBe(1);
    expect(ev('-7 % 3')).toBe(2);
    expect(ev('7 % -3')).toBe(-2);
    expect(ev('5.5 % 2')).toBe(1.5);
  });

  it('functions and constants', () => {
    expect(ev('exp(x/5)', { x: 5 })).toBe(Math.E);
    expect(ev('sin(x)*(25 - x^2)', { x: 2 })).toBe(Math.sin(2) * 21);
    expect(ev('sigmoid(0)')).toBe(0.5);
    expect(ev('log(e)')).toBe(1);
    expect(ev('ln(1)')).toBe(0);
    expect(ev('log10(1000)')).toBe(3);
    expect(ev('sqrt(16) + abs(-2) + floor(2.7) + ceil(2.1)')).toBe(4 + 2 + 2 + 3);
    expect(ev('min(3, 1, 2) + max(3, 1, 2) + pow(2, 10)')).toBe(1 + 3 + 1024);
    expect(ev('tanh(0) + atan(1)*4 - pi')).toBe(0);
    expect(ev('asin(1) + acos(1) + tan(0) + cos(0)')).toBe(Math.PI / 2 + 1);
    // Python's round: half to even
    expect([ev('round(0.5)'), ev('round(1.5)'), ev('round(2.5)'), ev('round(-0.5)'), ev('round(2.6)')]).toEqual([0, 2, 2, -0, 3]);
  });

  it("a notebook's prefixes are accepted: np.exp, math.sin, np.random.randint", () => {
    expect(ev('np.exp(0) + math.sin(0) + numpy.sqrt(4)')).toBe(3);
    const e = parseExpression('n1 ** 2 + n2 + np.random.randint(0, 5)', ['n1', 'n2']);
    expect(e.random).toBe(true);
    expect(e.vars).toEqual(['n1', 'n2']);
  });

  it('random terms draw from the generator, left to right', () => {
    const e = parseExpression('randint(0, 5) + 10 * uniform(-1, 1) + normal(2, 3)', []);
    const g = new NumpyLegacyRng(1);
    const ref = new NumpyLegacyRng(1);
    expect(e.eval({}, g)).toBe(ref.randint(0, 5) + 10 * ref.uniform(-1, 1) + ref.normal(2, 3));
    expect(() => e.eval({})).toThrow('randint(...) needs a random generator');
  });

  it('x**2 is x*x exactly (as numpy squares)', () => {
    const x = 0.1 + 0.2;
    expect(ev('x**2', { x })).toBe(x * x);
  });
});

describe('parseExpression: errors point at the problem', () => {
  const err = (src: string, vars: string[] = ['x']): ExpressionError => {
    try {
      parseExpression(src, vars);
    } catch (e) {
      return e as ExpressionError;
    }
    throw new Error(`no error for ${src}`);
  };
  it.each([
    ['x + y', 'unknown name "y" at column 5', 5],
    ['sin(x * (2 + x)', 'expected ")" at column 16', 16],
    ['(x + 1', 'expected ")" at column 7', 7],
    ['x +', 'unexpected end of the expression at column 4', 4],
    ['x $ 2', 'unexpected "$" at column 3', 3],
    ['2 3', 'unexpected "3" at column 3', 3],
    ['x)', 'unmatched ")" at column 2', 2],
    ['foo(x)', 'unknown name "foo" at column 1', 1],
    ['sin x', '"sin" is a function: write sin(...) at column 1', 1],
    ['x(2)', '"x" is not a function at column 1', 1],
    ['pow(2)', 'pow takes 2 arguments, got 1 at column 1', 1],
    ['sin(1, 2)', 'sin takes 1 argument, got 2 at column 1', 1],
    ['max()', 'max takes at least 1 argument, got 0 at column 1', 1],
    ['1 + * 2', 'unexpected "*" at column 5', 5],
    ['   ', 'empty expression at column 1', 1],
  ])('%s → %s', (src, message, column) => {
    const e = err(src);
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.message).toBe(message);
    expect(e.column).toBe(column);
  });

  it('the caret sits under the problem', () => {
    expect(err('x + y').caret).toBe('x + y\n    ^');
  });
});
