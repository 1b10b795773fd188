/**
 * Thinning a long run's history so that its memory stays bounded (issue 11):
 * every entry up to epoch `dense` is kept; past it, the entries at multiples
 * of `stride`, at most `budget` of them — when there would be more, the
 * stride doubles and every other one goes (the way the parameter record
 * thins, history.ts) — and always the last entry (the current epoch, which
 * the readouts and early stopping read). So a run holds at most
 * dense + budget + 2 entries per series however long it runs, and a chart
 * says "every k-th epoch shown past epoch N" (thinningNote).
 *
 * A ThinnedIndex keeps the epoch of each entry of a group of series that are
 * appended to together; it removes from those series (plain arrays) what the
 * rule no longer keeps. Off until a run passes `dense`: then `epochs` is the
 * only way to read an entry's epoch (entry k is epoch k before).
 */

export interface ThinningOptions {
  /** every entry up to this epoch is kept */
  dense: number;
  /** at most this many entries past `dense` (besides the last) */
  budget: number;
}

/** The app's default: 10 000 epochs in full, then at most 10 000 more entries. */
export const DEFAULT_THINNING: ThinningOptions = { dense: 10_000, budget: 10_000 };

/** How a history is thinned, as saved and as the charts say it. */
export interface ThinningJSON extends ThinningOptions {
  stride: number;
}

export class ThinnedIndex {
  /** epochs[k]: the epoch of entry k */
  readonly epochs: number[] = [];
  stride = 1;

  constructor(readonly o: ThinningOptions) {
    if (!(o.dense >= 0 && o.budget >= 2)) throw new Error(`history thinning: expected dense >= 0 and budget >= 2, got ${o.dense}, ${o.budget}`);
  }

  /** True when the rule keeps an entry of this epoch (the last entry is kept whatever its epoch). */
  keeps(epoch: number): boolean {
    return epoch <= this.o.dense || epoch % this.stride === 0;
  }

  /** True once an entry past `dense` was dropped: entry k is no longer epoch k. */
  get thinned(): boolean {
    const n = this.epochs.length;
    return n > 0 && this.epochs[n - 1] !== n - 1;
  }

  /** Index of the first entry past `dense` (binary search: the epochs increase). */
  private firstTail(): number {
    let lo = 0;
    let hi = this.epochs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.epochs[mid] <= this.o.dense) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Entry `epoch` was just appended to every array of `series` (absent ones
   * skipped): drops the entry before it if the rule does not keep it, and
   * halves the tail when it passes the budget.
   */
  appended(epoch: number, series: (number[] | undefined)[]): void {
    const e = this.epochs;
    if (e.length && epoch <= e[e.length - 1]) throw new Error(`history thinning: epoch ${epoch} appended after epoch ${e[e.length - 1]}`);
    e.push(epoch);
    const n = e.length;
    if (n >= 2 && !this.keeps(e[n - 2])) {
      e.splice(n - 2, 1);
      for (const s of series) if (s && s.length >= 2) s.splice(s.length - 2, 1);
    }
    const tail = this.firstTail();
    if (e.length - 1 - tail <= this.o.budget) return;
    this.stride *= 2;
    const keep: number[] = [];
    for (let k = 0; k < e.length; k++) if (k < tail || k === e.length - 1 || e[k] % this.stride === 0) keep.push(k);
    // in place: keep[] increases, so entry keep[i] moves down to i
    const compact = (s: number[]) => {
      for (let i = 0; i < keep.length; i++) s[i] = s[keep[i]];
      s.length = keep.length;
    };
    for (const s of series) if (s && s.length === e.length) compact(s);
    compact(e);
  }

  /** Drops the entries of epochs ≥ epoch from the index and from `series`. */
  truncate(epoch: number, series: (number[] | undefined)[]): void {
    let n = this.epochs.length;
    while (n > 0 && this.epochs[n - 1] >= epoch) n--;
    this.epochs.length = n;
    for (const s of series) if (s && s.length > n) s.length = n;
  }

  /** Restores a saved index (epochs increasing, one per entry; the stride a power of 2). */
  load(epochs: readonly number[], stride: number): void {
    this.epochs.length = 0;
    for (const e of epochs) this.epochs.push(e);
    this.stride = stride;
  }

  toJSON(): ThinningJSON {
    return { dense: this.o.dense, budget: this.o.budget, stride: this.stride };
  }
}

/** What a chart says under a thinned history, e.g. "every 4th epoch shown past epoch 10000". */
export function thinningNote(t: { dense: number; stride: number }): string {
  const k = t.stride;
  const nth = k % 10 === 1 && k % 100 !== 11 ? 'st' : k % 10 === 2 && k % 100 !== 12 ? 'nd' : k % 10 === 3 && k % 100 !== 13 ? 'rd' : 'th';
  return `every ${k}${nth} epoch shown past epoch ${t.dense}`;
}

/**
 * A saved thinning, checked: an increasing list of whole epochs, one per
 * entry, and a power-of-2 stride. Returns the message of what is wrong, or null.
 */
export function thinningProblem(epochs: unknown, thinning: unknown, entries: number): string | null {
  if (!Array.isArray(epochs) || epochs.length !== entries) return `history.epochs: expected a list of ${entries} epochs (one per entry)`;
  for (let k = 0; k < epochs.length; k++) {
    const e = epochs[k];
    if (!Number.isSafeInteger(e) || e < 0 || (k > 0 && e <= epochs[k - 1])) return `history.epochs[${k}]: expected a whole epoch above the one before, got ${JSON.stringify(e)}`;
  }
  const t = thinning as Partial<ThinningJSON> | null;
  const pow2 = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 1 && ((x as number) & ((x as number) - 1)) === 0;
  if (!t || typeof t !== 'object' || !Number.isSafeInteger(t.dense) || !Number.isSafeInteger(t.budget) || (t.budget as number) < 2 || !pow2(t.stride)) {
    return 'history.thinning: expected {"dense": whole number, "budget": whole number ≥ 2, "stride": a power of 2}';
  }
  return null;
}
