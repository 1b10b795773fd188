/**
 * Experiment → TrainerOptions.
 * TEMPORARY: covers inline data and explicit/zeros/constant init only, until
 * src-core/session's createTrainer (data kinds, drawn inits) lands; then this
 * file becomes a one-line re-export of it.
 */
import { paramsFromJSON } from '../net/params';
import { createRngStreams } from '../random/index.ts';
import type { Experiment } from '../session/schema';
import type { TrainerOptions } from '../train/types';
import type { Dataset, Matrix, NetworkSpec, OptimizerConfig } from '../types';

function matrix(rows: number[][]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, k) => data.set(r, k * cols));
  return { rows: rows.length, cols, data };
}

export function trainerOptions(exp: Experiment): TrainerOptions {
  const network = exp.network as NetworkSpec;
  const d = exp.data;
  if (d.kind !== 'inline') throw new Error(`experiment.data.kind: "${d.kind}" data is not available yet in this build`);
  const inline = d as unknown as { train: { x: number[][]; y: number[][] }; test?: { x: number[][]; y: number[][] } };
  const set = (s: { x: number[][]; y: number[][] }): Dataset => ({ x: matrix(s.x), y: matrix(s.y) });
  const init = exp.init as { kind: string; weights?: number[][][]; biases?: number[][]; value?: number };
  let weights: number[][][];
  let biases: number[][];
  if (init.kind === 'explicit') {
    weights = init.weights!;
    biases = init.biases!;
  } else if (init.kind === 'zeros' || init.kind === 'constant') {
    const c = init.kind === 'zeros' ? 0 : (init.value ?? 0);
    weights = network.layers.map((layer, l) => Array.from({ length: layer.units }, () => Array(l === 0 ? network.inputs : network.layers[l - 1].units).fill(c)));
    biases = network.layers.map((layer) => (layer.bias ? Array(layer.units).fill(0) : []));
  } else throw new Error(`experiment.init.kind: "${init.kind}" is not available yet in this build`);
  const streams = createRngStreams(exp.rng, exp.seed, 'experiment.seed');
  const shuffle = streams.stream('shuffle');
  return {
    network,
    loss: exp.loss,
    reduction: exp.reduction,
    optimizer: exp.optimizer as OptimizerConfig,
    batchSize: exp.batch_size,
    shuffle: exp.shuffle,
    epochs: exp.epochs,
    earlyStopping: exp.early_stopping,
    data: {
      train: set(inline.train),
      ...(inline.test ? { test: set(inline.test) } : {}),
      inputNames: Array.from({ length: network.inputs }, (_, i) => `x${i + 1}`),
      outputNames: Array.from({ length: network.layers.at(-1)!.units }, (_, j) => `y${j + 1}`),
    },
    params: paramsFromJSON(network, { weights, biases }),
    shuffleRandom: () => shuffle.random(),
  };
}
