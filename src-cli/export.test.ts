/**
 * `nnlab export --notebook`: the exported notebooks of the reports' examples,
 * their code cells run as one script with python3 and numpy (no Jupyter),
 * print the history and the final parameters `nnlab run --json` prints, to 1e-12.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notebookScript, type Notebook } from '../src-core/export/notebook';
import { expressionToNumpy } from '../src-core/export/notebook-random';

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'nnlab-notebook-'));

function writeTmp(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

function nnlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/nnlab.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NNLAB_DEBUG: '' }, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Out = { status: string; history: Record<string, (number | null)[]>; params: { weights: number[][][]; biases: number[][] } };

/** Exports FILE (run ID), runs the notebook's code, and returns what it printed last and what the CLI prints. */
function both(example: string, run?: string) {
  const file = `assets/examples/${example}.nnlab`;
  const out = join(tmp, `${example}${run ? `-${run}` : ''}.ipynb`);
  const r = nnlab('export', file, ...(run ? ['--run', run] : []), '--notebook', out);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const nb = JSON.parse(readFileSync(out, 'utf8')) as Notebook;
  expect(nb.nbformat).toBe(4);
  expect(nb.metadata.kernelspec).toMatchObject({ language: 'python' });
  const script = join(tmp, `${example}.py`);
  writeFileSync(script, notebookScript(nb));
  const py = spawnSync('python3', [script], { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(py.stderr).toBe('');
  expect(py.status).toBe(0);
  const printed = py.stdout.trim().split('\n');
  const notebook = JSON.parse(printed[printed.length - 1]) as Out;
  const cli = JSON.parse(nnlab('run', file, ...(run ? ['--run', run] : []), '--json').stdout) as Out;
  return { notebook, cli, printed: py.stdout, nb };
}

function expectSame(notebook: Out, cli: Out) {
  expect(notebook.status).toBe(cli.status);
  expect(Object.keys(notebook.history).sort()).toEqual(Object.keys(cli.history).filter((k) => k !== 'epoch' && k !== 'grad_norm').sort());
  for (const [k, series] of Object.entries(notebook.history)) {
    expect(series.length).toBe(cli.history[k].length);
    series.forEach((v, e) => expect(Math.abs(v! - cli.history[k][e]!), `${k}[${e}]`).toBeLessThanOrEqual(1e-12));
  }
  notebook.params.weights.flat(2).forEach((v, q) => expect(Math.abs(v - cli.params.weights.flat(2)[q])).toBeLessThanOrEqual(1e-12));
  notebook.params.biases.flat().forEach((v, q) => expect(Math.abs(v - cli.params.biases.flat()[q])).toBeLessThanOrEqual(1e-12));
}

describe('nnlab export --notebook: the notebook reproduces the history', () => {
  it("report 000: the lecture's 2-2-1 ReLU net, its first update's numbers exactly", () => {
    const { notebook, cli, printed } = both('000-lecture-relu-net-learning-rates');
    expectSame(notebook, cli);
    expect(notebook.history.train_loss).toEqual([0.25, 0.18096515999999982]);
    // the notebook names the weights as the session does (param_names: w5 = W[1][0][0])
    expect(printed).toMatch(/w5 \(W\[1\]\[0\]\[0\]\) +0\.985/);
  }, 60_000);

  it('report 003: the homework step, (a) and the run (b)', () => {
    const a = both('003-homework-2-3-1-sigmoid-step');
    expectSame(a.notebook, a.cli);
    expect(a.notebook.params.biases[0][0]).toBe(1.0000066640624292);
    const b = both('003-homework-2-3-1-sigmoid-step', 'b');
    expectSame(b.notebook, b.cli);
    expect(b.notebook.params.weights[1][0][2]).toBe(0.007648367721103598);
  }, 60_000);

  it("report 002: the data and the weights drawn with numpy's default_rng, 1000 epochs", () => {
    const { notebook, cli, nb } = both('002-basic-network-f1-f2');
    const code = notebookScript(nb);
    expect(code).toContain('rng_data = np.random.default_rng(222337497072607291153223098371913928704)');
    expect(code).toContain('rng_init = np.random.default_rng(36255793825986746149655859236796938907)');
    expectSame(notebook, cli);
  }, 120_000);

  it("report 004: XOR with np.random.seed(1)'s weights, 60 000 epochs", () => {
    const { notebook, cli, nb } = both('004-xor-seven-learning-rates');
    expect(notebookScript(nb)).toContain('np.random.seed(1)\nA = np.random.uniform(-1.0, 1.0, size=(3, 4))');
    expectSame(notebook, cli);
  }, 300_000);

  it('other settings: Adam, Nesterov, softmax + cross-entropy, tanh/ReLU/leaky ReLU, mini-batches, a test set; numpy-drawn noisy data', () => {
    const session = (experiment: Record<string, unknown>) => writeTmp(`${Object.keys(experiment).length}-${Math.random()}.nnlab`, JSON.stringify({ format: 'nnlab', version: 1, title: 'variant', experiment }));
    const xor = { train: { x: [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2]], y: [[1, 0], [0, 1], [0, 1], [1, 0], [1, 0]] }, test: { x: [[0.2, 0.9]], y: [[0, 1]] } };
    const files = [
      session({ network: { inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'relu' }, { units: 2, activation: 'softmax' }] },
        loss: 'cross_entropy', init: { kind: 'glorot_uniform', biases: { kind: 'constant', value: 0.1 } }, data: { kind: 'inline', ...xor },
        optimizer: { kind: 'adam', lr: 0.05 }, batch_size: 2, epochs: 200, seed: 3, rng: 'numpy' }),
      session({ network: { inputs: 2, layers: [{ units: 3, activation: 'leaky_relu', leak: 0.1 }, { units: 2, activation: 'sigmoid' }] },
        loss: 'squared_error', reduction: 'sum', init: { kind: 'he_normal', seed: 7 }, data: { kind: 'inline', ...xor },
        optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true }, epochs: 100, rng: 'numpy_default_rng' }),
      session({ network: { inputs: 1, layers: [{ units: 3, activation: 'sigmoid', bias: false }, { units: 1, activation: 'linear' }] },
        loss: 'half_squared_error', init: { kind: 'normal', std: 0.5 }, optimizer: { kind: 'sgd', lr: 0.001 }, epochs: 100, seed: 3, rng: 'numpy',
        data: { kind: 'function', expr: 'sin(x)*(25 - x^2)', interval: [-5, 5], n_train: 50, n_test: 10, noise: { std: 0.5 } } }),
    ];
    for (const file of files) {
      const out = `${file}.ipynb`;
      expect(nnlab('export', file, '--notebook', out).code).toBe(0);
      const nb = JSON.parse(readFileSync(out, 'utf8')) as Notebook;
      const py = spawnSync('python3', ['-c', notebookScript(nb)], { encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(py.stderr).toBe('');
      const printed = py.stdout.trim().split('\n');
      const notebook = JSON.parse(printed[printed.length - 1]) as Out;
      const cli = JSON.parse(nnlab('run', file, '--json').stdout) as Out;
      for (const [k, series] of Object.entries(notebook.history)) {
        series.forEach((v, e) => expect(Math.abs(v! - cli.history[k][e]!) / Math.max(1, Math.abs(cli.history[k][e]!)), `${file} ${k}[${e}]`).toBeLessThanOrEqual(1e-11));
      }
    }
    // the noisy function data drawn on numpy's global stream, then the weights from where it stopped
    expect(notebookScript(JSON.parse(readFileSync(`${files[2]}.ipynb`, 'utf8')))).toContain('np.random.seed(3)');
  }, 120_000);

  /** The notebook of a session written here, run; and what the CLI prints for it. */
  function ownSession(name: string, experiment: Record<string, unknown>) {
    const file = writeTmp(`${name}.nnlab`, JSON.stringify({ format: 'nnlab', version: 1, title: name, experiment }));
    const out = `${file}.ipynb`;
    const r = nnlab('export', file, '--notebook', out);
    expect(r.stderr).toBe('');
    const nb = JSON.parse(readFileSync(out, 'utf8')) as Notebook;
    const py = spawnSync('python3', ['-c', notebookScript(nb)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(py.stderr).toBe('');
    const printed = py.stdout.trim().split('\n');
    const cli = JSON.parse(nnlab('run', file, '--json').stdout) as Out;
    return { notebook: JSON.parse(printed[printed.length - 1]) as Out, cli, code: notebookScript(nb) };
  }
  const sine = { kind: 'function', expr: 'sin(x)', interval: [-3, 3], n_train: 11, n_test: 6, noise: { std: 0.3 } };
  const tanhNet = { inputs: 1, layers: [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'linear' }] };

  it("a shuffled mini-batch run: the notebook takes the app's sample order of every epoch", () => {
    // seedrandom (the default): the orders come from the app's own stream, written out as data
    const a = ownSession('shuffled', { network: tanhNet, loss: 'squared_error', init: { kind: 'glorot_uniform' }, data: sine,
      optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.5 }, batch_size: 3, shuffle: true, epochs: 60, seed: 5 });
    expect(a.code).toMatch(/^orders = np\.array\(\[\n {4}\[\d+(, \d+){10}\],$/m);
    expect(a.code).toContain('rows = order[start:start + B]');
    expectSame(a.notebook, a.cli);
    // numpy's stream: the shuffles continue it after the data and the weights (drawn in the notebook)
    const b = ownSession('shuffled-numpy', { network: tanhNet, loss: 'half_squared_error', init: { kind: 'uniform', low: -0.5, high: 0.5 }, data: sine,
      optimizer: { kind: 'adam', lr: 0.02 }, batch_size: 4, shuffle: true, epochs: 40, seed: 11, rng: 'numpy' });
    expect(b.code).toContain('np.random.seed(11)');
    expectSame(b.notebook, b.cli);
    // an unshuffled run of the same settings has other numbers: the orders matter
    const c = ownSession('unshuffled', { network: tanhNet, loss: 'squared_error', init: { kind: 'glorot_uniform' }, data: sine,
      optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.5 }, batch_size: 3, epochs: 60, seed: 5 });
    expect(c.notebook.history.train_loss[60]).not.toBe(a.notebook.history.train_loss[60]);
  }, 120_000);

  it('early stopping: the notebook stops at the same entry with the same (restored) parameters', () => {
    const es = (early_stopping: Record<string, unknown>, more: Record<string, unknown> = {}) => ownSession(`es-${JSON.stringify(early_stopping).length}-${Math.random()}`, {
      network: { inputs: 1, layers: [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'linear' }] }, loss: 'squared_error',
      init: { kind: 'glorot_uniform' }, optimizer: { kind: 'sgd', lr: 0.3 }, epochs: 400, seed: 5, early_stopping,
      data: { ...sine, n_train: 15, n_test: 8 }, ...more,
    });
    const a = es({ monitor: 'test_loss', patience: 5, min_delta: 0.0001 });
    expect(a.cli.status).toBe('stopped_early');
    expect(a.code).toContain('def early_stopping():');
    expectSame(a.notebook, a.cli);
    // restored: the final parameters are the best entry's, not the last's
    const last = a.cli.history.train_loss.length - 1;
    expect(last).toBeLessThan(400);
    // without restoring, shuffled, monitoring the training loss with min_delta 0
    const b = es({ monitor: 'train_loss', patience: 3, restore_best: false }, { optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 5, shuffle: true });
    expect(b.cli.status).toBe('stopped_early');
    expectSame(b.notebook, b.cli);
    // no monitor named and no test set: the training loss is monitored; a run that never stops completes
    const c = es({ patience: 50 }, { epochs: 30, data: { ...sine, n_test: 0 } });
    expect(c.cli.status).toBe('completed');
    expectSame(c.notebook, c.cli);
  }, 120_000);

  it('refuses what it cannot write out, and bad flags', () => {
    const r = nnlab('export', 'assets/examples/003-homework-2-3-1-sigmoid-step.nnlab');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--notebook OUT.ipynb is required');
    const bad = nnlab('export', 'assets/examples/003-homework-2-3-1-sigmoid-step.nnlab', '--notebook', '/no/such/folder/x.ipynb');
    expect(bad.stderr).toContain('the folder /no/such/folder does not exist');
    const session = JSON.parse(readFileSync(join(root, 'assets/examples/003-homework-2-3-1-sigmoid-step.nnlab'), 'utf8'));
    // the sample orders are written out: a shuffled run of too many epochs × samples is refused, with the numbers
    const long = writeTmp('shuffled-long.nnlab', JSON.stringify({ format: 'nnlab', version: 1, experiment: {
      network: { inputs: 1, layers: [{ units: 1, activation: 'linear' }] }, loss: 'squared_error', init: { kind: 'zeros' }, optimizer: { kind: 'sgd', lr: 0.1 },
      data: { kind: 'function', expr: 'x', interval: [0, 1], n_train: 11 }, batch_size: 2, shuffle: true, epochs: 100_000 } }));
    const shuffled = nnlab('export', long, '--notebook', join(tmp, 'x.ipynb'));
    expect(shuffled.stderr).toBe('nnlab export: experiment.shuffle: the notebook writes each epoch\'s sample order out, and 100000 epochs × 11 samples = 1100000 numbers are more than the 1000000 it takes; export fewer epochs (a run with its own "epochs") or train without shuffling\n');
    expect(shuffled.code).toBe(2);
  });
});

describe('expressionToNumpy', () => {
  it('maps the expression language to numpy', () => {
    expect(expressionToNumpy('sin(x)*(25 - x^2)')).toBe('np.sin(x)*(25 - x**2)');
    expect(expressionToNumpy('np.exp(x/5) + 1e-3*ln(x)')).toBe('np.exp(x/5) + 1e-3*np.log(x)');
    expect(expressionToNumpy('foo(x)')).toBe(null);
  });
});
