#!/usr/bin/env node
/**
 * Compiles src-core/net/kernels.wat (WebAssembly text; its `;; include wat/NAME.wat`
 * lines replaced by those files of src-core/net/wat) with the wabt package into
 * src-core/net/kernels-wasm.ts, the module's bytes as a TypeScript constant, so
 * src-core stays plain TypeScript (no loader, no file to fetch) and no byte is
 * written by hand. `npm run build` runs it; src-core/net/dense-wasm.test.ts fails
 * when kernels-wasm.ts is not the .wat's compilation.
 *   node scripts/build-wasm.mjs           # writes kernels-wasm.ts
 *   node scripts/build-wasm.mjs --check   # exits 1 if it is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WAT = path.join(root, 'src-core', 'net', 'kernels.wat');
const OUT = path.join(root, 'src-core', 'net', 'kernels-wasm.ts');

/** kernels.wat's text with every `;; include wat/NAME.wat` line replaced by that file (once, in place). */
export function kernelsText() {
  return readFileSync(WAT, 'utf8').replace(/^ *;; include (wat\/[\w-]+\.wat)$/gm, (_, file) => readFileSync(path.join(path.dirname(WAT), file), 'utf8'));
}

/** The TypeScript source of kernels-wasm.ts for the current kernels.wat. */
export async function kernelsSource() {
  const wabt = await (await import('wabt')).default();
  const mod = wabt.parseWat('kernels.wat', kernelsText(), { simd: true });
  mod.validate();
  const bytes = Array.from(mod.toBinary({}).buffer);
  mod.destroy();
  const lines = [];
  for (let q = 0; q < bytes.length; q += 24) lines.push(`  ${bytes.slice(q, q + 24).join(', ')},`);
  return [
    '// Generated from kernels.wat by scripts/build-wasm.mjs (wabt); do not edit.',
    `/** The WebAssembly module of kernels.wat (${bytes.length} bytes). */`,
    'export const KERNELS_WASM = Uint8Array.of(',
    ...lines,
    ');',
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const src = await kernelsSource();
  if (process.argv.includes('--check')) {
    const now = readFileSync(OUT, 'utf8');
    if (now !== src) {
      console.error('src-core/net/kernels-wasm.ts is not kernels.wat compiled: run node scripts/build-wasm.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, src);
    console.log(path.relative(root, OUT));
  }
}
