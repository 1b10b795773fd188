/**
 * A stand-in trainer for the service's mechanics tests (slicing, pause,
 * batching, history chunks): one "epoch" multiplies one weight by 0.99 and
 * costs `epochCostMs` of busy time. The numbers of the real engine are tested
 * in service.engine.test.ts.
 */
import type { Divergence, OptimizerConfig, ParamRef, Params, Phase, RunStatus } from '../types';
import { ChangeLog } from '../train/history';
import type { History, HistoryChanges, Metrics, StepDetail, TrainerOptions, TrainerStateJSON } from '../train/types';
import type { TrainerLike } from './service';

export class FakeTrainer implements TrainerLike {
  epoch = 0;
  updates = 0;
  status: RunStatus = 'idle';
  nextPhase: Phase = 'forward';
  divergence: Divergence | null = null;
  lastStep: StepDetail | null = null;
  params: Params = { W: [new Float64Array([1, 1])], b: [new Float64Array([0])] };
  history: History = { train_loss: [1], train_mae: [1], params: { epochs: [0], values: [new Float64Array([1, 1, 0])], stride: 1 }, best: null };
  readonly opts: TrainerOptions;
  private readonly log = new ChangeLog();
  takeHistoryChanges(): HistoryChanges { return this.log.take(this.history); }
  constructor(
    epochs: number,
    private readonly epochCostMs = 0,
    /** epoch at which W[0][0][1] becomes Infinity */
    private readonly divergeAt = Infinity,
    /** keep at most this many param snapshots (then thin, doubling the stride) */
    private readonly maxSnapshots = Infinity,
  ) {
    const m = { rows: 1, cols: 2, data: new Float64Array([1, 0]) };
    this.opts = {
      network: { inputs: 2, layers: [{ units: 1, activation: 'linear', bias: true }] },
      loss: 'squared_error', reduction: 'mean', optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 'full', shuffle: false,
      epochs, data: { train: { x: m, y: { rows: 1, cols: 1, data: new Float64Array([0]) } }, inputNames: ['x1', 'x2'], outputNames: ['y'] },
      params: this.params, shuffleRandom: Math.random,
    };
  }
  private loss(): number { return this.params.W[0][0] ** 2; }
  stepPhase(): void {
    const order: Phase[] = ['forward', 'backward', 'update'];
    const k = order.indexOf(this.nextPhase);
    if (k === 2) return this.stepBatch();
    this.nextPhase = order[k + 1];
  }
  stepBatch(): void { this.stepEpoch(); }
  stepEpoch(): void {
    const until = Date.now() + this.epochCostMs;
    while (Date.now() < until) { /* busy: an epoch's worth of arithmetic */ }
    this.epoch++;
    this.updates++;
    this.nextPhase = 'forward';
    this.params.W[0][0] *= 0.99;
    if (this.epoch === this.divergeAt) {
      this.params.W[0][1] = Infinity;
      this.status = 'diverged';
      this.divergence = { epoch: this.epoch, what: 'W[0][0][1]', phase: 'update' };
    }
    const h = this.history;
    this.log.mark(h.train_loss.length, h.params.epochs.length, Infinity);
    h.train_loss.push(this.loss());
    h.train_mae.push(Math.abs(this.params.W[0][0]));
    if (this.epoch % h.params.stride === 0) {
      h.params.epochs.push(this.epoch);
      h.params.values.push(new Float64Array([this.params.W[0][0], this.params.W[0][1], 0]));
      if (h.params.values.length > this.maxSnapshots) {
        h.params.stride *= 2;
        this.log.mark(Infinity, 0, Infinity);
        const keep = h.params.epochs.map((e, k) => (e % h.params.stride === 0 ? k : -1)).filter((k) => k >= 0);
        h.params.epochs = keep.map((k) => h.params.epochs[k]);
        h.params.values = keep.map((k) => h.params.values[k]);
      }
    }
  }
  runEpochs(n: number, deadline?: number): number {
    let done = 0;
    while (done < n && this.status !== 'diverged') {
      this.stepEpoch();
      done++;
      if (deadline !== undefined && Date.now() >= deadline) break;
    }
    return done;
  }
  setParam(ref: ParamRef, value: number): void {
    if (ref.kind === 'weight') this.params.W[ref.layer][ref.j * 2 + ref.i] = value;
    else this.params.b[ref.layer][ref.j] = value;
  }
  setOptimizer(cfg: OptimizerConfig): void { this.opts.optimizer = cfg; }
  evaluate(): Metrics { return { train: { loss: this.loss(), mae: Math.abs(this.params.W[0][0]) } }; }
  toState(): TrainerStateJSON { return { format: 'nnlab-trainer', epoch: this.epoch } as TrainerStateJSON; }
}
