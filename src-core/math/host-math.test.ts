/**
 * No engine code calls the host's elementary functions (docs/numerics.md): their
 * last bits differ between JavaScript engines, so src-core uses src-core/math's.
 * Math.sqrt (correctly rounded by the standard) and the exact Math functions stay;
 * `**` only as `2 ** n` (exact).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const HOST = /\bMath\.(exp|expm1|log|log1p|log2|log10|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|hypot)\b/g;

function files(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(new URL(`${e.name}/`, dir)) : e.name.endsWith('.ts') && !/\.test(-util)?\.ts$/.test(e.name) ? [new URL(e.name, dir)] : []);
}

it('src-core calls no host Math.exp, log, sin, … and uses ** only for powers of two', () => {
  const found: string[] = [];
  for (const f of files(new URL('../', import.meta.url))) {
    const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const name = f.pathname.split('/src-core/')[1];
    for (const m of code.matchAll(HOST)) found.push(`${name}: ${m[0]}`);
    // strings and template literals aside (the notebook export writes Python and Markdown in them)
    const noStrings = code.replace(/'(?:[^'\\\n]|\\.)*'/g, "''").replace(/`(?:[^`\\]|\\.)*`/g, '``');
    for (const m of noStrings.matchAll(/([\w.)\]]+)\s*\*\*(?!=)/g)) if (m[1] !== '2') found.push(`${name}: ${m[0]}`);
  }
  expect(found).toEqual([]);
});
