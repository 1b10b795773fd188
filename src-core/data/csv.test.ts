// CSV: every refused row or cell is named (row, column, what was expected); the import form's preview and header guess; standardisation.
import { describe, expect, it } from 'vitest';
import { createRngStreams } from '../random/streams.ts';
import type { Matrix, NetworkSpec } from '../types.ts';
import { buildData } from './build.ts';
import type { CsvData } from './config.ts';
import { guessHeader, previewCsv } from './csv.ts';

const rowsOf = (m: Matrix): number[][] => Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
const net = (inputs: number, outputs = 1): NetworkSpec => ({ inputs, layers: [{ units: 2, activation: 'tanh', bias: true }, { units: outputs, activation: 'linear', bias: true }] });
const build = (cfg: Omit<CsvData, 'kind'>, inputs = 1) => buildData({ kind: 'csv', ...cfg }, net(inputs), createRngStreams());

describe('csv errors name the row and the column', () => {
  it('a cell that is not a number', () => {
    expect(() => build({ text: 'a,b\n1,2\n3,x\n', inputs: ['a'], targets: ['b'] })).toThrow('data.text: row 2, column "b": expected a number, got "x"');
    expect(() => build({ text: '1,2\n3,\n', header: false, inputs: [0], targets: [1] })).toThrow('data.text: row 2, column 1: expected a number, got ""');
    expect(() => build({ text: 'a,b\n1,2\n', test_text: 'a,b\n1e999,2\n', inputs: ['a'], targets: ['b'] })).toThrow(
      'data.test_text: row 1, column "a": expected a number, got "1e999"',
    );
  });

  it('a row with too few or too many fields', () => {
    expect(() => build({ text: 'a,b,c\n1,2,3\n4,5\n', inputs: ['a'], targets: ['b'] })).toThrow(
      'data.text: row 2: expected 3 fields, got 2 ("c" is missing)',
    );
    expect(() => build({ text: 'a,b\n1,2\n3,4\n5,6,7\n', inputs: ['a'], targets: ['b'] })).toThrow('data.text: row 3: expected 2 fields, got 3 (1 more than the header)');
    expect(() => build({ text: '1,2,3\n4\n', header: false, inputs: [0], targets: [1] })).toThrow(
      'data.text: row 2: expected 3 fields, got 1 (column 1, column 2 are missing)',
    );
  });

  it('an unterminated quote', () => {
    expect(() => build({ text: 'a,b\n1,2\n3,"4\n5,6\n', inputs: ['a'], targets: ['b'] })).toThrow('data.text: row 2: Quoted field unterminated');
  });

  it('a one-column file is not an error (papaparse only notes it found no comma)', () => {
    const d = buildData({ kind: 'csv', text: 'y\n1\n2\n', inputs: ['y'], targets: ['y'] }, net(1), createRngStreams());
    expect(rowsOf(d.train.x)).toEqual([[1], [2]]);
  });

  it('tabs (a spreadsheet paste) are detected', () => {
    const d = build({ text: 'a\tb\n1\t2\n3\t4\n', inputs: ['a'], targets: ['b'] });
    expect(rowsOf(d.train.y)).toEqual([[2], [4]]);
  });
});

describe('csv standardize', () => {
  it('inputs become (v − mean)/std with the training rows\' mean and population std, applied to the test rows', () => {
    // numpy: x = [1, 2, 3, 4]; (x - x.mean()) / x.std() = [-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738]
    const d = build({ text: 'x,k,y\n1,5,0\n2,5,1\n3,5,0\n4,5,1\n', test_text: 'x,k,y\n5,6,1\n', inputs: ['x', 'k'], targets: ['y'], standardize: true }, 2);
    expect(rowsOf(d.train.x).map((r) => r[0])).toEqual([-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738]);
    // a constant column is only centred
    expect(rowsOf(d.train.x).map((r) => r[1])).toEqual([0, 0, 0, 0]);
    expect(rowsOf(d.test!.x)[0]).toEqual([(5 - 2.5) / Math.sqrt(1.25), 1]);
    expect(rowsOf(d.train.y)).toEqual([[0], [1], [0], [1]]);
  });

  it('with a test fraction, the statistics are the training rows\' only', () => {
    const d = build({ text: 'x,y\n0,0\n10,1\n2,0\n4,1\n', inputs: ['x'], targets: ['y'], test_fraction: 0.25, shuffle_split: false, standardize: true });
    // train x = 0, 10, 2: mean 4, std sqrt(56/3)
    const std = Math.sqrt(56 / 3);
    expect(rowsOf(d.test!.x)).toEqual([[(4 - 4) / std]]);
    expect(rowsOf(d.train.x)).toEqual([[-4 / std], [6 / std], [-2 / std]]);
  });
});

describe('csv preview and header guess (the import form)', () => {
  it('columns, first rows, count, numeric columns', () => {
    const p = previewCsv('x,z,label\n1,10,cat\n2,2o,dog\n3,30,cat\n', true, 2);
    expect(p).toEqual({ columns: ['x', 'z', 'label'], rows: [['1', '10', 'cat'], ['2', '2o', 'dog']], count: 3, numeric: [1, 2 / 3, 0] });
    expect(previewCsv('1,2\n3,4\n', false).columns).toEqual(['column 0', 'column 1']);
    expect(() => previewCsv('a,b\n1\n', true)).toThrow('csv: row 1: expected 2 fields, got 1 ("b" is missing)');
  });

  it('guesses a header when the first row has words above numbers', () => {
    expect(guessHeader('x,y\n1,2\n')).toBe(true);
    expect(guessHeader('1,2\n3,4\n')).toBe(false);
    expect(guessHeader('cat,1\ndog,2\n')).toBe(false);
    expect(guessHeader('name,1\ncat,2\n')).toBe(false);
    expect(guessHeader('label,x\ncat,2\n')).toBe(true);
  });
});
