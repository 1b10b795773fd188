/** Data given in the session: inline rows, truth tables and CSV text. */
import Papa from 'papaparse';
import type { Rng } from '../random/rng.ts';
import type { DataSplit, Dataset, NetworkSpec } from '../types.ts';
import type { CsvData, InlineData, InlineSet, TruthFunction, TruthTableData } from './config.ts';
import { isNumber, matrixFromRows, needBool, needInt, needNumber, needOneOf, show } from './util.ts';

function inlineSet(set: InlineSet, network: NetworkSpec, field: string): Dataset {
  if (set === null || typeof set !== 'object') throw new Error(`${field}: expected {"x": [...], "y": [...]}, got ${show(set)}`);
  const outputs = network.layers[network.layers.length - 1].units;
  const rows = (v: unknown, cols: number, name: 'x' | 'y', per: string): number[][] => {
    if (!Array.isArray(v)) throw new Error(`${field}.${name}: expected a list of rows, got ${show(v)}`);
    v.forEach((row: unknown, r) => {
      if (!Array.isArray(row) || row.length !== cols) {
        throw new Error(`${field}.${name}[${r}]: expected ${cols} number${cols === 1 ? '' : 's'} (${per}), got ${Array.isArray(row) ? row.length : show(row)}`);
      }
      row.forEach((cell: unknown, c) => {
        if (!isNumber(cell)) throw new Error(`${field}.${name}[${r}][${c}]: expected a finite number, got ${show(cell)}`);
      });
    });
    return v as number[][];
  };
  const x = rows(set.x, network.inputs, 'x', 'one per input');
  const y = rows(set.y, outputs, 'y', 'one per output unit');
  if (x.length === 0) throw new Error(`${field}.x: expected at least one row`);
  if (y.length !== x.length) throw new Error(`${field}.y: expected ${x.length} rows (one per row of x), got ${y.length}`);
  return { x: matrixFromRows(x, network.inputs), y: matrixFromRows(y, outputs) };
}

export function buildInlineData(cfg: InlineData, network: NetworkSpec, field: string): DataSplit {
  const split: DataSplit = {
    train: inlineSet(cfg.train, network, `${field}.train`),
    inputNames: Array.from({ length: network.inputs }, (_, i) => `x${i + 1}`),
    outputNames: Array.from({ length: network.layers[network.layers.length - 1].units }, (_, j) => `y${j + 1}`),
  };
  if (cfg.test !== undefined) split.test = inlineSet(cfg.test, network, `${field}.test`);
  return split;
}

const TRUTH: Record<TruthFunction, (bits: number[]) => number> = {
  and: (b) => (b.every((v) => v === 1) ? 1 : 0),
  or: (b) => (b.some((v) => v === 1) ? 1 : 0),
  nand: (b) => (b.every((v) => v === 1) ? 0 : 1),
  nor: (b) => (b.some((v) => v === 1) ? 0 : 1),
  xor: (b) => b.reduce((s, v) => s ^ v, 0), // parity for more than two inputs
  xnor: (b) => 1 - b.reduce((s, v) => s ^ v, 0),
};

/**
 * Every combination of the inputs in counting order, the first input the most significant bit:
 * 00, 01, 10, 11 (report 004's X). One target column, or [1 − y, y] (classes 0, 1) when the
 * output layer has two units.
 */
export function buildTruthTable(cfg: TruthTableData, network: NetworkSpec, field: string): DataSplit {
  const fn = needOneOf(cfg.function, Object.keys(TRUTH) as TruthFunction[], `${field}.function`);
  const n = cfg.inputs === undefined ? 2 : needInt(cfg.inputs, `${field}.inputs`, 1, 12);
  const bias = needBool(cfg.bias_column, `${field}.bias_column`) ?? false;
  const outputs = network.layers[network.layers.length - 1].units;
  if (outputs !== 1 && outputs !== 2) {
    throw new Error(`${field}: a truth table has one target (or two one-hot classes), but the output layer has ${outputs} units`);
  }
  const x: number[][] = [];
  const y: number[][] = [];
  for (let r = 0; r < 2 ** n; r++) {
    const bits = Array.from({ length: n }, (_, i) => (r >> (n - 1 - i)) & 1);
    const t = TRUTH[fn](bits);
    x.push(bias ? [...bits, 1] : bits);
    y.push(outputs === 2 ? [1 - t, t] : [t]);
  }
  const cols = n + (bias ? 1 : 0);
  const split: DataSplit = {
    train: { x: matrixFromRows(x, cols), y: matrixFromRows(y, outputs) },
    inputNames: [...Array.from({ length: n }, (_, i) => `x${i + 1}`), ...(bias ? ['1'] : [])],
    outputNames: outputs === 2 ? ['0', '1'] : [fn],
  };
  if (outputs === 2) split.classes = [0, 1];
  return split;
}

// ------------------------------------------------------------------ CSV

interface Table {
  header: string[] | null;
  rows: string[][];
}

function parseCsv(text: unknown, header: boolean, field: string): Table {
  if (typeof text !== 'string') throw new Error(`${field}: expected the CSV text (a string), got ${show(text)}`);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', dynamicTyping: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    const where = e.row === undefined ? '' : ` row ${e.row + (header ? 0 : 1)}:`;
    throw new Error(`${field}:${where} ${e.message}`);
  }
  const all = parsed.data;
  if (all.length === 0) throw new Error(`${field}: no rows`);
  return header ? { header: all[0].map((h) => h.trim()), rows: all.slice(1) } : { header: null, rows: all };
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

export function buildCsvData(cfg: CsvData, network: NetworkSpec, rng: () => Rng, field: string): DataSplit {
  const header = needBool(cfg.header, `${field}.header`) ?? true;
  const oneHot = (cfg.target_encoding === undefined ? 'values' : needOneOf(cfg.target_encoding, ['values', 'one_hot'] as const, `${field}.target_encoding`)) === 'one_hot';
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
