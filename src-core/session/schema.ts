/**
 * The session file (`.nnlab`, format version 1) as a zod schema.
 *
 * The contract is /work/shared/SESSION-FORMAT.md (docs/session-format.md for
 * users); everything beyond it is an additive extension (optimizers, early
 * stopping, rng, leak, data and init kinds). Every object is loose: fields we
 * do not know are kept and written back on save.
 *
 * Each schema carries an `error` that reads as the "expected ..." half of a
 * message; `format.ts` adds the JSON path and the value actually found.
 */
import { z } from 'zod';
import { exerciseSchema } from '../check/exercise-schema';
import { ACTIVATIONS, type ActivationEntry } from '../net/activations';
import { LOSSES } from '../net/losses';
import { optimizerSchema, OPTIMIZERS } from '../optim/optimizers';
import { LIMITS } from './limits';
import { bool, int, kinds, limited, list, namesOf, nonNegative, num, obj, oneOf, str, unitInterval } from './schema-parts';

export { optimizerSchema };

export const seedSchema = z
  .union([z.int(), z.string()], { error: 'an integer or a string' })
  .refine((s) => typeof s !== 'string' || s.length <= LIMITS.seedLength, { error: `a seed of at most ${LIMITS.seedLength} characters (NN Lab's limit)` });

// ---------------------------------------------------------------- network

/** The names of the engine's tables (net/activations.ts, net/losses.ts, optim/optimizers.ts), in order. */
export const activations = namesOf(ACTIVATIONS);
export const losses = namesOf(LOSSES);
export const optimizers = namesOf(OPTIMIZERS);

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type ActivationFields = UnionToIntersection<{ [K in keyof typeof ACTIVATIONS]: (typeof ACTIVATIONS)[K] extends { fields: infer F } ? F : never }[keyof typeof ACTIVATIONS]>;
/** The layer fields some activation reads (leaky_relu's leak), from the table. */
const activationFields = Object.assign({}, ...Object.values(ACTIVATIONS).map((a: ActivationEntry) => a.fields ?? {})) as ActivationFields;

export const layerSchema = obj({
  units: limited(1, LIMITS.units),
  activation: oneOf(activations),
  bias: bool.default(true),
  ...activationFields,
});

export const networkSchema = obj({
  inputs: limited(1, LIMITS.units),
  layers: list(layerSchema, 'a list of layers')
    .min(1, { error: 'at least one layer (the output layer)' })
    .max(LIMITS.layers, { error: `at most ${LIMITS.layers} layers (NN Lab's limit)` }),
});

// ---------------------------------------------------------------- init

const matrixRows = list(list(num()));
const order = oneOf(['out_in', 'in_out'] as const);

/** Fields every drawn (random or constant) init may carry. */
const drawnCommon = {
  /**
   * The order in which random numbers fill a layer's matrix: "out_in" fills
   * W[l][j][i] row by row (j outer); "in_out" fills an inputs x units matrix
   * (i outer) as numpy code written `a_prev @ W` does, then transposes.
   */
  order: order.optional(),
  /** a seed for this init only (default: the session's seed) */
  seed: seedSchema.optional(),
};

function drawnInits() {
  return [
    obj({ kind: z.literal('zeros'), ...drawnCommon }),
    obj({ kind: z.literal('constant'), value: num(), ...drawnCommon }),
    obj({ kind: z.literal('uniform'), low: num(), high: num(), ...drawnCommon }),
    obj({ kind: z.literal('normal'), mean: num().default(0), std: nonNegative(), ...drawnCommon }),
    obj({ kind: z.literal('he_normal'), ...drawnCommon }),
    obj({ kind: z.literal('he_uniform'), ...drawnCommon }),
    obj({ kind: z.literal('glorot_uniform'), ...drawnCommon }),
    obj({ kind: z.literal('glorot_normal'), ...drawnCommon }),
  ] as const;
}

export const drawnInitKinds = [
  'zeros', 'constant', 'uniform', 'normal', 'he_normal', 'he_uniform', 'glorot_uniform', 'glorot_normal',
] as const;
export const initKinds = ['explicit', ...drawnInitKinds] as const;

/** An init for the biases alone (it cannot itself name another init for biases). */
export const biasInitSchema = kinds(drawnInitKinds, drawnInits());

const [zeros, constant, uniform, normal, heNormal, heUniform, glorotUniform, glorotNormal] = drawnInits();
const withBiases = {
  biases: biasInitSchema.optional(),
  /** draw each bias as one more weight, from a constant-1 input after the real ones (report 002's U and V) */
  bias_as_input: bool.optional(),
};

export const initSchema = kinds(initKinds, [
  obj({ kind: z.literal('explicit'), weights: list(matrixRows), biases: list(list(num())) }),
  zeros.extend(withBiases),
  constant.extend(withBiases),
  uniform.extend(withBiases),
  normal.extend(withBiases),
  heNormal.extend(withBiases),
  heUniform.extend(withBiases),
  glorotUniform.extend(withBiases),
  glorotNormal.extend(withBiases),
]);

// ---------------------------------------------------------------- data

const rows = list(list(num()), 'a list of rows (lists of numbers)');
export const inlineSetSchema = obj({ x: rows, y: rows });

/**
 * Generated data kinds are made by src-core/data (docs/data-and-init.md); the
 * schema checks each field's type, `buildData` the rest (its errors are
 * reported under `experiment.data` too). Every kind is reproducible from the
 * session's seed, or its own "seed".
 */
const count = (min: number) => limited(min, LIMITS.samples);
const column = z.union([z.string(), z.int().min(0)], { error: 'a column name or a 0-based index' });
export const dataKinds = ['inline', 'function', 'expression', 'truth_table', 'classification_2d', 'csv', 'mnist'] as const;
export const dataSchema = kinds(dataKinds, [
  obj({ kind: z.literal('inline'), train: inlineSetSchema, test: inlineSetSchema.optional() }),
  obj({
    kind: z.literal('function'),
    expr: str('an expression of x, e.g. "exp(x/5)"'),
    interval: z.tuple([num(), num()], { error: 'an interval [low, high]' }),
    n_train: count(1),
    n_test: count(0).optional(),
    sampling: oneOf(['random', 'random_centered', 'grid'] as const).optional(),
    noise: obj({ std: nonNegative() }).optional(),
    noise_test: bool.optional(),
    seed: seedSchema.optional(),
  }),
  obj({
    kind: z.literal('expression'),
    inputs: z.record(z.string(), obj({ low: num(), high: num(), integer: bool.optional() }), { error: 'an object of "name": {"low", "high"}' }),
    target: str('an expression of the inputs'),
    n_train: count(1),
    n_test: count(0).optional(),
    order: oneOf(['samples', 'columns'] as const).optional(),
    seed: seedSchema.optional(),
  }),
  obj({
    kind: z.literal('truth_table'),
    function: oneOf(['xor', 'and', 'or', 'nand', 'nor', 'xnor'] as const),
    inputs: count(1).optional(),
    bias_column: bool.optional(),
  }),
  obj({
    kind: z.literal('classification_2d'),
    pattern: oneOf(['circle', 'xor', 'gaussians', 'spiral'] as const),
    n_train: count(1),
    n_test: count(0).optional(),
    noise: obj({ std: nonNegative() }).optional(),
    seed: seedSchema.optional(),
  }),
  obj({
    kind: z.literal('csv'),
    text: str('the CSV text'),
    header: bool.optional(),
    inputs: list(column),
    targets: list(column),
    test_text: str().optional(),
    test_fraction: unitInterval().optional(),
    shuffle_split: bool.optional(),
    target_encoding: oneOf(['values', 'one_hot'] as const).optional(),
    /** inputs standardised with the training rows' mean and std */
    standardize: bool.optional(),
    seed: seedSchema.optional(),
  }),
  obj({
    kind: z.literal('mnist'),
    /** the digits to tell apart (default all ten); two classes with one output unit: target 1 = the second */
    classes: list(int(0, 9), 'a list of digits 0-9, e.g. [5, 6]').optional(),
    n_train: count(1).optional(),
    n_test: count(0).optional(),
    normalize: oneOf(['unit', 'none'] as const).optional(),
    seed: seedSchema.optional(),
  }),
]);

// ---------------------------------------------------------------- training

export const historyMetrics = ['train_loss', 'test_loss', 'train_mae', 'test_mae', 'train_accuracy', 'test_accuracy'] as const;

export const earlyStoppingSchema = obj({
  monitor: oneOf(historyMetrics).optional(),
  patience: int(1),
  min_delta: nonNegative().default(0),
  restore_best: bool.default(true),
});

export const rngKinds = ['seedrandom', 'numpy', 'numpy_default_rng'] as const;

export const experimentSchema = obj({
  network: networkSchema,
  loss: oneOf(losses),
  reduction: oneOf(['mean', 'sum'] as const).default('mean'),
  init: initSchema,
  data: dataSchema,
  optimizer: optimizerSchema,
  batch_size: z.union([z.literal('full'), int(1)], { error: '"full" or an integer >= 1' }).default('full'),
  shuffle: bool.default(false),
  epochs: limited(0, LIMITS.epochs),
  seed: seedSchema.default(0),
  /** which random generator the seed drives: seedrandom (default) or numpy's legacy / default_rng streams */
  rng: oneOf(rngKinds).default('seedrandom'),
  early_stopping: earlyStoppingSchema.optional(),
});

// ---------------------------------------------------------------- runs

/** Saved numbers may be null where a run diverged (JSON has no NaN). */
const savedNumber = z.number({ error: 'a number or null' }).nullable();
export const savedParamsSchema = obj({
  weights: list(list(list(savedNumber))),
  biases: list(list(savedNumber)),
});

export const runStatuses = ['completed', 'diverged', 'stopped_early', 'paused'] as const;

export const runSchema = obj({
  id: str('a non-empty string').min(1, { error: 'a non-empty string' }),
  label: str().optional(),
  /** (added later, additive) the run's own notes, Markdown like the session's */
  notes: str().optional(),
  overrides: z.record(z.string(), z.unknown(), { error: 'an object of "path": value' }).default({}),
  status: oneOf(runStatuses),
  epochs_run: int(0),
  history: z.record(z.string(), z.unknown(), { error: 'an object of series' }).default({}),
  params: savedParamsSchema.optional(),
  /** where a non-finite value first appeared (diverged runs) */
  diverged_at: int(0).nullable().optional(),
  /** the trainer's full state (optimizer moments, shuffle stream ...) so "continue" carries on exactly */
  state: z.unknown().optional(),
});

export const sessionSchema = obj({
  format: z.literal('nnlab', { error: '"nnlab"' }),
  version: z.literal(1, { error: '1' }),
  title: str().optional(),
  notes: str().optional(),
  /**
   * (added later, additive) the session's own names for parameters, as a
   * notebook calls them: "W[0][0][0]": "w1", "b[1][0]": "bias3". Display only:
   * the trainer never reads them, so they sit beside the experiment, not in it
   * (a run's overrides cannot rename a weight). Checked against the network in session.ts.
   */
  param_names: z.record(z.string(), str('a name, e.g. "w1"'), { error: 'an object of "W[l][j][i]": "name"' }).optional(),
  experiment: experimentSchema,
  runs: list(runSchema, 'a list of runs').optional(),
  view: z.unknown().optional(),
  /** a homework step: the student's answers and their marks; a teacher's exercise hides the step (src-core/check/exercise.ts) */
  exercise: exerciseSchema.optional(),
});

export type Session = z.output<typeof sessionSchema>;
export type Experiment = z.output<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;
export type InitConfigJSON = z.output<typeof initSchema>;
export type DataConfigJSON = z.output<typeof dataSchema>;
export type SavedRun = z.output<typeof runSchema>;
export type RunStatusSaved = (typeof runStatuses)[number];
export type RngKind = (typeof rngKinds)[number];
