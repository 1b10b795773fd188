/**
 * The events the trainer service sends about its run: history chunks from
 * the history's change log (HistorySender), snapshots, and the status text.
 */
import type { History, Metrics } from '../train/types';
import { paramCount, paramsToJSON } from '../net/params';
import { type HistoryChunk, type HistorySeriesName, type HostStatus, type Snapshot, PROTOCOL_VERSION, historySeriesNames } from './messages';
import type { TrainerLike } from './service-types';

export const statusText: Record<HostStatus, string> = {
  empty: 'no session',
  idle: 'ready',
  running: 'running',
  paused: 'paused',
  completed: 'finished',
  diverged: 'diverged',
  stopped_early: 'stopped early',
  error: 'error',
};

/**
 * Sends a trainer's history as chunks: each from the first entry that
 * changed since the last chunk (the trainer's change log, train/history.ts):
 * new entries appended, an entry an edit re-recorded replaced from there on,
 * the parameter record whole when it was thinned. A new trainer (load,
 * reset) is sent from entry 0, which starts the renderer's store afresh.
 */
export class HistorySender {
  private fresh = true;

  /** The next chunk comes from entry 0 (a new trainer). */
  restart(): void {
    this.fresh = true;
  }

  /** The chunk of what changed, or null when nothing did. */
  chunk(t: TrainerLike): HistoryChunk | null {
    // reading `history` may record a pending entry: before taking the log
    const h = t.history;
    const c = t.takeHistoryChanges();
    const fresh = this.fresh;
    this.fresh = false;
    const rec = h.params;
    const g = h.grad_norm;
    const n = h.train_loss.length;
    const nGrad = g?.[0]?.length ?? 0;
    const from = fresh ? 0 : c.entries;
    const p0 = fresh ? 0 : c.snapshots;
    const gFrom = fresh ? 0 : c.gradNorm;
    const nSnaps = rec.epochs.length;
    if (!fresh && from === n && p0 === nSnaps && gFrom === nGrad) return null;
    const series: HistoryChunk['series'] = {};
    for (const name of historySeriesNames) {
      const s = h[name as HistorySeriesName];
      if (s) series[name] = Float64Array.from(s.slice(from));
    }
    const values = t.historySnapshotsFlat ? t.historySnapshotsFlat(p0) : flat(rec.values, p0, paramCount(t.opts.network));
    const size = nSnaps > 0 ? paramCount(t.opts.network) : 0;
    const mode = p0 === 0 ? 'replace' : 'append';
    const chunk: HistoryChunk = {
      v: PROTOCOL_VERSION,
      type: 'history',
      from,
      series,
      params: { mode, ...(mode === 'append' ? { from: p0 } : {}), stride: rec.stride, size, epochs: Float64Array.from(rec.epochs.slice(p0)), values },
      best: h.best ? { ...h.best } : null,
    };
    if (g && g.length > 0) chunk.gradNorm = { from: gFrom, layers: g.map((s) => Float64Array.from(s.slice(gFrom))) };
    if (h.epochs && h.thinning) {
      chunk.epochs = Float64Array.from(h.epochs.slice(from));
      chunk.thinning = { ...h.thinning };
    }
    return chunk;
  }
}

/** snapshots[from..] end to end in one array */
function flat(snapshots: Float64Array[], from: number, size: number): Float64Array {
  const out = new Float64Array((snapshots.length - from) * size);
  for (let k = from; k < snapshots.length; k++) out.set(snapshots[k], (k - from) * size);
  return out;
}

/**
 * The trainer's state now. During a run the step changes 15 times a second:
 * too fast to read, and redrawing every formula and activation with it would
 * load the UI thread; it comes back with the snapshot sent when the run
 * pauses or ends (full).
 */
export function snapshotOf(t: TrainerLike, full: boolean, status: HostStatus, targetEpoch: number): Snapshot {
  return {
    v: PROTOCOL_VERSION,
    type: 'snapshot',
    epoch: t.epoch,
    updates: t.updates,
    nextPhase: t.nextPhase,
    status,
    targetEpoch,
    params: paramsToJSON(t.opts.network, t.params),
    lastStep: full ? t.lastStep : null,
    metrics: currentMetrics(t, full),
    divergence: t.divergence,
    optimizer: { ...t.opts.optimizer },
    ...(t.restoredEpoch != null ? { restoredEpoch: t.restoredEpoch } : {}),
  };
}

/**
 * A full evaluation on every pause (unless the net and data make it long:
 * then, as during a run, the history's last entry); during a run the
 * history's last entry (same params, no extra pass).
 */
function currentMetrics(t: TrainerLike, full: boolean): Metrics {
  return full && evaluationIsQuick(t) ? t.evaluate() : metricsFromHistory(t.history, t.restoredEpoch) ?? t.evaluate();
}

/** multiply-adds of a whole evaluation up to which a paused snapshot measures the current parameters (~50 ms) */
const QUICK_EVALUATION = 50_000_000;

function evaluationIsQuick(t: TrainerLike): boolean {
  const rows = t.opts.data.train.x.rows + (t.opts.data.test?.x.rows ?? 0);
  return rows * paramCount(t.opts.network) <= QUICK_EVALUATION;
}

/** The last entry's metrics, or (early stopping put back an epoch's parameters) that epoch's entry: theirs. */
function metricsFromHistory(h: History, restored: number | null | undefined): Metrics | null {
  const k = restored == null ? h.train_loss.length - 1 : h.epochs ? h.epochs.indexOf(restored) : restored;
  if (k < 0 || k >= h.train_loss.length) return null;
  const at = (s?: number[]) => (s && s.length > k ? s[k] : undefined);
  const train = { loss: h.train_loss[k], mae: h.train_mae[k], ...(h.train_accuracy ? { accuracy: at(h.train_accuracy)! } : {}) };
  if (!h.test_loss) return { train };
  return { train, test: { loss: at(h.test_loss)!, mae: at(h.test_mae)!, ...(h.test_accuracy ? { accuracy: at(h.test_accuracy)! } : {}) } };
}
