/**
 * What the command-line tests share: the real `node bin/nnlab.mjs`, spawned
 * as a user runs it from the checkout, and a scratch folder for the files a
 * test writes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout: FILE arguments are relative to it. */
export const root = fileURLToPath(new URL('..', import.meta.url));

/** `nnlab ...args` as a user runs it (no NNLAB_DEBUG: errors as the user sees them). */
export function nnlab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/nnlab.mjs', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NNLAB_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new folder under the system's temp folder; `write` puts a file in it and returns its path. */
export function scratch(prefix: string): { dir: string; write(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, text) {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
