/** Checks trainer options up front, so bad input is a clear message, never a crash mid-run. */
import type { Dataset } from '../types';
import { checkSpec } from '../net/network';
import { fanIn } from '../net/params';
import { checkOptimizer } from '../optim/optimizers';
import type { TrainerOptions } from './types';
import { monitorProblem } from './early-stopping';
import { hasAccuracy } from './evaluation';

function checkDataset(d: Dataset | undefined, name: string, inputs: number, outputs: number, errs: string[]): void {
  if (!d || !d.x || !d.y) {
    errs.push(`data.${name}: expected {x, y} matrices`);
    return;
  }
  if (d.x.cols !== inputs) errs.push(`data.${name}.x: expected ${inputs} columns (the network's inputs), got ${d.x.cols}`);
  if (d.y.cols !== outputs) errs.push(`data.${name}.y: expected ${outputs} columns (the output layer's units), got ${d.y.cols}`);
  if (d.x.rows !== d.y.rows) errs.push(`data.${name}: x has ${d.x.rows} rows but y has ${d.y.rows}`);
  if (d.x.rows < 1) errs.push(`data.${name}: expected at least one sample`);
  for (const [m, label] of [[d.x, 'x'], [d.y, 'y']] as const) {
    if (m.data.length !== m.rows * m.cols) {
      errs.push(`data.${name}.${label}: ${m.rows}×${m.cols} needs ${m.rows * m.cols} numbers, got ${m.data.length}`);
      continue;
    }
    for (let q = 0; q < m.data.length; q++) {
      if (!Number.isFinite(m.data[q])) {
        errs.push(`data.${name}.${label}[${Math.floor(q / m.cols)}][${q % m.cols}]: expected a finite number, got ${m.data[q]}`);
        break;
      }
    }
  }
}

export function checkOptions(o: TrainerOptions): void {
  const errs = checkSpec(o.network);
  if (errs.length === 0) {
    const L = o.network.layers.length;
    checkDataset(o.data?.train, 'train', o.network.inputs, o.network.layers[L - 1].units, errs);
    if (o.data?.test) checkDataset(o.data.test, 'test', o.network.inputs, o.network.layers[L - 1].units, errs);
    if (!o.params || o.params.W?.length !== L || o.params.b?.length !== L) errs.push(`params: expected ${L} weight matrices and ${L} bias vectors`);
    else {
      o.network.layers.forEach((layer, l) => {
        const nW = layer.units * fanIn(o.network, l);
        if (o.params.W[l].length !== nW) errs.push(`params.W[${l}]: expected ${nW} numbers, got ${o.params.W[l].length}`);
        const nB = layer.bias ? layer.units : 0;
        if (o.params.b[l].length !== nB) errs.push(`params.b[${l}]: expected ${nB} numbers, got ${o.params.b[l].length}`);
      });
    }
  }
  const losses = ['squared_error', 'half_squared_error', 'binary_cross_entropy', 'cross_entropy'];
  if (!losses.includes(o.loss)) errs.push(`loss: expected one of ${losses.join(', ')}, got ${JSON.stringify(o.loss)}`);
  if (o.reduction !== 'mean' && o.reduction !== 'sum') errs.push(`reduction: expected "mean" or "sum", got ${JSON.stringify(o.reduction)}`);
  errs.push(...checkOptimizer(o.optimizer));
  if (o.batchSize !== 'full' && !(Number.isInteger(o.batchSize) && o.batchSize >= 1)) errs.push(`batch_size: expected "full" or an integer >= 1, got ${JSON.stringify(o.batchSize)}`);
  if (typeof o.shuffleRandom !== 'function') errs.push('shuffleRandom: expected a function returning numbers in [0, 1)');
  const es = o.earlyStopping;
  if (es) {
    if (!Number.isInteger(es.patience) || es.patience < 1) errs.push(`early_stopping.patience: expected an integer >= 1, got ${es.patience}`);
    if (!Number.isFinite(es.min_delta) || es.min_delta < 0) errs.push(`early_stopping.min_delta: expected a number >= 0, got ${es.min_delta}`);
    // the series it watches must be one the run records (a classifier's accuracy, a test set's metrics)
    const y = o.data?.train?.y?.data;
    const problem = errs.length === 0 && y ? monitorProblem(es, !!o.data.test, hasAccuracy(o.network, y)) : null;
    if (problem) errs.push(problem);
  }
  if (errs.length > 0) throw new Error(errs.join('\n'));
}
