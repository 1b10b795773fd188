/**
 * Which session files the app was asked to open: from the command line
 * (Linux, Windows, and a second instance's argv) — macOS sends `open-file`
 * events instead, see main.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSessionPath } from './files';

/**
 * argv as Electron gives it: [executable, (app path when not packaged), ...args].
 * Keeps arguments that name a .nnlab file (a path or a file:// URL, as some
 * Linux desktops pass with %U), made absolute against `cwd` (for a second
 * instance, the working directory it was started in). Switches are skipped,
 * also the ones Chromium adds.
 */
export function sessionPathsFromArgv(argv: readonly string[], opts: { isPackaged: boolean; cwd: string }): string[] {
  const args = argv.slice(opts.isPackaged ? 1 : 2);
  const out: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    let p = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        p = fileURLToPath(arg);
      } catch {
        continue;
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
      continue; // http: and friends are not files
    }
    if (!isSessionPath(p)) continue;
    const abs = path.resolve(opts.cwd, p);
    if (!out.includes(abs)) out.push(abs);
  }
  return out;
}

/**
 * Files that arrive before the app is ready (macOS `open-file` at launch)
 * wait here, then are handed over once: a tiny queue, kept pure for testing.
 */
export class OpenQueue {
  private pending: string[] = [];
  private sink: ((file: string) => void) | null = null;

  push(file: string): void {
    if (this.sink) this.sink(file);
    else if (!this.pending.includes(file)) this.pending.push(file);
  }

  /** From now on files go straight to `sink`; the ones waiting go first. Returns how many were waiting. */
  drainTo(sink: (file: string) => void): number {
    this.sink = sink;
    const waiting = this.pending.splice(0);
    for (const f of waiting) sink(f);
    return waiting.length;
  }
}
