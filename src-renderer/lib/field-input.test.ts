/** Reading a typed number and settling refusals (field-input.ts), and the loss/output message (loss-output.ts). */
import { describe, expect, it } from 'vitest';
import { gotIn, gotOf, readParamText, SameValueCommits, withoutField } from './field-input';
import { lossConflict } from './loss-output';
import { readNumber } from '../components/data/form';

describe('a weight or bias typed into its box', () => {
  it('takes a finite number', () => {
    expect(readParamText('W[0][0][0]', ' -1.5e-3 ', 0.5)).toEqual({ ok: true, value: -0.0015 });
    expect(readParamText('W[0][0][0]', '1e308', 0.5)).toEqual({ ok: true, value: 1e308 });
  });
  it('refuses the rest, naming the parameter, what was typed and the value it keeps', () => {
    const refused = (text: string) => {
      const r = readParamText('W[0][0][0]', text, 0.5);
      return r.ok ? r.value : r.message;
    };
    expect(refused('abc')).toBe('W[0][0][0]: expected a finite number, got "abc"; it keeps 0.5');
    expect(refused('Infinity')).toBe('W[0][0][0]: expected a finite number, got "Infinity"; it keeps 0.5');
    expect(refused('NaN')).toBe('W[0][0][0]: expected a finite number, got "NaN"; it keeps 0.5');
    expect(refused('1e400')).toBe('W[0][0][0]: expected a finite number, got "1e400", too large (at most about 1.8e308); it keeps 0.5');
    expect(refused('-1e400')).toMatch(/got "-1e400", too large/);
    expect(refused('')).toBe('W[0][0][0]: expected a finite number, got nothing; it keeps 0.5');
  });
});

describe('what a refused number field got', () => {
  it('a number box that could not read its text (it reports "") says so, not got ""', () => {
    expect(gotIn({ value: '', type: 'number', validity: { badInput: true } })).toMatch(/^got a value the box cannot read as a number \(too large, such as 1e400/);
    expect(gotIn({ value: '', type: 'number', validity: { badInput: false } })).toBe('got ""');
    expect(gotIn({ value: 'abc', type: 'text' })).toBe('got "abc"');
  });
  it('a sample cell with 1e400 says it is too large', () => {
    expect(readNumber('1e400', 'Training samples, row 1, x1')).toBe('Training samples, row 1, x1: expected a number, got "1e400", too large (at most about 1.8e308)');
    expect(readNumber('', 'x')).toBe('x: expected a number, got ""');
    expect(gotOf('abc')).toBe('got "abc"');
  });
});

describe('a refusal settles once its field holds an accepted value', () => {
  const errors = [
    'experiment.network.layers[0].units: expected an integer >= 1, got 2.5',
    'experiment.network.layers[0]: its units were not changed',
    'experiment.network.layers[1].units: expected an integer >= 1, got 0',
    'experiment.epochs: expected at most 1000000, got 1000000000000',
    'experiment.epochs_x: other',
  ];
  it('only the messages about that field (and inside it) go', () => {
    expect(withoutField(errors, 'experiment.network.layers[0].units')).toEqual(errors.filter((_, k) => k !== 0));
    expect(withoutField(errors, 'experiment.epochs')).toEqual(errors.filter((_, k) => k !== 3));
    expect(withoutField(errors, 'experiment.network.layers[0]')).toEqual(errors.filter((_, k) => k > 1));
  });
  it('a field committed after typing, with the text it had when focused, is named; a change or no typing is not', () => {
    const same = new SameValueCommits();
    const units = { value: '3', dataset: { field: 'experiment.network.layers[0].units' } as Record<string, string> };
    // focused and left without typing: nothing to settle
    same.focus(units);
    expect(same.commit(units)).toBeNull();
    // typed 3 over 3: no change event fires, the field holds 3: settled
    same.focus(units);
    same.input(units);
    expect(same.commit(units)).toBe('experiment.network.layers[0].units');
    // typed 4: a change event comes; not this
    same.focus(units);
    units.value = '4';
    same.input(units);
    expect(same.commit(units)).toBeNull();
    // a number box whose text it cannot read (1e400 reads as "")
    const lr = { value: '', dataset: { field: 'experiment.optimizer.lr' } as Record<string, string>, validity: { badInput: true } };
    same.focus(lr);
    same.input(lr);
    expect(same.commit(lr)).toBeNull();
  });
});

describe('a loss that needs another output', () => {
  it('binary cross entropy with a ReLU output: said plainly, the fix is squared error', () => {
    expect(lossConflict('binary_cross_entropy', 'relu')).toEqual({
      message: 'binary cross entropy needs a sigmoid output; the output layer would be ReLU: change the loss first, or pick sigmoid',
      fix: { loss: 'squared_error', label: 'Use squared error with a ReLU output' },
    });
    expect(lossConflict('binary_cross_entropy', 'softmax')?.fix.loss).toBe('cross_entropy');
    expect(lossConflict('cross_entropy', 'sigmoid')?.fix.loss).toBe('binary_cross_entropy');
  });
  it('no conflict when the loss takes the output', () => {
    expect(lossConflict('binary_cross_entropy', 'sigmoid')).toBeNull();
    expect(lossConflict('squared_error', 'relu')).toBeNull();
  });
});
