/**
 * Session files on disk, plain Node (no Electron): atomic save, and open with
 * the session parser's verdict. Every failure comes back as messages for the
 * user, never as a thrown error.
 */
import { promises as fsp, constants as fsc } from 'node:fs';
import path from 'node:path';

/** parseSession from src-core/session, injected so this module stays testable and engine-agnostic. */
export type SessionParser = (text: string) => { ok: true; session: unknown } | { ok: false; errors: string[] };

/** Bigger than any sane session (MNIST data is referenced, not inlined); V8 strings stop near 512 MiB. */
export const MAX_SESSION_BYTES = 256 * 1024 * 1024;

export interface AtomicWriteOptions {
  /** bytes per write call (default 1 MiB) */
  chunkSize?: number;
  /** called after each chunk is written to the temporary file (tests use it to die mid-write) */
  onChunk?: (written: number, total: number, tmpPath: string) => void | Promise<void>;
}

let tmpCounter = 0;

/**
 * Replaces `target` with `data` so that, whatever happens, the file is either
 * the old one or the new one, whole:
 *   write <name>.tmp-<pid>-<n> in the same folder → fsync → rename over the
 *   target (atomic within one file system) → fsync the folder (so the rename
 *   itself survives a power cut).
 * On failure the temporary file is removed and the old file is untouched.
 */
export async function atomicWriteFile(target: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = path.dirname(target);
  const tmpPath = path.join(dir, `${path.basename(target)}.tmp-${process.pid}-${++tmpCounter}`);
  const chunkSize = Math.max(1, opts.chunkSize ?? 1024 * 1024);
  // Keep the old file's permissions (a chmod 600 session stays private).
  let mode = 0o666;
  try {
    mode = (await fsp.stat(target)).mode & 0o777;
  } catch {
    /* new file */
  }
  const fh = await fsp.open(tmpPath, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, mode);
  try {
    let written = 0;
    while (written < bytes.length) {
      const end = Math.min(bytes.length, written + chunkSize);
      const { bytesWritten } = await fh.write(bytes, written, end - written);
      written += bytesWritten;
      if (opts.onChunk) await opts.onChunk(written, bytes.length, tmpPath);
    }
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.unlink(tmpPath).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    await fsp.rename(tmpPath, target);
  } catch (e) {
    await fsp.unlink(tmpPath).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync (EPERM/EISDIR); NTFS journals the rename anyway.
  if (process.platform === 'win32') return;
  let dh: fsp.FileHandle | undefined;
  try {
    dh = await fsp.open(dir, 'r');
    await dh.sync();
  } catch {
    /* some file systems (network, FUSE) refuse: the data itself is synced */
  } finally {
    await dh?.close().catch(() => undefined);
  }
}

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
