/**
 * Property (issue 11): whatever a session file holds, the command line
 * answers with exit 0 or 2 — never 1 (a crash), never a stack trace — and
 * `validate` says ok exactly when `run --epochs 1` starts. The files are the
 * examples and fixtures, mutated by fast-check: values replaced by hostile
 * ones (wrong types, limits, NaN-like, deep nesting), fields deleted or added
 * (`__proto__`, `constructor` ...), overrides with hostile paths, and the text
 * itself cut or corrupted. In-process (main with captured output), so 2 000
 * cases run in seconds.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'nnlab-property-'));
const file = join(tmp, 'mutant.nnlab');

/** The seeds: every example and fixture; MNIST ones cut to a few digits so a case stays fast. */
const seeds: unknown[] = [
  ...readdirSync(join(root, 'assets/examples')).map((f) => join(root, 'assets/examples', f)),
  ...readdirSync(join(root, 'src-cli/fixtures')).filter((f) => f.endsWith('.nnlab')).map((f) => join(root, 'src-cli/fixtures', f)),
].map((f) => {
  const s = JSON.parse(readFileSync(f, 'utf8'));
  if (s.experiment.data.kind === 'mnist') s.experiment.data = { ...s.experiment.data, n_train: 40, n_test: 10 };
  return s;
});

async function nnlab(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} });
  return { code, stdout, stderr };
}

/** stands for 5 000 levels of nesting, written out only in the text (fast-check's own printing would overflow on it) */
const DEEP = { $deep: 5000 };

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let k = 0; k < depth; k++) v = [v];
  return v;
};

/** Values a hostile or careless file might hold. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 0.5, 1.5, -0.0, 1e15, -1e308, 1e308, 2 ** 53 + 2, 100_001, 1_000_001, null, true, false, '', 'x', '1', '__proto__', 'constructor', [], {}, [[]], [1, 2], { kind: 'x' }),
  fc.integer({ min: -5, max: 40 }),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(nested(70), DEEP, { __proto__: { momentum: 0.9 } }, JSON.parse('{"__proto__": {"momentum": 0.9}}'), '9'.repeat(2000)),
);

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'kind', 'units', 'x', 'extra', 'toString', 'hasOwnProperty');
const hostilePath = fc.constantFrom(
  '__proto__.momentum', 'constructor.prototype.x', 'optimizer.__proto__', 'optimizer.lr', 'epochs', 'network.layers[0].units', 'network.layers[9].units',
  'data.n_train', 'init', 'seed', 'network..x', 'optimizer.constructor', 'toString', 'data.expr',
);

/** Every [parent, key] of the tree (the root excluded), own fields only. */
function places(v: unknown, out: [Record<string | number, unknown>, string | number][] = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, k) => (out.push([v as never, k]), places(x, out)));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) (out.push([v as never, k]), places((v as Record<string, unknown>)[k], out));
  return out;
}

type Mutation = { op: 'set' | 'delete' | 'add' | 'override' | 'wrap'; at: number; key: string; value: unknown; path: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('set', 'set', 'set', 'delete', 'add', 'override', 'wrap'),
  at: fc.nat(),
  key: hostileKey,
  value: hostileValue,
  path: hostilePath,
});
const textMutation = fc.oneof(
  fc.constant<null>(null),
  fc.record({ kind: fc.constantFrom('cut', 'insert', 'replace'), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('{', '}', ',', '"', ']', 'x', '\\', '\u0000', 'hello') }),
);

function mutate(seed: unknown, mutations: Mutation[]): unknown {
  const s = structuredClone(seed) as Record<string, unknown>;
  for (const m0 of mutations) {
    // a value of its own (the same constant put twice, then wrapped, would make a cycle)
    const m = { ...m0, value: structuredClone(m0.value) };
    const all = places(s);
    if (all.length === 0) break;
    const [parent, key] = all[m.at % all.length];
    if (m.op === 'set') parent[key] = m.value;
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 'add') {
      const target = parent[key];
      // defineProperty: a field named "__proto__" as JSON.parse makes it, not the prototype setter
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      else parent[key] = m.value;
    } else if (m.op === 'wrap') parent[key] = [parent[key]];
    else {
      const runs = Array.isArray(s.runs) ? s.runs : (s.runs = []);
      (runs as unknown[]).push({ id: `m${runs.length}`, overrides: { [m.path]: m.value }, status: 'completed', epochs_run: 0 });
    }
  }
  return s;
}

function textOf(value: unknown, t: { kind: string; at: number; text: string } | null): string {
  const text = (JSON.stringify(value) ?? 'null').replaceAll('{"$deep":5000}', `${'['.repeat(5000)}${']'.repeat(5000)}`);
  if (!t) return text;
  const at = Math.floor(t.at * text.length);
  if (t.kind === 'cut') return text.slice(0, at);
  if (t.kind === 'insert') return text.slice(0, at) + t.text + text.slice(at);
  return text.slice(0, at) + t.text + text.slice(at + 1);
}

describe('mutated session files', () => {
  it('exit 0 or 2, never 1; no stack trace; validate ok exactly when run --epochs 1 starts (2 000 cases)', async () => {
    let oks = 0;
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), textMutation, async (k, mutations, t) => {
        const text = textOf(mutate(seeds[k], mutations), t);
        writeFileSync(file, text);
        const v = await nnlab('validate', file);
        const r = await nnlab('run', file, '--epochs', '1', '--json');
        for (const out of [v, r]) {
          expect([0, 2], out.stderr).toContain(out.code);
          expect(out.stderr).not.toMatch(/\n\s+at |NNLAB_DEBUG|Maximum call stack|Invalid typed array length|undefined is not|Cannot read prop/);
        }
        expect(r.code === 0, `validate: ${v.stdout}${v.stderr}\nrun: ${r.stderr}`).toBe(v.code === 0);
        // every refusal line starts with a JSON path, a file position, or the file / option it is about
        if (v.code === 2) {
          for (const line of v.stderr.trimEnd().split('\n')) expect(line).toMatch(/^(experiment|runs|format|version|title|notes|view|param_names|exercise|analysis|line \d+, column \d+:|\(the whole file\)|\/)/);
        }
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'momentum')).toBe(false);
        if (v.code === 0) oks++;
        else refusals++;
      }),
      { numRuns: 2000, seed: Number(process.env.NNLAB_PROPERTY_SEED ?? 11) },
    );
    // the mutations reach both sides of the property
    expect(oks).toBeGreaterThan(50);
    expect(refusals).toBeGreaterThan(500);
  }, 600_000);
});
