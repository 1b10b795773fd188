/**
 * Thinning a long run's history so that its memory stays bounded (issue 11):
 * every entry up to epoch `dense` is kept; past it, the entries at multiples
 * of `stride`, at most `budget` of them — when there would be more, the
 * stride doubles and every other one goes, the way the parameter record
 * thins (history.ts) — and always the last entry (the current epoch, which
 * the readouts and early stopping read). A run then holds at most
 * dense + budget + 2 entries per series however long it runs.
 *
 * The gradient norms go in step with the entries: grad_norm[l][j] belongs to
 * the updates that start from entry j (epoch epochs[j]'s updates, counted
 * from 0), so an entry and its gradient norms are kept or dropped together
 * and the norms need no index of their own; the last entry has none yet.
 *
 * Until a run passes `dense` nothing is dropped and entry k is epoch k; after
 * that `epochs` is the only way to read an entry's epoch (History.epochs).
 */

export interface ThinningOptions {
  /** every entry up to this epoch is kept */
  dense: number;
  /** at most this many entries past `dense` (besides the last) */
  budget: number;
}

/**
 * The app's default: 100 000 epochs in full (every example, report 004's
 * 60 000 epochs included), then at most 100 000 more entries: a run to the
 * epoch limit (1 000 000) keeps every 16th epoch past 100 000.
 */
export const APP_THINNING: ThinningOptions = { dense: 100_000, budget: 100_000 };

/** How a history is thinned, as saved and as the charts say it. */
export interface ThinningJSON extends ThinningOptions {
  stride: number;
}

export class ThinnedIndex {
  /** epochs[k]: the epoch of entry k */
  readonly epochs: number[] = [];
  stride = 1;

  constructor(readonly o: ThinningOptions) {
    if (!(Number.isSafeInteger(o.dense) && o.dense >= 0 && Number.isSafeInteger(o.budget) && o.budget >= 2)) {
      throw new Error(`history thinning: expected whole numbers dense ≥ 0 and budget ≥ 2, got ${o.dense}, ${o.budget}`);
    }
  }

  /** True once an entry was dropped: entry k is no longer epoch k. */
  get thinned(): boolean {
    const n = this.epochs.length;
    return n > 0 && this.epochs[n - 1] !== n - 1;
  }

  private keeps(epoch: number): boolean {
    return epoch <= this.o.dense || epoch % this.stride === 0;
  }

  /** Index of the first entry past `dense` (binary search: the epochs increase). */
  private firstTail(): number {
    return lastAtOrBefore(this.epochs, this.o.dense) + 1;
  }

  /**
   * Entry `epoch` was just appended to every list of `series` (absent ones
   * skipped; each has one entry per entry), and `grads` hold one entry fewer:
   * none yet for the new entry (see the file's comment). Drops what the rule no longer keeps and
   * returns the first entry index that changed besides the new one
   * (Infinity when none did).
   */
  appended(epoch: number, series: (number[] | undefined)[], grads: number[][]): number {
    const e = this.epochs;
    if (e.length && epoch <= e[e.length - 1]) throw new Error(`history thinning: epoch ${epoch} appended after epoch ${e[e.length - 1]}`);
    e.push(epoch);
    let changed = Infinity;
    const n = e.length;
    if (n >= 3 && !this.keeps(e[n - 2])) {
      // the entry before was the last one, kept only while it was
      e.splice(n - 2, 1);
      for (const s of series) if (s && s.length === n) s.splice(n - 2, 1);
      for (const g of grads) if (g.length === n - 1) g.splice(n - 2, 1);
      changed = n - 2;
    }
    const tail = this.firstTail();
    if (e.length - 1 - tail <= this.o.budget) return changed;
    this.stride *= 2;
    const m = e.length;
    const keep: number[] = [];
    for (let k = 0; k < m; k++) if (k < tail || k === m - 1 || e[k] % this.stride === 0) keep.push(k);
    // in place: keep[] increases, so entry keep[i] moves down to i
    const compact = (s: number[]) => {
      const length = s.length;
      let i = 0;
      for (const k of keep) if (k < length) s[i++] = s[k];
      s.length = i;
    };
    for (const s of series) if (s && s.length === m) compact(s);
    for (const g of grads) if (g.length === m - 1) compact(g);
    compact(e);
    return Math.min(changed, tail);
  }

  /** Drops the entries of epochs ≥ epoch; returns how many are left. */
  truncate(epoch: number): number {
    let n = this.epochs.length;
    while (n > 0 && this.epochs[n - 1] >= epoch) n--;
    this.epochs.length = n;
    return n;
  }

  /** Restores a saved index (checked by thinningProblem). */
  load(epochs: readonly number[], stride: number): void {
    this.epochs.length = 0;
    for (const e of epochs) this.epochs.push(e);
    this.stride = stride;
  }

  toJSON(): ThinningJSON {
    return { dense: this.o.dense, budget: this.o.budget, stride: this.stride };
  }
}

const ordinal = (k: number) => (k % 10 === 1 && k % 100 !== 11 ? 'st' : k % 10 === 2 && k % 100 !== 12 ? 'nd' : k % 10 === 3 && k % 100 !== 13 ? 'rd' : 'th');
const spaced = (v: number) => v.toLocaleString('en-US').replace(/,/g, ' ');

/** What a chart says under a thinned history, e.g. "every 16th epoch shown past epoch 100 000" (short: "every 16th epoch past 100 000"). */
export function thinningNote(t: { dense: number; stride: number }, short = false): string {
  return short ? `every ${t.stride}${ordinal(t.stride)} epoch past ${spaced(t.dense)}` : `every ${t.stride}${ordinal(t.stride)} epoch shown past epoch ${spaced(t.dense)}`;
}

/**
 * A saved thinning, checked: an increasing list of whole epochs, one per
 * entry, starting at 0, and the rule with a power-of-2 stride. Returns the
 * message of what is wrong (with its path under `at`), or null.
 */
export function thinningProblem(at: string, epochs: unknown, thinning: unknown, entries: number): string | null {
  if (!Array.isArray(epochs) || epochs.length !== entries) {
    return `${at}.epochs: expected a list of ${entries} epochs (one per entry of train_loss), got ${Array.isArray(epochs) ? `${epochs.length}` : JSON.stringify(epochs)}`;
  }
  for (let k = 0; k < epochs.length; k++) {
    const e = epochs[k];
    if (!Number.isSafeInteger(e) || e < 0 || (k === 0 && e !== 0) || (k > 0 && e <= epochs[k - 1])) {
      return `${at}.epochs[${k}]: expected ${k === 0 ? '0' : `a whole epoch above ${epochs[k - 1]}`}, got ${JSON.stringify(e)}`;
    }
  }
  const t = thinning as Partial<ThinningJSON> | null;
  const whole = (x: unknown, min: number) => Number.isSafeInteger(x) && (x as number) >= min;
  const pow2 = (x: unknown) => whole(x, 1) && ((x as number) & ((x as number) - 1)) === 0;
  if (!t || typeof t !== 'object' || !whole(t.dense, 0) || !whole(t.budget, 2) || !pow2(t.stride)) {
    return `${at}.thinning: expected {"dense": a whole number, "budget": a whole number ≥ 2, "stride": a power of 2}, got ${JSON.stringify(thinning)}`;
  }
  return null;
}

/**
 * The index of the last of sorted[0 .. n−1] (increasing) at or before x, or
 * −1 when every one is after it: binary search. A thinned history's entry at
 * or before an epoch (the trainer's rule, the renderer's store, the charts).
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, x: number, n = sorted.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
