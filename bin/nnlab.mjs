#!/usr/bin/env node
// The nnlab command line (docs/cli.md): dist-cli/nnlab.mjs, bundled from src-cli/ and
// src-core/ by scripts/build-cli.mjs (`npm run build` makes it). In a checkout it is
// (re)built here first when missing or older than a source file or package-lock.json, which needs the
// dev dependencies (esbuild); no TypeScript is compiled at run time.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist-cli', 'nnlab.mjs');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

let built = 0;
try {
  built = statSync(bundle).mtimeMs;
} catch {}
const lock = () => statSync(path.join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0; // the bundled libraries' versions
if (built === 0 || lock() > built || ['src-cli', 'src-core'].some((d) => newest(path.join(root, d)) > built)) {
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli();
  } catch (e) {
    // e.g. installed without dev dependencies: run the bundle there is, or say what is missing
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (built === 0) {
      console.error(`nnlab: dist-cli/nnlab.mjs is missing and could not be built (${why}); run \`npm ci && npm run build\``);
      process.exit(2);
    }
    console.error(`nnlab: warning: dist-cli/nnlab.mjs is older than the sources and could not be rebuilt (${why}); running it as it is`);
  }
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
