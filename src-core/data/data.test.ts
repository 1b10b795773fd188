// Data sets against numpy: data-reference.json comes from numpy_data_reference.py,
// ../random/numpy-reference.json from ../random/numpy_reference.py (numpy 2.4, this machine).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRngStreams } from '../random/streams.ts';
import type { Matrix, NetworkSpec } from '../types.ts';
import { buildData } from './build.ts';
import type { DataConfig } from './config.ts';
import { sin } from '../math/trig.ts';

const json = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const dataRef = json('./data-reference.json') as {
  expression_numpy0_samples: number[][];
  expression_numpy0_columns: { n1: number[]; n2: number[]; y: number[] };
  function_numpy3_noise: { x_train: number[]; x_test: number[]; y_train: number[]; y_test: number[] };
  linspace: number[];
};
const report002 = (json('../random/numpy-reference.json') as {
  report002: { x_train_first5: number[]; x_train_last: number; x_test_first5: number[]; y_train_first5_f2: number[] };
}).report002;

const rowsOf = (m: Matrix): number[][] => Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
const col = (m: Matrix, c = 0): number[] => rowsOf(m).map((r) => r[c]);
const net = (inputs: number, outputs: number, activation: 'linear' | 'sigmoid' | 'softmax' = 'linear'): NetworkSpec => ({
  inputs,
  layers: [
    { units: 3, activation: 'sigmoid', bias: true },
    { units: outputs, activation, bias: true },
  ],
});

describe('function data', () => {
  it('report 002: default_rng(2223…8704), (u − 0.5)·10 on [-5, 5], f2 = sin(x)(25 − x²)', () => {
    const cfg: DataConfig = {
      kind: 'function', expr: 'sin(x)*(25 - x^2)', interval: [-5, 5], n_train: 1000, n_test: 100,
      sampling: 'random_centered', seed: '222337497072607291153223098371913928704',
    };
    const d = buildData(cfg, net(1, 1), createRngStreams('numpy_default_rng', 0));
    const x = col(d.train.x);
    expect(x.slice(0, 5)).toEqual(report002.x_train_first5);
    expect(x[999]).toBe(report002.x_train_last);
    expect(col(d.test!.x).slice(0, 5)).toEqual(report002.x_test_first5);
    // targets: Math.sin may differ from numpy's sin in the last bit
    col(d.train.y).slice(0, 5).forEach((y, k) => expect(y).toBeCloseTo(report002.y_train_first5_f2[k], 12));
    expect(d.targetExpr).toBe('sin(x)*(25 - x^2)');
    expect(d.test!.x.rows).toBe(100);
  });

  it('rng numpy, seed 3: x train, x test, then Gaussian noise on the training targets only', () => {
    const r = dataRef.function_numpy3_noise;
    const cfg: DataConfig = { kind: 'function', expr: 'sin(x)', interval: [-2, 2], n_train: 5, n_test: 3, noise: { std: 0.1 } };
    const d = buildData(cfg, net(1, 1), createRngStreams('numpy', 3));
    expect(col(d.train.x)).toEqual(r.x_train);
    expect(col(d.test!.x)).toEqual(r.x_test);
    col(d.train.y).forEach((y, k) => expect(y).toBeCloseTo(r.y_train[k], 14));
    // src-core/math's sin (here −0.9211513767965284, correctly rounded; Node's Math.sin gives …285)
    expect(col(d.test!.y)).toEqual(r.x_test.map(sin));
  });

  it('grid sampling is np.linspace and draws nothing', () => {
    const streams = createRngStreams('numpy', 1);
    const d = buildData({ kind: 'function', expr: '2*x + 1', interval: [-1, 2], n_train: 7, sampling: 'grid' }, net(1, 1), streams);
    expect(col(d.train.x)).toEqual(dataRef.linspace);
    expect(col(d.train.y)).toEqual(dataRef.linspace.map((x) => 2 * x + 1));
    expect(d.test).toBeUndefined();
    expect(streams.stream('init').random()).toBe(0.417022004702574); // np.random.seed(1); np.random.random()
  });

  it('seedrandom: the same seed gives the same data; noise_test adds noise to the test targets', () => {
    const cfg: DataConfig = { kind: 'function', expr: 'x', interval: [0, 1], n_train: 4, n_test: 4, noise: { std: 1 }, noise_test: true };
    const a = buildData(cfg, net(1, 1), createRngStreams('seedrandom', 5));
    const b = buildData(cfg, net(1, 1), createRngStreams('seedrandom', 5));
    expect(rowsOf(a.train.y)).toEqual(rowsOf(b.train.y));
    expect(col(a.test!.y)).not.toEqual(col(a.test!.x));
    const c = buildData(cfg, net(1, 1), createRngStreams('seedrandom', 6));
    expect(col(c.train.x)).not.toEqual(col(a.train.x));
  });

  it('errors name the field', () => {
    const s = createRngStreams();
    const base: DataConfig & { kind: 'function' } = { kind: 'function', expr: 'x', interval: [0, 1], n_train: 4 };
    expect(() => buildData({ ...base, expr: 'x + y' }, net(1, 1), s)).toThrow('data.expr: unknown name "y" at column 5');
    expect(() => buildData({ ...base, interval: [1, 0] }, net(1, 1), s)).toThrow('data.interval: expected [low, high] with low < high, got [1,0]');
    expect(() => buildData({ ...base, n_train: 0 }, net(1, 1), s)).toThrow('data.n_train: expected an integer >= 1, got 0');
    expect(() => buildData({ ...base, sampling: 'sobol' } as never, net(1, 1), s)).toThrow(
      'data.sampling: expected one of "random", "random_centered", "grid", got "sobol"',
    );
    expect(() => buildData({ ...base, noise: { std: -1 } }, net(1, 1), s)).toThrow('data.noise.std: expected a number >= 0, got -1');
    expect(() => buildData({ ...base, expr: 'log(x)', interval: [-1, 1] }, net(1, 1), s, 'experiment.data')).toThrow(
      'experiment.data.expr: the target is NaN at x = ',
    );
    // samples counted from 1, as the other messages count rows (it said "training sample 0")
    expect(() => buildData({ ...base, expr: '1 / x', interval: [0, 1], sampling: 'grid' }, net(1, 1), s)).toThrow(/the target is Infinity at x = 0 \(training sample 1\)/);
    expect(() => buildData(base, net(2, 1), s)).toThrow('data: the function data gives 1 input column, but the network has 2 inputs');
    expect(() => buildData({ kind: 'spiral' } as never, net(2, 1), s)).toThrow('data.kind: expected one of "inline", "function"');
  });
});

describe('expression data', () => {
  it("report 001's n3 = n1**2 + n2 + randint(0, 5), rng numpy seed 0, drawn sample by sample", () => {
    const cfg: DataConfig = {
      kind: 'expression',
      inputs: { n1: { low: 0, high: 10, integer: true }, n2: { low: 0, high: 10, integer: true } },
      target: 'n1**2 + n2 + np.random.randint(0, 5)',
      n_train: 6,
    };
    const d = buildData(cfg, net(2, 1), createRngStreams('numpy', 0));
    expect(rowsOf(d.train.x).map((r, k) => [...r, col(d.train.y)[k]])).toEqual(dataRef.expression_numpy0_samples);
    expect(d.inputNames).toEqual(['n1', 'n2']);
  });

  it('order "columns": every n1, then every n2, then the targets', () => {
    const r = dataRef.expression_numpy0_columns;
    const cfg: DataConfig = {
      kind: 'expression', order: 'columns',
      inputs: { n1: { low: 0, high: 10, integer: true }, n2: { low: -1, high: 1 } },
      target: 'n1**2 + n2 + randint(0, 5)', n_train: 6,
    };
    const d = buildData(cfg, net(2, 1), createRngStreams('numpy', 0));
    expect(col(d.train.x, 0)).toEqual(r.n1);
    expect(col(d.train.x, 1)).toEqual(r.n2);
    expect(col(d.train.y)).toEqual(r.y);
  });

  it('a test set follows the training set in the stream; bad inputs are named', () => {
    const cfg: DataConfig = { kind: 'expression', inputs: { a: { low: 0, high: 1 } }, target: 'a * 2', n_train: 3, n_test: 2 };
    const d = buildData(cfg, net(1, 1), createRngStreams('seedrandom', 1));
    expect(col(d.test!.y)).toEqual(col(d.test!.x).map((a) => a * 2));
    const s = createRngStreams();
    expect(() => buildData({ ...cfg, target: 'a + b' }, net(1, 1), s)).toThrow('data.target: unknown name "b" at column 5');
    expect(() => buildData({ ...cfg, inputs: { a: { low: 1, high: 1 } } }, net(1, 1), s)).toThrow('data.inputs.a.high: expected a number > low (1), got 1');
    expect(() => buildData({ ...cfg, inputs: { a: { low: 0.5, high: 3, integer: true } } }, net(1, 1), s)).toThrow(
      'data.inputs.a: integer inputs need integer low and high, got 0.5 and 3',
    );
    expect(() => buildData({ ...cfg, inputs: {} }, net(1, 1), s)).toThrow('data.inputs: expected an object of inputs');
  });
});

describe('truth tables', () => {
  it("report 004: xor with a bias column is X = [[0,0,1],[0,1,1],[1,0,1],[1,1,1]], y = [0,1,1,0]", () => {
    const d = buildData({ kind: 'truth_table', function: 'xor', bias_column: true }, net(3, 1), createRngStreams());
    expect(rowsOf(d.train.x)).toEqual([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]);
    expect(col(d.train.y)).toEqual([0, 1, 1, 0]);
  });

  it('every function; xor of three inputs is the parity; two softmax outputs get one-hot targets', () => {
    const y = (fn: 'and' | 'or' | 'nand' | 'nor' | 'xnor'): number[] =>
      col(buildData({ kind: 'truth_table', function: fn }, net(2, 1), createRngStreams()).train.y);
    expect(y('and')).toEqual([0, 0, 0, 1]);
    expect(y('or')).toEqual([0, 1, 1, 1]);
    expect(y('nand')).toEqual([1, 1, 1, 0]);
    expect(y('nor')).toEqual([1, 0, 0, 0]);
    expect(y('xnor')).toEqual([1, 0, 0, 1]);
    const p = buildData({ kind: 'truth_table', function: 'xor', inputs: 3 }, net(3, 1), createRngStreams());
    expect(col(p.train.y)).toEqual([0, 1, 1, 0, 1, 0, 0, 1]);
    const h = buildData({ kind: 'truth_table', function: 'and' }, net(2, 2, 'softmax'), createRngStreams());
    expect(rowsOf(h.train.y)).toEqual([[1, 0], [1, 0], [1, 0], [0, 1]]);
    expect(h.classes).toEqual([0, 1]);
  });

  it('errors', () => {
    const s = createRngStreams();
    expect(() => buildData({ kind: 'truth_table', function: 'implies' } as never, net(2, 1), s)).toThrow(
      'data.function: expected one of "and", "or", "nand", "nor", "xor", "xnor", got "implies"',
    );
    expect(() => buildData({ kind: 'truth_table', function: 'xor' }, net(3, 1), s)).toThrow(
      'data: the truth table gives 2 input columns, but the network has 3 inputs',
    );
    expect(() => buildData({ kind: 'truth_table', function: 'xor', inputs: 0 }, net(3, 1), s)).toThrow(
      'data.inputs: expected an integer from 1 to 12, got 0',
    );
  });
});

describe('inline data', () => {
  it('rows become matrices; shapes are checked', () => {
    const d = buildData({ kind: 'inline', train: { x: [[1, 0]], y: [[2]] }, test: { x: [[0, 1]], y: [[3]] } }, net(2, 1), createRngStreams());
    expect(rowsOf(d.train.x)).toEqual([[1, 0]]);
    expect(rowsOf(d.test!.y)).toEqual([[3]]);
    const s = createRngStreams();
    expect(() => buildData({ kind: 'inline', train: { x: [[1, 0, 5]], y: [[2]] } }, net(2, 1), s, 'experiment.data')).toThrow(
      'experiment.data.train.x[0]: expected 2 numbers (one per input), got 3',
    );
    expect(() => buildData({ kind: 'inline', train: { x: [[1, 0], [1, 1]], y: [[2]] } }, net(2, 1), s)).toThrow(
      'data.train.y: expected 2 rows (one per row of x), got 1',
    );
    expect(() => buildData({ kind: 'inline', train: { x: [[1, 'a']], y: [[2]] } } as never, net(2, 1), s)).toThrow(
      'data.train.x[0][1]: expected a finite number, got "a"',
    );
  });
});

describe('csv data', () => {
  const text = 'x,z,label\n1,10,cat\n2,20,dog\n3,30,cat\n4,40,bird\n5,50,dog\n';
  it('columns by name and index; values as targets', () => {
    const d = buildData({ kind: 'csv', text, inputs: ['x', 1], targets: ['z'] }, net(2, 1), createRngStreams());
    expect(rowsOf(d.train.x)).toEqual([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]]);
    expect(col(d.train.y)).toEqual([10, 20, 30, 40, 50]);
    expect(d.inputNames).toEqual(['x', 'z']);
  });

  it('one_hot class labels, sorted', () => {
    const d = buildData({ kind: 'csv', text, inputs: ['x'], targets: ['label'], target_encoding: 'one_hot' }, net(1, 3, 'softmax'), createRngStreams());
    expect(d.classes).toEqual(['bird', 'cat', 'dog']);
    expect(rowsOf(d.train.y)).toEqual([[0, 1, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 0, 1]]);
    expect(() =>
      buildData({ kind: 'csv', text, inputs: ['x'], targets: ['label'], target_encoding: 'one_hot' }, net(1, 2, 'softmax'), createRngStreams()),
    ).toThrow('data.targets: the column "label" has 3 classes (bird, cat, dog), but the output layer has 2 units');
  });

  it('test_fraction: shuffled as sklearn (permutation, first ceil(f·n) rows are the test set), or the last rows', () => {
    const cfg: DataConfig = { kind: 'csv', text, inputs: ['x'], targets: ['z'], test_fraction: 0.4 };
    const d = buildData(cfg, net(1, 1), createRngStreams('numpy', 1));
    // np.random.seed(1); np.random.permutation(5) = [2, 1, 4, 0, 3] (see ../random/numpy-reference.json for permutation(10))
    expect(col(d.test!.x)).toEqual([3, 2]);
    expect(col(d.train.x)).toEqual([5, 1, 4]);
    const u = buildData({ ...cfg, shuffle_split: false }, net(1, 1), createRngStreams());
    expect(col(u.train.x)).toEqual([1, 2, 3]);
    expect(col(u.test!.x)).toEqual([4, 5]);
  });

  it('a bad cell names the row and column', () => {
    const bad = 'x,y\n' + Array.from({ length: 20 }, (_, k) => (k === 16 ? 'abc,1' : `${k},1`)).join('\n');
    expect(() => buildData({ kind: 'csv', text: bad, inputs: ['x'], targets: ['y'] }, net(1, 1), createRngStreams())).toThrow(
      'data.text: row 17, column "x": expected a number, got "abc"',
    );
    expect(() => buildData({ kind: 'csv', text, inputs: ['w'], targets: ['z'] }, net(1, 1), createRngStreams())).toThrow(
      'data.inputs[0]: no column "w" (the columns are: x, z, label)',
    );
    expect(() => buildData({ kind: 'csv', text, inputs: [7], targets: ['z'] }, net(1, 1), createRngStreams())).toThrow(
      'data.inputs[0]: expected a column index from 0 to 2, got 7',
    );
    expect(() => buildData({ kind: 'csv', text, inputs: ['x'], targets: ['z'], test_fraction: 1 }, net(1, 1), createRngStreams())).toThrow(
      'data.test_fraction: expected a number from 0 up to (not including) 1, got 1',
    );
  });

  it('without a header, columns are indices; a test_text is its own test set', () => {
    const d = buildData({ kind: 'csv', text: '1,2\n3,4', header: false, inputs: [0], targets: [1], test_text: '5,6' }, net(1, 1), createRngStreams());
    expect(col(d.train.y)).toEqual([2, 4]);
    expect(rowsOf(d.test!.x)).toEqual([[5]]);
  });
});
