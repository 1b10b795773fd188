/**
 * The parameter snapshots of a run's history, stored end to end in blocks of
 * up to 1024 snapshots. A snapshot is written as numbers only; the
 * Float64Array view of one (what History.params.values holds) is made when
 * someone asks for it. A small net records a snapshot every epoch, and an
 * object per epoch — a view, or a Float64Array each before that — was
 * a tenth of report 004's run plus its garbage collection (bench/README.md);
 * the hosts copy the new snapshots out as one flat array (copyFlat) and need
 * no views.
 *
 * Slots are never reused: a snapshot dropped from the end (an edit truncated
 * the history) leaves its slot, and the next one goes to a fresh slot, so a
 * view handed out earlier never changes under its holder. `keep` (the record
 * thinned) copies the kept snapshots into fresh blocks, so half-dead blocks
 * are not kept alive by their surviving snapshots.
 */
import type { Params } from '../types';
import { flattenParams } from '../net/params';

export class SnapshotStore {
  private blocks: Float64Array[] = [];
  /** snapshot k is in slot slots[k]: block ⌊slot / perBlock⌋, from number (slot mod perBlock)·size on */
  private slots = new Int32Array(64);
  private n = 0;
  /** the next free slot */
  private nextSlot = 0;
  /** views[k] for every k < views.length, made on demand */
  private views: Float64Array[] = [];
  private readonly perBlock: number;
  /** the block of the slot `take` gave last */
  private last: Float64Array = new Float64Array(0);

  constructor(readonly size: number, perBlock: number) {
    this.perBlock = Math.max(1, perBlock);
  }

  get length(): number {
    return this.n;
  }

  /** Appends a copy of src (size numbers). */
  push(src: ArrayLike<number>): void {
    const size = this.size;
    if (src.length !== size) throw new Error(`snapshot: expected ${size} numbers, got ${src.length}`);
    const o = this.take();
    const block = this.last;
    if (size <= 32) for (let i = 0; i < size; i++) block[o + i] = src[i];
    else block.set(src, o);
  }

  /** Appends the parameters p (size numbers in all), flattened straight into the store (flattenParams' order). */
  pushParams(p: Params): void {
    const o = this.take();
    flattenParams(p, this.last, o);
  }

  /** A fresh slot for the next snapshot: its offset in `last`, its block. */
  private take(): number {
    const slot = this.nextSlot++;
    const b = Math.floor(slot / this.perBlock);
    if (b === this.blocks.length) this.blocks.push(new Float64Array(this.perBlock * this.size));
    this.last = this.blocks[b];
    // the slots grow by doubling in a typed array: an Array.push each was ~20 ns of a small net's ~1.5 µs epoch
    if (this.n === this.slots.length) {
      const grown = new Int32Array(2 * this.n);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.n++] = slot;
    return (slot - b * this.perBlock) * this.size;
  }

  /** Drops the last snapshot. */
  pop(): void {
    if (this.n > 0) this.n--;
    if (this.views.length > this.n) this.views.length = this.n;
  }

  /** Snapshot k (a view of the store, valid while the snapshot is kept). */
  get(k: number): Float64Array {
    if (k < this.views.length) return this.views[k];
    return this.view(k);
  }

  private view(k: number): Float64Array {
    const slot = this.slots[k];
    const b = Math.floor(slot / this.perBlock);
    const o = (slot - b * this.perBlock) * this.size;
    return this.blocks[b].subarray(o, o + this.size);
  }

  /** Every snapshot, as views (the array and its views are kept for the next call). */
  all(): Float64Array[] {
    const v = this.views;
    for (let k = v.length; k < this.n; k++) v.push(this.view(k));
    return v;
  }

  /** Snapshots from … length−1 end to end in one new array. */
  copyFlat(from: number): Float64Array {
    const size = this.size;
    const out = new Float64Array(Math.max(0, this.n - from) * size);
    for (let k = from, q = 0; k < this.n; k++, q += size) out.set(this.view(k), q);
    return out;
  }

  /** Keeps the snapshots at these increasing indices, copied into fresh blocks. */
  keep(indices: readonly number[]): void {
    const kept = indices.map((k) => this.get(k));
    this.clear();
    for (const s of kept) this.push(s);
  }

  /** Drops every snapshot. */
  clear(): void {
    this.blocks = [];
    this.slots = new Int32Array(64);
    this.n = 0;
    this.nextSlot = 0;
    this.views = [];
  }
}
