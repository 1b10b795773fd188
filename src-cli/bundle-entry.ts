/**
 * The entry of the bundle dist-cli/nnlab.mjs (scripts/build-cli.mjs): it
 * exports `main` for bin/nnlab.mjs and the tests, and runs it when the bundle
 * itself is the program (`node dist-cli/nnlab.mjs --help`), which printed
 * nothing and exited 0 before (explore finding 9).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from './main';

export { main };

/** Whether the module at `moduleUrl` is the script node was started with (`argv1`), symlinks resolved. */
export function isProgram(moduleUrl: string, argv1: string | undefined): boolean {
  if (!argv1 || !moduleUrl.startsWith('file:')) return false;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  return real(fileURLToPath(moduleUrl)) === real(argv1);
}

if (isProgram(import.meta.url, process.argv[1])) process.exitCode = await main(process.argv.slice(2));
