/**
 * Public types of the trainer: options, the detail of one update (every
 * chain-rule factor the backward pass used), metrics, history and saved state.
 */
import type {
  DataSplit, Divergence, EarlyStoppingConfig, HistoryMetric, LossKind, Matrix, NetworkSpec,
  OptimizerConfig, Params, ParamsJSON, Phase, Reduction, RunStatus,
} from '../types';
import type { ThinningJSON, ThinningOptions } from './thinning';

export interface TrainerOptions {
  network: NetworkSpec;
  loss: LossKind;
  reduction: Reduction;
  optimizer: OptimizerConfig;
  batchSize: number | 'full';
  shuffle: boolean;
  /** how many epochs "Run" trains (informational for the host; runEpochs(n) is authoritative) */
  epochs: number;
  earlyStopping?: EarlyStoppingConfig;
  data: DataSplit;
  /** starting parameters (copied, never mutated) */
  params: Params;
  /** uniform [0,1) stream for reshuffling, from the session seed */
  shuffleRandom: () => number;
  /**
   * Cap on the numbers kept in history.params (default 2 000 000, i.e. 16 MB).
   * When the record would exceed it, every other snapshot is dropped and the
   * stride doubles, so the record stays evenly spaced over the run.
   */
  maxHistoryParamNumbers?: number;
  /**
   * Thins the history's series past `dense` epochs so a long run's memory
   * stays bounded (train/thinning.ts; the app's hosts use APP_THINNING).
   * Absent: every entry is kept (the command line: a run is bounded by the
   * epoch limit). A saved thinned history goes on thinning by its own rule.
   */
  historyThinning?: ThinningOptions;
  /**
   * Cap on the numbers of history.params in a saved state (toState, so every
   * saved run; default 20 000). The record is thinned evenly (the stride
   * doubles) and keeps its last snapshot, the final parameters, exactly;
   * the loss/metric series are always saved complete. Infinity: all of it.
   */
  maxSavedParamNumbers?: number;
}

/**
 * One update (one batch), with the very numbers the three phases computed.
 * Matrices are [sample][unit] over the samples of the batch, in batch order.
 *
 * Chain rule per sample s, with ℓ_s the per-sample loss:
 *   dLda[L-1] = dℓ_s/da          (output layer; for the fused pairs sigmoid+BCE
 *                                  and softmax+CE it is shown but not used)
 *   fprime[l] = f'(z)            (softmax: the diagonal a(1−a); the backward pass
 *                                  uses the full Jacobian, see network.ts)
 *   delta[l]  = dℓ_s/dz          (output: dLda ⊙ f'(z), or fused a − y;
 *                                  hidden: dLda[l] ⊙ f'(z[l]) with dLda[l] = W[l+1]ᵀ delta[l+1])
 *   gradW[l][j][i] = scale · Σ_s delta[l][s][j] · a_prev[s][i]
 *   gradB[l][j]    = scale · Σ_s delta[l][s][j]
 * where scale = 1/n for reduction "mean" and 1 for "sum".
 */
export interface StepDetail {
  /** 0-based epoch this update belongs to */
  epoch: number;
  /** 0-based index of the batch within its epoch */
  batch: number;
  /** training-set row index of each sample of the batch */
  indices: number[];
  x: Matrix;
  y: Matrix;
  /** which phases of this update have run */
  done: { forward: boolean; backward: boolean; update: boolean };
  /** per layer l: z = W a_prev + b and a = f(z) */
  z: Matrix[];
  a: Matrix[];
  /** the batch loss (reduced per the session's reduction) */
  loss: number;
  /** ℓ_s per sample */
  sampleLoss: Float64Array;
  /** per layer: dℓ_s/da (the output layer's from the loss, hidden ones W[l+1]ᵀ delta[l+1]) */
  dLda: Matrix[];
  fprime: Matrix[];
  delta: Matrix[];
  /** true when the output delta is the fused a − y (sigmoid+BCE, softmax+CE) */
  fused: boolean;
  /** 1/n (mean) or 1 (sum) */
  scale: number;
  gradW: Float64Array[];
  gradB: Float64Array[];
  /** parameters before the update, and after it (null until the update phase ran) */
  before: Params;
  after: Params | null;
  /** learning rate used by the update */
  lr: number;
  /**
   * The optimizer's state around this update (null for plain SGD, which has
   * none; absent from hosts that predate it). See OptimizerStep.
   */
  optimizer?: OptimizerStep | null;
}

/** A state buffer around one update: `after` is null until the update phase ran. */
export interface StateBeforeAfter {
  before: Params;
  after: Params | null;
}

/**
 * The optimizer's numbers of one update, per parameter (laid out like Params):
 *   momentum:  v' = μ·v + g;  SGD w' = w − lr·v',  Nesterov w' = w − lr·(g + μ·v')
 *   adam:      m' = β1·m + (1−β1)·g;  s' = β2·s + (1−β2)·g²;
 *              m̂ = m'/c1, ŝ = s'/c2 with c1 = 1 − β1^t, c2 = 1 − β2^t;
 *              w' = w − lr·m̂/(√ŝ + ε)   (t counts updates, this one included)
 */
export type OptimizerStep =
  | { kind: 'momentum'; mu: number; nesterov: boolean; velocity: StateBeforeAfter }
  | { kind: 'adam'; beta1: number; beta2: number; eps: number; t: number; c1: number; c2: number; m: StateBeforeAfter; s: StateBeforeAfter };

export interface SetMetrics {
  loss: number;
  /** mean absolute error over samples and output units */
  mae: number;
  /** classification only (softmax output: argmax; one sigmoid output: a ≥ 0.5 vs y ≥ 0.5) */
  accuracy?: number;
}

export interface Metrics {
  train: SetMetrics;
  test?: SetMetrics;
}

/** Evenly spaced parameter snapshots: values[k] are the flattened params after epochs[k] epochs. */
export interface ParamRecord {
  /** order of each snapshot: W[0] (row-major by unit), b[0], W[1], b[1], ... */
  epochs: number[];
  values: Float64Array[];
  /** snapshots are kept at epochs that are multiples of stride */
  stride: number;
}

/**
 * What a history holds besides its parameter record, live (History) and as
 * saved (HistoryJSON) alike. Entry k of every series is measured with the
 * parameters after k epochs (entry 0: the start).
 */
interface HistorySeries {
  train_loss: number[];
  train_mae: number[];
  test_loss?: number[];
  test_mae?: number[];
  train_accuracy?: number[];
  test_accuracy?: number[];
  /** best entry so far by test_loss (when there is a test set), else train_loss */
  best: { epoch: number; metric: HistoryMetric; value: number } | null;
  /**
   * grad_norm[l][k]: the L2 norm of layer l's gradient (gradW[l] and gradB[l]
   * together, √(Σ gradW² + Σ gradB²)) over the updates of epoch k, i.e. the
   * updates that start from the parameters after k epochs. With several
   * batches per epoch it is the MEAN over the epoch's batches of each batch's
   * norm (a full batch: the one gradient's norm). One entry per completed
   * epoch, so it has one entry fewer than train_loss (no update was made from
   * the last parameters yet). NaN where the epoch was not recorded (a run
   * saved before this series existed; absent in files saved before it
   * existed). The engine always fills it; optional only for other
   * TrainerLike implementations.
   */
  grad_norm?: number[][];
  /**
   * Once a run is thinned (TrainerOptions.historyThinning): epochs[k] is the
   * epoch of entry k of every series (absent: entry k is epoch k), and
   * grad_norm[l][j] to the updates from entry j on; thinning says how.
   */
  epochs?: number[];
  thinning?: ThinningJSON;
}

/** A run's history, live: the series and the parameter snapshots. */
export interface History extends HistorySeries {
  params: ParamRecord;
}

/**
 * The change log of a history: what changed since the consumer last looked
 * (HistoryRecorder.takeChanges). Each is the index of the first entry that
 * changed, or the series' length when none did: entries of the metric
 * series, snapshots of the parameter record (0 also when it was thinned),
 * entries of grad_norm. A host sends each series from there on.
 */
export interface HistoryChanges {
  entries: number;
  snapshots: number;
  gradNorm: number;
}

/** A history as saved: the series, and the parameter snapshots as plain arrays. */
export interface HistoryJSON extends HistorySeries {
  params: { epochs: number[]; values: number[][]; stride: number };
}

export interface OptimizerStateJSON {
  /** number of updates taken (Adam's t) */
  t: number;
  /** flattened like ParamRecord.values: SGD velocity, Adam first/second moments */
  v?: number[];
  m?: number[];
  s?: number[];
}

/**
 * Everything needed to continue a run exactly. The shuffle stream can't be
 * serialised: fromState expects opts.shuffleRandom to be a FRESH stream from
 * the session seed and fast-forwards it by `randomDraws` draws (or pass
 * { fastForward: false } with a stream already at that position).
 */
export interface TrainerStateJSON {
  format: 'nnlab-trainer';
  version: 1;
  epoch: number;
  updates: number;
  /** batches of the current epoch already applied */
  batchInEpoch: number;
  /** the current epoch's sample order (identity unless shuffling) */
  order: number[];
  /** the epoch `order` was drawn for (−1: none yet) */
  orderEpoch: number;
  randomDraws: number;
  status: RunStatus;
  params: ParamsJSON;
  optimizer: OptimizerStateJSON;
  history: HistoryJSON;
  divergence: Divergence | null;
  /** early stopping bookkeeping */
  bestParams: ParamsJSON | null;
  /** best monitored value so far (negated for accuracy), null when none */
  bestValue: number | null;
  sinceBest: number;
  /**
   * A completed run whose best parameters were restored (restore_best): the
   * parameters it ended with, put back if training goes on (absent: none)
   */
  endParams?: ParamsJSON;
  /** per layer, the sum of the gradient norms of the current epoch's batches so far (absent: none) */
  gradNormSum?: number[];
}

export type { Phase };
