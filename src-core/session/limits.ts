/**
 * The sizes NN Lab accepts (docs/session-format.md, "Limits"). Each is far
 * above what a lesson needs (MNIST's 784-1024-1024-10 fits) and low enough
 * that a file can neither exhaust memory nor keep a process busy for hours
 * before its first epoch. A file past one is refused with the JSON path and
 * the limit. Field-by-field limits are in the schema (schema.ts); the ones
 * spanning several fields are checked here.
 */
import { log } from '../math/index.ts';
import type { PathPart } from './format';
import { formatPath, problem } from './format';
import type { Experiment } from './schema';

export const LIMITS = {
  /** units of one layer, and the network's inputs */
  units: 100_000,
  layers: 100,
  /** weights and biases of the whole network */
  parameters: 10_000_000,
  /** samples of one set (train or test) */
  samples: 1_000_000,
  /** numbers of the data, train and test: samples × (inputs + outputs) */
  dataNumbers: 100_000_000,
  /** numbers of one batch's activations: batch rows × the units of every layer */
  batchNumbers: 20_000_000,
  /** epochs of one run: every epoch adds an entry to each history series, so this bounds a run's memory */
  epochs: 1_000_000,
  /** characters of a string seed */
  seedLength: 1000,
  /** levels of nested lists and objects in a file */
  depth: 64,
  /** characters of a session file */
  fileSize: 256 * 1024 * 1024,
} as const;

const n = (v: number) => v.toLocaleString('en-US').replace(/,/g, ' ');
/** "path: expected ..., got ..." where what was found is described, not quoted */
const over = (path: readonly PathPart[], expected: string, got: string) => `${formatPath(path)}: expected ${expected}, got ${got}`;

/** The network's weights and biases. */
export function parameterCount(network: Experiment['network']): number {
  let count = 0;
  let fan = network.inputs;
  for (const layer of network.layers) {
    count += layer.units * fan + (layer.bias ? layer.units : 0);
    fan = layer.units;
  }
  return count;
}

/** batch rows × the units of every layer: the numbers of one activation array of the batch's workspace. */
export function batchNumbers(network: Experiment['network'], rows: number): number {
  return rows * network.layers.reduce((sum, l) => sum + l.units, network.inputs);
}

/** Samples of the training and test sets, when the config alone says so. */
function setSizes(exp: Experiment): { train?: number; test?: number } {
  const d = exp.data;
  if (d.kind === 'function' || d.kind === 'expression' || d.kind === 'mnist') return { train: d.n_train, test: d.n_test };
  if (d.kind === 'truth_table') return { train: 2 ** (d.inputs ?? 2) };
  return {};
}

/** The limits spanning several fields, checked before any data is made. */
export function checkLimits(exp: Experiment, at: readonly PathPart[] = ['experiment']): string[] {
  const errors: string[] = [];
  const params = parameterCount(exp.network);
  if (params > LIMITS.parameters) {
    errors.push(over([...at, 'network'], `a network of at most ${n(LIMITS.parameters)} weights and biases`, `${n(params)}`));
  }
  const sizes = setSizes(exp);
  if (exp.data.kind === 'truth_table' && sizes.train! > LIMITS.samples) {
    errors.push(problem([...at, 'data', 'inputs'], `at most ${Math.floor(log(LIMITS.samples) / Math.LN2 + 1e-9)} inputs (2^inputs rows, at most ${n(LIMITS.samples)})`, exp.data.inputs));
  }
  const outputs = exp.network.layers[exp.network.layers.length - 1].units;
  const rows = (sizes.train ?? 0) + (sizes.test ?? 0);
  const numbers = rows * (exp.network.inputs + outputs);
  if (errors.length === 0 && numbers > LIMITS.dataNumbers) {
    errors.push(over([...at, 'data'], `at most ${n(LIMITS.dataNumbers)} numbers of data (samples × (inputs + outputs))`, `${n(rows)} samples × ${n(exp.network.inputs + outputs)} = ${n(numbers)}`));
  }
  return errors;
}

/** Once the data is made (its size known): the data's numbers and the batch's workspace. */
export function checkBuiltLimits(exp: Experiment, train: number, test: number, at: readonly PathPart[] = ['experiment']): string[] {
  const errors: string[] = [];
  const outputs = exp.network.layers[exp.network.layers.length - 1].units;
  const numbers = (train + test) * (exp.network.inputs + outputs);
  if (train > LIMITS.samples || test > LIMITS.samples) {
    errors.push(over([...at, 'data'], `at most ${n(LIMITS.samples)} samples per set`, `${n(train)} training and ${n(test)} test samples`));
  } else if (numbers > LIMITS.dataNumbers) {
    errors.push(over([...at, 'data'], `at most ${n(LIMITS.dataNumbers)} numbers of data (samples × (inputs + outputs))`, `${n(numbers)}`));
  }
  const rows = exp.batch_size === 'full' ? train : Math.min(exp.batch_size, train);
  const batch = batchNumbers(exp.network, rows);
  if (batch > LIMITS.batchNumbers) {
    const most = Math.max(1, Math.floor(LIMITS.batchNumbers / batchNumbers(exp.network, 1)));
    errors.push(
      problem([...at, 'batch_size'], `a batch of at most ${n(most)} samples for this network (batch × units of every layer ≤ ${n(LIMITS.batchNumbers)})`, exp.batch_size),
    );
  }
  return errors;
}
