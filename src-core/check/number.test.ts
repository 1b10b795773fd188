import { describe, expect, it } from 'vitest';
import { grade, parseTyped } from './number';
import { parseAnswersFile, parseTable } from './table';
import { Namer, quantityKey } from './quantities';

describe('parseTyped: the precision is read from the digits typed', () => {
  it.each([
    ['1.00005', 1.00005, 5, 6],
    ['0.250', 0.25, 3, 3],
    ['1', 1, 0, 1],
    ['-0.0005', -0.0005, 4, 1],
    ['-6.552e-5', -6.552e-5, 8, 4],
    ['−6.552 × 10^-5', -6.552e-5, 8, 4],
    ['6.552·10⁻⁵', 6.552e-5, 8, 4],
    ['-6.552 \\times 10^{-5}', -6.552e-5, 8, 4],
    ['1.2e3', 1200, -2, 2],
    ['.5', 0.5, 1, 1],
  ])('%s', (text, value, decimals, digits) => {
    expect(parseTyped(text)).toEqual({ text, value, decimals, digits });
  });
  it('refuses what is not one number', () => {
    for (const t of ['', 'abc', '1.2.3', '1 2', '--1', '1e', 'NaN', '1e999']) expect(parseTyped(t)).toBe(null);
  });
});

describe('grade', () => {
  const g = (t: string, c: number) => grade(parseTyped(t)!, c);
  it('right when v is c rounded to the digits typed (binary tails do not matter)', () => {
    expect(g('0.35', 0.35000000000000003).mark).toBe('right');
    expect(g('1.00006', 1.0000559051935658).mark).toBe('right');
    expect(g('0', 0).mark).toBe('right');
    expect(g('0.0', 0.04).mark).toBe('right');
  });
  it('a rounding slip: cut off, or right to fewer digits', () => {
    expect(g('1.00005', 1.0000559051935658)).toEqual({ mark: 'slip', truncated: true, rightTo: { decimals: 4, digits: 5 }, decimals: 5 });
    expect(g('-0.0005', -0.000559)).toEqual({ mark: 'slip', truncated: true, decimals: 4 });
    expect(g('1.0000065', 1.0000066640624292)).toEqual({ mark: 'slip', rightTo: { decimals: 6, digits: 7 } });
  });
  it('wrong when not even the first significant digit is right', () => {
    expect(g('2.0000065', 1.0000066640624292).mark).toBe('wrong');
    expect(g('0.0077', -0.0765).mark).toBe('wrong');
    expect(g('0.1', 0).mark).toBe('wrong');
    // right to its first digit only, the next 3 or 4 off: not a slip of rounding (a student pass on
    // report 003's homework: every w9 from 0.6 to 1.5 was "a rounding slip" of 1.0000559)
    expect(g('1.4', 1.0000067).mark).toBe('wrong');
    expect(g('1.3', 1.0000559).mark).toBe('wrong');
    expect(g('0.7', 1.0000559).mark).toBe('wrong');
    // the next digit one off is a slip: 1.1 and 0.9 for 1.0000559, −6.552e-5 for −6.664e-5 (report 003's rounded factors)
    expect(g('1.1', 1.0000559).mark).toBe('slip');
    expect(g('0.9', 1.0000559).mark).toBe('slip');
    expect(g('-6.552e-5', -6.664e-5).mark).toBe('slip');
  });
});

describe('tables and answer files', () => {
  it('says a decimal comma is one (it read "w7 1" as the name), and lists the lines it could not read', () => {
    const t = parseTable('w1 = 1.0000065\nw7 1,0000559\nw8: -0,5\nnonsense\nw1,2.5\n');
    expect(t.answers.map((a) => [a.name, a.value, a.line])).toEqual([['w1', '1.0000065', 1], ['w1', '2.5', 5]]);
    expect(t.problems).toEqual([
      'line 2: "w7 1,0000559": write the decimal point as "." (1.0000559)',
      'line 3: "w8: -0,5": write the decimal point as "." (-0.5)',
      'line 4: expected a name and a number, e.g. "w1 = 1.0000065", got "nonsense"',
    ]);
    expect(t.badLines).toEqual([2, 3, 4]);
  });

  it('reads any separator, names with spaces, Markdown rows; reports lines without a number', () => {
    const t = parseTable('# comment\nw1 = 1.5\n\ndE/dw3: -6.552 × 10^-5\ngrad W[1][0][2]\t-0.0005\n| b1 | 2.0000065 |\n|---|---|\nw1 new, 0.9\nnonsense\n');
    expect(t.answers).toEqual([
      { name: 'w1', value: '1.5', line: 2 },
      { name: 'dE/dw3', value: '-6.552 × 10^-5', line: 4 },
      { name: 'grad W[1][0][2]', value: '-0.0005', line: 5 },
      { name: 'b1', value: '2.0000065', line: 6 },
      { name: 'w1 new', value: '0.9', line: 8 },
    ]);
    expect(t.problems).toEqual(['line 9: expected a name and a number, e.g. "w1 = 1.0000065", got "nonsense"']);
  });
  it('JSON numbers keep the digits written in the file', () => {
    expect(parseAnswersFile('{"a": 0.250, "b\\"c": 1.0, "d": "2.50"}').answers).toEqual([
      { name: 'a', value: '0.250' }, { name: 'b"c', value: '1.0' }, { name: 'd', value: '2.50' },
    ]);
    expect(parseAnswersFile('{"a": 1').problems[0]).toMatch(/^not valid JSON/);
  });
});

describe('names', () => {
  const spec = { inputs: 2, layers: [{ units: 2, activation: 'relu' as const, bias: true }, { units: 1, activation: 'relu' as const, bias: true }] };
  const key = (n: Namer, s: string) => {
    const q = n.quantity(s);
    return 'error' in q ? q.error : quantityKey(q);
  };
  it("the session's own names win over the default numbering", () => {
    const n = new Namer({ spec, names: { 'W[1][0][0]': 'w5', 'b[1][0]': 'bias3', 'W[0][0][0]': 'w1' } });
    expect(key(n, 'w5')).toBe('W[1][0][0]');
    expect(key(n, 'bias3')).toBe('b[1][0]');
    expect(key(n, 'dL/dw5')).toBe('dL/dW[1][0][0]');
    expect(key(n, 'grad bias3')).toBe('dL/db[1][0]');
    expect(key(n, 'w5 new')).toBe('W[1][0][0]');
    expect(key(n, 'w5 old')).toBe('W[1][0][0] old');
    expect(key(n, 'w2')).toBe('W[0][0][1]'); // default numbering where the session names none
  });
  it('reads units, factors and the loss, and refuses what is no single factor', () => {
    const n = new Namer({ spec });
    expect(['a3', 'z1', 'ŷ', '∂L/∂a3', 'da3/dz3', 'dz3/da1', 'dz1/dx1', 'δ[0][1]', 'delta3', 'MSE', 'dw6'].map((s) => key(n, s))).toEqual([
      'a[1][0]', 'z[0][0]', 'a[1][0]', 'dL/da[1][0]', 'da[1][0]/dz[1][0]', 'dz[1][0]/da[0][0]', 'dz[0][0]/dx1', 'dL/dz[0][1]', 'dL/dz[1][0]', 'loss', 'dL/dW[1][0][1]',
    ]);
    expect(key(n, 'dz3/dz1')).toBe('dz[1][0]/dz[0][0] is not one factor of the chain rule (give the factors it is the product of)');
    expect(key(n, 'W[5][0][0]')).toMatch(/not a name this check knows/);
  });
});
