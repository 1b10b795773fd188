/**
 * Evaluation: loss (with the session's reduction), MAE and accuracy of a
 * whole dataset, in chunks and in data order, and the sums a batch's own
 * forward pass adds to them (the trainer reuses a full batch's forward pass
 * as the history's train evaluation: per-sample values don't depend on the
 * batch and the sums run in the same order, so both give identical numbers).
 */
import type { Dataset, NetworkSpec, Params } from '../types';
import { batchLoss, forward, makeWorkspace, type Workspace } from '../net/network';
import type { ResidentLayer } from '../net/resident';
import { paramCount } from '../net/params';
import { gather } from './batches';
import { reportProgress } from './progress';
import type { Metrics, SetMetrics, TrainerOptions } from './types';

/** Rows per chunk when evaluating a whole dataset (bounds the evaluation workspace). */
const EVAL_CHUNK = 1024;
/** ...and at most this many multiply-adds per chunk (~20–100 ms): the deadline and progress reports come between chunks */
const EVAL_CHUNK_WORK = 20_000_000;

/** Sums over the samples seen so far. */
export interface Acc { lossSum: number; absSum: number; correct: number; n: number }
export const newAcc = (): Acc => ({ lossSum: 0, absSum: 0, correct: 0, n: 0 });

/** Whether the net's outputs have an accuracy: a softmax output, or one sigmoid unit with 0/1 targets. */
export function hasAccuracy(spec: NetworkSpec, trainY: Float64Array): boolean {
  const out = spec.layers[spec.layers.length - 1];
  return out.activation === 'softmax' || (out.units === 1 && out.activation === 'sigmoid' && trainY.every((v) => v === 0 || v === 1));
}

export class Evaluator {
  readonly hasAccuracy: boolean;
  private ws: Workspace | null = null;
  private readonly count: number;
  // scratch for fromBatch (the history copies the numbers)
  private readonly accTrain: Acc = newAcc();
  private readonly mTrain: SetMetrics = { loss: 0, mae: 0 };
  private readonly mScratch: Metrics = { train: this.mTrain };
  /** the trainer's first layer kept in WebAssembly (net/resident.ts), used for its own parameters only */
  first: ResidentLayer | null = null;

  constructor(private readonly opts: TrainerOptions) {
    this.hasAccuracy = hasAccuracy(opts.network, opts.data.train.y.data);
    this.count = paramCount(opts.network);
  }

  /** The most rows a block of measureBlock has (any set). */
  get maxChunk(): number {
    const d = this.opts.data;
    return Math.min(EVAL_CHUNK, Math.max(d.train.x.rows, d.test?.x.rows ?? 0, 1), Math.max(1, Math.floor(EVAL_CHUNK_WORK / this.count)));
  }

  /**
   * Adds the rows of a workspace after its forward pass and loss
   * (ws.sampleLoss) to acc: each sum runs over the rows in order, in a local
   * (not acc's fields per row: a tenth of a small net's epoch before). With
   * `fromLoss` the sums start from batchLoss's (fromBatch: acc's are 0, so
   * ws.lossSum and, for one output, ws.absSum are the same sums).
   */
  accumulate(ws: Workspace, acc: Acc, fromLoss = false): void {
    const spec = this.opts.network;
    const L = spec.layers.length - 1;
    const units = spec.layers[L].units;
    const a = ws.a[L];
    const y = ws.y;
    const rows = ws.rows;
    const sl = ws.sampleLoss;
    const n = rows * units;
    let lossSum = acc.lossSum;
    let absSum = acc.absSum;
    if (fromLoss) {
      lossSum = ws.lossSum;
      if (units === 1) absSum = ws.absSum;
      else for (let q = 0; q < n; q++) absSum += Math.abs(a[q] - y[q]);
    } else if (units === 1) {
      // one output: both sums in one loop (each still one running sum in row order; their additions overlap)
      for (let s = 0; s < rows; s++) {
        lossSum += sl[s];
        absSum += Math.abs(a[s] - y[s]);
      }
    } else {
      for (let s = 0; s < rows; s++) lossSum += sl[s];
      for (let q = 0; q < n; q++) absSum += Math.abs(a[q] - y[q]);
    }
    acc.lossSum = lossSum;
    acc.absSum = absSum;
    if (this.hasAccuracy) {
      let correct = acc.correct;
      if (units === 1) {
        for (let s = 0; s < rows; s++) if ((a[s] >= 0.5) === (y[s] >= 0.5)) correct++;
      } else {
        for (let s = 0; s < rows; s++) {
          const r = s * units;
          let ka = 0;
          let ky = 0;
          for (let k = 1; k < units; k++) {
            if (a[r + k] > a[r + ka]) ka = k;
            if (y[r + k] > y[r + ky]) ky = k;
          }
          if (ka === ky) correct++;
        }
      }
      acc.correct = correct;
    }
    acc.n += rows;
  }

  /** The metrics of acc, into m (a fresh object unless given). */
  finish(acc: Acc, m: SetMetrics = { loss: 0, mae: 0 }): SetMetrics {
    const units = this.opts.network.layers[this.opts.network.layers.length - 1].units;
    m.loss = this.opts.reduction === 'mean' ? acc.lossSum / acc.n : acc.lossSum;
    m.mae = acc.absSum / (acc.n * units);
    if (this.hasAccuracy) m.accuracy = acc.correct / acc.n;
    return m;
  }

  /** The metrics of a whole dataset with parameters p. */
  measure(d: Dataset, p: Params): SetMetrics {
    const acc = newAcc();
    for (let start = 0; start < d.x.rows; ) start = this.measureBlock(d, p, start, acc);
    return this.finish(acc);
  }

  /** Adds the rows start … start + chunk − 1 of d to acc; returns the next row. */
  measureBlock(d: Dataset, p: Params, start: number, acc: Acc): number {
    const o = this.opts;
    const chunk = Math.min(EVAL_CHUNK, Math.max(d.x.rows, 1), Math.max(1, Math.floor(EVAL_CHUNK_WORK / this.count)));
    if (!this.ws || this.ws.x.length < chunk * o.network.inputs) {
      this.ws = makeWorkspace(o.network, chunk);
      // the trainer's first layer kept in WebAssembly: the blocks are gathered straight into its memory
      this.first?.adoptEval(this.ws, chunk);
    }
    const ws = this.ws;
    ws.rows = Math.min(ws.sampleLoss.length, d.x.rows - start);
    // the layer's own parameters and every row's nonzero list kept there (its first evaluation kept them): x is not read
    const listed = this.first !== null && p.W[0] === this.first.W0 && this.first.takes(ws.x, ws.rows) && this.first.listed(d.x.data);
    gather(d, start, ws.rows, ws, null, !listed);
    forward(o.network, p, ws, this.first);
    batchLoss(o.network, o.loss, o.reduction, ws);
    this.accumulate(ws, acc);
    reportProgress();
    return start + ws.rows;
  }

  /**
   * The history entry of a full batch in data order from its forward pass and
   * batchLoss in ws (the train metrics) and the test set measured with p. The object is
   * reused by the next call.
   */
  fromBatch(ws: Workspace, p: Params): Metrics {
    const acc = this.accTrain;
    acc.lossSum = acc.absSum = acc.correct = acc.n = 0;
    // the batch's loss (and one output's |a − y|) sums are batchLoss's: the same rows in the same order from +0
    this.accumulate(ws, acc, true);
    const m = this.mScratch;
    this.finish(acc, this.mTrain);
    if (this.opts.data.test) m.test = this.measure(this.opts.data.test, p);
    return m;
  }

  /** The training (and test) set's metrics with parameters p. */
  evaluate(p: Params): Metrics {
    const m: Metrics = { train: this.measure(this.opts.data.train, p) };
    if (this.opts.data.test) m.test = this.measure(this.opts.data.test, p);
    this.first?.settle(); // its Wᵀ forgotten: a caller may change p next
    return m;
  }
}

/**
 * An epoch's history entry measured block by block (a big net's evaluation
 * stops between blocks for a deadline): per set (train, test) the sums so far
 * and the next row.
 */
export class PendingEntry {
  private readonly acc: [Acc, Acc] = [newAcc(), newAcc()];
  private set: 0 | 1 = 0;
  private start = 0;

  constructor(private readonly ev: Evaluator, private readonly opts: TrainerOptions) {}

  /** Measures blocks until the entry is done (its metrics) or `deadline` passes (null; at least one block is measured). */
  run(p: Params, deadline: number): Metrics | null {
    const m = this.blocks(p, deadline);
    this.ev.first?.settle(); // its Wᵀ forgotten: a caller may change p next
    return m;
  }

  private blocks(p: Params, deadline: number): Metrics | null {
    const sets = [this.opts.data.train, this.opts.data.test] as const;
    for (;;) {
      const d = sets[this.set];
      if (d && this.start < d.x.rows) {
        this.start = this.ev.measureBlock(d, p, this.start, this.acc[this.set]);
        if (Date.now() >= deadline) return null;
        continue;
      }
      if (this.set === 0) {
        this.set = 1;
        this.start = 0;
        continue;
      }
      break;
    }
    return { train: this.ev.finish(this.acc[0]), ...(this.opts.data.test ? { test: this.ev.finish(this.acc[1]) } : {}) };
  }
}
