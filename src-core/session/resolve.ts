/**
 * The experiment's data and starting parameters, drawn from the session's
 * random streams in the contract's order (data, then init).
 * TEMPORARY: inline data only, until src-core/data lands; then this file
 * delegates to buildData.
 */
import { initParams } from '../init';
import type { RngStreams } from '../random';
import type { DataSplit, Dataset, NetworkSpec, Params } from '../types';
import type { Experiment } from './schema';

function dataset(set: { x: number[][]; y: number[][] }): Dataset {
  const matrix = (rows: number[][]) => ({ rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) });
  return { x: matrix(set.x), y: matrix(set.y) };
}

export function buildDataFor(experiment: Experiment, network: NetworkSpec, _streams: RngStreams): DataSplit {
  const data = experiment.data;
  if (data.kind !== 'inline') throw new Error(`experiment.data.kind: "${data.kind}" data is not available in this build yet`);
  const outputs = network.layers[network.layers.length - 1].units;
  return {
    train: dataset(data.train),
    ...(data.test ? { test: dataset(data.test) } : {}),
    inputNames: Array.from({ length: network.inputs }, (_, i) => `x${i + 1}`),
    outputNames: Array.from({ length: outputs }, (_, j) => (outputs === 1 ? 'y' : `y${j + 1}`)),
  };
}

export function initParamsFor(experiment: Experiment, network: NetworkSpec, streams: RngStreams): Params {
  return initParams(network, experiment.init, streams, 'experiment.init');
}
