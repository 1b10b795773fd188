/**
 * Runs an example through the command line: `nnlabJson` calls the CLI's own
 * `main(argv)` in this process (the same code `node bin/nnlab.mjs` runs, minus
 * a second start-up of Node + tsx per call, which on a busy 2-core machine
 * costs seconds), and `nnlab` spawns the real `node bin/nnlab.mjs`, which every
 * example test does at least once.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../../src-cli/main';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const example = (name: string) => `assets/examples/${name}`;

export interface SavedRun {
  id: string;
  label?: string;
  overrides: Record<string, unknown>;
}

export function runsOf(name: string): SavedRun[] {
  return (JSON.parse(readFileSync(`${root}/${example(name)}`, 'utf8')) as { runs?: SavedRun[] }).runs ?? [];
}

export function nnlab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/nnlab.mjs', ...args], { cwd: root, maxBuffer: 1 << 28, env: { ...process.env, NNLAB_DEBUG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** `nnlab ...args --json` through the CLI's main() with FILE relative to the checkout, parsed; throws with stderr unless it exits 0. */
export async function nnlabJson<T = any>(...args: string[]): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any -- the CLI's JSON, checked field by field
  let stdout = '';
  let stderr = '';
  const argv = [args[0], `${root}/${args[1]}`, ...args.slice(2), '--json'];
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  if (code !== 0) throw new Error(`nnlab ${args.join(' ')} exited ${code}: ${stderr}`);
  return JSON.parse(stdout) as T;
}

/** The same through a spawned `node bin/nnlab.mjs`. */
export async function nnlabSpawnJson<T = any>(...args: string[]): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  const r = await nnlab(...args, '--json');
  if (r.code !== 0) throw new Error(`nnlab ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** --set flags that apply a saved run's overrides (`step` has no --run). */
export function setFlags(overrides: Record<string, unknown>): string[] {
  return Object.entries(overrides).flatMap(([path, value]) => ['--set', `${path}=${JSON.stringify(value)}`]);
}

/** Maps `items` through `fn`, at most `limit` at once. */
export async function pooled<T, R>(items: T[], fn: (item: T) => Promise<R>, limit = 2): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
