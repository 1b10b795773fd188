/**
 * What the trainer measures on request for the charts and diagnoses (the
 * `evaluation` protocol event): the confusion matrices of a classifier on the
 * training and the test set, and the hidden units' activation correlations
 * over the training set. The trainer has the data (the renderer does not:
 * MNIST's digits live in the worker), so it is computed there and sent.
 */
import type { DataSplit, NetworkSpec, Params } from '../types';
import { classifierProblem } from '../protocol/samples';
import { confusionOf } from './classification';
import { activationCorrelations, type LayerCorrelation } from './similarity';

export interface Evaluation {
  /** counts[true][predicted] per set; absent when the net is not a classifier (or the set is missing) */
  confusion?: { train: number[][]; test?: number[][] };
  correlations: LayerCorrelation[];
}

export function evaluate(spec: NetworkSpec, params: Params, data: DataSplit): Evaluation {
  const out: Evaluation = { correlations: activationCorrelations(spec, params, data.train) };
  if (classifierProblem(spec, data.train) === null && (!data.test || classifierProblem(spec, data.test) === null)) {
    out.confusion = { train: confusionOf(spec, params, data.train), ...(data.test ? { test: confusionOf(spec, params, data.test) } : {}) };
  }
  return out;
}
