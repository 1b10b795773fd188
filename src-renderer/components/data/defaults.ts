/** What each data kind starts from when it is chosen, and how the kinds are named in the form. */
import type { DataConfig, InlineData } from '../../../src-core/data';
import type { Experiment } from '../../../src-core/session/schema';

export const KIND_LABELS: Record<DataConfig['kind'], string> = {
  inline: 'typed-in samples',
  function: 'function of x',
  expression: 'expression of inputs',
  truth_table: 'truth table',
  classification_2d: '2-D classes',
  csv: 'CSV file',
  mnist: 'MNIST digits',
};

/** The function presets of the reports (002 and the lecture), then a free expression. */
export const FUNCTION_PRESETS = ['exp(x/5)', 'sin(x)*(25 - x^2)', 'sin(x)', 'x^2'];

/** Typed-in samples sized to the network: XOR for a 2-input, 1-output net, else rows of zeros. */
function inlineDefault(exp: Experiment): InlineData {
  const n = exp.network.inputs;
  const m = exp.network.layers[exp.network.layers.length - 1].units;
  if (n === 2 && m === 1) return { kind: 'inline', train: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[0], [1], [1], [0]] } };
  return { kind: 'inline', train: { x: [Array(n).fill(0), Array(n).fill(1)], y: [Array(m).fill(0), Array(m).fill(1)] } };
}

/** null for csv: it starts from a file. */
export function defaultData(kind: DataConfig['kind'], exp: Experiment): DataConfig | null {
  switch (kind) {
    case 'inline':
      return inlineDefault(exp);
    case 'function':
      return { kind, expr: FUNCTION_PRESETS[0], interval: [-5, 5], n_train: 100, n_test: 20, sampling: 'random' };
    case 'expression':
      // report 001
      return {
        kind,
        inputs: { n1: { low: 0, high: 10, integer: true }, n2: { low: 0, high: 10, integer: true } },
        target: 'n1^2 + n2 + randint(0, 5)',
        n_train: 100,
        n_test: 20,
      };
    case 'truth_table':
      return { kind, function: 'xor', inputs: 2 };
    case 'classification_2d':
      return { kind, pattern: 'circle', n_train: 150, n_test: 50, noise: { std: 0.05 } };
    case 'mnist':
      return { kind, classes: [5, 6], n_train: 1000, n_test: 300 };
    case 'csv':
      return null;
  }
}

/**
 * A kind's data in a sentence, for the question "change the network?" asked when the kind is switched:
 * the form of the new kind is only there once the network fits, and the student decided blind.
 */
export function describeData(d: DataConfig): string {
  const sizes = (train: number | undefined, test: number | undefined, what = 'training samples') =>
    `${train ?? 0} ${what}${test ? `, ${test} test` : ''}`;
  switch (d.kind) {
    case 'inline':
      return `${d.train.x.length} typed-in sample${d.train.x.length === 1 ? '' : 's'}`;
    case 'function':
      return `y = ${d.expr} on [${d.interval[0]}, ${d.interval[1]}], ${sizes(d.n_train, d.n_test)}`;
    case 'expression':
      return `target = ${d.target} of ${Object.keys(d.inputs).join(', ')}, ${sizes(d.n_train, d.n_test)}`;
    case 'truth_table':
      return `${String(d.function).toUpperCase()} of ${d.inputs ?? 2} inputs (every row of its truth table)`;
    case 'classification_2d':
      return `two classes of points (${d.pattern}), ${sizes(d.n_train, d.n_test, 'training points')}`;
    case 'mnist':
      return `MNIST digits ${d.classes ? d.classes.join(' vs ') : '0–9'}, ${sizes(d.n_train, d.n_test, 'training images')}`;
    case 'csv':
      return `${d.inputs.length} input column${d.inputs.length === 1 ? '' : 's'} and ${d.targets.length} target${d.targets.length === 1 ? '' : 's'} of the file`;
  }
}
