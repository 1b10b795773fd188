/** The session's `experiment.data` kinds made here (docs/data-and-init.md describes them for users). */
import type { Seed } from '../random/rng.ts';
import type { MnistData } from './mnist.ts';

export interface InlineSet {
  x: number[][];
  y: number[][];
}

export interface InlineData {
  kind: 'inline';
  train: InlineSet;
  test?: InlineSet;
}

/** y = expr(x) for x in an interval */
export interface FunctionData {
  kind: 'function';
  /** the target as an expression of x, e.g. "exp(x/5)" or "sin(x)*(25 - x^2)" */
  expr: string;
  interval: [number, number];
  n_train: number;
  /** default 0: no test set */
  n_test?: number;
  /**
   * "random" (default): x = lo + (hi − lo)·u, numpy's uniform(lo, hi);
   * "random_centered": x = (u − 0.5)·(hi − lo) + (lo + hi)/2, as `(rng.random(n) - 0.5) * 10` (report 002);
   * "grid": n evenly spaced points from lo to hi inclusive, as np.linspace (no random draws)
   */
  sampling?: 'random' | 'random_centered' | 'grid';
  /** Gaussian noise added to the targets */
  noise?: { std: number };
  /** add the noise to the test targets too (default false: the test set measures the true function) */
  noise_test?: boolean;
  seed?: Seed;
}

export interface ExpressionInput {
  low: number;
  high: number;
  /** draw integers low … high−1, as np.random.randint(low, high); otherwise uniform(low, high) */
  integer?: boolean;
}

/** several inputs drawn from ranges and a target expression of them, e.g. report 001's n1**2 + n2 + randint(0, 5) */
export interface ExpressionData {
  kind: 'expression';
  /** in drawing order */
  inputs: Record<string, ExpressionInput>;
  target: string;
  n_train: number;
  n_test?: number;
  /**
   * "samples" (default): for each sample, its inputs in order then the target's random terms;
   * "columns": every sample's first input, then every sample's second input, …, then the targets
   * (a notebook that draws whole columns: n1 = np.random.randint(0, 10, N); ...)
   */
  order?: 'samples' | 'columns';
  seed?: Seed;
}

export type TruthFunction = 'xor' | 'and' | 'or' | 'nand' | 'nor' | 'xnor';

export interface TruthTableData {
  kind: 'truth_table';
  function: TruthFunction;
  /** default 2; xor / xnor of more inputs is the parity */
  inputs?: number;
  /** append a constant-1 input column (report 004) */
  bias_column?: boolean;
}

export interface CsvData {
  kind: 'csv';
  text: string;
  /** default true: the first row names the columns */
  header?: boolean;
  /** columns by name (with a header) or 0-based index */
  inputs: (string | number)[];
  targets: (string | number)[];
  /** a separate CSV (same columns) for the test set */
  test_text?: string;
  /** otherwise: this fraction of the rows becomes the test set (default 0: none) */
  test_fraction?: number;
  /** shuffle the rows before splitting off the test fraction (default true), as sklearn's train_test_split */
  shuffle_split?: boolean;
  /** "one_hot": one target column of class labels becomes one output per class (sorted labels) */
  target_encoding?: 'values' | 'one_hot';
  /**
   * true: each input column becomes (v − mean)/std with the training rows' mean and
   * population std (numpy's x.std(), sklearn's StandardScaler), applied to the test rows too
   */
  standardize?: boolean;
  seed?: Seed;
}

export type Classification2dPattern = 'circle' | 'xor' | 'gaussians' | 'spiral';

/** Two classes of points in the plane (TensorFlow Playground's sets); classification.ts says how they are drawn. */
export interface Classification2dData {
  kind: 'classification_2d';
  pattern: Classification2dPattern;
  n_train: number;
  /** default 0: no test set */
  n_test?: number;
  /** Gaussian noise added to both coordinates */
  noise?: { std: number };
  seed?: Seed;
}

export type { MnistData };

export type DataConfig = InlineData | FunctionData | ExpressionData | TruthTableData | Classification2dData | CsvData | MnistData;

export const DATA_KINDS = ['inline', 'function', 'expression', 'truth_table', 'classification_2d', 'csv', 'mnist'] as const;
