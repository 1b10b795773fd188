/**
 * A small, safe expression language for generated data (no eval, no Function):
 * a recursive-descent parser to an AST, compiled to closures.
 *
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/" | "%") unary)*
 *   unary   := ("-" | "+") unary | power
 *   power   := primary (("**" | "^") unary)?        right-associative; binds tighter than
 *                                                    unary minus, as in Python: -x**2 = -(x**2)
 *   primary := number | name | name "(" args ")" | "(" expr ")"
 *
 * Names may carry a notebook's prefix (np.exp, math.sin, np.random.randint). `%` is Python's
 * (the result has the sign of the divisor), `round` rounds half to even as Python and numpy do,
 * `log` is the natural logarithm. Random terms draw from the generator given to eval:
 * randint(a, b) on [a, b), uniform(a, b), normal(mean, std).
 */
import type { Rng } from '../random/rng.ts';
import * as m from '../math/index.ts';

export class ExpressionError extends Error {
  /** 1-based column of the problem in the source */
  readonly column: number;
  readonly source: string;
  constructor(what: string, column: number, source: string) {
    super(`${what} at column ${column}`);
    this.name = 'ExpressionError';
    this.column = column;
    this.source = source;
  }
  /** the source with a caret under the problem, for a monospace display */
  get caret(): string {
    return `${this.source}\n${' '.repeat(this.column - 1)}^`;
  }
}

export interface CompiledExpr {
  readonly source: string;
  /** the variables the expression uses, in order of first use */
  readonly vars: string[];
  /** whether it draws random numbers (randint, uniform, normal) */
  readonly random: boolean;
  eval(vars: Readonly<Record<string, number>>, rng?: Rng): number;
}

type Fn = (v: Readonly<Record<string, number>>, rng: Rng | undefined) => number;

const pyMod = (a: number, b: number): number => a - b * Math.floor(a / b);

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const FUNCTIONS: Record<string, { args: [number, number]; f: (...a: number[]) => number }> = {
  sin: { args: [1, 1], f: m.sin },
  cos: { args: [1, 1], f: m.cos },
  tan: { args: [1, 1], f: m.tan },
  asin: { args: [1, 1], f: m.asin },
  acos: { args: [1, 1], f: m.acos },
  atan: { args: [1, 1], f: m.atan },
  exp: { args: [1, 1], f: m.exp },
  log: { args: [1, 1], f: m.log },
  ln: { args: [1, 1], f: m.log },
  log10: { args: [1, 1], f: m.log10 },
  sqrt: { args: [1, 1], f: Math.sqrt },
  abs: { args: [1, 1], f: Math.abs },
  tanh: { args: [1, 1], f: m.tanh },
  sigmoid: { args: [1, 1], f: (x) => 1 / (1 + m.exp(-x)) },
  floor: { args: [1, 1], f: Math.floor },
  ceil: { args: [1, 1], f: Math.ceil },
  round: { args: [1, 1], f: roundHalfEven },
  min: { args: [1, Infinity], f: Math.min },
  max: { args: [1, Infinity], f: Math.max },
  pow: { args: [2, 2], f: (a, b) => power(a, b) },
};
const RANDOM_FUNCTIONS = ['randint', 'uniform', 'normal'] as const;
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
/** the longest expression accepted (docs/session-format.md, limits) */
export const MAX_EXPRESSION_LENGTH = 1000;
const PREFIXES = ['np.random.', 'numpy.random.', 'random.', 'np.', 'numpy.', 'math.'];

/** x*x for the square (correctly rounded, as numpy's x**2), math/pow.ts otherwise */
function power(a: number, b: number): number {
  return b === 2 ? a * a : m.pow(a, b);
}

interface Token {
  kind: 'num' | 'name' | 'op' | 'end';
  text: string;
  value: number;
  col: number;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let p = 0;
  while (p < src.length) {
    const ch = src[p];
    if (/\s/.test(ch)) {
      p++;
      continue;
    }
    const rest = src.slice(p);
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      tokens.push({ kind: 'num', text: num[0], value: Number(num[0]), col: p + 1 });
      p += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], value: 0, col: p + 1 });
      p += name[0].length;
      continue;
    }
    const op = rest.startsWith('**') ? '**' : '+-*/%^(),'.includes(ch) ? ch : null;
    if (!op) throw new ExpressionError(`unexpected "${ch}"`, p + 1, src);
    tokens.push({ kind: 'op', text: op, value: 0, col: p + 1 });
    p += op.length;
  }
  tokens.push({ kind: 'end', text: '', value: 0, col: src.length + 1 });
  return tokens;
}

/**
 * Parses `src` allowing the variables `allowedVars`. Throws an ExpressionError pointing at the
 * problem, e.g. `unknown name "y" at column 5` or `expected ")" at column 12`.
 */
export function parseExpression(src: string, allowedVars: readonly string[]): CompiledExpr {
  if (typeof src !== 'string' || src.trim() === '') throw new ExpressionError('empty expression', 1, String(src ?? ''));
  // bounds the parser's recursion and the depth of the compiled closures (an evaluation is one call chain)
  if (src.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`longer than ${MAX_EXPRESSION_LENGTH} characters (${src.length})`, MAX_EXPRESSION_LENGTH + 1, src.slice(0, 80));
  const tokens = tokenize(src);
  let pos = 0;
  const used: string[] = [];
  let random = false;
  const peek = (): Token => tokens[pos];
  const isOp = (text: string): boolean => peek().kind === 'op' && peek().text === text;
  const fail = (what: string, tok: Token = peek()): never => {
    throw new ExpressionError(what, tok.col, src);
  };
  const expect = (text: string): void => {
    if (!isOp(text)) fail(`expected "${text}"`);
    pos++;
  };

  function expr(): Fn {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = tokens[pos++].text;
      const a = left;
      const b = term();
      left = op === '+' ? (v, r) => a(v, r) + b(v, r) : (v, r) => a(v, r) - b(v, r);
    }
    return left;
  }

  function term(): Fn {
    let left = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = tokens[pos++].text;
      const a = left;
      const b = unary();
      left =
        op === '*' ? (v, r) => a(v, r) * b(v, r) : op === '/' ? (v, r) => a(v, r) / b(v, r) : (v, r) => pyMod(a(v, r), b(v, r));
    }
    return left;
  }

  function unary(): Fn {
    if (isOp('-')) {
      pos++;
      const a = unary();
      return (v, r) => -a(v, r);
    }
    if (isOp('+')) {
      pos++;
      return unary();
    }
    return pow();
  }

  function pow(): Fn {
    const base = primary();
    if (isOp('**') || isOp('^')) {
      pos++;
      const exponent = unary(); // right-associative: 2**3**2 = 2**(3**2); 2**-1 allowed
      return (v, r) => power(base(v, r), exponent(v, r));
    }
    return base;
  }

  function args(): Fn[] {
    expect('(');
    const list: Fn[] = [];
    if (!isOp(')')) {
      list.push(expr());
      while (isOp(',')) {
        pos++;
        list.push(expr());
      }
    }
    expect(')');
    return list;
  }

  function primary(): Fn {
    const tok = peek();
    if (tok.kind === 'num') {
      pos++;
      const value = tok.value;
      return () => value;
    }
    if (isOp('(')) {
      pos++;
      const inner = expr();
      expect(')');
      return inner;
    }
    if (tok.kind === 'name') {
      pos++;
      const prefix = PREFIXES.find((p) => tok.text.startsWith(p));
      const name = prefix ? tok.text.slice(prefix.length) : tok.text;
      const called = isOp('(');
      if (allowedVars.includes(tok.text)) {
        if (called) fail(`"${tok.text}" is not a function`, tok);
        if (!used.includes(tok.text)) used.push(tok.text);
        const key = tok.text;
        return (v) => v[key];
      }
      if (Object.hasOwn(CONSTANTS, name) && !name.includes('.')) {
        if (called) fail(`"${tok.text}" is not a function`, tok);
        const value = CONSTANTS[name];
        return () => value;
      }
      const isRandom = (RANDOM_FUNCTIONS as readonly string[]).includes(name);
      if (Object.hasOwn(FUNCTIONS, name) || isRandom) {
        if (!called) fail(`"${tok.text}" is a function: write ${tok.text}(...)`, tok);
        const list = args();
        const [lo, hi] = isRandom ? [2, 2] : FUNCTIONS[name].args;
        if (list.length < lo || list.length > hi) {
          const want = lo === hi ? `${lo} argument${lo === 1 ? '' : 's'}` : `at least ${lo} argument`;
          fail(`${tok.text} takes ${want}, got ${list.length}`, tok);
        }
        if (isRandom) {
          random = true;
          const [a, b] = list;
          const label = tok.text;
          const need = (r: Rng | undefined): Rng => {
            if (!r) throw new Error(`${label}(...) needs a random generator`);
            return r;
          };
          if (name === 'randint') return (v, r) => need(r).randint(a(v, r), b(v, r));
          if (name === 'uniform') return (v, r) => need(r).uniform(a(v, r), b(v, r));
          return (v, r) => need(r).normal(a(v, r), b(v, r));
        }
        const f = FUNCTIONS[name].f;
        if (list.length === 1) {
          const [a] = list;
          return (v, r) => f(a(v, r));
        }
        return (v, r) => f(...list.map((a) => a(v, r)));
      }
      return fail(`unknown name "${tok.text}"`, tok);
    }
    if (tok.kind === 'end') return fail('unexpected end of the expression');
    return fail(`unexpected "${tok.text}"`);
  }

  const root = expr();
  if (peek().kind !== 'end') {
    if (isOp(')')) fail('unmatched ")"');
    fail(`unexpected "${peek().text}"`);
  }
  return {
    source: src,
    vars: used,
    random,
    eval: (vars, rng) => root(vars, rng),
  };
}
