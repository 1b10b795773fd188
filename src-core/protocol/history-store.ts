/**
 * The renderer's copy of a run's history, rebuilt from the `history` chunks
 * the host sends: each holds the entries from the first one that changed
 * (new ones appended, or an entry an edit re-recorded and what follows it),
 * so the host never resends the whole history. Plots read `series`, `params`, `paramTrack(k)`; `version` changes
 * on every applied chunk so a view can tell that it must redraw.
 * Storage is typed arrays that grow by doubling: appending a chunk costs its
 * own size, not the history's.
 *
 * A long run's history may be thinned (src-core/train/thinning.ts): then
 * entry k is no longer epoch k, and `epochs[k]` says which it is (always
 * filled: k itself where the history is not thinned).
 */
import type { HistoryChunk, HistorySeriesName } from './messages';
import { lastAtOrBefore, type ThinningJSON } from '../train/thinning';

/** The series as plain arrays, as a saved history holds them (HistoryJSON), with a thinned history's epochs and rule. */
export type SeriesArrays = Partial<Record<HistorySeriesName, number[]>> & { epochs?: number[]; thinning?: ThinningJSON };

/** A growable Float64Array; `view` is the filled part. */
class Growable {
  private buf = new Float64Array(64);
  length = 0;
  get view(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
  /** Writes `values` at `at` (≤ length), dropping anything after it. */
  write(at: number, values: Float64Array): void {
    const need = at + values.length;
    if (need > this.buf.length) {
      const grown = new Float64Array(Math.max(need, 2 * this.buf.length));
      grown.set(this.buf.subarray(0, at));
      this.buf = grown;
    }
    this.buf.set(values, at);
    this.length = need;
  }
}

/** The recorded parameter snapshots, flattened: snapshot k is values[k·size .. (k+1)·size). */
export interface ParamRecordFlat {
  stride: number;
  /** numbers per snapshot: W[0] row by row, b[0], W[1], b[1], ... */
  size: number;
  /** epochs[k]: the epoch after which snapshot k was recorded */
  epochs: Float64Array;
  values: Float64Array;
}

export class HistoryStore {
  private buffers = new Map<HistorySeriesName, Growable>();
  private paramEpochs = new Growable();
  private paramValues = new Growable();
  /** per-parameter tracks built so far (paramTrack), and the epochs as a plain list */
  private tracks = new Map<number, Growable>();
  private epochList: number[] = [];
  private gradBuffers: Growable[] = [];
  private epochBuffer = new Growable();
  /** epochs[k]: the epoch of entry k of every series (views: valid until the next apply) */
  epochs: Float64Array = new Float64Array(0);
  /** how the history is thinned, once it is (null: every epoch is kept) */
  thinning: { dense: number; budget: number; stride: number } | null = null;
  /** gradNorm[l][k]: layer l's gradient norm over epoch k's updates (History.grad_norm; views: valid until the next apply) */
  gradNorm: Float64Array[] = [];
  /** entry k of each series: measured after k epochs (views: valid until the next apply) */
  series: Partial<Record<HistorySeriesName, Float64Array>> = {};
  params: ParamRecordFlat = { stride: 1, size: 0, epochs: new Float64Array(0), values: new Float64Array(0) };
  best: HistoryChunk['best'] = null;
  version = 0;

  /** number of entries (epochs 0 .. lastEpoch, fewer than the epochs once thinned) */
  get length(): number {
    return this.series.train_loss?.length ?? 0;
  }

  /** The epoch of the last entry (−1 when there is none). */
  get lastEpoch(): number {
    const n = this.epochs.length;
    return n ? this.epochs[n - 1] : -1;
  }

  /** The entry recorded for exactly this epoch, or −1 (a thinned history keeps only some). */
  entryOf(epoch: number): number {
    const k = this.entryAtOrBefore(epoch);
    return k >= 0 && this.epochs[k] === epoch ? k : -1;
  }

  /** The last entry at or before this epoch (binary search), or −1. */
  entryAtOrBefore(epoch: number): number {
    return lastAtOrBefore(this.epochs, epoch);
  }

  /** x of each gradient norm: gradNorm[l][j] is over the updates that start from entry j (epoch epochs[j]'s, counted from 0). */
  gradEpochs(): Float64Array {
    const n = Math.min(this.gradNorm[0]?.length ?? 0, this.epochs.length);
    return this.epochs.subarray(0, n);
  }

  clear(): void {
    this.buffers.clear();
    this.paramEpochs = new Growable();
    this.paramValues = new Growable();
    this.tracks.clear();
    this.epochList = [];
    this.gradBuffers = [];
    this.gradNorm = [];
    this.epochBuffer = new Growable();
    this.epochs = new Float64Array(0);
    this.thinning = null;
    this.series = {};
    this.params = { stride: 1, size: 0, epochs: new Float64Array(0), values: new Float64Array(0) };
    this.best = null;
    this.version++;
  }

  /** Snapshot k (a view, no copy). */
  paramSnapshot(k: number): Float64Array {
    const { size, values } = this.params;
    return values.subarray(k * size, (k + 1) * size);
  }

  /**
   * One parameter over the recorded epochs; `index` is its place in the
   * flattened order. Tracks are kept up to date as chunks arrive, so asking
   * again after each chunk costs only the new entries (views: valid until
   * the next apply).
   */
  paramTrack(index: number): { epochs: number[]; values: Float64Array } {
    let t = this.tracks.get(index);
    if (!t) this.tracks.set(index, (t = new Growable()));
    const { size, epochs, values } = this.params;
    const n = epochs.length;
    if (t.length < n) {
      const from = t.length;
      const fresh = new Float64Array(n - from);
      for (let k = from, at = from * size + index; k < n; k++, at += size) fresh[k - from] = values[at];
      t.write(from, fresh);
    }
    // the epochs as a plain list, made when a track is first asked for after a chunk
    const list = this.epochList;
    for (let k = list.length; k < n; k++) list.push(epochs[k]);
    return { epochs: list, values: t.view };
  }

  /** The series as plain lists (for JSON and CSV export), with a thinned history's epochs and rule (HistoryJSON's fields). */
  seriesArrays(): SeriesArrays {
    const out: SeriesArrays = {};
    for (const [name, values] of Object.entries(this.series) as [HistorySeriesName, Float64Array][]) out[name] = Array.from(values);
    if (this.thinning) {
      out.epochs = Array.from(this.epochs);
      out.thinning = { ...this.thinning };
    }
    return out;
  }

  /**
   * Adds a chunk: its entries replace the stored ones from chunk.from on
   * (the parameter snapshots from params.from, the gradient norms from
   * gradNorm.from). Returns false (and changes nothing) when the chunk starts
   * after what is stored: a gap would mean a lost message.
   */
  apply(chunk: HistoryChunk): boolean {
    const g = chunk.gradNorm;
    const p = chunk.params;
    const gradLength = chunk.from === 0 ? 0 : (this.gradNorm[0]?.length ?? 0);
    const snapshots = chunk.from === 0 ? 0 : this.paramEpochs.length;
    if (chunk.from > this.length) return false;
    if (g && g.from > gradLength) return false;
    if (p.mode === 'append' && p.from !== undefined && p.from > snapshots) return false;
    if (chunk.from === 0) this.clear();
    if (g) {
      this.gradNorm = g.layers.map((values, l) => {
        const b = (this.gradBuffers[l] ??= new Growable());
        b.write(g.from, values);
        return b.view;
      });
    }
    const series: Partial<Record<HistorySeriesName, Float64Array>> = {};
    for (const [name, values] of Object.entries(chunk.series) as [HistorySeriesName, Float64Array][]) {
      let b = this.buffers.get(name);
      if (!b) this.buffers.set(name, (b = new Growable()));
      b.write(chunk.from, values);
      series[name] = b.view;
    }
    this.series = series;
    const n = chunk.series.train_loss?.length ?? 0;
    const epochs = chunk.epochs && chunk.epochs.length === n ? chunk.epochs : countFrom(chunk.from, n);
    this.epochBuffer.write(chunk.from, epochs);
    this.epochs = this.epochBuffer.view;
    this.thinning = chunk.thinning ? { ...chunk.thinning } : null;
    const at = p.mode === 'replace' ? 0 : (p.from ?? this.paramEpochs.length);
    if (p.mode === 'replace') this.tracks.clear();
    // tracks and the epoch list keep the snapshots before `at`; paramTrack rebuilds the rest
    for (const t of this.tracks.values()) if (t.length > at) t.write(at, new Float64Array(0));
    this.epochList.length = Math.min(this.epochList.length, at);
    this.paramEpochs.write(at, p.epochs);
    this.paramValues.write(at * p.size, p.values);
    this.params = { stride: p.stride, size: p.size, epochs: this.paramEpochs.view, values: this.paramValues.view };
    this.best = chunk.best;
    this.version++;
    return true;
  }
}

/** from, from + 1, …, from + n − 1 */
function countFrom(from: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = from + i;
  return out;
}
