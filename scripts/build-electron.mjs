#!/usr/bin/env node
/**
 * Bundles the Electron layer with Vite's build API (no Electron binary needed):
 *   src-main/main.ts            → dist-electron/main.cjs            (package.json "main")
 *   src-main/preload.ts         → dist-electron/preload.cjs         (sandboxed: one file, requires only 'electron')
 *   src-main/trainer-process.ts → dist-electron/trainer-process.cjs (utilityProcess.fork)
 *   src-main/job-process.ts     → dist-electron/job-process.cjs     (utilityProcess.fork, a sweep's or Run all's jobs)
 * Each is one self-contained CommonJS file: src-core and its libraries (zod)
 * are bundled in, so the packaged app needs no node_modules; only 'electron'
 * and Node's built-in modules stay external.
 */
import { builtinModules } from 'node:module';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` and `--only NAME,...` are for tests that build into a temporary folder.
const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const outDir = path.resolve(root, opt('--out') ?? 'dist-electron');
const entries = opt('--only')?.split(',') ?? ['main', 'preload', 'trainer-process', 'job-process'];
const external = ['electron', /^node:/, ...builtinModules];

rmSync(outDir, { recursive: true, force: true });
for (const name of entries) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: false,
      target: 'node22', // Electron 45 ships Node 22
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      lib: { entry: path.join(root, 'src-main', `${name}.ts`), formats: ['cjs'], fileName: () => `${name}.cjs` },
      rollupOptions: { external, output: { codeSplitting: false } },
    },
  });
  console.log(path.relative(root, path.join(outDir, `${name}.cjs`)));
}
