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
export class SnapshotStore {
  private blocks: Float64Array[] = [];
  /** snapshot k lives in blocks[blockOf[k]] from number at[k] on */
  private blockOf: number[] = [];
  private at: number[] = [];
  /** the next free slot: in the last block, from this number on */
  private cursor = 0;
  /** views[k] for every k < views.length, made on demand */
  private views: Float64Array[] = [];
  private readonly blockNumbers: number;

  constructor(readonly size: number, perBlock: number) {
    this.blockNumbers = Math.max(1, perBlock) * size;
    this.cursor = this.blockNumbers;
  }

  get length(): number {
    return this.at.length;
  }

  /** Appends a copy of src (size numbers). */
  push(src: ArrayLike<number>): void {
    const size = this.size;
    if (src.length !== size) throw new Error(`snapshot: expected ${size} numbers, got ${src.length}`);
    if (this.cursor + size > this.blockNumbers || this.blocks.length === 0) {
      this.blocks.push(new Float64Array(this.blockNumbers));
      this.cursor = 0;
    }
    const b = this.blocks.length - 1;
    const block = this.blocks[b];
    const o = this.cursor;
    if (size <= 32) for (let i = 0; i < size; i++) block[o + i] = src[i];
    else block.set(src, o);
    this.blockOf.push(b);
    this.at.push(o);
    this.cursor = o + size;
  }

  /** Drops the last snapshot. */
  pop(): void {
    this.blockOf.pop();
    this.at.pop();
    if (this.views.length > this.at.length) this.views.length = this.at.length;
  }

  /** Snapshot k (a view of the store, valid while the snapshot is kept). */
  get(k: number): Float64Array {
    if (k < this.views.length) return this.views[k];
    const o = this.at[k];
    return this.blocks[this.blockOf[k]].subarray(o, o + this.size);
  }

  /** Every snapshot, as views (the array and its views are kept for the next call). */
  all(): Float64Array[] {
    const v = this.views;
    for (let k = v.length; k < this.at.length; k++) {
      const o = this.at[k];
      v.push(this.blocks[this.blockOf[k]].subarray(o, o + this.size));
    }
    return v;
  }

  /** Snapshots from … length−1 end to end in one new array. */
  copyFlat(from: number): Float64Array {
    const size = this.size;
    const out = new Float64Array(Math.max(0, this.at.length - from) * size);
    for (let k = from, q = 0; k < this.at.length; k++, q += size) {
      const o = this.at[k];
      out.set(this.blocks[this.blockOf[k]].subarray(o, o + size), q);
    }
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
    this.blockOf = [];
    this.at = [];
    this.views = [];
    this.cursor = this.blockNumbers;
  }
}
