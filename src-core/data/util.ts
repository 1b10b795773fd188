/** Small helpers shared by the data builders: matrices, config checks with messages naming the field. */
import type { Rng } from '../random/rng.ts';
import type { RngStreams } from '../random/streams.ts';
import type { Seed } from '../random/rng.ts';
import type { Dataset, Matrix, NetworkSpec } from '../types.ts';

export function matrixFromRows(rows: number[][], cols: number): Matrix {
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, r) => data.set(row, r * cols));
  return { rows: rows.length, cols, data };
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

export function needNumber(v: unknown, field: string): number {
  if (!isNumber(v)) throw new Error(`${field}: expected a number, got ${show(v)}`);
  return v;
}

export function needInt(v: unknown, field: string, min: number, max = Infinity): number {
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
    const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
    throw new Error(`${field}: expected an integer ${range}, got ${show(v)}`);
  }
  return v as number;
}

export function needOneOf<T extends string>(v: unknown, options: readonly T[], field: string): T {
  if (!options.includes(v as T)) {
    throw new Error(`${field}: expected one of ${options.map((o) => `"${o}"`).join(', ')}, got ${show(v)}`);
  }
  return v as T;
}

export function needBool(v: unknown, field: string): boolean | undefined {
  if (v !== undefined && typeof v !== 'boolean') throw new Error(`${field}: expected true or false, got ${show(v)}`);
  return v;
}

/** The data stream: the session's "data" stream (restarted from the config's seed), or a generator given directly. */
export function dataRng(source: RngStreams | Rng, seed: Seed | undefined, field: string): Rng {
  return typeof (source as RngStreams).stream === 'function'
    ? (source as RngStreams).stream('data', seed, `${field}.seed`)
    : (source as Rng);
}

/** The x columns must be the network's inputs, the y columns its output units. */
export function checkAgainstNetwork(set: Dataset, network: NetworkSpec, field: string, what: string): void {
  const outputs = network.layers[network.layers.length - 1].units;
  if (set.x.cols !== network.inputs) {
    throw new Error(`${field}: ${what} gives ${set.x.cols} input column${set.x.cols === 1 ? '' : 's'}, but the network has ${network.inputs} input${network.inputs === 1 ? '' : 's'}`);
  }
  if (set.y.cols !== outputs) {
    throw new Error(`${field}: ${what} gives ${set.y.cols} target column${set.y.cols === 1 ? '' : 's'}, but the output layer has ${outputs} unit${outputs === 1 ? '' : 's'}`);
  }
}
