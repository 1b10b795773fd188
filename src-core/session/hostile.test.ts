/**
 * Paths, names and sizes from files never reach a prototype nor the stack's
 * limit (issue 11): overrides, the expression language, the depth scan, the
 * numpy seed's words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../data/expression';
import { entropyWords } from '../random/pcg64';
import { jsonTooDeep } from './format';
import { applyOverrides, forbiddenSegment } from './overrides';
import { parseSession } from './session';

const parsed = parseSession(readFileSync(new URL('../../src-cli/fixtures/lecture.nnlab', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const experiment = parsed.session.experiment;

describe('overrides never walk into a prototype', () => {
  it.each([
    ['__proto__.momentum', 0.9],
    ['constructor.prototype.momentum', 0.9],
    ['optimizer.__proto__.momentum', 0.9],
    ['optimizer.constructor', 1],
    ['network.layers[0].__proto__', {}],
    ['prototype', 1],
  ])('%s is refused with a message naming the path', (path, value) => {
    const r = applyOverrides(experiment, { [path]: value });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: "(__proto__|constructor|prototype)" is not a field of the experiment`));
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'momentum')).toBe(false);
    expect(({} as Record<string, unknown>).momentum).toBeUndefined();
  });
  it('a field only an object\'s prototype has ("toString", "hasOwnProperty") is not a field of the experiment', () => {
    const r = applyOverrides(experiment, { 'optimizer.toString': 1, 'hasOwnProperty.x': 1 });
    expect(r.ok ? [] : r.errors).toEqual([
      'optimizer.toString: there is no field optimizer.toString in the experiment',
      'hasOwnProperty.x: there is no field hasOwnProperty in the experiment',
    ]);
  });
  it('forbiddenSegment finds the first forbidden name', () => {
    expect(forbiddenSegment('a.b', ['a', 'b'])).toBe(null);
    expect(forbiddenSegment('a.constructor', ['a', 'constructor'])).toMatch(/^a\.constructor: "constructor"/);
  });
});

describe('the expression language', () => {
  it.each(['constructor', '__proto__', 'toString(x)', 'valueOf(x)', 'hasOwnProperty(x)', 'x + constructor'])('%s: an unknown name', (src) => {
    expect(() => parseExpression(src, ['x'])).toThrow(/unknown name/);
  });
  it('its own names still work: pi, e, sin, max', () => {
    expect(parseExpression('pi + e + sin(0) + max(x, 2, 3)', ['x']).eval({ x: 1 })).toBe(Math.PI + Math.E + 3);
  });
  it('an expression past the length limit is refused before parsing (no deep recursion)', () => {
    expect(() => parseExpression(`${'('.repeat(5000)}x${')'.repeat(5000)}`, ['x'])).toThrow(/^longer than 1000 characters \(10001\) at column 1001/);
  });
});

describe('jsonTooDeep', () => {
  it('counts lists and objects, not brackets inside strings', () => {
    expect(jsonTooDeep('[[[]]]', 3)).toBe(null);
    expect(jsonTooDeep('[[[[]]]]', 3)).toBe('line 1, column 4: lists and objects nested more than 3 levels deep (NN Lab reads at most 3)');
    expect(jsonTooDeep('{"a": "[[[[[\\"[[[[", "b": [[]]}', 3)).toBe(null);
    expect(jsonTooDeep('{\n  "a":\n    [[{"b": [1]}]]}', 3)).toBe('line 3, column 7: lists and objects nested more than 3 levels deep (NN Lab reads at most 3)');
  });
  it('parseSession refuses 5 000 levels with the position, without a stack overflow', () => {
    const r = parseSession(`{"format": "nnlab", "version": 1, "view": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/^line 1, column \d+: lists and objects nested more than 64 levels deep \(NN Lab reads at most 64\)$/)]);
  });
});

describe("numpy's SeedSequence entropy words", () => {
  /** the former split: 32 bits at a time by shifts (quadratic in the seed's length) */
  const byShifts = (e: bigint) => {
    if (e === 0n) return [0];
    const words: number[] = [];
    for (; e > 0n; e >>= 32n) words.push(Number(e & 0xffffffffn));
    return words;
  };
  it('the linear split gives the words of the shifts, least significant first, for seeds of every length', () => {
    for (const text of ['0', '1', '4294967295', '4294967296', '18446744073709551616', '123456789012345678901234567890', '9'.repeat(300), '7'.repeat(1000)]) {
      expect(entropyWords(BigInt(text))).toEqual(byShifts(BigInt(text)));
    }
  });
  it('a 300 000-digit entropy splits in linear time (the shifts took minutes)', () => {
    const e = BigInt(`0x${'f'.repeat(250_000)}`);
    const words = entropyWords(e);
    expect(words.length).toBe(31_250);
    expect(words.every((w) => w === 0xffffffff)).toBe(true);
  });
});
