/**
 * The trainer: one update is three phases — forward (z, a, loss), backward
 * (delta, gradW, gradB), update (the optimizer) — and a host can stop after
 * each, after a batch, after an epoch, or run N epochs against a wall-clock
 * deadline and resume.
 *
 * Epochs and batches: each epoch walks the training set in `order` (the
 * identity, or a fresh Fisher–Yates shuffle drawn from shuffleRandom when the
 * epoch's first batch starts) in batches of batchSize; the last partial
 * batch is a batch of its own and never spills into the next epoch.
 *
 * History entry k is measured with the parameters after k epochs. With full
 * batches in data order the forward pass of update k+1 already computes the
 * training metrics of entry k, so no second pass is made: the entry is taken
 * from that forward pass, or evaluated separately when it is needed earlier
 * (reading `history`, the end of runEpochs, toState). Both give identical
 * numbers: per-sample values don't depend on the batch, and the sums run in
 * the same order.
 *
 * Editing a parameter (setParam) discards the pending phases of the current
 * batch and re-runs its forward pass at once, so the loss shown is never
 * stale; nextPhase becomes 'backward'. An edit made before the epoch's first
 * update also replaces history entry k (the run now continues from the
 * edited parameters).
 *
 * Divergence: the first non-finite value stops the run (status 'diverged'):
 * the loss after a forward pass (then the first non-finite activation
 * a[l][row][j] is named, else "loss"), a gradient after the backward pass
 * ("gradW[l][j][i]", "gradB[l][j]"), a parameter after the update
 * ("W[l][j][i]", "b[l][j]"; the parameters are put back to their last finite
 * values, lastStep.after shows the bad ones), or a metric of a history entry.
 * divergence.became records what the value became (NaN, Infinity, -Infinity),
 * so the message says which (train/divergence.ts).
 */
import type { Divergence, HistoryMetric, NetworkSpec, OptimizerConfig, ParamRef, Params, ParamsJSON, Phase, RunStatus } from '../types';
import { backward, batchLoss, forward, makeGrads, makeWorkspace, type Grads, type Workspace } from '../net/network';
import { isFused } from '../net/losses';
import {
  checkParamRef, cloneParams, copyParamsInto, fanIn, flattenParams, paramCount, paramName, paramsFromJSON, paramsToJSON, unflattenParams,
} from '../net/params';
import { Optimizer } from '../optim/optimizers';
import { HistoryRecorder } from './history';
import { divergenceMessage, nonFiniteName } from './divergence';
import type { History, Metrics, SetMetrics, StepDetail, TrainerOptions, TrainerStateJSON } from './types';
import { checkOptions } from './validate';
import { reportProgress } from './progress';
import type { Dataset } from '../types';
export type {
  History, HistoryJSON, Metrics, OptimizerStateJSON, OptimizerStep, ParamRecord, SetMetrics, StepDetail, TrainerOptions, TrainerStateJSON,
} from './types';

/** Numbers of the parameter record a saved state keeps by default (TrainerOptions.maxSavedParamNumbers). */
export const DEFAULT_SAVED_PARAM_NUMBERS = 20_000;

/** Rows per chunk when evaluating a whole dataset (bounds the evaluation workspace). */
const EVAL_CHUNK = 1024;
/** ...and at most this many multiply-adds per chunk (~20–100 ms): the deadline and progress reports come between chunks */
const EVAL_CHUNK_WORK = 20_000_000;

interface Acc { lossSum: number; absSum: number; correct: number; n: number }
const newAcc = (): Acc => ({ lossSum: 0, absSum: 0, correct: 0, n: 0 });

/** A non-finite value that stops the run: its name (Divergence.what) and the value. */
interface BadValue { what: string; value: number }

export class Trainer {
  /** completed epochs */
  epoch = 0;
  /** completed updates (batches) */
  updates = 0;
  status: RunStatus = 'idle';
  nextPhase: Phase = 'forward';
  divergence: Divergence | null = null;
  readonly opts: TrainerOptions;

  private readonly p: Params;
  private readonly before: Params;
  private readonly g: Grads;
  private readonly opt: Optimizer;
  private readonly rec: HistoryRecorder;
  private readonly n: number;
  private readonly B: number;
  private readonly nBatches: number;
  private readonly wsFull: Workspace;
  private readonly wsLast: Workspace | null;
  private evalWs: Workspace | null = null;
  private ws: Workspace;
  private readonly flat: Float64Array;
  private readonly hasAccuracy: boolean;
  /** full batches in data order: the forward pass doubles as the history's train evaluation */
  private readonly reuse: boolean;
  /** with reuse, wsFull already holds the training rows (gathered once) */
  private gathered = false;
  // scratch for the per-epoch train metrics of the reuse path (rec.push copies the numbers)
  private readonly accTrain: Acc = { lossSum: 0, absSum: 0, correct: 0, n: 0 };
  private readonly mTrain: SetMetrics = { loss: 0, mae: 0 };
  private readonly mScratch: Metrics = { train: this.mTrain };
  private order: Int32Array;
  private orderEpoch = -1;
  private randomDraws = 0;
  private batchInEpoch = 0;
  private curLoss = NaN;
  private done = { forward: false, backward: false, update: false };
  private curEpoch = 0;
  private curBatch = 0;
  // early stopping
  private bestParams: Params | null = null;
  private bestValue = Infinity;
  private sinceBest = 0;
  /** per layer: Σ over the current epoch's applied updates of ‖gradient‖₂ (history.grad_norm is this / batches) */
  private readonly gradNormSum: Float64Array;
  /** per layer: ‖gradient‖₂ of the current batch, computed with the backward pass's finiteness check */
  private readonly gradNorm: Float64Array;

  constructor(opts: TrainerOptions, restoring = false) {
    checkOptions(opts);
    this.opts = opts;
    const spec = opts.network;
    this.p = cloneParams(opts.params);
    this.before = cloneParams(opts.params);
    this.g = makeGrads(this.p);
    this.opt = new Optimizer(opts.optimizer, this.p);
    this.n = opts.data.train.x.rows;
    this.B = opts.batchSize === 'full' ? this.n : Math.min(opts.batchSize, this.n);
    this.nBatches = Math.ceil(this.n / this.B);
    this.wsFull = makeWorkspace(spec, this.B);
    const lastRows = this.n - (this.nBatches - 1) * this.B;
    this.wsLast = lastRows !== this.B ? makeWorkspace(spec, lastRows) : null;
    this.ws = this.wsFull;
    this.order = Int32Array.from({ length: this.n }, (_, k) => k);
    this.reuse = this.B === this.n && !opts.shuffle;
    const out = spec.layers[spec.layers.length - 1];
    const y = opts.data.train.y.data;
    this.hasAccuracy = out.activation === 'softmax' || (out.units === 1 && out.activation === 'sigmoid' && y.every((v) => v === 0 || v === 1));
    const count = paramCount(spec);
    this.flat = new Float64Array(count);
    this.gradNormSum = new Float64Array(spec.layers.length);
    this.gradNorm = new Float64Array(spec.layers.length);
    this.rec = new HistoryRecorder(!!opts.data.test, this.hasAccuracy, count, opts.maxHistoryParamNumbers ?? 2_000_000, spec.layers.length, opts.historyThinning);
    if (!restoring && !this.reuse) this.recordEntry(this.evaluate());
  }

  /** "diverged at epoch 193: loss became Infinity", or null while the run has not diverged. */
  get divergenceMessage(): string | null {
    return this.divergence ? divergenceMessage(this.divergence, this.params, this.opts.network) : null;
  }

  /** The current parameters (live: copy before keeping). */
  get params(): Params {
    return this.p;
  }

  get optimizer(): OptimizerConfig {
    return this.opt.cfg;
  }

  /**
   * Entry k: after k epochs. Reading it completes the current epoch's entry if
   * pending, except one runEpochs left half measured (it is finished by the
   * next step or run: until then the history ends one entry short).
   */
  get history(): History {
    if (!this.measuring) this.flushEntry();
    return this.rec.h;
  }

  // ---- stepping -------------------------------------------------------

  private get terminal(): boolean {
    return this.status === 'diverged' || this.status === 'stopped_early';
  }

  stepPhase(): void {
    if (this.measuring) this.measureEntry(Infinity);
    if (this.terminal) return;
    if (this.status !== 'running') this.status = 'paused';
    if (this.nextPhase === 'forward') this.phaseForward();
    else if (this.nextPhase === 'backward') this.phaseBackward();
    else this.phaseUpdate();
    reportProgress();
  }

  /** Finishes the current update: every remaining phase of one batch. */
  stepBatch(): void {
    const u = this.updates;
    while (!this.terminal && this.updates === u) this.stepPhase();
  }

  /** Finishes the current epoch. */
  stepEpoch(): void {
    const e = this.epoch;
    while (!this.terminal && this.epoch === e) this.stepPhase();
    this.flushEntry();
  }

  /**
   * Trains up to n epochs (finishing a started one counts as one), returning
   * early once Date.now() passes `deadline`, or on divergence / early
   * stopping. Returns the epochs completed. Afterwards status is 'completed'
   * when opts.epochs is reached, else 'paused' (or the terminal status).
   */
  runEpochs(n: number, deadline = Infinity): number {
    if (this.terminal) return 0;
    const start = this.epoch;
    const target = start + n;
    this.status = 'running';
    this.deadline = deadline;
    try {
      // the deadline is checked between batches and between the blocks of an
      // epoch's evaluation, so a pause never waits for a whole epoch of a big net
      while ((this.epoch < target || this.measuring) && !this.terminal) {
        if (this.measuring) {
          // the run's last entry is always finished: a run ends with its history complete
          if (!this.measureEntry(this.epoch < target ? deadline : Infinity)) break;
        } else {
          this.stepPhase();
          if (this.nextPhase === 'forward' && !this.measuring && Date.now() >= deadline) break;
        }
      }
    } finally {
      this.deadline = Infinity;
    }
    if (!this.measuring) this.flushEntry();
    if (!this.terminal) this.status = this.epoch >= this.opts.epochs ? 'completed' : 'paused';
    return this.epoch - start;
  }

  private startBatch(): void {
    const { n, B } = this;
    if (this.batchInEpoch === 0 && this.orderEpoch !== this.epoch) {
      if (this.opts.shuffle) this.shuffleOrder();
      this.orderEpoch = this.epoch;
    }
    const start = this.batchInEpoch * B;
    const rows = Math.min(B, n - start);
    const ws = rows === B ? this.wsFull : this.wsLast!;
    // a full batch in data order is the same rows every epoch: gather it once
    if (!(this.reuse && this.gathered)) this.gather(this.opts.data.train, start, rows, ws, this.order);
    this.gathered = true;
    this.ws = ws;
    this.curEpoch = this.epoch;
    this.curBatch = this.batchInEpoch;
  }

  /** Fisher–Yates from the identity: for i = n−1 … 1, swap i with ⌊r·(i+1)⌋. n−1 draws per epoch. */
  private shuffleOrder(): void {
    const o = this.order;
    for (let k = 0; k < o.length; k++) o[k] = k;
    for (let i = o.length - 1; i > 0; i--) {
      const j = Math.floor(this.opts.shuffleRandom() * (i + 1));
      this.randomDraws++;
      const t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
  }

  private gather(d: Dataset, start: number, rows: number, ws: Workspace, order: Int32Array | null): void {
    const nx = d.x.cols;
    const ny = d.y.cols;
    const X = d.x.data;
    const Y = d.y.data;
    const r0 = order ? order[start] : start;
    let contiguous = true;
    if (order) for (let s = 1; s < rows && contiguous; s++) contiguous = order[start + s] === r0 + s;
    if (contiguous) {
      // rows r0 … r0+rows−1 lie back to back in the data: one block copy each
      ws.x.set(X.subarray(r0 * nx, (r0 + rows) * nx));
      ws.y.set(Y.subarray(r0 * ny, (r0 + rows) * ny));
      return;
    }
    if (nx >= 16) {
      // a shuffled batch of wide rows (MNIST: 784): copy row by row
      for (let s = 0; s < rows; s++) {
        const r = order![start + s];
        ws.x.set(X.subarray(r * nx, r * nx + nx), s * nx);
        for (let k = 0; k < ny; k++) ws.y[s * ny + k] = Y[r * ny + k];
      }
      return;
    }
    for (let s = 0; s < rows; s++) {
      const r = order ? order[start + s] : start + s;
      for (let i = 0; i < nx; i++) ws.x[s * nx + i] = d.x.data[r * nx + i];
      for (let k = 0; k < ny; k++) ws.y[s * ny + k] = d.y.data[r * ny + k];
    }
  }

  private phaseForward(): void {
    const o = this.opts;
    this.startBatch();
    this.beforeHeld = false;
    forward(o.network, this.p, this.ws);
    this.curLoss = batchLoss(o.network, o.loss, o.reduction, this.ws);
    this.done.forward = true;
    this.done.backward = this.done.update = false;
    this.nextPhase = 'backward';
    if (!Number.isFinite(this.curLoss)) {
      this.diverge(this.firstBadActivation() ?? { what: 'loss', value: this.curLoss }, 'forward');
      return;
    }
    if (this.reuse && this.batchInEpoch === 0 && this.rec.length === this.epoch) {
      const acc = this.accTrain;
      acc.lossSum = acc.absSum = acc.correct = acc.n = 0;
      this.accumulate(this.ws, acc);
      // early stopping may restore the best parameters below: keep the ones this forward pass used
      copyParamsInto(this.before, this.p);
      this.beforeHeld = true;
      const m = this.mScratch;
      this.finish(acc, this.mTrain);
      if (o.data.test) m.test = this.measure(o.data.test);
      this.recordEntry(m);
    }
  }

  private phaseBackward(): void {
    const o = this.opts;
    backward(o.network, o.loss, o.reduction, this.p, this.ws, this.g, this.gradNorm);
    this.done.backward = true;
    this.nextPhase = 'update';
    // the gradient norms' sums of squares double as the finiteness check: a NaN
    // or ±Infinity anywhere makes its layer's sum non-finite; only then (or when
    // finite squares overflow) is every gradient scanned for the first bad one
    if (!this.gradNorms()) {
      const bad = this.firstBad(this.g, 'grad');
      if (bad) this.diverge(bad, 'backward');
      else this.scaledGradNorms();
    }
  }

  private phaseUpdate(): void {
    // `before` is filled by the optimizer in the same pass (lastStep and the restore below read it)
    const check = this.opt.step(this.p, this.g, this.before);
    this.beforeHeld = true;
    this.done.update = true;
    this.nextPhase = 'forward';
    // check is 0 when every new parameter is finite (Optimizer.step); else name the first bad one
    const bad = check === 0 ? null : this.firstBad(this.p, '');
    if (bad) {
      this.afterBad = cloneParams(this.p);
      copyParamsInto(this.p, this.before);
      this.diverge(bad, 'update');
      return;
    }
    this.afterBad = null;
    for (let l = 0; l < this.gradNormSum.length; l++) this.gradNormSum[l] += this.gradNorm[l];
    this.updates++;
    this.batchInEpoch++;
    if (this.batchInEpoch === this.nBatches) {
      this.batchInEpoch = 0;
      // mean over the epoch's batches of each batch's gradient norm, per layer
      for (let l = 0; l < this.gradNormSum.length; l++) this.gradNormSum[l] /= this.nBatches;
      this.rec.pushGradNorm(this.gradNormSum);
      this.gradNormSum.fill(0);
      this.epoch++;
      if (!this.reuse) {
        // measured block by block: within runEpochs up to its deadline, else at once
        this.measuring = { acc: [newAcc(), newAcc()], set: 0, start: 0 };
        this.measureEntry(this.deadline);
      }
    }
  }

  /** runEpochs' deadline while it runs (else Infinity) */
  private deadline = Infinity;
  /** the epoch's history entry being measured: per set (train, test) the sums so far and the next row */
  private measuring: { acc: [Acc, Acc]; set: 0 | 1; start: number } | null = null;

  /**
   * Measures blocks of the pending entry until it is done (then records it:
   * true) or `deadline` passes (false; at least one block is measured).
   */
  private measureEntry(deadline: number): boolean {
    const m = this.measuring!;
    const sets = [this.opts.data.train, this.opts.data.test] as const;
    for (;;) {
      const d = sets[m.set];
      if (d && m.start < d.x.rows) {
        m.start = this.measureBlock(d, m.start, m.acc[m.set]);
        if (Date.now() >= deadline) return false;
        continue;
      }
      if (m.set === 0) {
        m.set = 1;
        m.start = 0;
        continue;
      }
      break;
    }
    this.measuring = null;
    this.recordEntry({ train: this.finish(m.acc[0]), ...(this.opts.data.test ? { test: this.finish(m.acc[1]) } : {}) });
    return true;
  }

  private afterBad: Params | null = null;
  /**
   * `before` holds the parameters of the current batch's forward pass (filled
   * by the update, or by an entry's early stopping check); until then they
   * are this.p itself, which nothing changes between a forward pass and its update.
   */
  private beforeHeld = false;

  /**
   * gradNorm[l] = ‖(gradW[l], gradB[l])‖₂ of the current batch, from the sums
   * of squares backward() left in gradNorm; false when a sum is not finite (a
   * non-finite gradient, or squares that overflow: that layer's norm is then
   * NaN until scaledGradNorms).
   */
  private gradNorms(): boolean {
    let finite = true;
    for (let l = 0; l < this.gradNorm.length; l++) {
      const sq = this.gradNorm[l];
      if (Number.isFinite(sq)) this.gradNorm[l] = Math.sqrt(sq);
      else {
        this.gradNorm[l] = NaN;
        finite = false;
      }
    }
    return finite;
  }

  /** The norms gradNorms could not take, of finite gradients whose squares overflow. */
  private scaledGradNorms(): void {
    const g = this.g;
    for (let l = 0; l < g.W.length; l++) if (Number.isNaN(this.gradNorm[l])) this.gradNorm[l] = scaledNorm([g.W[l], g.b[l]]);
  }

  private diverge(bad: BadValue, phase: Phase | 'evaluate'): void {
    this.status = 'diverged';
    const became = nonFiniteName(bad.value);
    this.divergence = { epoch: this.epoch, what: bad.what, phase, ...(became ? { became } : {}) };
  }

  /** The first non-finite value among p (or gradients), in layout order: its name and value. */
  private firstBad(p: Params, prefix: '' | 'grad'): BadValue | null {
    const spec = this.opts.network;
    for (let l = 0; l < p.W.length; l++) {
      const W = p.W[l];
      for (let q = 0; q < W.length; q++) {
        if (!Number.isFinite(W[q])) {
          const nIn = fanIn(spec, l);
          return { what: prefix + paramName({ kind: 'weight', layer: l, j: Math.floor(q / nIn), i: q % nIn }), value: W[q] };
        }
      }
      const b = p.b[l];
      for (let q = 0; q < b.length; q++) if (!Number.isFinite(b[q])) return { what: prefix + paramName({ kind: 'bias', layer: l, j: q }), value: b[q] };
    }
    return null;
  }

  private firstBadActivation(): BadValue | null {
    const spec = this.opts.network;
    for (let l = 0; l < spec.layers.length; l++) {
      const a = this.ws.a[l];
      const units = spec.layers[l].units;
      for (let q = 0; q < this.ws.rows * units; q++) {
        if (!Number.isFinite(a[q])) return { what: `a[${l}][${this.order[this.curBatch * this.B + Math.floor(q / units)]}][${q % units}]`, value: a[q] };
      }
    }
    return null;
  }

  // ---- history and early stopping -----------------------------------

  private flushEntry(): void {
    if (this.measuring) this.measureEntry(Infinity);
    if (this.status === 'diverged') return;
    if (this.rec.length === this.epoch && this.batchInEpoch === 0) this.recordEntry(this.evaluate());
  }

  private recordEntry(m: Metrics): void {
    const bad: BadValue | null = !Number.isFinite(m.train.loss) ? { what: 'train_loss', value: m.train.loss }
      : m.test && !Number.isFinite(m.test.loss) ? { what: 'test_loss', value: m.test.loss } : null;
    if (bad) {
      this.diverge(bad, 'evaluate');
      return;
    }
    flattenParams(this.p, this.flat);
    this.rec.push(this.epoch, m, this.flat);
    this.checkEarlyStopping();
  }

  private monitor(): { series: number[]; higherIsBetter: boolean; metric: HistoryMetric } | null {
    const es = this.opts.earlyStopping;
    if (!es) return null;
    const metric = es.monitor ?? 'test_loss';
    return { series: this.rec.series(metric), higherIsBetter: metric.endsWith('accuracy'), metric };
  }

  /**
   * Keras semantics: an entry improves when it beats the best so far by more
   * than min_delta; after `patience` entries without improvement the run
   * stops ('stopped_early'), restoring the best entry's parameters if asked.
   */
  private checkEarlyStopping(): void {
    const mon = this.monitor();
    const es = this.opts.earlyStopping;
    if (!mon || !es) return;
    const k = mon.series.length - 1;
    const v = mon.higherIsBetter ? -mon.series[k] : mon.series[k];
    if (k === 0 || v < this.bestValue - es.min_delta) {
      this.bestValue = v;
      this.sinceBest = 0;
      if (es.restore_best) {
        if (this.bestParams) copyParamsInto(this.bestParams, this.p);
        else this.bestParams = cloneParams(this.p);
      }
      return;
    }
    this.sinceBest++;
    if (this.sinceBest >= es.patience) {
      this.status = 'stopped_early';
      if (es.restore_best && this.bestParams) copyParamsInto(this.p, this.bestParams);
    }
  }

  /** Recomputes early-stopping bookkeeping from the series (after an entry was replaced). */
  private replayEarlyStopping(): void {
    const mon = this.monitor();
    const es = this.opts.earlyStopping;
    if (!mon || !es) return;
    this.bestValue = Infinity;
    this.sinceBest = 0;
    let bestEpoch = -1;
    mon.series.forEach((raw, k) => {
      const v = mon.higherIsBetter ? -raw : raw;
      if (k === 0 || v < this.bestValue - es.min_delta) {
        this.bestValue = v;
        this.sinceBest = 0;
        bestEpoch = k;
      } else this.sinceBest++;
    });
    const snap = bestEpoch >= 0 ? this.rec.snapshot(bestEpoch) : null;
    if (es.restore_best && snap) {
      this.bestParams = cloneParams(this.p);
      unflattenParams(snap, this.bestParams);
    }
  }

  // ---- evaluation ---------------------------------------------------

  private accumulate(ws: Workspace, acc: Acc): void {
    const spec = this.opts.network;
    const L = spec.layers.length - 1;
    const units = spec.layers[L].units;
    const a = ws.a[L];
    const y = ws.y;
    for (let s = 0; s < ws.rows; s++) {
      acc.lossSum += ws.sampleLoss[s];
      const r = s * units;
      for (let k = 0; k < units; k++) acc.absSum += Math.abs(a[r + k] - y[r + k]);
      if (this.hasAccuracy) {
        if (units === 1) {
          if ((a[r] >= 0.5) === (y[r] >= 0.5)) acc.correct++;
        } else {
          let ka = 0;
          let ky = 0;
          for (let k = 1; k < units; k++) {
            if (a[r + k] > a[r + ka]) ka = k;
            if (y[r + k] > y[r + ky]) ky = k;
          }
          if (ka === ky) acc.correct++;
        }
      }
    }
    acc.n += ws.rows;
  }

  /** The metrics of acc, into m (a fresh object unless given). */
  private finish(acc: Acc, m: SetMetrics = { loss: 0, mae: 0 }): SetMetrics {
    const units = this.opts.network.layers[this.opts.network.layers.length - 1].units;
    m.loss = this.opts.reduction === 'mean' ? acc.lossSum / acc.n : acc.lossSum;
    m.mae = acc.absSum / (acc.n * units);
    if (this.hasAccuracy) m.accuracy = acc.correct / acc.n;
    return m;
  }

  /** Loss (with the session's reduction), MAE and accuracy of a whole dataset, in chunks, in data order. */
  private measure(d: Dataset): SetMetrics {
    const acc = newAcc();
    for (let start = 0; start < d.x.rows; ) start = this.measureBlock(d, start, acc);
    return this.finish(acc);
  }

  /** Adds the rows start … start + EVAL_CHUNK − 1 of d to acc; returns the next row. */
  private measureBlock(d: Dataset, start: number, acc: Acc): number {
    const o = this.opts;
    const chunk = Math.min(EVAL_CHUNK, Math.max(d.x.rows, 1), Math.max(1, Math.floor(EVAL_CHUNK_WORK / this.flat.length)));
    if (!this.evalWs || this.evalWs.x.length < chunk * o.network.inputs) this.evalWs = makeWorkspace(o.network, chunk);
    const ws = this.evalWs;
    ws.rows = Math.min(ws.sampleLoss.length, d.x.rows - start);
    this.gather(d, start, ws.rows, ws, null);
    forward(o.network, this.p, ws);
    batchLoss(o.network, o.loss, o.reduction, ws);
    this.accumulate(ws, acc);
    reportProgress();
    return start + ws.rows;
  }

  /** Loss, MAE and accuracy on the training (and test) set with the current parameters. */
  evaluate(): Metrics {
    const m: Metrics = { train: this.measure(this.opts.data.train) };
    if (this.opts.data.test) m.test = this.measure(this.opts.data.test);
    return m;
  }

  // ---- edits ----------------------------------------------------------

  /**
   * Sets one parameter and re-runs the forward pass of the current batch at
   * once (pending backward/update phases of that batch are discarded; the
   * optimizer state is untouched). Throws with a clear message for a bad ref
   * or a non-finite value.
   */
  setParam(ref: ParamRef, value: number): void {
    const err = checkParamRef(this.opts.network, ref);
    if (err) throw new Error(err);
    if (!Number.isFinite(value)) throw new Error(`${paramName(ref)}: expected a finite number, got ${value}`);
    // an entry half measured with the old value is measured again with the new one (flushEntry below)
    this.measuring = null;
    if (ref.kind === 'weight') this.p.W[ref.layer][ref.j * fanIn(this.opts.network, ref.layer) + ref.i] = value;
    else this.p.b[ref.layer][ref.j] = value;
    if (this.status === 'stopped_early' || this.status === 'diverged') this.divergence = null;
    this.status = 'paused';
    if (this.batchInEpoch === 0) {
      // the parameters "after `epoch` epochs" changed: that history entry is measured again
      this.rec.truncate(this.epoch);
      this.replayEarlyStopping();
    }
    this.phaseForward();
    if (!this.terminal) this.flushEntry();
  }

  /** Changes the optimizer from the next update on (same kind keeps its state; see Optimizer.configure). */
  setOptimizer(cfg: OptimizerConfig): void {
    this.opt.configure(cfg, this.p);
  }

  // ---- the current update, for display -------------------------------

  /**
   * The current/last update with every chain-rule factor (see StepDetail).
   * Matrices are views of the trainer's workspace, valid until the next
   * step: copy (structuredClone) what you keep. before/after are copies.
   */
  get lastStep(): StepDetail | null {
    if (!this.done.forward) return null;
    const spec = this.opts.network;
    const ws = this.ws;
    const rows = ws.rows;
    const mat = (data: Float64Array, cols: number) => ({ rows, cols, data });
    const L = spec.layers.length - 1;
    const start = this.curBatch * this.B;
    return {
      epoch: this.curEpoch,
      batch: this.curBatch,
      indices: Array.from(this.order.subarray(start, start + rows)),
      x: mat(ws.x, spec.inputs),
      y: mat(ws.y, spec.layers[L].units),
      done: { ...this.done },
      z: ws.z.map((z, l) => mat(z, spec.layers[l].units)),
      a: ws.a.map((a, l) => mat(a, spec.layers[l].units)),
      loss: this.curLoss,
      sampleLoss: ws.sampleLoss,
      dLda: ws.dLda.map((d, l) => mat(d, spec.layers[l].units)),
      fprime: ws.fprime.map((d, l) => mat(d, spec.layers[l].units)),
      delta: ws.delta.map((d, l) => mat(d, spec.layers[l].units)),
      fused: isFused(this.opts.loss, spec.layers[L].activation),
      scale: this.opts.reduction === 'mean' ? 1 / rows : 1,
      gradW: this.g.W,
      gradB: this.g.b,
      before: cloneParams(this.beforeHeld ? this.before : this.p),
      after: this.done.update ? cloneParams(this.afterBad ?? this.p) : null,
      lr: this.opt.lr,
      optimizer: this.opt.stepState(this.done.update),
    };
  }

  // ---- save / continue --------------------------------------------------

  /**
   * Everything needed to continue exactly (a state saved mid-batch resumes at
   * that batch's forward phase). The parameter record is thinned to
   * `maxParamNumbers` numbers (default: opts.maxSavedParamNumbers, else
   * 20 000); continuing records at the saved stride from then on.
   */
  toState(o: { maxParamNumbers?: number } = {}): TrainerStateJSON {
    this.flushEntry();
    const spec = this.opts.network;
    return {
      format: 'nnlab-trainer',
      version: 1,
      epoch: this.epoch,
      updates: this.updates,
      batchInEpoch: this.batchInEpoch,
      order: Array.from(this.order),
      orderEpoch: this.orderEpoch,
      randomDraws: this.randomDraws,
      status: this.status,
      params: paramsToJSON(spec, this.p),
      optimizer: this.opt.toJSON(),
      history: this.rec.toJSON(o.maxParamNumbers ?? this.opts.maxSavedParamNumbers ?? DEFAULT_SAVED_PARAM_NUMBERS),
      divergence: this.divergence ? { ...this.divergence } : null,
      bestParams: this.bestParams ? paramsToJSON(spec, this.bestParams) : null,
      bestValue: Number.isFinite(this.bestValue) ? this.bestValue : null,
      sinceBest: this.sinceBest,
      gradNormSum: Array.from(this.gradNormSum),
    };
  }

  /**
   * Continues a saved run. opts must be the run's options (its params are
   * ignored: the state's are used). opts.shuffleRandom must be a FRESH stream
   * from the session seed: it is fast-forwarded by state.randomDraws draws,
   * unless { fastForward: false } says it is already there.
   */
  static fromState(opts: TrainerOptions, state: TrainerStateJSON, o: { fastForward?: boolean } = {}): Trainer {
    if (!state || state.format !== 'nnlab-trainer' || state.version !== 1) throw new Error('state: expected a trainer state (format "nnlab-trainer", version 1)');
    // a diverged run keeps the values it ended with, non-finite ones included (JSON null reads as NaN)
    const diverged = state.status === 'diverged';
    const params = diverged ? savedParams(opts.network, state.params, 'params') : paramsFromJSON(opts.network, state.params);
    const t = new Trainer({ ...opts, params }, true);
    if (state.order.length !== t.n) throw new Error(`state.order: expected ${t.n} sample indices, got ${state.order.length}`);
    t.epoch = state.epoch;
    t.updates = state.updates;
    t.batchInEpoch = state.batchInEpoch;
    t.order = Int32Array.from(state.order);
    t.orderEpoch = state.orderEpoch;
    t.randomDraws = state.randomDraws;
    if (o.fastForward !== false) for (let k = 0; k < state.randomDraws; k++) opts.shuffleRandom();
    t.status = state.status === 'running' ? 'paused' : state.status;
    t.divergence = state.divergence ? { ...state.divergence } : null;
    t.opt.loadJSON(state.optimizer);
    t.rec.loadJSON(state.history, state.epoch);
    const sums = state.gradNormSum;
    if (Array.isArray(sums) && sums.length === t.gradNormSum.length) t.gradNormSum.set(sums);
    t.bestParams = !state.bestParams ? null
      : diverged ? savedParams(opts.network, state.bestParams, 'bestParams') : paramsFromJSON(opts.network, state.bestParams);
    t.bestValue = state.bestValue ?? Infinity;
    t.sinceBest = state.sinceBest;
    return t;
  }
}

/**
 * ‖x‖₂ of finite numbers whose squares overflow (a diverging run's gradients
 * reach 1e160): scaled by the largest magnitude, √(Σ (x/m)²) · m.
 */
function scaledNorm(arrays: Float64Array[]): number {
  let m = 0;
  for (const a of arrays) for (let q = 0; q < a.length; q++) m = Math.max(m, Math.abs(a[q]));
  if (m === 0 || !Number.isFinite(m)) return m;
  let sq = 0;
  for (const a of arrays) for (let q = 0; q < a.length; q++) {
    const v = a[q] / m;
    sq += v * v;
  }
  return Math.sqrt(sq) * m;
}

/**
 * Saved parameters that may hold NaN, ±Infinity or null (JSON's stand-in for
 * them, read as NaN): a diverged run reopens showing what it ended with. The
 * shape is checked as strictly as for any parameters (paramsFromJSON, on a
 * copy with the non-finite values as 0); anything but a number or null is
 * refused, with its place named.
 */
export function savedParams(spec: NetworkSpec, json: ParamsJSON, name: string): Params {
  if (json === null || typeof json !== 'object') throw new Error(`${name}: expected an object with "weights" and "biases"`);
  const where: string[] = [];
  const finite = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((x, k) => finite(x, `${path}[${k}]`));
    if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return 0;
    if (typeof v !== 'number') where.push(`${name}.${path}: expected a number or null, got ${JSON.stringify(v)}`);
    return v;
  };
  const shape = { weights: finite(json.weights, 'weights'), biases: finite(json.biases, 'biases') } as ParamsJSON;
  if (where.length) throw new Error(where.slice(0, 3).join('\n'));
  const p = paramsFromJSON(spec, shape);
  const value = (v: number | null) => (v === null ? NaN : v);
  spec.layers.forEach((_, l) => {
    const nIn = fanIn(spec, l);
    json.weights[l].forEach((row, j) => row.forEach((v, i) => (p.W[l][j * nIn + i] = value(v))));
    json.biases[l].forEach((v, j) => (p.b[l][j] = value(v)));
  });
  return p;
}
