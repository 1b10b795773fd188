/**
 * Early stopping, with Keras's rule for an improvement: an entry improves
 * when it beats the best so far by more than min_delta; after `patience`
 * entries without improvement the run stops ('stopped_early'), putting back
 * the best entry's parameters when restore_best is set. Unlike Keras, entry 0
 * (the parameters before any update) counts: it is the first best, and can be
 * the one restored.
 *
 * The monitor is a series the run records: `test_*` needs a test set,
 * `*_accuracy` an output with an accuracy (evaluation.ts hasAccuracy); any
 * other is refused up front (monitorProblem), never silently replaced. Its
 * direction comes from that series: accuracies higher is better, losses and
 * MAE lower. Without a monitor in the file: test_loss with a test set, else
 * train_loss.
 *
 * restore_best also applies when a run ends without a stop (it reaches its
 * epochs), as in Keras 3: the best parameters become the current ones, the
 * history keeps what was measured. Training on from there (more epochs)
 * first puts back the parameters the run ended with, so entry k stays "after
 * k epochs" (endParams).
 */
import type { EarlyStoppingConfig, HistoryMetric, Params, ParamsJSON } from '../types';
import { cloneParams, copyParamsInto, unflattenParams } from '../net/params';

export interface Monitor {
  metric: HistoryMetric;
  higherIsBetter: boolean;
}

/** The series watched: the configured one, else test_loss with a test set, train_loss without. */
export function monitorOf(es: EarlyStoppingConfig, hasTest: boolean): Monitor {
  const metric = es.monitor ?? (hasTest ? 'test_loss' : 'train_loss');
  return { metric, higherIsBetter: metric.endsWith('accuracy') };
}

/** Why the monitor names a series this run does not record (null when it is fine). */
export function monitorProblem(es: EarlyStoppingConfig, hasTest: boolean, hasAccuracy: boolean): string | null {
  const m = es.monitor;
  if (m === undefined) return null;
  const at = 'experiment.early_stopping.monitor';
  const got = JSON.stringify(m);
  const other = m.replace(/^test_/, 'train_');
  if (m.startsWith('test_') && !hasTest) {
    return `${at}: expected a series the run records; ${got} needs a test set (the experiment has none): use ${JSON.stringify(other.endsWith('accuracy') && !hasAccuracy ? 'train_loss' : other)} or add data.test`;
  }
  if (m.endsWith('accuracy') && !hasAccuracy) {
    return `${at}: expected a series the run records; ${got} needs a classifier (a softmax output, or one sigmoid unit with targets 0 and 1): use ${JSON.stringify(m.replace('accuracy', 'loss'))}`;
  }
  return null;
}

/** Early stopping's saved bookkeeping (TrainerStateJSON's fields of the same names). */
export interface EarlyStoppingJSON {
  bestParams: Params | null;
  bestValue: number;
  sinceBest: number;
  endParams: Params | null;
}

export class EarlyStopping {
  readonly monitor: Monitor;
  /** the best entry's parameters (restore_best only) */
  bestParams: Params | null = null;
  /** the best monitored value so far, negated when higher is better */
  bestValue = Infinity;
  sinceBest = 0;
  /** the parameters a completed run ended with, while the best ones are restored in their place */
  endParams: Params | null = null;
  /** the epoch of the best entry, when known (−1 after `load`: then the trainer's epoch − sinceBest) */
  bestEpoch = -1;

  constructor(readonly cfg: EarlyStoppingConfig, hasTest: boolean) {
    this.monitor = monitorOf(cfg, hasTest);
  }

  /** Entry k = series.length − 1 was recorded with parameters p after `epoch` epochs: true when the run must stop (p then holds the best ones, if asked). */
  check(series: number[], p: Params, epoch = series.length - 1): boolean {
    const es = this.cfg;
    const k = series.length - 1;
    const v = this.monitor.higherIsBetter ? -series[k] : series[k];
    if (k === 0 || v < this.bestValue - es.min_delta) {
      this.bestValue = v;
      this.sinceBest = 0;
      this.bestEpoch = epoch;
      if (es.restore_best) {
        if (this.bestParams) copyParamsInto(this.bestParams, p);
        else this.bestParams = cloneParams(p);
      }
      return false;
    }
    this.sinceBest++;
    if (this.sinceBest < es.patience) return false;
    if (es.restore_best && this.bestParams) {
      this.stoppedWith = cloneParams(p);
      copyParamsInto(p, this.bestParams);
    }
    return true;
  }

  /**
   * Recomputes the bookkeeping from the series (after an entry was
   * replaced). epochOf(k): entry k's epoch (a thinned history keeps fewer
   * entries than epochs: only the kept ones are seen); snapshot(e): the
   * parameters after epoch e, if recorded.
   */
  replay(series: number[], epochOf: (k: number) => number, snapshot: (epoch: number) => Float64Array | null, p: Params): void {
    const es = this.cfg;
    this.bestValue = Infinity;
    this.sinceBest = 0;
    this.endParams = null;
    let bestEntry = -1;
    series.forEach((raw, k) => {
      const v = this.monitor.higherIsBetter ? -raw : raw;
      if (k === 0 || v < this.bestValue - es.min_delta) {
        this.bestValue = v;
        bestEntry = k;
      }
    });
    const bestEpoch = bestEntry >= 0 ? epochOf(bestEntry) : -1;
    this.bestEpoch = bestEpoch;
    if (bestEntry >= 0) this.sinceBest = epochOf(series.length - 1) - bestEpoch;
    const snap = bestEpoch >= 0 ? snapshot(bestEpoch) : null;
    if (es.restore_best && snap) {
      this.bestParams = cloneParams(p);
      unflattenParams(snap, this.bestParams);
    }
  }

  /** The run reached its epochs without a stop: with restore_best, p becomes the best parameters (the ones it ended with kept aside). */
  restoreAtEnd(p: Params): Params | null {
    if (!this.cfg.restore_best || !this.bestParams || this.endParams) return this.endedWith;
    this.endParams = cloneParams(p);
    copyParamsInto(p, this.bestParams);
    return this.endParams;
  }

  /** the parameters a stop replaced with the best ones (what the last update made), for the step's record */
  private stoppedWith: Params | null = null;

  /** The parameters the run ended with, when the best ones were put back at the end or at a stop; else null. */
  get endedWith(): Params | null {
    return this.endParams ?? this.stoppedWith;
  }

  /** Are the parameters the run ended with kept aside (restoreAtEnd), for resume to put back? */
  get resumes(): boolean {
    return this.endParams !== null;
  }

  /** Training goes on after restoreAtEnd: the parameters the run ended with come back. */
  resume(p: Params): void {
    if (!this.endParams) return;
    copyParamsInto(p, this.endParams);
    this.endParams = null;
  }

  toJSON(toJSON: (p: Params) => ParamsJSON): { bestParams: ParamsJSON | null; bestValue: number | null; sinceBest: number; endParams?: ParamsJSON } {
    return {
      bestParams: this.bestParams ? toJSON(this.bestParams) : null,
      bestValue: Number.isFinite(this.bestValue) ? this.bestValue : null,
      sinceBest: this.sinceBest,
      ...(this.endParams ? { endParams: toJSON(this.endParams) } : {}),
    };
  }

  load(j: EarlyStoppingJSON): void {
    this.bestParams = j.bestParams;
    this.bestValue = j.bestValue;
    this.sinceBest = j.sinceBest;
    this.endParams = j.endParams;
    this.bestEpoch = -1;
  }

  /**
   * The epoch whose parameters p holds in place of the last ones, or null:
   * with restore_best, a run that stopped early or completed (restoreAtEnd).
   * `epoch` is the trainer's, `stopped` whether the run stopped early.
   */
  restoredEpoch(epoch: number, stopped: boolean): number | null {
    if (!this.cfg.restore_best || !this.bestParams || !(stopped || this.endParams)) return null;
    return this.bestEpoch >= 0 ? this.bestEpoch : epoch - this.sinceBest;
  }
}
