/**
 * Messages for refused input, all in one style:
 *   `experiment.network.layers[1].units: expected an integer >= 1, got 0`
 * and, for text that is not JSON, `line 3, column 14: <reason>`.
 */
import type { z } from 'zod';

export type PathPart = string | number | symbol;

/** problems listed at most for one file (the rest are counted) */
export const MAX_MESSAGES = 50;

/** ["experiment", "network", "layers", 1, "units"] -> "experiment.network.layers[1].units" */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (out === '' ? '' : '.') + String(part);
  }
  return out === '' ? '(the whole file)' : out;
}

/** A value as it appears in a message: JSON-ish, short. */
export function formatValue(value: unknown, max = 60): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The value at a path, or undefined when the path does not exist (own fields only: never a prototype's). */
export function valueAt(root: unknown, path: readonly PathPart[]): unknown {
  let v: unknown = root;
  for (const part of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[part as PropertyKey];
  }
  return v;
}

export function problem(path: readonly PathPart[], expected: string, got: unknown): string {
  return `${formatPath(path)}: expected ${expected}, got ${formatValue(got)}`;
}

/** zod's own default messages start so; we replace them with a readable "expected". */
function fallbackExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => formatValue(v)).join(', ')}`;
    case 'too_small':
      return `a value ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      return `a value ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    default:
      return issue.message.replace(/^Invalid input:?\s*/i, '') || 'something else';
  }
}

/**
 * One message per zod issue. `prefix` is prepended to every path (e.g.
 * ["experiment"] when validating an experiment on its own).
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: readonly PathPart[] = []): string[] {
  const out = new Set<string>();
  let more = 0;
  for (const issue of issues) {
    // a file of a million bad numbers has a million issues: the first ones say what is wrong
    if (out.size >= MAX_MESSAGES) {
      more++;
      continue;
    }
    const expected = /^Invalid/.test(issue.message) ? fallbackExpected(issue) : issue.message;
    const got = valueAt(input, issue.path);
    out.add(problem([...prefix, ...issue.path], expected, got));
  }
  if (more) out.add(`${formatPath(prefix)}: … and ${more} more problem${more === 1 ? '' : 's'} like these`);
  return [...out];
}

// ------------------------------------------------------------- JSON syntax

/** "line L, column C" of a position in text. */
function lineColumn(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < pos; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return `line ${line}, column ${pos - lineStart + 1}`;
}

/**
 * Where lists and objects nest deeper than `max` (a message), or null. One
 * pass, no recursion, strings skipped: run before anything reads the text
 * recursively (a 5 000-deep file would overflow the stack of every reader).
 */
export function jsonTooDeep(text: string, max: number): string | null {
  let depth = 0;
  for (let pos = 0; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 0x22) {
      // a string: to its closing quote, past escapes (an unclosed one ends the scan)
      for (pos++; pos < text.length && text.charCodeAt(pos) !== 0x22; pos++) if (text.charCodeAt(pos) === 0x5c) pos++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return `${lineColumn(text, pos)}: lists and objects nested more than ${max} levels deep (NN Lab reads at most ${max})`;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

/**
 * Where and why `text` is not JSON. JSON.parse's messages differ between
 * engines and often give no position, so on failure we re-scan the text with
 * a small strict JSON reader that knows where it stopped.
 */
export function jsonSyntaxError(text: string): string {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new SyntaxErrorAt(pos, reason);
  };
  const ws = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const describe = () => (pos >= text.length ? 'the end of the file' : JSON.stringify(text[pos]));
  const value = (): void => {
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      ws();
      if (text[pos] === '}') return void pos++;
      for (;;) {
        ws();
        if (text[pos] === '}') fail(`a comma before "}" (JSON allows no trailing comma)`);
        if (text[pos] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        string();
        ws();
        if (text[pos] !== ':') fail(`expected ':' after the property name, found ${describe()}`);
        pos++;
        value();
        ws();
        if (text[pos] === ',') { pos++; continue; }
        if (text[pos] === '}') return void pos++;
        fail(`expected ',' or '}' after a property value, found ${describe()}`);
      }
    }
    if (c === '[') {
      pos++;
      ws();
      if (text[pos] === ']') return void pos++;
      for (;;) {
        value();
        ws();
        if (text[pos] === ',') { pos++; continue; }
        if (text[pos] === ']') return void pos++;
        fail(`expected ',' or ']' after a list item, found ${describe()}`);
      }
    }
    if (c === '"') return string();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (m && m[0] !== '-') return void (pos += m[0].length);
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, pos)) return void (pos += word.length);
    if ((c === ']' || c === '}') && text.slice(0, pos).trimEnd().endsWith(',')) fail(`a comma before ${describe()} (JSON allows no trailing comma)`);
    fail(`expected a value, found ${describe()}`);
  };
  const string = () => {
    pos++; // opening quote
    while (pos < text.length && text[pos] !== '"') {
      const code = text.charCodeAt(pos);
      if (code < 0x20) fail('a line break or control character inside a string (strings need \\n)');
      if (text[pos] === '\\') {
        const esc = text[pos + 1];
        if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) pos += 2;
        else fail('a bad escape in a string');
      } else pos++;
    }
    if (pos >= text.length) fail('a string that is never closed');
    pos++;
  };
  try {
    if (text.trim() === '') return 'line 1, column 1: the file is empty';
    value();
    ws();
    if (pos < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
    return 'line 1, column 1: not valid JSON';
  } catch (e) {
    if (!(e instanceof SyntaxErrorAt)) throw e;
    const before = text.slice(0, e.pos);
    const line = before.split('\n').length;
    const column = e.pos - before.lastIndexOf('\n');
    return `line ${line}, column ${column}: ${e.reason}`;
  }
}

class SyntaxErrorAt {
  constructor(
    readonly pos: number,
    readonly reason: string,
  ) {}
}
