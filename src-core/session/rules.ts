/**
 * The rules of a session that span several fields, checked after the schema
 * has accepted each field on its own: parameter shapes against the network,
 * data rows against the inputs and outputs, activations against the loss.
 */
import type { PathPart } from './format';
import { formatPath, formatValue, problem } from './format';
import { ACTIVATIONS, type ActivationEntry } from '../net/activations';
import { LOSSES, type LossEntry } from '../net/losses';
import type { Experiment } from './schema';

/** rows of one list reported at most (then: and N more rows) */
const MAX_ROW_MESSAGES = 10;

type Network = Experiment['network'];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Fan-in of layer l: the inputs for layer 0, else the previous layer's units. */
export function fanIn(network: Network, l: number): number {
  return l === 0 ? network.inputs : network.layers[l - 1].units;
}

/**
 * Weights and biases in the file layout (weights[l][j][i], biases[l][j])
 * against the network. `at` is the path of the object holding them.
 */
export function checkParamShapes(
  network: Network,
  weights: readonly (readonly (readonly unknown[])[])[],
  biases: readonly (readonly unknown[])[],
  at: readonly PathPart[],
): string[] {
  const errors: string[] = [];
  const L = network.layers.length;
  if (weights.length !== L) {
    errors.push(problem([...at, 'weights'], `${plural(L, 'matrix', 'matrices')}, one per layer (the network has ${plural(L, 'layer')})`, weights));
  } else {
    network.layers.forEach((layer, l) => {
      const n = fanIn(network, l);
      const W = weights[l];
      if (W.length !== layer.units || W.some((row) => row.length !== n)) {
        errors.push(
          problem(
            [...at, 'weights', l],
            `${plural(layer.units, 'row')} of ${plural(n, 'number')} (layer ${l} has ${plural(layer.units, 'unit')} and ${plural(n, 'input')})`,
            W,
          ),
        );
      }
    });
  }
  if (biases.length !== L) {
    errors.push(problem([...at, 'biases'], `${plural(L, 'list')}, one per layer (the network has ${plural(L, 'layer')})`, biases));
  } else {
    network.layers.forEach((layer, l) => {
      const b = biases[l];
      if (!layer.bias && b.length !== 0) {
        errors.push(problem([...at, 'biases', l], `an empty list (layer ${l} has "bias": false)`, b));
      } else if (layer.bias && b.length !== layer.units) {
        errors.push(problem([...at, 'biases', l], `${plural(layer.units, 'number')} (layer ${l} has ${plural(layer.units, 'unit')})`, b));
      }
    });
  }
  return errors;
}

function checkRows(
  rows: readonly (readonly number[])[],
  width: number,
  why: string,
  at: readonly PathPart[],
): string[] {
  const errors: string[] = [];
  let more = 0;
  rows.forEach((row, r) => {
    if (row.length === width) return;
    // the first few are enough to see what is wrong; a million messages are not
    if (errors.length < MAX_ROW_MESSAGES) errors.push(problem([...at, r], `${plural(width, 'number')} (${why})`, row));
    else more++;
  });
  if (more) errors.push(`${formatPath(at)}: … and ${plural(more, 'more row')} like these`);
  return errors;
}

/** The number of training samples, when the config alone says so. */
export function trainingSamples(exp: Experiment): number | undefined {
  const d = exp.data;
  if (d.kind === 'inline') return d.train.x.length;
  if (d.kind === 'function' || d.kind === 'expression') return d.n_train;
  if (d.kind === 'truth_table') return 2 ** (d.inputs ?? 2);
  return undefined; // csv: known once read (createTrainer checks it then)
}

/** The network's own cross-field rules (a layer's activation against its place); `at` is the network's path. */
export function checkNetworkRules(network: Network, at: readonly PathPart[]): string[] {
  const last = network.layers.length - 1;
  const errors: string[] = [];
  network.layers.forEach((layer, l) => {
    if ((ACTIVATIONS[layer.activation] as ActivationEntry).outputOnly && l !== last) {
      errors.push(problem([...at, 'layers', l, 'activation'], `${layer.activation} only on the output layer (layer ${last})`, layer.activation));
    }
  });
  return errors;
}

/** Every cross-field rule of an experiment; `at` is its path in the file. */
export function checkExperiment(exp: Experiment, at: readonly PathPart[] = ['experiment']): string[] {
  const errors: string[] = [];
  const { network } = exp;
  const L = network.layers.length;
  const output = network.layers[L - 1];

  errors.push(...checkNetworkRules(network, [...at, 'network']));
  const needs = (LOSSES[exp.loss] as LossEntry).output;
  if (needs && output.activation !== needs) {
    // said plainly (not "expected X … got X": the loss is fine, the pair is not), and what to change
    const label = (LOSSES[exp.loss] as LossEntry).label;
    errors.push(`${formatPath([...at, 'loss'])}: ${label} (${formatValue(exp.loss)}) needs a ${needs} output layer; the output layer (layer ${L - 1}) is ${formatValue(output.activation)}: change the loss, or make the output layer ${needs}`);
  }

  if (exp.init.kind === 'explicit') {
    errors.push(...checkParamShapes(network, exp.init.weights, exp.init.biases, [...at, 'init']));
  }

  if (exp.data.kind === 'inline') {
    const sets = [['train', exp.data.train] as const, ...(exp.data.test ? [['test', exp.data.test] as const] : [])];
    for (const [name, set] of sets) {
      const where = [...at, 'data', name];
      if (set.x.length === 0) errors.push(problem([...where, 'x'], 'at least one row', set.x));
      errors.push(...checkRows(set.x, network.inputs, `the network has ${plural(network.inputs, 'input')}`, [...where, 'x']));
      errors.push(...checkRows(set.y, output.units, `the output layer has ${plural(output.units, 'unit')}`, [...where, 'y']));
      if (set.y.length !== set.x.length) {
        errors.push(`${problem([...where, 'y'], `${plural(set.x.length, 'row')}, one per row of x`, undefined).replace(/got nothing$/, `got ${plural(set.y.length, 'row')}`)}`);
      }
    }
  }

  const n = trainingSamples(exp);
  if (typeof exp.batch_size === 'number' && n !== undefined && exp.batch_size > n) {
    errors.push(problem([...at, 'batch_size'], `at most ${n} (the training set has ${plural(n, 'sample')}) or "full"`, exp.batch_size));
  }
  return errors;
}
