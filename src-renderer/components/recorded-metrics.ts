/**
 * The loss readout while the network view's timeline looks back: the metrics
 * of epoch k as the run's history recorded them (entry k of each series is
 * measured with the parameters after k epochs, as the live readout is).
 */
import type { HistorySeriesName } from '../../src-core/protocol/messages';
import type { Metrics, SetMetrics } from '../../src-core/train/types';

type Series = Partial<Record<HistorySeriesName, ArrayLike<number>>>;

/** Entry k of the history's series as Metrics; null when the history has no entry k. */
export function recordedMetrics(series: Series, k: number): Metrics | null {
  const loss = series.train_loss;
  if (!loss || !Number.isInteger(k) || k < 0 || k >= loss.length) return null;
  const set = (which: 'train' | 'test'): SetMetrics | undefined => {
    const l = series[`${which}_loss`];
    if (!l || k >= l.length) return undefined;
    const acc = series[`${which}_accuracy`];
    return { loss: l[k], mae: series[`${which}_mae`]?.[k] ?? NaN, ...(acc && k < acc.length ? { accuracy: acc[k] } : {}) };
  };
  const test = set('test');
  return { train: set('train')!, ...(test ? { test } : {}) };
}
