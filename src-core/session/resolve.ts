/**
 * The experiment's data and starting parameters, drawn from the session's
 * random streams in the contract's order: data first, then init.
 */
import { buildData, type DataConfig } from '../data';
import { initParams } from '../init';
import type { RngStreams } from '../random';
import type { DataSplit, NetworkSpec, Params } from '../types';
import type { Experiment } from './schema';

export function buildDataFor(experiment: Experiment, network: NetworkSpec, streams: RngStreams): DataSplit {
  // the schema checked the fields' types; buildData checks their values and names them
  return buildData(experiment.data as DataConfig, network, streams, 'experiment.data');
}

export function initParamsFor(experiment: Experiment, network: NetworkSpec, streams: RngStreams): Params {
  return initParams(network, experiment.init, streams, 'experiment.init');
}
