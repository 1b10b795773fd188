/**
 * Unsaved work kept in <userData>/recovery/ while a window has changes, so a
 * crash (of the app, the OS, the power) loses a few seconds at most. One file
 * per window: <id>.nnlab-recovery, JSON with the session text and where it
 * came from. Removed when the work is saved or deliberately discarded; what is
 * left at start-up is offered back. Plain Node, timers injected for tests.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile } from './files';
import { removeStaleTempsIn } from '../src-node/atomic-write';

export const RECOVERY_EXT = '.nnlab-recovery';
const FORMAT = 'nnlab-recovery';

export interface RecoveryEntry {
  id: string;
  /** the session file the work belongs to, or null for an untitled session */
  path: string | null;
  title: string;
  /** ISO time of the last write */
  savedAt: string;
  /** the session, as the renderer serialised it */
  text: string;
}

/** ids become file names: keep them to safe characters. */
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export class RecoveryStore {
  constructor(readonly dir: string) {}

  private fileOf(id: string): string {
    if (!ID_RE.test(id)) throw new Error(`recovery id ${JSON.stringify(id)}: expected letters, digits, _ or -`);
    return path.join(this.dir, id + RECOVERY_EXT);
  }

  async write(entry: Omit<RecoveryEntry, 'savedAt'> & { savedAt?: string }): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
    const full: RecoveryEntry = { ...entry, savedAt: entry.savedAt ?? new Date().toISOString() };
    await atomicWriteFile(this.fileOf(entry.id), JSON.stringify({ format: FORMAT, version: 1, ...full }));
  }

  async remove(id: string): Promise<void> {
    await fsp.rm(this.fileOf(id), { force: true });
  }

  /**
   * Everything left over, newest first. Unreadable leftovers are reported in
   * `skipped` (file name and why) and left on disk for a person to look at.
   */
  async list(): Promise<{ entries: RecoveryEntry[]; skipped: string[] }> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
      throw e;
    }
    // the temp files of writes that died with their process (a crash while saving the copy)
    await removeStaleTempsIn(this.dir);
    const entries: RecoveryEntry[] = [];
    const skipped: string[] = [];
    for (const name of names) {
      if (!name.endsWith(RECOVERY_EXT)) continue; // also skips .tmp-* of a live write
      const file = path.join(this.dir, name);
      try {
        const entry = parseRecovery(await fsp.readFile(file, 'utf8'), name.slice(0, -RECOVERY_EXT.length));
        if (typeof entry === 'string') skipped.push(`${name}: ${entry}`);
        else entries.push(entry);
      } catch (e) {
        skipped.push(`${name}: ${(e as Error).message}`);
      }
    }
    entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    return { entries, skipped };
  }
}

/** A recovery file's content → entry, or a message saying what is wrong. */
export function parseRecovery(text: string, id: string): RecoveryEntry | string {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return 'not JSON (cut short?)';
  }
  const o = j as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || o.format !== FORMAT) return `not a recovery file`;
  if (o.version !== 1) return `recovery version ${String(o.version)} is not known to this NN Lab`;
  if (typeof o.text !== 'string') return 'no session text';
  return {
    id,
    path: typeof o.path === 'string' ? o.path : null,
    title: typeof o.title === 'string' ? o.title : 'Untitled',
    savedAt: typeof o.savedAt === 'string' ? o.savedAt : new Date(0).toISOString(),
    text: o.text,
  };
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Writes one window's recovery file at most every `intervalMs`, always the
 * latest text: the renderer may call update() on every change. Writes never
 * overlap, and clear() wins over a write in flight.
 */
export class RecoveryWriter {
  private pending: Omit<RecoveryEntry, 'id' | 'savedAt'> | null = null;
  private timer: unknown = null;
  private lastWrite = -Infinity;
  private chain: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    private readonly store: RecoveryStore,
    readonly id: string,
    private readonly opts: { intervalMs: number; now?: () => number; timers?: Timers; onError?: (e: unknown) => void },
  ) {}

  update(doc: { path: string | null; title: string; text: string }): void {
    this.pending = { ...doc };
    if (this.timer !== null) return;
    const now = (this.opts.now ?? Date.now)();
    const wait = Math.max(0, this.lastWrite + this.opts.intervalMs - now);
    const timers = this.opts.timers ?? realTimers;
    this.timer = timers.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  /** Writes the pending text now (if any); resolves when it is on disk. */
  flush(): Promise<void> {
    const doc = this.pending;
    if (doc) {
      this.pending = null;
      this.lastWrite = (this.opts.now ?? Date.now)();
      const gen = this.generation;
      this.chain = this.chain.then(async () => {
        if (gen !== this.generation) return; // cleared meanwhile
        try {
          await this.store.write({ id: this.id, ...doc });
        } catch (e) {
          this.opts.onError?.(e);
        }
      });
    }
    return this.chain;
  }

  /** Saved or discarded: forget pending text and remove the file. */
  clear(): Promise<void> {
    this.pending = null;
    this.generation++;
    if (this.timer !== null) {
      (this.opts.timers ?? realTimers).clearTimeout(this.timer);
      this.timer = null;
    }
    this.chain = this.chain.then(() => this.store.remove(this.id).catch((e: unknown) => this.opts.onError?.(e)));
    return this.chain;
  }
}
