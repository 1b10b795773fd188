/**
 * Session files on disk, plain Node (no Electron): atomic save, and open with
 * the session parser's verdict. Every failure comes back as messages for the
 * user, never as a thrown error.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** parseSession from src-core/session, injected so this module stays testable and engine-agnostic. */
export type SessionParser = (text: string) => { ok: true; session: unknown } | { ok: false; errors: string[] };

/** Bigger than any sane session (MNIST data is referenced, not inlined); V8 strings stop near 512 MiB. */
export const MAX_SESSION_BYTES = 256 * 1024 * 1024;

export { atomicWriteFile, removeStaleTemps, type AtomicWriteOptions } from '../src-node/atomic-write';
import type { AtomicWriteOptions } from '../src-node/atomic-write';
import { atomicWriteFile } from '../src-node/atomic-write';

/** A Node file-system error as a sentence about `file`. */
export function describeFsError(e: unknown, file: string): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `${file}: no such file`;
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied`;
    case 'EISDIR':
      return `${file}: is a folder, not a session file`;
    case 'ENOSPC':
      return `${file}: the disk is full`;
    case 'EROFS':
      return `${file}: the disk is read-only`;
    default:
      return `${file}: ${(e as Error | null)?.message ?? String(e)}`;
  }
}

export type ReadSessionResult = { ok: true; text: string; session: unknown } | { ok: false; errors: string[] };

/**
 * Reads and checks a session file. A file the parser refuses comes back with
 * the parser's messages (which name the JSON path, or say a newer version is
 * needed); the caller changes nothing then.
 */
export async function readSessionFile(file: string, parse: SessionParser): Promise<ReadSessionResult> {
  let bytes: Buffer;
  try {
    const st = await fsp.stat(file);
    if (st.isDirectory()) return { ok: false, errors: [describeFsError({ code: 'EISDIR' }, file)] };
    if (st.size > MAX_SESSION_BYTES) {
      return { ok: false, errors: [`${file}: ${formatBytes(st.size)} is more than a session file can be (${formatBytes(MAX_SESSION_BYTES)})`] };
    }
    bytes = await fsp.readFile(file);
  } catch (e) {
    return { ok: false, errors: [describeFsError(e, file)] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: [`${file}: not a text file (a session file is UTF-8 JSON)`] };
  }
  // TextDecoder already drops a leading BOM, which some editors add.
  const parsed = parse(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.length ? parsed.errors : [`${file}: not a valid session`] };
  return { ok: true, text, session: parsed.session };
}

export type SaveSessionResult = { ok: true } | { ok: false; errors: string[] };

/**
 * Checks `text` with the parser, then saves it atomically. Refusing to write
 * what we could not read back protects the user's file from a renderer bug.
 */
export async function saveSessionFile(file: string, text: string, parse: SessionParser, opts?: AtomicWriteOptions): Promise<SaveSessionResult> {
  const parsed = parse(text);
  if (!parsed.ok) return { ok: false, errors: ['The session was not saved because it is not valid:', ...parsed.errors] };
  try {
    await atomicWriteFile(file, text, opts);
    return { ok: true };
  } catch (e) {
    return { ok: false, errors: [describeFsError(e, file)] };
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** `.nnlab` files only (case-insensitive, as Windows and macOS file names are). */
export function isSessionPath(p: string): boolean {
  return /\.nnlab$/i.test(p);
}
