// A data edit's plan: what it changes in the network, refusals with the field, and the pasted blocks of the table.
import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../src-core/session/overrides';
import type { Experiment } from '../../../src-core/session/schema';
import { defaultSession } from '../../lib/default-session';
import { parseBlock, pasteInto, tableOf } from './blocks';
import { defaultData, describeData } from './defaults';
import { inFormWords, planData, rebaseData } from './plan';
import type { DataConfig } from '../../../src-core/data';

const xor = (): Experiment => {
  const checked = validateExperiment((defaultSession() as { experiment: unknown }).experiment);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.value;
};
/** The experiment after the plan, validated as app.editExperiment does. */
function applied(exp: Experiment, plan: ReturnType<typeof planData>): Experiment {
  if (!plan.ok) throw new Error(plan.error);
  const draft = structuredClone(exp) as unknown as Record<string, unknown>;
  plan.apply(draft);
  const checked = validateExperiment(draft);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.value;
}

describe('planData', () => {
  it('sizes past the limits are refused before anything is built (100 000 000 samples froze the window, then crashed it)', () => {
    const exp = xor();
    for (const kind of ['function', 'expression'] as const) {
      for (const [field, big, label] of [['n_train', 100_000_000, 'training samples'], ['n_test', 20_000_000, 'test samples']] as const) {
        const data = { ...defaultData(kind, exp)!, [field]: big } as DataConfig;
        // (built first, as it was, this would not come back for minutes)
        const plan = planData(exp, data, true);
        expect(plan.ok, `${kind} ${field}`).toBe(false);
        if (!plan.ok) expect(plan.error).toBe(`${label}: expected at most 1000000 (NN Lab's limit), got ${big}`);
      }
    }
  });

  it('every kind\'s default, from the XOR net, gives an experiment that validates', () => {
    for (const kind of ['inline', 'function', 'expression', 'truth_table', 'classification_2d', 'mnist'] as const) {
      const exp = xor();
      const plan = planData(exp, defaultData(kind, exp)!, true);
      expect(plan.ok, kind).toBe(true);
      const next = applied(exp, plan);
      expect(next.data.kind).toBe(kind);
    }
  });

  it('a function of x: one input, a linear output, squared error; the hand-set weights that fit are kept', () => {
    const exp = xor();
    const plan = planData(exp, defaultData('function', exp)!, true);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.changes).toEqual([
      'inputs 2 → 1',
      'output activation sigmoid → linear',
      'loss binary cross entropy → squared error',
      'the starting weights set by hand: 10 kept, 0 new ones drawn (Glorot uniform, from the seed)',
    ]);
    const next = applied(exp, plan);
    expect(next.network.inputs).toBe(1);
    expect(next.init).toMatchObject({ kind: 'explicit', weights: [[[0.5], [-0.3], [0.7]], [[0.6, -0.5, 0.4]]] });
  });

  it('from a regression (one linear unit, squared error) to classes with one score: a sigmoid unit and binary cross entropy', () => {
    const fn = applied(xor(), planData(xor(), defaultData('function', xor())!, true));
    for (const kind of ['classification_2d', 'mnist'] as const) {
      const plan = planData(fn, defaultData(kind, fn)!, true);
      if (!plan.ok) throw new Error(plan.error);
      expect(plan.changes, kind).toContain('output activation linear → sigmoid');
      expect(plan.changes, kind).toContain('loss squared error → binary cross entropy');
    }
    // a sigmoid output with squared error (report 004's XOR) is a classifier already: it stays as it is
    const sq = { ...xor(), loss: 'squared_error' } as Experiment;
    const kept = planData(sq, defaultData('classification_2d', sq)!, true);
    expect(kept.ok && kept.changes).toEqual([]);
  });

  it('MNIST, all ten digits: 784 inputs, ten softmax outputs with cross entropy', () => {
    const exp = xor();
    const next = applied(exp, planData(exp, { kind: 'mnist', n_train: 100, n_test: 10 }, true));
    expect(next.network.inputs).toBe(784);
    expect(next.network.layers.at(-1)).toMatchObject({ units: 10, activation: 'softmax' });
    expect(next.loss).toBe('cross_entropy');
  });

  it('same shape: no question; two output units stay two for 0/1 classes', () => {
    const exp = xor();
    const plan = planData(exp, { kind: 'truth_table', function: 'and' });
    expect(plan.ok && plan.changes).toEqual([]);
    const two = applied(exp, planData(exp, { kind: 'classification_2d', pattern: 'xor', n_train: 10 }, true));
    expect(two.network.layers.at(-1)!.units).toBe(1);
  });

  it('a batch larger than the new training set becomes the full set, said with the changes (the rings\' 20 for 4 typed-in samples)', () => {
    const exp = { ...xor(), batch_size: 20 } as Experiment;
    const plan = planData(exp, defaultData('inline', exp)!);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.changes).toEqual(['batch size 20 → the full set (4 training samples)']);
    expect(plan.network).toBe(false);
    expect(applied(exp, plan).batch_size).toBe('full');
    // a batch that still fits stays
    const fits = planData({ ...xor(), batch_size: 4 } as Experiment, defaultData('inline', exp)!);
    expect(fits.ok && fits.changes).toEqual([]);
  });

  it('refusals name the field and say what was expected', () => {
    const exp = xor();
    expect(planData(exp, { kind: 'function', expr: 'sin(x', interval: [-1, 1], n_train: 5 })).toEqual({ ok: false, error: expect.stringMatching(/^y: .* at column \d+$/) });
    expect(planData(exp, { kind: 'csv', text: 'a,b\n1,2\n3,x\n', inputs: ['a'], targets: ['b'] })).toEqual({
      ok: false, error: 'CSV: row 2, column "b": expected a number, got "x"',
    });
    expect(planData(exp, { kind: 'function', expr: 'log(x)', interval: [-1, 1], n_train: 5, sampling: 'grid' })).toEqual({
      ok: false, error: expect.stringContaining('choose an interval where it is finite'),
    });
  });
});

describe('pasting blocks into the samples table', () => {
  const rows = { x: [[0, 0], [0, 1]], y: [[0], [1]] };
  it('reads tabs, commas or spaces, and names a bad cell', () => {
    expect(parseBlock('1\t2\t3\n4\t5\t6\n')).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(parseBlock('1, 2, 3\n4 5 6')).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(parseBlock('1\t2\n3\tx')).toBe('pasted row 2, column 2: expected a number, got "x"');
    expect(parseBlock('1 2\n3')).toBe('pasted row 2: expected 2 numbers (as the first row of numbers), got 1');
    // a spreadsheet's header row is left out (it was refused: got "x1"); the rows keep their numbers from it
    expect(parseBlock('x1\tx2\ty\n0\t1\t1\n1\t1\t0\n')).toEqual([[0, 1, 1], [1, 1, 0]]);
    expect(parseBlock('x1,x2,y\n0,1,1\n1,x,0')).toBe('pasted row 3, column 2: expected a number, got "x"');
    expect(parseBlock('a b\n1 2\n3')).toBe('pasted row 3: expected 2 numbers (as the first row of numbers), got 1');
    // a lone line of words is no header: refused as it is
    expect(parseBlock('x1 x2')).toBe('pasted row 1, column 1: expected a number, got "x1"');
    // a first line with a number in it is data
    expect(parseBlock('x1 2\n3 4')).toBe('pasted row 1, column 1: expected a number, got "x1"');
  });
  it('overwrites from the cell, adds rows, or becomes the table when wider', () => {
    expect(pasteInto(rows, [[9], [8], [7]], 1, 2, 1)).toEqual({ x: [[0, 0], [0, 1], [0, 0], [0, 0]], y: [[0], [9], [8], [7]] });
    expect(pasteInto(rows, [[1, 2, 3, 4]], 0, 0, 1)).toEqual({ x: [[1, 2, 3]], y: [[4]] });
    expect(pasteInto(rows, [[1, 2, 3, 4]], 1, 0, 1)).toBe('the pasted block has 4 columns, but from column 1 the table has room for 3');
    expect(tableOf([[1]], 1)).toBe('the pasted rows have 1 number: expected the inputs, then 1 target');
  });
});

describe('an entry made while an earlier one is still loading builds on it', () => {
  const shown: DataConfig = { kind: 'mnist', n_train: 1000, n_test: 300 };
  it('takes only the fields the entry changed: the earlier entry\'s stay', () => {
    const latest: DataConfig = { kind: 'mnist', n_train: 3000, n_test: 300 };
    expect(rebaseData(shown, { ...shown, n_test: 500 }, latest)).toEqual({ kind: 'mnist', n_train: 3000, n_test: 500 });
    // a field the entry removed goes (all ten digits: no classes list)
    expect(rebaseData({ ...shown, classes: [5, 6] }, { ...shown }, { ...latest, classes: [5, 6] })).toEqual(latest);
  });
  it('cell by cell in a table of the same size; a change of kind whole', () => {
    const table = (y: number[][]): DataConfig => ({ kind: 'inline', train: { x: [[0], [1]], y } });
    expect(rebaseData(table([[0], [0]]), table([[0], [5]]), table([[7], [0]]))).toEqual(table([[7], [5]]));
    const fn: DataConfig = { kind: 'function', expr: 'x', interval: [-1, 1], n_train: 5 };
    expect(rebaseData(shown, fn, { ...shown, n_train: 3000 })).toBe(fn);
    expect(rebaseData(shown, { ...shown, n_test: 1 }, fn)).toEqual({ ...shown, n_test: 1 });
  });
  it('with nothing loading, the entry as it is', () => {
    const next: DataConfig = { ...shown, n_test: 500 };
    expect(rebaseData(shown, next, shown)).toBe(next);
  });
});

describe('inFormWords', () => {
  it("says a refusal with the form's labels, not the session file's paths", () => {
    expect(inFormWords('data.n_train: expected an integer from 1 to 1877, got 5000')).toBe('training samples: expected an integer from 1 to 1877, got 5000');
    expect(inFormWords('experiment.data.expr: expected ")" at column 6')).toBe('y: expected ")" at column 6');
    expect(inFormWords('data.inputs.n1.high: expected a number > low (0), got -1')).toBe('n1 high: expected a number > low (0), got -1');
    expect(inFormWords('data.inputs.n1: integer inputs need integer low and high')).toBe('input n1: integer inputs need integer low and high');
    expect(inFormWords('data.noise.std: expected a number >= 0, got -1\ndata: expected an object')).toBe('noise std: expected a number >= 0, got -1\nexpected an object');
    expect(inFormWords('data.shuffle_split: expected true or false')).toBe('shuffle split: expected true or false');
    // not a data path: as it was
    expect(inFormWords('lr: expected a number')).toBe('lr: expected a number');
  });
});

describe('describeData', () => {
  it('says in a sentence what each kind\'s default data is (asked about before the network changes)', () => {
    const exp = xor();
    expect(describeData(defaultData('function', exp)!)).toBe('y = exp(x/5) on [-5, 5], 100 training samples, 20 test');
    expect(describeData(defaultData('expression', exp)!)).toBe('target = n1^2 + n2 + randint(0, 5) of n1, n2, 100 training samples, 20 test');
    expect(describeData(defaultData('truth_table', exp)!)).toBe('XOR of 2 inputs (every row of its truth table)');
    expect(describeData(defaultData('classification_2d', exp)!)).toBe('two classes of points (circle), 150 training points, 50 test');
    expect(describeData(defaultData('mnist', exp)!)).toBe('MNIST digits 5 vs 6, 1000 training images, 300 test');
    expect(describeData(defaultData('inline', exp)!)).toBe('4 typed-in samples');
  });
});
