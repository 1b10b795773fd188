/**
 * The renderer's copy of a run's history, rebuilt from the append-only
 * `history` chunks the host sends (so the host never resends the whole
 * history). Plots read `series` and `params`; `version` changes on every
 * applied chunk so a view can tell that it must redraw.
 */
import type { HistoryChunk, HistorySeriesName } from './messages';

export interface ParamTrack {
  stride: number;
  /** epochs[k]: the epoch after which values[k] (flattened W[0], b[0], W[1], ...) was recorded */
  epochs: number[];
  values: number[][];
}

export class HistoryStore {
  series: Partial<Record<HistorySeriesName, number[]>> = {};
  params: ParamTrack = { stride: 1, epochs: [], values: [] };
  best: HistoryChunk['best'] = null;
  version = 0;

  /** number of entries (epoch 0 .. length-1) */
  get length(): number {
    return this.series.train_loss?.length ?? 0;
  }

  clear(): void {
    this.series = {};
    this.params = { stride: 1, epochs: [], values: [] };
    this.best = null;
    this.version++;
  }

  /**
   * Adds a chunk. Returns false (and changes nothing) when the chunk does not
   * continue what is stored: a gap would mean a lost message.
   */
  apply(chunk: HistoryChunk): boolean {
    if (chunk.from === 0) this.clear();
    else if (chunk.from !== this.length) return false;
    for (const [name, values] of Object.entries(chunk.series) as [HistorySeriesName, number[]][]) {
      const s = (this.series[name] ??= []);
      s.length = chunk.from; // entries from `from` on are replaced (normally there are none)
      for (const x of values) s.push(x);
    }
    const p = chunk.params;
    if (p.mode === 'replace') this.params = { stride: p.stride, epochs: [...p.epochs], values: [...p.values] };
    else {
      this.params.stride = p.stride;
      this.params.epochs.push(...p.epochs);
      this.params.values.push(...p.values);
    }
    this.best = chunk.best;
    this.version++;
    return true;
  }
}
