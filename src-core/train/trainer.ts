/**
 * The trainer: one update is three phases — forward (z, a, loss), backward
 * (delta, gradW, gradB), update (the optimizer) — and a host can stop after
 * each, after a batch, after an epoch, or run N epochs against a wall-clock
 * deadline and resume. This file is the phase and batch state machine; the
 * rest is beside it: batches.ts (order, rows), evaluation.ts (metrics),
 * history.ts (the record and its change log), early-stopping.ts,
 * divergence.ts (naming the first bad value), step-record.ts (lastStep),
 * state.ts (save and continue).
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
 * numbers (evaluation.ts).
 *
 * Editing a parameter (setParam) discards the pending phases of the current
 * batch and re-runs its forward pass at once, so the loss shown is never
 * stale; nextPhase becomes 'backward'. An edit made before the epoch's first
 * update also replaces history entry k (the run now continues from the
 * edited parameters); the history's change log says so to the hosts.
 *
 * Divergence: the first non-finite value stops the run (status 'diverged');
 * which values are checked and how they are named: train/divergence.ts.
 *
 * A large sparse first layer (MNIST's) lives in WebAssembly while a call
 * runs (net/resident.ts): the phases use pArr, beforeArr, gArr; all else the
 * getters p, before, g, which write it back first. Every call returns settled.
 */
import type { Divergence, OptimizerConfig, ParamRef, Params, Phase, RunStatus } from '../types';
import { backward, batchLoss, forward, makeGrads, type Grads, type Workspace } from '../net/network';
import { checkParamRef, cloneParams, copyParamsInto, paramCount, paramName, paramsToJSON } from '../net/params';
import { Optimizer } from '../optim/optimizers';
import { optimizerStep, ResidentLayer } from '../net/resident';
import { writeParam } from '../derivation/names';
import { Batches, fillX } from './batches';
import { DeadlineCheck } from './deadline';
import { divergenceMessage, divergenceOf, firstBad, firstBadActivation, type BadValue } from './divergence';
import { EarlyStopping } from './early-stopping';
import { Evaluator, PendingEntry } from './evaluation';
import { HistoryRecorder } from './history';
import { reportProgress } from './progress';
import { DEFAULT_SAVED_PARAM_NUMBERS, checkState, earlyStoppingState, stateParams } from './state';
import { gradNorms, scaledGradNorms, stepDetail } from './step-record';
import type { History, HistoryChanges, Metrics, StepDetail, TrainerOptions, TrainerStateJSON } from './types';
import { checkOptions } from './validate';
export type {
  History, HistoryChanges, HistoryJSON, Metrics, OptimizerStateJSON, OptimizerStep, ParamRecord, SetMetrics, StepDetail, TrainerOptions, TrainerStateJSON,
} from './types';
export { DEFAULT_SAVED_PARAM_NUMBERS, savedParams } from './state';

export class Trainer {
  /** completed epochs */
  epoch = 0;
  /** completed updates (batches) */
  updates = 0;
  status: RunStatus = 'idle';
  nextPhase: Phase = 'forward';
  divergence: Divergence | null = null;
  readonly opts: TrainerOptions;

  private readonly pArr: Params;
  private readonly beforeArr: Params;
  private readonly gArr: Grads;
  private readonly res: ResidentLayer | null; // the first layer in WebAssembly during a call (the file comment)
  private get p(): Params { this.res?.settle(); return this.pArr; }
  private get before(): Params { this.res?.settle(); return this.beforeArr; }
  private get g(): Grads { this.res?.settle(); return this.gArr; }
  private readonly opt: Optimizer;
  private readonly rec: HistoryRecorder;
  private readonly evaluator: Evaluator;
  private readonly stopper: EarlyStopping | null;
  private readonly batches: Batches;
  private ws: Workspace;
  /** full batches in data order: the forward pass doubles as the history's train evaluation */
  private readonly reuse: boolean;
  private batchInEpoch = 0;
  private curLoss = NaN;
  private done = { forward: false, backward: false, update: false };
  private curEpoch = 0;
  private curBatch = 0;
  /** per layer: Σ over the current epoch's applied updates of ‖gradient‖₂ (history.grad_norm is this / batches) */
  private readonly gradNormSum: Float64Array;
  /** per layer: ‖gradient‖₂ of the current batch, computed with the backward pass's finiteness check */
  private readonly gradNorm: Float64Array;
  /** runEpochs' deadline while it runs (else Infinity), and its check between batches */
  private deadline = Infinity;
  private readonly clock = new DeadlineCheck();
  /** the epoch's history entry being measured */
  private measuring: PendingEntry | null = null;
  /** the parameters of a diverged update (lastStep.after), else null */
  private afterBad: Params | null = null;
  /** lastStep's parameters (the last update made them, a forward pass used them) while early stopping shows the best ones */
  private endShown: Params | null = null;
  /** a reopened run's last update, made again from its start (session/replay.ts), shown until the next phase or edit */
  private shown: StepDetail | null = null;
  /**
   * `before` holds the parameters of the current batch's forward pass (filled
   * by the update, or by an entry's early stopping check); until then they
   * are this.p itself, which nothing changes between a forward pass and its update.
   */
  private beforeHeld = false;

  constructor(opts: TrainerOptions, restoring = false) {
    checkOptions(opts);
    this.opts = opts;
    const spec = opts.network;
    this.pArr = cloneParams(opts.params);
    this.beforeArr = cloneParams(opts.params);
    this.gArr = makeGrads(this.pArr);
    this.opt = new Optimizer(opts.optimizer, this.pArr);
    this.batches = new Batches(opts);
    this.ws = this.batches.full;
    this.reuse = this.batches.reuse;
    this.evaluator = new Evaluator(opts);
    this.evaluator.first = this.res = ResidentLayer.make(this.pArr, this.beforeArr, this.gArr, spec.inputs, spec.layers[0].units, this.batches.B, this.evaluator.maxChunk);
    for (const ws of this.batches.workspaces) this.res?.adopt(ws);
    this.stopper = opts.earlyStopping ? new EarlyStopping(opts.earlyStopping, !!opts.data.test) : null;
    this.gradNormSum = new Float64Array(spec.layers.length);
    this.gradNorm = new Float64Array(spec.layers.length);
    this.rec = new HistoryRecorder(!!opts.data.test, this.evaluator.hasAccuracy, paramCount(spec), opts.maxHistoryParamNumbers ?? 2_000_000, spec.layers.length, opts.historyThinning);
    if (!restoring && !this.reuse) this.recordEntry(this.evaluate());
  }

  /** "diverged at epoch 193: loss became Infinity …", or null while the run has not diverged. */
  get divergenceMessage(): string | null { return this.divergence ? divergenceMessage(this.divergence, this.params, this.opts.network) : null; }

  /** The current parameters (live: copy before keeping). */
  get params(): Params { return this.p; }

  get optimizer(): OptimizerConfig { return this.opt.cfg; }

  /**
   * Entry k: after k epochs. Reading it completes the current epoch's entry if
   * pending, except one runEpochs left half measured (it is finished by the
   * next step or run: until then the history ends one entry short).
   */
  get history(): History {
    if (!this.measuring) this.flushEntry();
    return this.rec.h;
  }

  /** history.params.values[from ..] end to end, without a view per snapshot (what a host sends) */
  historySnapshotsFlat(from: number): Float64Array { return this.rec.snapshotsFlat(from); }

  /** What changed in `history` since the last call: the first entry, snapshot and gradient norm (HistoryRecorder.takeChanges). */
  takeHistoryChanges(): HistoryChanges { return this.rec.takeChanges(); }

  // ---- stepping -------------------------------------------------------

  private get terminal(): boolean {
    return this.status === 'diverged' || this.status === 'stopped_early';
  }

  stepPhase(): void { this.phase(); this.res?.settle(); }

  private phase(): void {
    if (this.measuring) this.measureEntry(Infinity);
    if (this.terminal) return;
    if (this.status !== 'running') this.status = 'paused';
    // a completed run trains on from the parameters it ended with, not the restored best ones
    if (this.stopper?.resumes) this.stopper.resume(this.p);
    this.endShown = this.shown = null;
    if (this.nextPhase === 'forward') this.phaseForward();
    else if (this.nextPhase === 'backward') this.phaseBackward();
    else this.phaseUpdate();
    reportProgress();
  }

  /** Finishes the current update: every remaining phase of one batch. */
  stepBatch(): void {
    const u = this.updates;
    while (!this.terminal && this.updates === u) this.phase();
    this.res?.settle();
  }

  /** Finishes the current epoch. */
  stepEpoch(): void {
    const e = this.epoch;
    while (!this.terminal && this.epoch === e) this.phase();
    this.flushEntry();
    this.res?.settle();
  }

  /**
   * Trains up to n epochs (finishing a started one counts as one), returning
   * early once Date.now() passes `deadline`, or on divergence / early
   * stopping. Returns the epochs completed. Afterwards status is 'completed'
   * when opts.epochs is reached (the best parameters restored, with
   * restore_best), else 'paused' (or the terminal status).
   */
  runEpochs(n: number, deadline = Infinity): number {
    if (this.terminal) return 0;
    const start = this.epoch;
    const target = start + n;
    this.status = 'running';
    this.deadline = deadline;
    this.clock.start(deadline);
    try {
      // the deadline is checked between batches and between the blocks of an
      // epoch's evaluation, so a pause never waits for a whole epoch of a big net
      while ((this.epoch < target || this.measuring) && !this.terminal) {
        if (this.measuring) {
          // the run's last entry is always finished: a run ends with its history complete
          if (!this.measureEntry(this.epoch < target ? deadline : Infinity)) break;
        } else {
          this.phase();
          if (this.nextPhase === 'forward' && !this.measuring && this.clock.passed()) break;
        }
      }
    } finally {
      this.deadline = Infinity;
      this.res?.settle();
    }
    if (!this.measuring) this.flushEntry();
    if (!this.terminal) this.status = this.epoch >= this.opts.epochs ? 'completed' : 'paused';
    if (this.status === 'completed' && this.batchInEpoch === 0 && this.nextPhase === 'forward') this.endShown = this.stopper?.restoreAtEnd(this.p) ?? null;
    return this.epoch - start;
  }

  private phaseForward(): void {
    const o = this.opts;
    // the first layer resident with the rows' lists kept: x is not read (lastStep fills it in)
    this.ws = this.batches.start(this.epoch, this.batchInEpoch, !this.res?.keepsRows(o.data.train.x.data));
    this.curEpoch = this.epoch;
    this.curBatch = this.batchInEpoch;
    this.beforeHeld = false;
    forward(o.network, this.pArr, this.ws, this.res);
    this.curLoss = batchLoss(o.network, o.loss, o.reduction, this.ws);
    this.done.forward = true;
    this.done.backward = this.done.update = false;
    this.nextPhase = 'backward';
    if (!Number.isFinite(this.curLoss)) {
      this.diverge(firstBadActivation(o.network, this.ws, this.batches.order, this.curBatch * this.batches.B) ?? { what: 'loss', value: this.curLoss }, 'forward');
      return;
    }
    if (this.reuse && this.batchInEpoch === 0 && this.rec.length === this.epoch) {
      // early stopping may restore the best parameters below: keep the ones this forward pass used
      // (without early stopping nothing changes them before the update: `before` stays this.p)
      if (o.earlyStopping) {
        copyParamsInto(this.before, this.p);
        this.beforeHeld = true;
      }
      this.recordEntry(this.evaluator.fromBatch(this.ws, this.p));
    }
  }

  private phaseBackward(): void {
    const o = this.opts;
    backward(o.network, o.loss, o.reduction, this.pArr, this.ws, this.gArr, this.gradNorm, this.res);
    this.done.backward = true;
    this.nextPhase = 'update';
    // the gradient norms' sums of squares double as the finiteness check: a NaN
    // or ±Infinity anywhere makes its layer's sum non-finite; only then (or when
    // finite squares overflow) is every gradient scanned for the first bad one
    if (!gradNorms(this.gradNorm)) {
      const bad = firstBad(o.network, this.g, 'grad');
      if (bad) this.diverge(bad, 'backward');
      else scaledGradNorms(this.gradNorm, this.g);
    }
  }

  private phaseUpdate(): void {
    // `before` is filled by the optimizer in the same pass (lastStep and the restore below read it)
    const check = optimizerStep(this.opt, this.res, this.pArr, this.gArr, this.beforeArr);
    this.beforeHeld = true;
    this.done.update = true;
    this.nextPhase = 'forward';
    // check is 0 when every new parameter is finite (Optimizer.step); else name the first bad one
    const bad = check === 0 ? null : firstBad(this.opts.network, this.p, '');
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
    if (this.batchInEpoch === this.batches.count) {
      this.batchInEpoch = 0;
      this.rec.pushGradNorm(this.gradNormSum, this.batches.count); // their means, and the sums back to 0
      this.epoch++;
      if (!this.reuse) {
        // measured block by block: within runEpochs up to its deadline, else at once
        this.measuring = new PendingEntry(this.evaluator, this.opts);
        this.measureEntry(this.deadline);
      }
    }
  }

  /** Measures blocks of the pending entry until it is done (then records it: true) or `deadline` passes (false). */
  private measureEntry(deadline: number): boolean {
    const m = this.measuring!.run(this.p, deadline);
    if (!m) return false;
    this.measuring = null;
    this.recordEntry(m);
    return true;
  }

  private diverge(bad: BadValue, phase: Phase | 'evaluate'): void {
    this.status = 'diverged';
    this.divergence = divergenceOf(bad, phase, this.epoch, this.updates, this.curBatch);
  }

  // ---- history and early stopping -----------------------------------

  private flushEntry(): void {
    if (this.measuring) this.measureEntry(Infinity);
    if (this.status === 'diverged') return;
    if (this.rec.length === this.epoch && this.batchInEpoch === 0) {
      const m = this.evaluate();
      // a full batch's entry is the next forward pass's: one that would diverge is run, so the divergence is
      // named (its first bad activation) as in a run without a pause, wherever a host's slice ended
      if (this.reuse && !Number.isFinite(m.train.loss) && this.nextPhase === 'forward') this.phaseForward();
      else this.recordEntry(m);
    }
  }

  private recordEntry(m: Metrics): void {
    const bad: BadValue | null = !Number.isFinite(m.train.loss) ? { what: 'train_loss', value: m.train.loss }
      : m.test && !Number.isFinite(m.test.loss) ? { what: 'test_loss', value: m.test.loss } : null;
    if (bad) {
      this.diverge(bad, 'evaluate');
      return;
    }
    this.rec.push(this.epoch, m, this.p);
    const es = this.stopper;
    if (es?.check(this.rec.series(es.monitor.metric), this.p, this.epoch)) { this.status = 'stopped_early'; this.endShown = es.endedWith; }
  }

  /** The epoch whose parameters early stopping put back (restore_best), or null: the parameters are the last ones. */
  get restoredEpoch(): number | null {
    return this.stopper?.restoredEpoch(this.epoch, this.status === 'stopped_early') ?? null;
  }

  /** Loss, MAE and accuracy on the training (and test) set with the current parameters. */
  evaluate(): Metrics {
    return this.evaluator.evaluate(this.p);
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
    this.endShown = this.shown = null;
    writeParam(this.opts.network, this.p, ref, value);
    if (this.status === 'stopped_early' || this.status === 'diverged') this.divergence = null;
    this.status = 'paused';
    if (this.batchInEpoch === 0) {
      // the parameters "after `epoch` epochs" changed: that history entry is measured again
      this.rec.truncate(this.epoch);
      const es = this.stopper;
      if (es) es.replay(this.rec.series(es.monitor.metric), (k) => this.rec.epochOf(k), (e) => this.rec.snapshot(e), this.p);
    }
    this.phaseForward();
    if (!this.terminal) this.flushEntry();
    this.res?.settle();
  }

  /** Changes the optimizer from the next update on (same kind keeps its state; see Optimizer.configure). */
  setOptimizer(cfg: OptimizerConfig): void { this.opt.configure(cfg, this.p); this.shown = null; }

  /** A reopened run's last update, made again from its start: lastStep until the next phase or edit (when lastStep is null). */
  showStep(step: StepDetail): void { if (!this.done.forward) this.shown = step; }

  /** The current/last update with every factor (StepDetail): matrices are views of the workspace till the next step (copy what you keep); before/after are copies. */
  get lastStep(): StepDetail | null {
    if (!this.done.forward) return this.shown;
    fillX(this.opts.data.train, this.ws);
    return stepDetail({
      opts: this.opts, epoch: this.curEpoch, batch: this.curBatch, start: this.curBatch * this.batches.B, order: this.batches.order,
      ws: this.ws, g: this.g, done: this.done, loss: this.curLoss,
      before: this.beforeHeld ? this.before : this.endShown ?? this.p, after: this.done.update ? (this.afterBad ?? this.endShown ?? this.p) : null, opt: this.opt,
    });
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
    const toJSON = (p: Params) => paramsToJSON(spec, p);
    return {
      format: 'nnlab-trainer',
      version: 1,
      epoch: this.epoch,
      updates: this.updates,
      batchInEpoch: this.batchInEpoch,
      order: Array.from(this.batches.order),
      orderEpoch: this.batches.orderEpoch,
      randomDraws: this.batches.randomDraws,
      status: this.status,
      params: toJSON(this.p),
      optimizer: this.opt.toJSON(),
      history: this.rec.toJSON(o.maxParamNumbers ?? this.opts.maxSavedParamNumbers ?? DEFAULT_SAVED_PARAM_NUMBERS),
      divergence: this.divergence ? { ...this.divergence } : null,
      ...(this.stopper ? this.stopper.toJSON(toJSON) : { bestParams: null, bestValue: null, sinceBest: 0 }),
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
    checkState(state, opts.data?.train?.x?.rows);
    // a diverged run keeps the values it ended with, non-finite ones included (JSON null reads as NaN)
    const t = new Trainer({ ...opts, params: stateParams(opts.network, state, state.params, 'params') }, true);
    t.epoch = state.epoch;
    t.updates = state.updates;
    t.batchInEpoch = state.batchInEpoch;
    t.batches.restore(state.order, state.orderEpoch, state.randomDraws);
    if (o.fastForward !== false) for (let k = 0; k < state.randomDraws; k++) opts.shuffleRandom();
    t.status = state.status === 'running' ? 'paused' : state.status;
    t.divergence = state.divergence ? { ...state.divergence } : null;
    t.opt.loadJSON(state.optimizer);
    t.rec.loadJSON(state.history, state.epoch);
    const sums = state.gradNormSum;
    if (Array.isArray(sums) && sums.length === t.gradNormSum.length) t.gradNormSum.set(sums);
    t.stopper?.load(earlyStoppingState(opts.network, state));
    return t;
  }
}
