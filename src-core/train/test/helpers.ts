/** Test helpers: build trainer options from plain arrays. */
import type { Activation, DataSplit, LossKind, Matrix, NetworkSpec, OptimizerConfig, ParamsJSON, Reduction } from '../../types';
import { paramsFromJSON } from '../../net/params';
import type { TrainerOptions } from '../types';

export function matrix(rows: number[][]): Matrix {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

export function data(x: number[][], y: number[][], test?: { x: number[][]; y: number[][] }): DataSplit {
  return {
    train: { x: matrix(x), y: matrix(y) },
    test: test ? { x: matrix(test.x), y: matrix(test.y) } : undefined,
    inputNames: x[0].map((_, i) => `x${i + 1}`),
    outputNames: y[0].map((_, k) => `y${k + 1}`),
  };
}

export function net(inputs: number, layers: [number, Activation, boolean?][]): NetworkSpec {
  return { inputs, layers: layers.map(([units, activation, bias]) => ({ units, activation, bias: bias ?? true })) };
}

export function options(o: {
  network: NetworkSpec; params: ParamsJSON; x: number[][]; y: number[][]; test?: { x: number[][]; y: number[][] };
  loss?: LossKind; reduction?: Reduction; optimizer?: OptimizerConfig; batchSize?: number | 'full'; shuffle?: boolean;
  epochs?: number; random?: () => number;
}): TrainerOptions {
  return {
    network: o.network,
    params: paramsFromJSON(o.network, o.params),
    data: data(o.x, o.y, o.test),
    loss: o.loss ?? 'squared_error',
    reduction: o.reduction ?? 'mean',
    optimizer: o.optimizer ?? { kind: 'sgd', lr: 0.01 },
    batchSize: o.batchSize ?? 'full',
    shuffle: o.shuffle ?? false,
    epochs: o.epochs ?? 100,
    shuffleRandom: o.random ?? (() => { throw new Error('no shuffle stream in this test'); }),
  };
}

/** A small deterministic uniform [0,1) stream (mulberry32) for tests. */
export function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
