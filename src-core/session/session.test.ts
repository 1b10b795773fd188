import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSession, serializeSession } from './session';

const lectureText = readFileSync(new URL('../../src-cli/fixtures/lecture.nnlab', import.meta.url), 'utf8');
const lecture = (): any => JSON.parse(lectureText);

/** Parse a copy of the lecture session after `edit`, expecting it refused with exactly `errors`. */
function refused(edit: (s: any) => void): string[] {
  const s = lecture();
  edit(s);
  const r = parseSession(JSON.stringify(s));
  if (r.ok) throw new Error('expected the file to be refused');
  return r.errors;
}

describe('parseSession accepts', () => {
  it('the lecture session, filling in defaults', () => {
    const r = parseSession(lectureText);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.session.experiment.network.layers[1]).toEqual({ units: 1, activation: 'relu', bias: true });
    expect(r.session.experiment.rng).toBe('seedrandom');
    expect(r.session.runs?.[0].overrides).toEqual({ 'optimizer.lr': 0.25 });
  });

  it('an already parsed value', () => {
    expect(parseSession(lecture()).ok).toBe(true);
  });

  it('bias defaulting to true and sgd momentum, adam, early stopping', () => {
    const s = lecture();
    delete s.experiment.network.layers[0].bias;
    s.experiment.optimizer = { kind: 'adam', lr: 0.001, beta1: 0.9 };
    s.experiment.early_stopping = { patience: 10 };
    const r = parseSession(s);
    expect(r.ok && r.session.experiment.network.layers[0].bias).toBe(true);
    // no monitor: the trainer watches test_loss with a test set, train_loss without (train/early-stopping.ts)
    expect(r.ok && r.session.experiment.early_stopping).toEqual({ patience: 10, min_delta: 0, restore_best: true });
  });
});

describe('parseSession refuses, naming the path', () => {
  it('the example of the format: zero units', () => {
    expect(refused((s) => (s.experiment.network.layers[1].units = 0))).toEqual([
      'experiment.network.layers[1].units: expected an integer >= 1, got 0',
    ]);
  });
  it('a fractional unit count', () => {
    expect(refused((s) => (s.experiment.network.layers[0].units = 1.5))).toEqual([
      'experiment.network.layers[0].units: expected an integer >= 1, got 1.5',
    ]);
  });
  it('a wrong format tag and a missing version', () => {
    expect(refused((s) => { s.format = 'nnlab2'; delete s.version; })).toEqual([
      'format: expected "nnlab", got "nnlab2"',
      'version: expected 1, got nothing',
    ]);
  });
  it('a file from a newer NN Lab, politely', () => {
    expect(refused((s) => { s.version = 2; s.experiment = 'whatever v2 holds'; })).toEqual([
      'version: this file was written by a newer NN Lab (format version 2); this version reads version 1 — please update NN Lab',
    ]);
  });
  it('an unknown activation', () => {
    expect(refused((s) => (s.experiment.network.layers[0].activation = 'relu6'))).toEqual([
      'experiment.network.layers[0].activation: expected one of "linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", got "relu6"',
    ]);
  });
  it('a missing loss and a negative learning rate', () => {
    expect(refused((s) => { delete s.experiment.loss; s.experiment.optimizer.lr = -0.1; })).toEqual([
      'experiment.loss: expected one of "squared_error", "half_squared_error", "binary_cross_entropy", "cross_entropy", got nothing',
      'experiment.optimizer.lr: expected a number >= 0, got -0.1',
    ]);
  });
  it('an unknown optimizer', () => {
    expect(refused((s) => (s.experiment.optimizer = { kind: 'rmsprop', lr: 0.1 }))).toEqual([
      'experiment.optimizer.kind: expected a "kind" of "sgd", "adam", got "rmsprop"',
    ]);
  });
  it('a momentum of 1 or more', () => {
    expect(refused((s) => (s.experiment.optimizer.momentum = 1))).toEqual([
      'experiment.optimizer.momentum: expected a number >= 0 and < 1, got 1',
    ]);
  });
  it('a batch size that is neither "full" nor an integer', () => {
    expect(refused((s) => (s.experiment.batch_size = 'half'))).toEqual([
      'experiment.batch_size: expected "full" or an integer >= 1, got "half"',
    ]);
  });
  it('a string where a weight should be', () => {
    expect(refused((s) => (s.experiment.init.weights[0][1][0] = '0.5'))).toEqual([
      'experiment.init.weights[0][1][0]: expected a number, got "0.5"',
    ]);
  });
  it('explicit weights of the wrong shape', () => {
    expect(refused((s) => (s.experiment.init.weights[1] = [[1, 1, 1]]))).toEqual([
      'experiment.init.weights[1]: expected 1 row of 2 numbers (layer 1 has 1 unit and 2 inputs), got [[1,1,1]]',
    ]);
  });
  it('a layer count that does not match the weights', () => {
    expect(refused((s) => s.experiment.init.weights.pop())).toEqual([
      'experiment.init.weights: expected 2 matrices, one per layer (the network has 2 layers), got [[[1,1],[0.5,-1]]]',
    ]);
  });
  it('biases for a layer without bias', () => {
    expect(refused((s) => (s.experiment.network.layers[1].bias = false))).toEqual([
      'experiment.init.biases[1]: expected an empty list (layer 1 has "bias": false), got [0.5]',
    ]);
  });
  it('too few biases', () => {
    expect(refused((s) => (s.experiment.init.biases[0] = [0.5]))).toEqual([
      'experiment.init.biases[0]: expected 2 numbers (layer 0 has 2 units), got [0.5]',
    ]);
  });
  it('data rows that do not fit the network', () => {
    expect(refused((s) => (s.experiment.data.train = { x: [[1, 0], [1]], y: [[2], [1, 2]] }))).toEqual([
      'experiment.data.train.x[1]: expected 2 numbers (the network has 2 inputs), got [1]',
      'experiment.data.train.y[1]: expected 1 number (the output layer has 1 unit), got [1,2]',
    ]);
  });
  it('a different number of x and y rows', () => {
    expect(refused((s) => (s.experiment.data.test = { x: [[1, 0], [0, 1]], y: [[2]] }))).toEqual([
      'experiment.data.test.y: expected 2 rows, one per row of x, got 1 row',
    ]);
  });
  it('softmax on a hidden layer', () => {
    expect(refused((s) => (s.experiment.network.layers[0].activation = 'softmax'))).toEqual([
      'experiment.network.layers[0].activation: expected softmax only on the output layer (layer 1), got "softmax"',
    ]);
  });
  it('cross_entropy without softmax, binary_cross_entropy without sigmoid', () => {
    expect(refused((s) => (s.experiment.loss = 'cross_entropy'))).toEqual([
      'experiment.loss: cross entropy ("cross_entropy") needs a softmax output layer; the output layer (layer 1) is "relu": change the loss, or make the output layer softmax',
    ]);
    expect(refused((s) => (s.experiment.loss = 'binary_cross_entropy'))).toEqual([
      'experiment.loss: binary cross entropy ("binary_cross_entropy") needs a sigmoid output layer; the output layer (layer 1) is "relu": change the loss, or make the output layer sigmoid',
    ]);
  });
  it('a batch larger than the training set', () => {
    expect(refused((s) => (s.experiment.batch_size = 8))).toEqual([
      'experiment.batch_size: expected at most 1 (the training set has 1 sample) or "full", got 8',
    ]);
  });
  it('an unknown init kind, with the kinds there are', () => {
    expect(refused((s) => (s.experiment.init = { kind: 'xavier' }))).toEqual([
      'experiment.init.kind: expected a "kind" of "explicit", "zeros", "constant", "uniform", "normal", "he_normal", "he_uniform", "glorot_uniform", "glorot_normal", got "xavier"',
    ]);
  });
  it('a uniform init missing its bounds', () => {
    expect(refused((s) => (s.experiment.init = { kind: 'uniform', low: -1 }))).toEqual([
      'experiment.init.high: expected a number, got nothing',
    ]);
  });
  it('runs: bad status, duplicate ids, a bad override, params of the wrong shape', () => {
    expect(refused((s) => (s.runs[0].status = 'done'))).toEqual([
      'runs[0].status: expected one of "completed", "diverged", "stopped_early", "paused", got "done"',
    ]);
    expect(refused((s) => s.runs.push({ ...s.runs[0] }))).toEqual(['runs[1].id: expected an id no other run has, got "lr-0.25"']);
    expect(refused((s) => (s.runs[0].overrides = { 'optimizer.lrr': 0.1 }))).toEqual([
      'runs[0].overrides: optimizer.lrr: there is no field optimizer.lrr in the experiment',
    ]);
    expect(refused((s) => (s.runs[0].params = { weights: [[[1, 1]], [[1, 1]]], biases: [[0, 0], [0]] }))).toEqual([
      'runs[0].params.weights[0]: expected 2 rows of 2 numbers (layer 0 has 2 units and 2 inputs), got [[1,1]]',
    ]);
  });
  it('something that is not a session at all', () => {
    expect(parseSession('[1, 2]')).toEqual({ ok: false, errors: ['(the whole file): expected an object, got [1,2]'] });
  });
  it('a long value, shortened', () => {
    const [message] = refused((s) => (s.experiment.data.train.x = 'x'.repeat(200)));
    expect(message).toBe(`experiment.data.train.x: expected a list of rows (lists of numbers), got "${'x'.repeat(58)}…`);
  });
});

describe('JSON that does not parse', () => {
  const cases: [string, string][] = [
    ['{\n  "format": "nnlab",\n  "version": 1,\n}', 'line 4, column 1: a comma before "}" (JSON allows no trailing comma)'],
    ['{\n  "format": "nnlab"\n  "version": 1\n}', `line 3, column 3: expected ',' or '}' after a property value, found "\\""`],
    ["{ 'format': 'nnlab' }", 'line 1, column 3: expected a property name in double quotes, found "\'"'],
    ['{"a": [1, 2', "line 1, column 12: expected ',' or ']' after a list item, found the end of the file"],
    ['{"a": NaN}', 'line 1, column 7: expected a value, found "N"'],
    ['', 'line 1, column 1: the file is empty'],
    ['{} {}', 'line 1, column 4: unexpected "{" after the end of the JSON value'],
    ['{"a": "one\ntwo"}', 'line 1, column 11: a line break or control character inside a string (strings need \\n)'],
  ];
  it.each(cases)('%j', (text, message) => {
    expect(parseSession(text)).toEqual({ ok: false, errors: [message] });
  });
});

describe('serializeSession', () => {
  it('round-trips a session, keeping unknown fields everywhere', () => {
    const s = lecture();
    s.app_extra = { theme: 'dark' };
    s.experiment.network.layers[0].color = 'red';
    s.experiment.init.note = 'from the lecture';
    s.runs[0].pinned = true;
    const first = parseSession(JSON.stringify(s));
    if (!first.ok) throw new Error(first.errors.join('\n'));
    const text = serializeSession(first.session);
    const again = parseSession(text);
    if (!again.ok) throw new Error(again.errors.join('\n'));
    expect(again.session).toEqual(first.session);
    const raw = JSON.parse(text);
    expect(raw.app_extra).toEqual({ theme: 'dark' });
    expect(raw.experiment.network.layers[0].color).toBe('red');
    expect(raw.experiment.init.note).toBe('from the lecture');
    expect(raw.runs[0].pinned).toBe(true);
    expect(raw.view).toEqual({ panel: 'math', zoom: 1.5 });
    expect(serializeSession(again.session)).toBe(text);
  });

  it('writes non-finite numbers as null and typed arrays as lists, full precision', () => {
    const text = serializeSession({ a: [1, NaN, Infinity, -Infinity, 0.1 + 0.2], b: new Float64Array([0.5, 1 / 3]) });
    expect(JSON.parse(text)).toEqual({ a: [1, null, null, null, 0.30000000000000004], b: [0.5, 0.3333333333333333] });
  });

  it('reads back a diverged run whose params hold nulls', () => {
    const s = lecture();
    s.runs[0] = { id: 'big', overrides: { 'optimizer.lr': 1000 }, status: 'diverged', epochs_run: 3, diverged_at: 3,
      history: { train_loss: [0.25, 1e300, NaN] }, params: { weights: [[[NaN, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] } };
    const r = parseSession(serializeSession(s));
    expect(r.ok).toBe(true);
    expect(r.ok && r.session.runs?.[0].params?.weights[0][0][0]).toBe(null);
    expect(r.ok && r.session.runs?.[0].history).toEqual({ train_loss: [0.25, 1e300, null] });
  });
});
