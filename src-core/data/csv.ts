/**
 * CSV text as data: parsing (papaparse), a preview for the app's import form
 * (columns, header guess, which columns are numbers), and the data split.
 * A bad cell or row is named: `row 17, column "x": expected a number, got "abc"`,
 * rows counted from 1 after the header.
 */
import Papa from 'papaparse';
import type { Rng } from '../random/rng.ts';
import type { DataSplit, NetworkSpec } from '../types.ts';
import type { CsvData } from './config.ts';
import { matrixFromRows, needBool, needNumber, needOneOf, show } from './util.ts';

interface Table {
  header: string[] | null;
  rows: string[][];
}

/** The cells of `text`, row by row (empty lines skipped); throws with the place of a quoting mistake. */
function cells(text: string, field: string, header: boolean): string[][] {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', dynamicTyping: false });
  // "UndetectableDelimiter" is only papaparse's note that a one-column file has no commas
  const errors = parsed.errors.filter((e) => e.type !== 'Delimiter');
  if (errors.length > 0) {
    const e = errors[0];
    const where = e.row === undefined ? '' : ` row ${e.row + (header ? 0 : 1)}:`;
    throw new Error(`${field}:${where} ${e.message}`);
  }
  return parsed.data;
}

function parseCsv(text: unknown, header: boolean, field: string): Table {
  if (typeof text !== 'string') throw new Error(`${field}: expected the CSV text (a string), got ${show(text)}`);
  const all = cells(text, field, header);
  if (all.length === 0) throw new Error(`${field}: no rows`);
  const table: Table = header ? { header: all[0].map((h) => h.trim()), rows: all.slice(1) } : { header: null, rows: all };
  const width = table.header?.length ?? all[0].length;
  table.rows.forEach((row, r) => {
    if (row.length === width) return;
    const names = table.header ? table.header.map((h) => JSON.stringify(h)) : Array.from({ length: width }, (_, c) => `column ${c}`);
    const what = row.length < width
      ? `${names.slice(row.length).join(', ')} ${width - row.length === 1 ? 'is' : 'are'} missing`
      : `${row.length - width} more than ${table.header ? 'the header' : 'the first row'}`;
    throw new Error(`${field}: row ${r + 1}: expected ${width} field${width === 1 ? '' : 's'}, got ${row.length} (${what})`);
  });
  return table;
}

const isNumeric = (cell: string | undefined): boolean => cell !== undefined && cell.trim() !== '' && Number.isFinite(Number(cell.trim()));

export interface CsvPreview {
  /** the column names: the header's, or "column 0", "column 1", … */
  columns: string[];
  /** the first data rows (at most `limit`) */
  rows: string[][];
  /** data rows in all */
  count: number;
  /** per column: the share of its data cells that are numbers (0 to 1) */
  numeric: number[];
}

/**
 * Whether the first row looks like a header: some cell of it is not a number while
 * the cells below it are (or it is the only row and has a non-number).
 */
export function guessHeader(text: string): boolean {
  let all: string[][];
  try {
    all = cells(text, 'csv', true);
  } catch {
    return true;
  }
  if (all.length === 0) return true;
  const [first, ...rest] = all;
  return first.some((cell, c) => !isNumeric(cell) && (rest.length === 0 || rest.some((row) => isNumeric(row[c]))));
}

/** The columns and first rows, for choosing inputs and targets. Throws like the data builder (row, column, what). */
export function previewCsv(text: string, header: boolean, limit = 5, field = 'csv'): CsvPreview {
  const table = parseCsv(text, header, field);
  const width = table.header?.length ?? table.rows[0]?.length ?? 0;
  const columns = table.header ?? Array.from({ length: width }, (_, c) => `column ${c}`);
  return {
    columns,
    rows: table.rows.slice(0, limit),
    count: table.rows.length,
    numeric: columns.map((_, c) => (table.rows.length === 0 ? 0 : table.rows.filter((row) => isNumeric(row[c])).length / table.rows.length)),
  };
}

function columnIndex(col: unknown, table: Table, field: string): number {
  const width = table.header?.length ?? table.rows[0]?.length ?? 0;
  if (typeof col === 'number') {
    if (!Number.isInteger(col) || col < 0 || col >= width) {
      throw new Error(`${field}: expected a column index from 0 to ${width - 1}, got ${col}`);
    }
    return col;
  }
  if (typeof col === 'string' && table.header) {
    const k = table.header.indexOf(col);
    if (k < 0) throw new Error(`${field}: no column ${JSON.stringify(col)} (the columns are: ${table.header.join(', ')})`);
    return k;
  }
  throw new Error(`${field}: expected a column ${table.header ? 'name or ' : ''}index, got ${show(col)}`);
}

function cellNumber(table: Table, r: number, c: number, field: string): number {
  const raw = table.rows[r][c];
  const text = raw === undefined ? '' : raw.trim();
  const v = text === '' ? NaN : Number(text);
  if (!Number.isFinite(v)) {
    const col = table.header ? `column ${JSON.stringify(table.header[c])}` : `column ${c}`;
    throw new Error(`${field}: row ${r + 1}, ${col}: expected a number, got ${JSON.stringify(raw ?? '')}`);
  }
  return v;
}

/** Sorted class labels: numerically if every label is a number, else as text. */
function classLabels(labels: string[]): (string | number)[] {
  const unique = [...new Set(labels)];
  if (unique.every((l) => l !== '' && Number.isFinite(Number(l)))) return unique.map(Number).sort((a, b) => a - b);
  return unique.sort();
}

/** (v − mean)/std per column, with the training rows' mean and population std; a constant column is only centred (as sklearn). */
function standardize(train: number[][], others: (number[][] | null)[]): void {
  const n = train.length;
  const cols = train[0]?.length ?? 0;
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (const row of train) mean += row[c];
    mean /= n;
    let ss = 0;
    for (const row of train) {
      const d = row[c] - mean;
      ss += d * d;
    }
    const std = Math.sqrt(ss / n);
    const scale = std > 0 ? std : 1;
    for (const set of [train, ...others]) set?.forEach((row) => (row[c] = (row[c] - mean) / scale));
  }
}

export function buildCsvData(cfg: CsvData, network: NetworkSpec, rng: () => Rng, field: string): DataSplit {
  const header = needBool(cfg.header, `${field}.header`) ?? true;
  const oneHot = (cfg.target_encoding === undefined ? 'values' : needOneOf(cfg.target_encoding, ['values', 'one_hot'] as const, `${field}.target_encoding`)) === 'one_hot';
  const scaled = needBool(cfg.standardize, `${field}.standardize`) ?? false;
  const train = parseCsv(cfg.text, header, `${field}.text`);
  const test = cfg.test_text === undefined ? null : parseCsv(cfg.test_text, header, `${field}.test_text`);
  const columns = (list: unknown, name: 'inputs' | 'targets'): number[] => {
    if (!Array.isArray(list) || list.length === 0) throw new Error(`${field}.${name}: expected a list of columns, got ${show(list)}`);
    return list.map((col: unknown, k) => columnIndex(col, train, `${field}.${name}[${k}]`));
  };
  const inCols = columns(cfg.inputs, 'inputs');
  const outCols = columns(cfg.targets, 'targets');
  if (oneHot && outCols.length !== 1) throw new Error(`${field}.targets: one_hot encoding takes one column of class labels, got ${outCols.length}`);
  const name = (c: number): string => (train.header ? train.header[c] : `column ${c}`);

  const xOf = (t: Table, f: string): number[][] => t.rows.map((_, r) => inCols.map((c) => cellNumber(t, r, c, f)));
  const labelsOf = (t: Table): string[] => t.rows.map((row) => (row[outCols[0]] ?? '').trim());
  let classes: (string | number)[] | undefined;
  if (oneHot) classes = classLabels([...labelsOf(train), ...(test ? labelsOf(test) : [])]);
  const yOf = (t: Table, f: string): number[][] => {
    if (!classes) return t.rows.map((_, r) => outCols.map((c) => cellNumber(t, r, c, f)));
    const keys = classes.map(String);
    return labelsOf(t).map((label) => {
      const k = keys.indexOf(typeof classes![0] === 'number' ? String(Number(label)) : label);
      return keys.map((_, j) => (j === k ? 1 : 0));
    });
  };
  let xTrain = xOf(train, `${field}.text`);
  let yTrain = yOf(train, `${field}.text`);
  let xTest: number[][] | null = test ? xOf(test, `${field}.test_text`) : null;
  let yTest: number[][] | null = test ? yOf(test, `${field}.test_text`) : null;

  if (!test && cfg.test_fraction !== undefined) {
    const fraction = needNumber(cfg.test_fraction, `${field}.test_fraction`);
    if (fraction < 0 || fraction >= 1) throw new Error(`${field}.test_fraction: expected a number from 0 up to (not including) 1, got ${fraction}`);
    const n = xTrain.length;
    const nTest = Math.ceil(fraction * n); // as sklearn's train_test_split
    if (nTest > 0) {
      if (nTest >= n) throw new Error(`${field}.test_fraction: ${fraction} of ${n} rows leaves no training rows`);
      const shuffle = needBool(cfg.shuffle_split, `${field}.shuffle_split`) ?? true;
      // shuffled: test = the first n_test of a permutation, train = the rest; else the last rows are the test set
      const order = shuffle ? rng().permutation(n) : null;
      const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);
      const pick = <T>(rows: T[], idx: number[]): T[] => idx.map((k) => rows[k]);
      const testIdx = order ? order.slice(0, nTest) : range(n - nTest, n);
      const trainIdx = order ? order.slice(nTest) : range(0, n - nTest);
      xTest = pick(xTrain, testIdx);
      yTest = pick(yTrain, testIdx);
      xTrain = pick(xTrain, trainIdx);
      yTrain = pick(yTrain, trainIdx);
    }
  }
  if (xTrain.length === 0) throw new Error(`${field}.text: no data rows`);
  if (scaled) standardize(xTrain, [xTest]);
  const outputs = network.layers[network.layers.length - 1].units;
  const yCols = classes ? classes.length : outCols.length;
  if (classes && yCols !== outputs) {
    throw new Error(`${field}.targets: the column ${JSON.stringify(name(outCols[0]))} has ${yCols} classes (${classes.join(', ')}), but the output layer has ${outputs} units`);
  }
  const split: DataSplit = {
    train: { x: matrixFromRows(xTrain, inCols.length), y: matrixFromRows(yTrain, yCols) },
    inputNames: inCols.map(name),
    outputNames: classes ? classes.map(String) : outCols.map(name),
  };
  if (classes) split.classes = classes;
  if (xTest && yTest && xTest.length > 0) split.test = { x: matrixFromRows(xTest, inCols.length), y: matrixFromRows(yTest, yCols) };
  return split;
}

/** How many input and target columns a CSV config gives (one_hot: one per class label), or throws like the builder. */
export function csvShape(cfg: CsvData, field = 'data'): { inputs: number; outputs: number } {
  const header = needBool(cfg.header, `${field}.header`) ?? true;
  const train = parseCsv(cfg.text, header, `${field}.text`);
  const test = cfg.test_text === undefined ? null : parseCsv(cfg.test_text, header, `${field}.test_text`);
  const list = (v: unknown, name: string): unknown[] => {
    if (!Array.isArray(v) || v.length === 0) throw new Error(`${field}.${name}: expected a list of columns, got ${show(v)}`);
    return v;
  };
  const inputs = list(cfg.inputs, 'inputs').length;
  const targets = list(cfg.targets, 'targets');
  if (cfg.target_encoding !== 'one_hot') return { inputs, outputs: targets.length };
  const c = columnIndex(targets[0], train, `${field}.targets[0]`);
  const labels = [train, ...(test ? [test] : [])].flatMap((t) => t.rows.map((row) => (row[c] ?? '').trim()));
  return { inputs, outputs: classLabels(labels).length };
}
