/** Generated data: a 1-D function over an interval, and several inputs with a target expression. */
import type { Rng } from '../random/rng.ts';
import type { DataSplit } from '../types.ts';
import type { ExpressionData, FunctionData } from './config.ts';
import { ExpressionError, parseExpression, type CompiledExpr } from './expression.ts';
import { isNumber, matrixFromRows, needBool, needInt, needNumber, needOneOf, show } from './util.ts';

function compile(src: unknown, vars: string[], field: string): CompiledExpr {
  if (typeof src !== 'string') throw new Error(`${field}: expected an expression (a string), got ${show(src)}`);
  try {
    return parseExpression(src, vars);
  } catch (e) {
    if (e instanceof ExpressionError) throw new Error(`${field}: ${e.message}`);
    throw e;
  }
}

function finiteTarget(y: number, field: string, where: string): number {
  if (!Number.isFinite(y)) throw new Error(`${field}: the target is ${y} at ${where}; choose an interval where it is finite`);
  return y;
}

/**
 * Draw order: all training x, then all test x, then per training sample its target's random
 * terms and noise, then the same for the test samples.
 */
export function buildFunctionData(cfg: FunctionData, rng: () => Rng, field: string): DataSplit {
  const expr = compile(cfg.expr, ['x'], `${field}.expr`);
  const interval = cfg.interval;
  if (!Array.isArray(interval) || interval.length !== 2 || !interval.every(isNumber) || !(interval[0] < interval[1])) {
    throw new Error(`${field}.interval: expected [low, high] with low < high, got ${show(interval)}`);
  }
  const [lo, hi] = interval;
  const nTrain = needInt(cfg.n_train, `${field}.n_train`, 1);
  const nTest = cfg.n_test === undefined ? 0 : needInt(cfg.n_test, `${field}.n_test`, 0);
  const sampling = cfg.sampling === undefined ? 'random' : needOneOf(cfg.sampling, ['random', 'random_centered', 'grid'] as const, `${field}.sampling`);
  let noiseStd = 0;
  if (cfg.noise !== undefined) {
    if (cfg.noise === null || typeof cfg.noise !== 'object') throw new Error(`${field}.noise: expected {"std": <number>}, got ${show(cfg.noise)}`);
    noiseStd = needNumber(cfg.noise.std, `${field}.noise.std`);
    if (noiseStd < 0) throw new Error(`${field}.noise.std: expected a number >= 0, got ${noiseStd}`);
  }
  const noiseTest = needBool(cfg.noise_test, `${field}.noise_test`) ?? false;

  const mid = (lo + hi) / 2;
  const width = hi - lo;
  const drawX = (n: number): number[] => {
    if (sampling === 'grid') {
      // np.linspace: lo + k·step, the last point exactly hi
      if (n === 1) return [lo];
      const step = width / (n - 1);
      return Array.from({ length: n }, (_, k) => (k === n - 1 ? hi : lo + k * step));
    }
    const r = rng();
    if (sampling === 'random') return Array.from({ length: n }, () => r.uniform(lo, hi));
    return Array.from({ length: n }, () => (r.random() - 0.5) * width + mid);
  };
  const xTrain = drawX(nTrain);
  const xTest = drawX(nTest);
  const targets = (xs: number[], noisy: boolean, set: string): number[][] =>
    xs.map((x, k) => {
      let y = finiteTarget(expr.eval({ x }, expr.random ? rng() : undefined), `${field}.expr`, `x = ${x} (${set} sample ${k + 1})`);
      if (noisy && noiseStd > 0) y += rng().normal(0, noiseStd);
      return [y];
    });
  const yTrain = targets(xTrain, true, 'training');
  const yTest = targets(xTest, noiseTest, 'test');
  const split: DataSplit = {
    train: { x: matrixFromRows(xTrain.map((x) => [x]), 1), y: matrixFromRows(yTrain, 1) },
    inputNames: ['x'],
    outputNames: ['y'],
    targetExpr: cfg.expr,
  };
  if (nTest > 0) split.test = { x: matrixFromRows(xTest.map((x) => [x]), 1), y: matrixFromRows(yTest, 1) };
  return split;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function buildExpressionData(cfg: ExpressionData, rng: () => Rng, field: string): DataSplit {
  const inputs = cfg.inputs;
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs) || Object.keys(inputs).length === 0) {
    throw new Error(`${field}.inputs: expected an object of inputs such as {"n1": {"low": 0, "high": 10}}, got ${show(inputs)}`);
  }
  const names = Object.keys(inputs);
  const ranges = names.map((name) => {
    const at = `${field}.inputs.${name}`;
    if (!NAME.test(name)) throw new Error(`${at}: an input name must be letters, digits and _ (not starting with a digit)`);
    const spec = inputs[name];
    if (spec === null || typeof spec !== 'object') throw new Error(`${at}: expected {"low": <number>, "high": <number>}, got ${show(spec)}`);
    const low = needNumber(spec.low, `${at}.low`);
    const high = needNumber(spec.high, `${at}.high`);
    const integer = needBool(spec.integer, `${at}.integer`) ?? false;
    if (integer && (!Number.isInteger(low) || !Number.isInteger(high))) {
      throw new Error(`${at}: integer inputs need integer low and high, got ${low} and ${high}`);
    }
    if (!(high > low)) throw new Error(`${at}.high: expected a number > low (${low}), got ${high}`);
    return { name, low, high, integer };
  });
  const target = compile(cfg.target, names, `${field}.target`);
  const nTrain = needInt(cfg.n_train, `${field}.n_train`, 1);
  const nTest = cfg.n_test === undefined ? 0 : needInt(cfg.n_test, `${field}.n_test`, 0);
  const order = cfg.order === undefined ? 'samples' : needOneOf(cfg.order, ['samples', 'columns'] as const, `${field}.order`);
  const r = rng();
  const drawInput = (k: number): number =>
    ranges[k].integer ? r.randint(ranges[k].low, ranges[k].high) : r.uniform(ranges[k].low, ranges[k].high);
  const evalTarget = (row: number[], where: string): number => {
    const vars: Record<string, number> = {};
    names.forEach((name, k) => (vars[name] = row[k]));
    return finiteTarget(target.eval(vars, r), `${field}.target`, where);
  };
  const drawSet = (n: number, set: string): { x: number[][]; y: number[][] } => {
    let x: number[][];
    const y: number[][] = [];
    if (order === 'samples') {
      x = [];
      for (let s = 0; s < n; s++) {
        const row = ranges.map((_, k) => drawInput(k));
        x.push(row);
        y.push([evalTarget(row, `${set} sample ${s + 1}`)]);
      }
    } else {
      const columns = ranges.map((_, k) => Array.from({ length: n }, () => drawInput(k)));
      x = Array.from({ length: n }, (_, s) => columns.map((c) => c[s]));
      x.forEach((row, s) => y.push([evalTarget(row, `${set} sample ${s + 1}`)]));
    }
    return { x, y };
  };
  const train = drawSet(nTrain, 'training');
  const split: DataSplit = {
    train: { x: matrixFromRows(train.x, names.length), y: matrixFromRows(train.y, 1) },
    inputNames: names,
    outputNames: ['y'],
  };
  if (nTest > 0) {
    const test = drawSet(nTest, 'test');
    split.test = { x: matrixFromRows(test.x, names.length), y: matrixFromRows(test.y, 1) };
  }
  return split;
}
