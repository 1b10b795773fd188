/** Data given in the session: inline rows and truth tables (CSV text: csv.ts). */
import type { DataSplit, Dataset, NetworkSpec } from '../types.ts';
import type { InlineData, InlineSet, TruthFunction, TruthTableData } from './config.ts';
import { isNumber, matrixFromRows, needBool, needInt, needOneOf, show } from './util.ts';

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
