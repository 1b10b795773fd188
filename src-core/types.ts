/**
 * The shared vocabulary of NN Lab's engine. Everything here is plain data:
 * the renderer, the hosts and the command line all speak these types.
 *
 * Layout contract (DESIGN.md): layer `l` has W[l][j][i], the weight from unit
 * `i` of the previous layer (or input `i`) to unit `j` of layer `l`, and b[l][j];
 * z = W a_prev + b, a = f(z).
 */

import type { ActivationName } from './net/activations';
import type { LossName } from './net/losses';

/** the names of net/activations.ts's table (ACTIVATIONS) */
export type Activation = ActivationName;
/** the names of net/losses.ts's table (LOSSES) */
export type LossKind = LossName;
export type Reduction = 'mean' | 'sum';

export interface LayerSpec {
  units: number;
  activation: Activation;
  bias: boolean;
  /** slope for x < 0 when activation is leaky_relu (default 0.01) */
  leak?: number;
}

export interface NetworkSpec {
  inputs: number;
  /** hidden layers then the output layer */
  layers: LayerSpec[];
}

/** Parameters as they appear in session files and on the wire: weights[l][j][i], biases[l][j]. */
export interface ParamsJSON {
  weights: number[][][];
  biases: number[][];
}

/**
 * Parameters in memory. W[l] is row-major with one row per unit of layer l:
 * W[l][j * fanIn + i] is the weight from i to j. b[l] has `units` entries, or
 * length 0 when the layer has no bias.
 */
export interface Params {
  W: Float64Array[];
  b: Float64Array[];
}

/** A dense matrix, row-major. Batches are [sample][unit]: rows = samples. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Names a single parameter: layer l, unit j, and input i (or the bias). */
export type ParamRef =
  | { kind: 'weight'; layer: number; j: number; i: number }
  | { kind: 'bias'; layer: number; j: number };

export type OptimizerConfig =
  | { kind: 'sgd'; lr: number; momentum?: number; nesterov?: boolean }
  | { kind: 'adam'; lr: number; beta1?: number; beta2?: number; eps?: number };

export type HistoryMetric =
  | 'train_loss'
  | 'test_loss'
  | 'train_mae'
  | 'test_mae'
  | 'train_accuracy'
  | 'test_accuracy';

export interface EarlyStoppingConfig {
  /** the history series watched; absent: test_loss with a test set, else train_loss (train/early-stopping.ts) */
  monitor?: HistoryMetric;
  /** epochs without an improvement of more than min_delta before stopping */
  patience: number;
  min_delta: number;
  /** on stopping, put back the parameters of the best epoch */
  restore_best: boolean;
}

/** The phases of one update, in order. */
export type Phase = 'forward' | 'backward' | 'update';

export type RunStatus = 'idle' | 'running' | 'paused' | 'completed' | 'diverged' | 'stopped_early' | 'error';

/** Where a run first went non-finite. */
export interface Divergence {
  epoch: number;
  /** human-readable name of the first non-finite value, e.g. "W[1][0][2]" or "loss" or "a[0][3][1]" */
  what: string;
  /** which phase produced it */
  phase: Phase | 'evaluate';
  /** what the value became (a string, so it survives JSON); absent in runs saved before it was recorded */
  became?: 'NaN' | 'Infinity' | '-Infinity';
  /**
   * The update that did it, counted from 1 over the whole run: the update
   * being made (phase 'update', 'backward'), or the last one made, whose
   * parameters gave the non-finite value (phase 'forward', 'evaluate'; 0: the
   * starting parameters). Absent in runs saved before it was recorded.
   */
  update?: number;
  /** 0-based batch within the epoch of that update (phases 'forward', 'backward', 'update') */
  batch?: number;
}

/** A resolved dataset: inputs and targets, [sample][unit]. */
export interface Dataset {
  x: Matrix;
  y: Matrix;
}

export interface DataSplit {
  train: Dataset;
  test?: Dataset;
  /** names of the input and output columns, for display */
  inputNames: string[];
  outputNames: string[];
  /** for 1-input generated functions: the target as an expression of x, to plot the true curve */
  targetExpr?: string;
  /** for classification data: the class label of each output unit (e.g. digits [5, 6]) */
  classes?: (string | number)[];
  /** image shape of an input row (MNIST: [28, 28]), so the UI can draw it as a picture */
  image?: { width: number; height: number };
}
