/**
 * The experiment's data and starting parameters, drawn from the session's
 * random streams in the contract's order: data first, then init.
 *
 * Every refusal starts with its JSON path: a builder's own message already
 * does ("experiment.data.n_train: ..."); any other (a random function's
 * "randint(5, 1): expected low < high", an allocation's RangeError) gets the
 * path of the config it came from.
 */
import { buildData, type DataConfig } from '../data';
import { initParams } from '../init';
import type { RngStreams } from '../random';
import type { DataSplit, NetworkSpec, Params } from '../types';
import { reportProgress } from '../train/progress';
import { checkBuiltLimits } from './limits';
import type { Experiment } from './schema';

/** Runs fn; an Error whose message does not start with `at` is thrown again with `at: ` in front. */
function under<T>(at: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.split('\n').every((line) => line.startsWith(at))) throw e;
    throw new Error(message.split('\n').map((line) => (line.startsWith(at) ? line : `${at}: ${line}`)).join('\n'));
  }
}

export function buildDataFor(experiment: Experiment, network: NetworkSpec, streams: RngStreams): DataSplit {
  // the schema checked the fields' types; buildData checks their values and names them
  const data = under('experiment.data', () => buildData(experiment.data as DataConfig, network, streams, 'experiment.data'));
  reportProgress();
  const errors = checkBuiltLimits(experiment, data.train.x.rows, data.test?.x.rows ?? 0);
  if (errors.length) throw new Error(errors.join('\n'));
  return data;
}

export function initParamsFor(experiment: Experiment, network: NetworkSpec, streams: RngStreams): Params {
  const params = under('experiment.init', () => initParams(network, experiment.init, streams, 'experiment.init'));
  reportProgress();
  return params;
}
