/**
 * The per-epoch record of a run. Entry k of every series is measured with the
 * parameters after k epochs; entry 0 is the starting point. Parameter
 * snapshots are kept evenly thinned within a budget of numbers: when the
 * record would exceed it, every other snapshot goes and the stride doubles.
 *
 * Snapshots are stored as numbers in blocks (snapshots.ts); the views
 * History.params.values holds are made when it is read.
 *
 * The recorder is the history's one owner: every change goes through it and
 * its change log (takeChanges) says from which entry on the series changed —
 * an entry appended, or replaced after an edit (truncate, then push), the
 * parameter record thinned, a saved history loaded.
 */
import type { HistoryMetric, Params } from '../types';
import type { History, HistoryChanges, HistoryJSON, Metrics, ParamRecord } from './types';
import { ThinnedIndex, thinningProblem, type ThinningOptions } from './thinning';
import { SnapshotStore } from './snapshots';

/**
 * A history's change log: the first entry, snapshot and gradient norm that
 * changed since the last take (everything, at first). Whoever changes the
 * history marks what it changed; one consumer takes.
 */
export class ChangeLog {
  /**
   * entries, snapshots, gradNorm; in a typed array, as "nothing changed" is Infinity: fields that held 0
   * first and then Infinity changed their representation in every new trainer, and V8 deoptimised
   * the recorder's push each time (bench/README.md)
   */
  private readonly c = new Float64Array(3);

  mark(entries: number, snapshots: number, gradNorm: number): void {
    const c = this.c;
    if (entries < c[0]) c[0] = entries;
    if (snapshots < c[1]) c[1] = snapshots;
    if (gradNorm < c[2]) c[2] = gradNorm;
  }

  /** What changed in h since the last take (each index at most its series' length), and a fresh log. */
  take(h: History): HistoryChanges {
    const c = this.c;
    const changes = {
      entries: Math.min(c[0], h.train_loss.length),
      snapshots: Math.min(c[1], h.params.epochs.length),
      gradNorm: Math.min(c[2], h.grad_norm?.[0]?.length ?? 0),
    };
    c.fill(Infinity);
    return changes;
  }
}

/**
 * An empty array for a series of doubles. Made from a double so it holds doubles from the start: an
 * empty literal's first push changed its kind of elements in every new trainer, and V8 deoptimised
 * the recorder's push each time (bench/README.md).
 */
export function doubles(): number[] {
  const a = [0.5];
  a.pop();
  return a;
}

export class HistoryRecorder {
  readonly h: History;
  private readonly maxSnapshots: number;
  private readonly size: number;
  /** the numbers of h.params.values */
  private readonly snaps: SnapshotStore;

  private readonly layers: number;
  private readonly log = new ChangeLog();
  /** the series' thinning (thinning.ts), when asked for or loaded */
  private thin: ThinnedIndex | null;
  /** with thin: the epoch of the next entry (after a truncation, the epoch truncated at) */
  private next = 0;

  constructor(hasTest: boolean, hasAccuracy: boolean, paramCount: number, maxNumbers: number, layers = 0, thinning?: ThinningOptions) {
    this.layers = layers;
    this.thin = thinning ? new ThinnedIndex(thinning) : null;
    this.h = {
      train_loss: doubles(), train_mae: doubles(),
      params: this.record([], 1),
      best: null,
      grad_norm: Array.from({ length: layers }, doubles),
    };
    if (hasTest) {
      this.h.test_loss = doubles();
      this.h.test_mae = doubles();
    }
    if (hasAccuracy) {
      this.h.train_accuracy = doubles();
      if (hasTest) this.h.test_accuracy = doubles();
    }
    this.maxSnapshots = Math.max(2, Math.floor(maxNumbers / Math.max(1, paramCount)));
    this.size = paramCount;
    this.snaps = new SnapshotStore(paramCount, Math.min(1024, this.maxSnapshots, Math.floor(65536 / Math.max(1, paramCount))));
  }

  /** A parameter record whose values are the store's snapshots (views made when read). */
  private record(epochs: number[], stride: number): ParamRecord {
    const snaps = () => this.snaps;
    return {
      epochs,
      stride,
      get values(): Float64Array[] {
        return snaps().all();
      },
    };
  }

  /** Snapshots from … on end to end (what a host sends), without a view each. */
  snapshotsFlat(from: number): Float64Array {
    return this.snaps.copyFlat(from);
  }

  /** Epochs recorded: the next entry's epoch (a thinned history holds fewer entries). */
  get length(): number {
    return this.thin ? this.next : this.h.train_loss.length;
  }

  private lists(): (number[] | undefined)[] {
    const h = this.h;
    return [h.train_loss, h.train_mae, h.test_loss, h.test_mae, h.train_accuracy, h.test_accuracy];
  }

  /** History.epochs and thinning while the index says the history is thinned. */
  private markThinned(): void {
    if (this.thin?.thinned) {
      this.h.epochs = this.thin.epochs;
      this.h.thinning = this.thin.toJSON();
    } else {
      delete this.h.epochs;
      delete this.h.thinning;
    }
  }

  /** The first entry, snapshot and gradient norm that changed since the last call (each its series' length when none did). */
  takeChanges(): HistoryChanges {
    return this.log.take(this.h);
  }

  private mark(entries: number, snapshots: number, gradNorm: number): void {
    this.log.mark(entries, snapshots, gradNorm);
  }

  /** The metric history.best ranks by: test_loss where there is a test set, else train_loss. */
  get bestMetric(): HistoryMetric {
    return this.h.test_loss ? 'test_loss' : 'train_loss';
  }

  /** Appends entry `epoch` (must equal the current length), with a snapshot of the parameters p when the stride says so. */
  push(epoch: number, m: Metrics, p: Params): void {
    if (epoch !== this.length) throw new Error(`history: entry ${epoch} recorded out of order (have ${this.length})`);
    const h = this.h;
    const entry = h.train_loss.length;
    this.mark(entry, h.params.epochs.length, Infinity);
    h.train_loss.push(m.train.loss);
    h.train_mae.push(m.train.mae);
    if (h.train_accuracy) h.train_accuracy.push(m.train.accuracy ?? NaN);
    if (m.test && h.test_loss && h.test_mae) {
      h.test_loss.push(m.test.loss);
      h.test_mae.push(m.test.mae);
      if (h.test_accuracy) h.test_accuracy.push(m.test.accuracy ?? NaN);
    }
    if (this.thin) {
      this.next = epoch + 1;
      const changed = this.thin.appended(epoch, this.lists(), h.grad_norm ?? []);
      if (changed < Infinity) this.mark(changed, Infinity, changed);
      this.markThinned();
    }
    const rec = h.params;
    if (epoch % rec.stride === 0) {
      rec.epochs.push(epoch);
      this.snaps.pushParams(p);
      if (rec.epochs.length > this.maxSnapshots) {
        rec.stride *= 2;
        this.mark(Infinity, 0, Infinity);
        const keep = rec.epochs.map((e, k) => (e % rec.stride === 0 ? k : -1)).filter((k) => k >= 0);
        rec.epochs = keep.map((k) => rec.epochs[k]);
        this.snaps.keep(keep);
      }
    }
    const value = (m.test ? m.test.loss : m.train.loss);
    // updated in place (no object per epoch); hosts copy it when they send it
    if (h.best === null) h.best = { epoch, metric: this.bestMetric, value };
    else if (value < h.best.value) {
      h.best.epoch = epoch;
      h.best.value = value;
    }
  }

  /**
   * Appends the gradient norms of one completed epoch, one per layer (see
   * History.grad_norm): the mean over its `batches` of each batch's norm,
   * from their sums, which are set back to 0 for the next epoch.
   */
  pushGradNorm(sums: Float64Array, batches: number): void {
    const g = this.h.grad_norm!;
    this.mark(Infinity, Infinity, g[0]?.length ?? 0);
    for (let l = 0; l < g.length; l++) {
      g[l].push(sums[l] / batches);
      sums[l] = 0;
    }
  }

  /** Drops entries k ≥ epoch (a parameter edited at an epoch boundary re-records that entry). */
  truncate(epoch: number): void {
    const h = this.h;
    // entries of epochs < epoch stay, and the gradient norms of the updates that start from them (grad_norm[j]: from entry j)
    const n = this.thin ? this.thin.truncate(epoch) : epoch;
    if (this.thin) this.next = Math.min(this.next, epoch);
    for (const s of this.lists()) if (s && s.length > n) s.length = n;
    for (const g of this.h.grad_norm ?? []) if (g.length > n) g.length = n;
    this.markThinned();
    while (h.params.epochs.length > 0 && h.params.epochs[h.params.epochs.length - 1] >= epoch) {
      h.params.epochs.pop();
      this.snaps.pop();
    }
    this.mark(n, h.params.epochs.length, Math.min(n, h.grad_norm?.[0]?.length ?? 0));
    const series = h.test_loss ?? h.train_loss;
    h.best = null;
    series.forEach((value, k) => {
      if (h.best === null || value < h.best.value) h.best = { epoch: h.epochs?.[k] ?? k, metric: this.bestMetric, value };
    });
  }

  /** The epochs of a series' entries (entry k is epoch k unless the history is thinned). */
  epochOf(k: number): number {
    return this.h.epochs?.[k] ?? k;
  }

  /** A series the run records (an early-stopping monitor: checked up front, early-stopping.ts monitorProblem). */
  series(metric: HistoryMetric): number[] {
    const s = this.h[metric];
    if (!s) throw new Error(`history: this run records no ${metric}`);
    return s;
  }

  /** Snapshot recorded for exactly this epoch, if any. */
  snapshot(epoch: number): Float64Array | null {
    const k = this.h.params.epochs.lastIndexOf(epoch);
    return k >= 0 ? this.snaps.get(k) : null;
  }

  /**
   * The history as saved. The series are complete; the parameter record is
   * thinned to at most `maxParamNumbers` numbers (see thinnedRecord).
   */
  toJSON(maxParamNumbers = Infinity): HistoryJSON {
    const h = this.h;
    const out: HistoryJSON = {
      train_loss: h.train_loss.slice(), train_mae: h.train_mae.slice(),
      params: thinnedRecord(h.params.epochs, (k) => this.snaps.get(k), h.params.stride, this.size, maxParamNumbers),
      best: h.best ? { ...h.best } : null,
      grad_norm: (h.grad_norm ?? []).map((g) => g.slice()),
    };
    if (h.test_loss) out.test_loss = h.test_loss.slice();
    if (h.test_mae) out.test_mae = h.test_mae.slice();
    if (h.train_accuracy) out.train_accuracy = h.train_accuracy.slice();
    if (h.test_accuracy) out.test_accuracy = h.test_accuracy.slice();
    if (h.epochs && h.thinning) {
      out.epochs = h.epochs.slice();
      out.thinning = { ...h.thinning };
    }
    return out;
  }

  /**
   * Restores a saved history. `epochs`: the run's completed epochs, the
   * length of grad_norm; a file without (a valid) grad_norm gets NaN there.
   */
  loadJSON(j: HistoryJSON, epochs = 0): void {
    const h = this.h;
    this.mark(0, 0, 0);
    // a thinned history carries the epoch of each entry; it goes on thinning by its own rule
    let gradLength = epochs;
    if (j.epochs !== undefined || j.thinning !== undefined) {
      const problem = thinningProblem('history', j.epochs, j.thinning, Array.isArray(j.train_loss) ? j.train_loss.length : 0);
      if (problem) throw new Error(problem);
      const last = j.epochs!.length ? j.epochs![j.epochs!.length - 1] : -1;
      if (last > epochs) throw new Error(`history.epochs: expected entries up to the run's epoch ${epochs}, got one at epoch ${last}`);
      this.thin = new ThinnedIndex(j.thinning!);
      this.thin.load(j.epochs!, j.thinning!.stride);
      // a gradient norm per entry but the last, and the last's when the entry after it is pending
      gradLength = j.epochs!.length - 1 + (epochs - last);
      this.next = last + 1;
    } else if (this.thin) {
      const n = Array.isArray(j.train_loss) ? j.train_loss.length : 0;
      this.thin.load(Array.from({ length: n }, (_, k) => k), 1);
      this.next = n;
    }
    const g = j.grad_norm;
    const valid = Array.isArray(g) && g.length === this.layers && g.every((s) => Array.isArray(s) && s.length === gradLength);
    h.grad_norm = valid ? g.map((s) => s.slice()) : Array.from({ length: this.layers }, () => new Array<number>(gradLength).fill(NaN));
    h.train_loss = j.train_loss.slice();
    h.train_mae = j.train_mae.slice();
    if (h.test_loss) h.test_loss = (j.test_loss ?? []).slice();
    if (h.test_mae) h.test_mae = (j.test_mae ?? []).slice();
    if (h.train_accuracy) h.train_accuracy = (j.train_accuracy ?? []).slice();
    if (h.test_accuracy) h.test_accuracy = (j.test_accuracy ?? []).slice();
    const values = j.params?.values;
    const snapEpochs = j.params?.epochs;
    if (!Array.isArray(values) || !Array.isArray(snapEpochs) || values.length !== snapEpochs.length) {
      throw new Error(`history.params: expected as many snapshots as epochs, got ${Array.isArray(values) ? values.length : 'none'} and ${Array.isArray(snapEpochs) ? snapEpochs.length : 'none'}`);
    }
    values.forEach((v, k) => {
      if (!Array.isArray(v) || v.length !== this.size) {
        throw new Error(`history.params.values[${k}]: expected ${this.size} numbers (one per parameter), got ${Array.isArray(v) ? v.length : JSON.stringify(v)}`);
      }
    });
    this.snaps.clear();
    for (const v of values) this.snaps.push(v);
    h.params = this.record(j.params.epochs.slice(), j.params.stride);
    h.best = j.best ? { ...j.best } : null;
    this.markThinned();
  }
}

/**
 * The parameter record within a budget of numbers, for saving: the stride
 * doubles (keeping the snapshots at its multiples, so they stay evenly
 * spaced, epoch 0 included) until the snapshots fit, the last snapshot (the
 * final parameters) always kept exactly. At least the first and the last
 * snapshot are kept, however large the net.
 */
export function thinnedRecord(
  epochs: readonly number[], snapshot: (k: number) => ArrayLike<number>, recStride: number, size: number, maxNumbers: number,
): HistoryJSON['params'] {
  const maxSnapshots = Math.max(2, Math.floor(maxNumbers / Math.max(1, size)));
  const n = epochs.length;
  let keep = epochs.map((_, k) => k);
  let stride = recStride;
  while (keep.length > maxSnapshots) {
    stride *= 2;
    keep = epochs.map((e, k) => (e % stride === 0 || k === n - 1 ? k : -1)).filter((k) => k >= 0);
    if (keep.length <= 2) break;
  }
  return { epochs: keep.map((k) => epochs[k]), values: keep.map((k) => Array.from(snapshot(k))), stride };
}
