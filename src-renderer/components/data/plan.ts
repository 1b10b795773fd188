/**
 * A data edit as a plan: the new `experiment.data`, what it changes in the
 * network (inputs, output units, and output activation and loss where the
 * targets' kind asks for them), checked by building the data from the
 * session's seed. The form shows `changes` and asks before applying them.
 */
import { buildData, checkMnistConfig, dataShape, hasDigitSource, MNIST_SHIPPED_COUNTS, type DataConfig } from '../../../src-core/data';
import { createRngStreams } from '../../../src-core/random';
import { identityMap, reshapeExplicitInit } from '../../../src-core/session/edit';
import { validateExperiment } from '../../../src-core/session/overrides';
import type { Experiment } from '../../../src-core/session/schema';
import type { NetworkSpec } from '../../../src-core/types';
import { LOSSES, type LossEntry } from '../../../src-core/net/losses';

type Draft = Record<string, any>; // a copy of the experiment, validated as a whole by app.editExperiment

export type Plan =
  /** `network`: some of the changes are the network's (else only the batch size) */
  | { ok: true; data: DataConfig; changes: string[]; network: boolean; apply: (draft: Draft) => void }
  | { ok: false; error: string };

/** the losses for numbers to fit (net/losses.ts's table) */
const isRegressionLoss = (loss: string) => Object.hasOwn(LOSSES, loss) && !!(LOSSES[loss as keyof typeof LOSSES] as LossEntry).regression;

/** the data's keys as the forms label their fields */
const FORM_WORDS: Record<string, string> = {
  expr: 'y', target: 'target', n_train: 'training samples', n_test: 'test samples', interval: 'interval',
  'noise.std': 'noise std', text: 'CSV', test_text: 'test CSV', test_fraction: 'test rows', classes: 'digits',
  normalize: 'pixel scale', target_encoding: 'target encoding', bias_column: 'constant-1 column',
};

/**
 * A data refusal in the form's words: the session file's path ("data.n_train: …", "experiment.data.expr: …")
 * becomes the field's label ("training samples: …", "y: …"), an expression input's bound its name and end
 * ("n1 high: …"); a message about the data as a whole loses its "data: ".
 */
export function inFormWords(message: string): string {
  return message.split('\n').map((line) => {
    const m = /^(?:experiment\.)?data(?:\.([A-Za-z0-9_.[\]]+))?: /.exec(line);
    if (!m) return line;
    const rest = line.slice(m[0].length);
    if (!m[1]) return rest;
    const key = m[1];
    const input = /^inputs\.([A-Za-z_][A-Za-z0-9_]*)(?:\.(low|high|integer))?$/.exec(key);
    const words = FORM_WORDS[key] ?? (input ? (input[2] ? `${input[1]} ${input[2]}` : `input ${input[1]}`) : key.replaceAll('_', ' ').replaceAll('.', ' '));
    return `${words}: ${rest}`;
  }).join('\n');
}

const messageOf = (e: unknown) => inFormWords(e instanceof Error ? e.message : String(e));

/**
 * `switching`: a new kind (the output activation and loss are made to suit it);
 * otherwise only the shape follows (and the classification output, when the number of classes changes).
 */
export function planData(exp: Experiment, data: DataConfig, switching = false): Plan {
  const layers = exp.network.layers;
  const out = layers[layers.length - 1];
  let shape;
  try {
    shape = dataShape(data, out.units);
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
  if (shape.inputs < 1 || shape.outputs < 1) return { ok: false, error: 'expected at least one input and one target column' };
  const changes: string[] = [];
  const net: Draft = { inputs: exp.network.inputs, layers: layers.map((l) => ({ ...l })) };
  const last = net.layers[net.layers.length - 1];
  let loss: string = exp.loss;
  if (shape.inputs !== net.inputs) changes.push(`inputs ${net.inputs} → ${shape.inputs}`);
  if (shape.outputs !== last.units) changes.push(`output units ${last.units} → ${shape.outputs}`);
  const reshaped = changes.length > 0;
  net.inputs = shape.inputs;
  last.units = shape.outputs;

  let activation: string = last.activation;
  if (shape.classes && shape.outputs >= 2 && (loss !== 'cross_entropy' || activation !== 'softmax') && (switching || reshaped)) {
    activation = 'softmax';
    loss = 'cross_entropy';
  } else if (shape.classes && shape.outputs === 1 && (activation === 'softmax' || (switching && activation !== 'sigmoid'))) {
    // one class score: a sigmoid unit (a linear or ReLU one, from a regression, is no classifier: the
    // digits view refused it, "the output layer (1 relu unit) is not a classifier")
    activation = 'sigmoid';
    loss = 'binary_cross_entropy';
  } else if (!shape.classes && switching && !isRegressionLoss(loss)) {
    activation = activation === 'sigmoid' || activation === 'softmax' ? 'linear' : activation;
    loss = 'squared_error';
  } else if (!shape.classes && loss === 'cross_entropy' && shape.outputs < 2) {
    activation = 'linear';
    loss = 'squared_error';
  }
  if (activation !== last.activation) changes.push(`output activation ${last.activation} → ${activation}`);
  if (loss !== exp.loss) changes.push(`loss ${exp.loss.replaceAll('_', ' ')} → ${loss.replaceAll('_', ' ')}`);
  last.activation = activation;
  // hand-set starting weights: those that still fit are kept, the new ones drawn from the seed (as the network panel does)
  let init: Experiment['init'] | null = null;
  if (reshaped && exp.init.kind === 'explicit') {
    const next = { ...exp, network: net, loss } as Experiment;
    const fitted = reshapeExplicitInit(exp, next, identityMap(layers.length), 'glorot_uniform');
    init = fitted.init;
    changes.push(`the starting weights set by hand: ${fitted.kept} kept, ${fitted.drawn} new ones drawn (Glorot uniform, from the seed)`);
  }

  // build it once here, so a mistake is shown beside the control instead of the trainer refusing the session
  // (the pictures of MNIST are only in the trainer: here its sizes are checked against the shipped counts)
  let trainRows: number | undefined;
  // the file's checks first (the sizes' limits among them): 100 000 000 training samples were built before
  // they were refused, and froze the window for minutes, then crashed it (a student pass)
  const checked = validateExperiment({ ...exp, data, network: net, loss, ...(init ? { init } : {}) });
  const dataErrors = checked.ok ? [] : checked.errors.filter((e) => e.startsWith('experiment.data'));
  if (dataErrors.length > 0) return { ok: false, error: dataErrors.map(messageOf).join('\n') };
  try {
    const spec: NetworkSpec = { inputs: net.inputs, layers: net.layers };
    if (data.kind === 'mnist' && !hasDigitSource()) checkMnistConfig(data, MNIST_SHIPPED_COUNTS, 'data');
    else trainRows = buildData(data, spec, createRngStreams(exp.rng, exp.seed), 'data').train.x.rows;
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
  // a batch larger than the new training set (the rings' 20 for the 4 typed-in samples) would be refused
  // by the trainer: the batch becomes the whole set, said with the other changes
  const network = changes.length > 0;
  let batch = exp.batch_size;
  if (typeof batch === 'number' && trainRows !== undefined && trainRows > 0 && batch > trainRows) {
    changes.push(`batch size ${batch} → the full set (${trainRows} training sample${trainRows === 1 ? '' : 's'})`);
    batch = 'full';
  }
  return {
    ok: true,
    data,
    changes,
    network,
    apply(draft) {
      draft.data = data;
      draft.network.inputs = net.inputs;
      const l = draft.network.layers[draft.network.layers.length - 1];
      l.units = last.units;
      l.activation = last.activation;
      draft.loss = loss;
      if (init) draft.init = init;
      if (batch !== exp.batch_size) draft.batch_size = batch;
    },
  };
}

/**
 * A form's entry on top of the data still loading: the form built `next`
 * from the data it shows (`shown`, what the trainer has), while an earlier
 * entry may be on its way (`latest`). Only what the entry changed is taken
 * (field by field, and cell by cell in tables of the same size), the rest
 * stays as the latest has it — so "3000 training samples" then, before it
 * has loaded, "500 test samples" keeps the 3000. A change of kind (here or
 * on the way) is taken whole.
 */
export function rebaseData(shown: DataConfig, next: DataConfig, latest: DataConfig): DataConfig {
  if (shown === latest || next.kind !== shown.kind || latest.kind !== shown.kind) return next;
  return rebase(shown, next, latest) as DataConfig;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function rebase(shown: unknown, next: unknown, latest: unknown): unknown {
  if (same(shown, next)) return latest;
  if (same(shown, latest)) return next;
  if (isRecord(shown) && isRecord(next) && isRecord(latest)) {
    const out: Record<string, unknown> = { ...latest };
    for (const key of new Set([...Object.keys(shown), ...Object.keys(next)])) {
      if (same(shown[key], next[key])) continue;
      if (next[key] === undefined) delete out[key];
      else out[key] = Object.hasOwn(latest, key) ? rebase(shown[key], next[key], latest[key]) : next[key];
    }
    return out;
  }
  if (Array.isArray(shown) && Array.isArray(next) && Array.isArray(latest) && shown.length === next.length && next.length === latest.length) {
    return latest.map((v, k) => rebase(shown[k], next[k], v));
  }
  return next;
}
