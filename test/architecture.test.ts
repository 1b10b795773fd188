/**
 * The house rules of ../shared/DESIGN.md, checked on every source file's
 * imports (static `import … from`, `import '…'` and dynamic `import('…')`):
 * - src-core is the pure engine: it imports nothing of the project outside
 *   itself, no Node built-in, and only small pure libraries;
 * - src-main (Electron) and src-renderer (the page) meet only through
 *   src-core's types: neither imports the other;
 * - the page imports no Node built-in and nothing of the Node-only folders
 *   (src-node, src-cli);
 * - src-cli and src-node, the Node side, import src-core (and src-node), never
 *   the page or Electron's main process.
 * Tests and test utilities may reach across (a test of the bundle builds it).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TOPS = ['src-core', 'src-main', 'src-renderer', 'src-cli', 'src-node'] as const;
type Top = (typeof TOPS)[number];

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const isTestFile = (f: string) => /\.test\.ts$|test-util|[\\/]test[\\/]/.test(f);

interface Import { file: string; spec: string; target: string }

/** Every import of a top folder's source files: the folder it lands in, or "pkg:<name>" for a package. */
function importsOf(top: Top): Import[] {
  const out: Import[] = [];
  for (const abs of walk(path.join(root, top))) {
    if (!/\.(ts|svelte)$/.test(abs) || abs.endsWith('.d.ts') || isTestFile(abs)) continue;
    // comments out first: they may quote an import or a path
    const text = readFileSync(abs, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const file = path.relative(root, abs);
      if (spec.startsWith('.')) out.push({ file, spec, target: path.relative(root, path.resolve(path.dirname(abs), spec)).split(path.sep)[0] });
      else out.push({ file, spec, target: `pkg:${spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]}` });
    }
  }
  return out;
}

const broken = (top: Top, ok: (i: Import) => boolean) => importsOf(top).filter((i) => !ok(i)).map((i) => `${i.file}: ${i.spec}`);

describe('import directions', () => {
  it('src-core imports only itself and small pure libraries', () => {
    const packages = new Set(['pkg:zod', 'pkg:papaparse', 'pkg:seedrandom']);
    expect(broken('src-core', (i) => i.target === 'src-core' || packages.has(i.target))).toEqual([]);
  });

  it('the page imports src-core, its assets and browser libraries, never Electron, Node or the Node-only folders', () => {
    expect(broken('src-renderer', (i) => ['src-renderer', 'src-core', 'assets'].includes(i.target) || (i.target.startsWith('pkg:') && !i.target.startsWith('pkg:node:') && i.target !== 'pkg:electron'))).toEqual([]);
  });

  it('the Electron main process never imports the page or the command line', () => {
    expect(broken('src-main', (i) => !['src-renderer', 'src-cli'].includes(i.target))).toEqual([]);
  });

  it('the command line and the Node folder import src-core and src-node only', () => {
    for (const top of ['src-cli', 'src-node'] as const) {
      expect(broken(top, (i) => [top, 'src-core', 'src-node'].includes(i.target) || (i.target.startsWith('pkg:') && i.target !== 'pkg:electron'))).toEqual([]);
    }
  });

  it('finds the imports it checks (a pattern that matched nothing would pass every rule)', () => {
    const renderer = importsOf('src-renderer');
    expect(renderer.filter((i) => i.target === 'src-core').length).toBeGreaterThan(50);
    expect(renderer.some((i) => i.target === 'pkg:d3-scale')).toBe(true);
    expect(importsOf('src-main').some((i) => i.target === 'pkg:electron')).toBe(true);
  });
});
