/**
 * Saving a file so that it is always either the old one or the new one,
 * whole — shared by the desktop app's Save (src-main/files.ts) and the
 * command line's `--write` (src-cli/main.ts). Plain Node, no Electron, no
 * engine: its own top-level folder so that neither src-main nor src-cli
 * imports the other (src-core cannot hold it: src-core uses no Node).
 */
import { promises as fsp, constants as fsc } from 'node:fs';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** bytes per write call (default 1 MiB) */
  chunkSize?: number;
  /** called after each chunk is written to the temporary file (tests use it to die mid-write) */
  onChunk?: (written: number, total: number, tmpPath: string) => void | Promise<void>;
}

let tmpCounter = 0;
const TMP_INFIX = '.tmp-';

/** Whether process `pid` is alive (a signal-0 probe; EPERM means it is, someone else's). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `<name>.tmp-<pid>-<n>` files beside `target` whose writer is gone:
 * what a save killed mid-write left. A live process' temp file (a save under
 * way in another window or CLI) is left alone.
 */
export async function removeStaleTemps(target: string): Promise<string[]> {
  return removeStaleTempsIn(path.dirname(target), `${path.basename(target)}${TMP_INFIX}`);
}

/** The same for every file of `dir` (at start-up, in the app's own folders); `prefix` limits it to one target's. */
export async function removeStaleTempsIn(dir: string, prefix = ''): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const at = prefix ? prefix.length : name.lastIndexOf(TMP_INFIX) + TMP_INFIX.length;
    if (at < TMP_INFIX.length) continue;
    const m = /^(\d+)-\d+$/.exec(name.slice(at));
    if (!m || alive(Number(m[1]))) continue;
    await fsp.unlink(path.join(dir, name)).then(() => removed.push(name), () => undefined);
  }
  return removed;
}

/**
 * Replaces `target` with `data` so that, whatever happens, the file is either
 * the old one or the new one, whole:
 *   write <name>.tmp-<pid>-<n> in the same folder → fsync → rename over the
 *   target (atomic within one file system) → fsync the folder (so the rename
 *   itself survives a power cut).
 * On failure the temporary file is removed and the old file is untouched.
 * The old file's permissions are kept; a symlink's target is written, the
 * link stays. Temporary files an earlier save left (the process was killed
 * mid-write) are removed first.
 */
export async function atomicWriteFile(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  // a symlink's target is written (renaming over the link would replace the link with a file)
  const target = await fsp.realpath(file).catch(() => file);
  const dir = path.dirname(target);
  await removeStaleTemps(target);
  const tmpPath = path.join(dir, `${path.basename(target)}${TMP_INFIX}${process.pid}-${++tmpCounter}`);
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

