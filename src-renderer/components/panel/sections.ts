/**
 * Where a refusal is shown in the experiment panel: each section lists the
 * messages whose JSON path starts with one of its prefixes; what no section
 * claims is shown at the top.
 */
import { parseNumber } from '../../../src-core/derivation/format';
import { gotIn } from '../../lib/field-input';

export const sections = {
  network: ['experiment.network'],
  loss: ['experiment.loss', 'experiment.reduction'],
  init: ['experiment.init'],
  data: ['experiment.data'],
  optimizer: ['experiment.optimizer'],
  training: ['experiment.batch_size', 'experiment.shuffle', 'experiment.epochs', 'experiment.seed', 'experiment.rng', 'experiment.early_stopping'],
} as const;

export type Section = keyof typeof sections;

const claims = (prefix: string, message: string) =>
  message.startsWith(prefix) && /^[.[:\s]/.test(message.slice(prefix.length));

export function errorsOf(section: Section, errors: readonly string[]): string[] {
  return errors.filter((e) => sections[section].some((p) => claims(p, e)));
}

export function unclaimed(errors: readonly string[]): string[] {
  const all = Object.values(sections).flat();
  return errors.filter((e) => !all.some((p) => claims(p, e)));
}

/** A number typed into a field; null when it is not one (the field then goes back to the value that holds). */
export function numberIn(e: Event): number | null {
  return parseNumber((e.currentTarget as HTMLInputElement).value);
}

export const valueIn = (e: Event): string => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
export const checkedIn = (e: Event): boolean => (e.currentTarget as HTMLInputElement).checked;

/** `got "abc"` for a refused field: what was typed, or (a number input that reads its text as "") why it cannot be read. */
export const gotWhat = (e: Event): string => gotIn(e.currentTarget as HTMLInputElement);

/** The panel's labels of the experiment's fields, by JSON path (the layers' are made from the path) */
const LABELS: Record<string, string> = {
  'experiment.network.inputs': 'Inputs', 'experiment.loss': 'Loss', 'experiment.reduction': 'Over a batch',
  'experiment.optimizer.lr': 'Learning rate', 'experiment.optimizer.momentum': 'Momentum', 'experiment.optimizer.nesterov': 'Nesterov',
  'experiment.optimizer.beta1': 'Adam β1', 'experiment.optimizer.beta2': 'Adam β2', 'experiment.optimizer.eps': 'Adam ε',
  'experiment.batch_size': 'Batch size', 'experiment.epochs': 'Epochs', 'experiment.seed': 'Seed', 'experiment.rng': 'Random generator',
  'experiment.shuffle': 'Shuffle', 'experiment.early_stopping.patience': 'Early stopping patience',
  'experiment.early_stopping.min_delta': 'Early stopping min delta', 'experiment.early_stopping.monitor': 'Early stopping monitor',
  'experiment.init.value': 'Constant value', 'experiment.init.low': 'Uniform low', 'experiment.init.high': 'Uniform high',
  'experiment.init.mean': 'Normal mean', 'experiment.init.std': 'Normal standard deviation',
};

/**
 * The label of the field a refusal is about, as the panel names it ("Learning rate", "hidden 2 units",
 * "output activation"), or null: the messages say the session file's path ("experiment.optimizer.lr: …"),
 * which a student does not see on the panel. `layers`: how many layers the network has (the last is the output).
 */
export function fieldLabel(message: string, layers: number): string | null {
  const path = /^[^:\s]+/.exec(message)?.[0] ?? '';
  const layer = /^experiment\.network\.layers\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (layer) {
    const l = Number(layer[1]);
    const name = l === layers - 1 ? 'output' : `hidden ${l + 1}`;
    return layer[2] ? `${name} ${layer[2] === 'units' ? 'units' : layer[2] === 'bias' ? 'bias' : layer[2]}` : name;
  }
  for (let p = path; p.includes('.'); p = p.replace(/[.[][^.[]*$/, '')) if (LABELS[p]) return LABELS[p];
  return null;
}
