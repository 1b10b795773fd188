/** The trainer: forward → backward → update, one phase, batch or epoch at a time. (skeleton; implementation follows) */
import type { Divergence, OptimizerConfig, ParamRef, Phase, RunStatus, Params } from '../types';
import type { History, Metrics, StepDetail, TrainerOptions, TrainerStateJSON } from './types';
export type { History, HistoryJSON, Metrics, ParamRecord, SetMetrics, StepDetail, TrainerOptions, TrainerStateJSON, OptimizerStateJSON } from './types';

export class Trainer {
  epoch = 0;
  updates = 0;
  status: RunStatus = 'idle';
  nextPhase: Phase = 'forward';
  divergence: Divergence | null = null;
  lastStep: StepDetail | null = null;
  readonly opts: TrainerOptions;
  constructor(opts: TrainerOptions) { this.opts = opts; }
  get params(): Params { throw new Error('not implemented'); }
  get history(): History { throw new Error('not implemented'); }
  stepPhase(): void { throw new Error('not implemented'); }
  stepBatch(): void { throw new Error('not implemented'); }
  stepEpoch(): void { throw new Error('not implemented'); }
  runEpochs(_n: number, _deadline?: number): number { throw new Error('not implemented'); }
  setParam(_ref: ParamRef, _value: number): void { throw new Error('not implemented'); }
  setOptimizer(_cfg: OptimizerConfig): void { throw new Error('not implemented'); }
  evaluate(): Metrics { throw new Error('not implemented'); }
  toState(): TrainerStateJSON { throw new Error('not implemented'); }
  static fromState(opts: TrainerOptions, _state: TrainerStateJSON, _o?: { fastForward?: boolean }): Trainer { return new Trainer(opts); }
}
