/**
 * TrainerService: owns one Trainer, takes protocol commands, emits protocol
 * events through `post`. Pure TypeScript (no DOM, no Node): the Web Worker
 * (src-renderer/host/trainer.worker.ts) and the Electron utility process both
 * wrap this class around their message port.
 *
 * Training runs in time slices of `sliceMs` of work; between slices the
 * service yields to the event loop, so a `pause` (or any command) is handled
 * within one slice. Progress events are batched: during a run at most one
 * snapshot + one history chunk every `eventIntervalMs`, however fast the
 * trainer goes — and, for big nets, less often: every snapshot makes the UI
 * redraw the whole network, which for 784-64-1 (50 000 weights) costs the
 * UI thread tens of ms, and on a 2-core machine that thread competes with
 * the trainer (`eventMsPerParam`). History is sent in chunks from the
 * first entry that changed (service-events.ts). What the service is given:
 * service-types.ts.
 */
import type { StepUnit, Command, HostEvent, HostStatus } from './messages';
import { LIMITS } from '../session/limits';
import { optimizerSchema } from '../session/schema';
import type { OptimizerConfig } from '../types';
import { paramCount } from '../net/params';
import { divergenceMessage } from '../train/divergence';
import { classifierProblem, findSamples } from './samples';
import { evaluate } from '../metrics/evaluate';
import { AnalysisRunner } from './analysis-runner';
import { MAX_SAMPLE_SCAN, PROTOCOL_VERSION, parseCommand } from './messages';
import { HistorySender, snapshotOf, statusText } from './service-events';
import { type ServiceOptions, type TrainerLike, defaultYield } from './service-types';
export { defaultYield } from './service-types';
export type { LoadResult, ServiceOptions, SessionLoader, TrainerLike } from './service-types';

/** "diverged at epoch 37: W[1][0][2] became Infinity …" (src-core/train/divergence.ts) */
export { divergenceMessage };

export class TrainerService {
  private readonly o: Required<ServiceOptions>;
  private trainer: TrainerLike | null = null;
  private fresh: (() => TrainerLike) | null = null;
  private running = false;
  private runToken = 0;
  private targetEpoch = 0;
  private lastEmit = -Infinity;
  private lastStatus: HostStatus = 'empty';
  /**
   * Only edits since the trainer was made (no step, no run): the run is still
   * at its start ('idle', however the edit left the phase), and a parameter
   * set now is a starting value. `freshEdited`: the fresh trainer Reset makes
   * carries such edits.
   */
  private startEdited = false;
  private freshEdited = false;
  /** history chunks from the trainer's change log */
  private readonly history = new HistorySender();
  /** ms between progress events for the current net (eventIntervalMs, more for big nets) */
  private interval = 0;
  /** issue 14: sharpness, line and landscape, in slices beside training (analysis-runner.ts) */
  private readonly analysis: AnalysisRunner;

  constructor(options: ServiceOptions) {
    this.o = {
      sliceMs: 10,
      eventIntervalMs: 1000 / 15,
      eventMsPerParam: 0.005,
      now: () => Date.now(),
      yieldThen: defaultYield(),
      ...options,
    };
    this.analysis = new AnalysisRunner({ post: (e) => this.post(e), yieldThen: (fn) => this.o.yieldThen(fn), now: () => this.o.now(), sliceMs: this.o.sliceMs });
  }

  /** Entry point for every message that arrives, validated here. */
  handle(message: unknown): void {
    const parsed = parseCommand(message);
    if (!parsed.ok) {
      const id = message !== null && typeof message === 'object' ? (message as { id?: unknown }).id : undefined;
      this.error(parsed.message, typeof id === 'string' ? id : undefined);
      return;
    }
    try {
      this.dispatch(parsed.value);
    } catch (e) {
      // An engine error must not kill the host: report it and stop running.
      this.running = false;
      this.error(e instanceof Error ? e.message : String(e), parsed.value.id);
      this.emitStatus();
    }
  }

  private dispatch(cmd: Command): void {
    if (cmd.type === 'load') return this.load(cmd.session, cmd.runId, cmd.id);
    const t = this.trainer;
    if (!t) return this.error(`no session loaded: "${cmd.type}" needs one (send "load" first)`, cmd.id);
    switch (cmd.type) {
      case 'step':
        return this.step(t, cmd.unit, cmd.n ?? 1, cmd.id);
      case 'run':
        return this.startRun(cmd.untilEpoch ?? t.opts.epochs, cmd.id);
      case 'pause':
        this.stopRun();
        this.flush(true);
        return this.settle(this.runToken);
      case 'reset':
        this.stopRun();
        this.setTrainer(this.fresh!());
        this.startEdited = this.freshEdited;
        return this.flush(true, cmd.id);
      case 'editParam': {
        // a value set before the first step (a second one too: the first left the phase at 'backward') is a
        // starting value: Reset returns to it (as Save writes it)
        const atStart = this.status() === 'idle';
        t.setParam(cmd.ref, cmd.value);
        if (atStart) this.startEdited = true;
        if (atStart && this.fresh) {
          const fresh = this.fresh;
          const { ref, value } = cmd;
          this.freshEdited = true;
          this.fresh = () => {
            const f = fresh();
            f.setParam(ref, value);
            return f;
          };
        }
        return this.flush(!this.running);
      }
      case 'setHyper':
        return this.setHyper(t, cmd.path, cmd.value, cmd.id);
      case 'requestState':
        if (cmd.trainerState) this.post({ v: PROTOCOL_VERSION, type: 'state', id: cmd.id, trainer: t.toState() });
        return this.flush(true);
      case 'requestSamples':
        return this.samples(t, cmd);
      case 'requestEvaluation': {
        // charts and diagnoses (issue 16): src-core/metrics/evaluate.ts
        const e = evaluate(t.opts.network, t.params, t.opts.data);
        return this.post({ v: PROTOCOL_VERSION, type: 'evaluation', ...(cmd.id === undefined ? {} : { id: cmd.id }), epoch: t.epoch, updates: t.updates, ...e });
      }
      case 'analyze':
        return this.analysis.start(t, cmd);
      case 'cancelAnalysis':
        return this.analysis.cancel();
    }
  }

  /** The misclassified (or all) samples of a set with the current parameters; at most MAX_SAMPLE_SCAN rows looked at. */
  private samples(t: TrainerLike, cmd: Extract<Command, { type: 'requestSamples' }>): void {
    const data = cmd.set === 'test' ? t.opts.data.test : t.opts.data.train;
    if (!data) return this.error(`requestSamples: this session has no ${cmd.set} set`, cmd.id);
    const spec = t.opts.network;
    const problem = classifierProblem(spec, data);
    if (problem) return this.error(`requestSamples: ${problem}`, cmd.id);
    const m = findSamples(spec, t.params, data, {
      filter: cmd.filter, trueClass: cmd.trueClass, predictedClass: cmd.predictedClass,
      scanFrom: cmd.scanFrom, limit: cmd.limit, maxScan: MAX_SAMPLE_SCAN,
    });
    this.post({
      v: PROTOCOL_VERSION, type: 'samples', ...(cmd.id === undefined ? {} : { id: cmd.id }), set: cmd.set,
      epoch: t.epoch, updates: t.updates, scanFrom: Math.min(cmd.scanFrom, data.x.rows), next: m.next, size: data.x.rows,
      inputs: spec.inputs, outputs: spec.layers[spec.layers.length - 1].units,
      indices: m.indices, x: m.x, y: m.y, predicted: m.predicted, activations: m.outputs,
    });
  }

  private load(session: unknown, runId: string | undefined, id: string | undefined): void {
    const result = this.o.load(session, runId);
    if (!result.ok) return this.error(`the session was not loaded:\n${result.errors.join('\n')}`, id);
    this.stopRun();
    this.fresh = result.fresh;
    this.freshEdited = false;
    this.setTrainer(result.trainer);
    const data = result.trainer.opts.data;
    this.post({
      v: PROTOCOL_VERSION, type: 'loaded', id,
      inputNames: data.inputNames, outputNames: data.outputNames,
      trainSize: data.train.x.rows, testSize: data.test?.x.rows ?? 0,
      ...(data.classes ? { classes: data.classes.slice() } : {}),
      ...(data.image ? { image: { width: data.image.width, height: data.image.height } } : {}),
    });
    this.flush(true);
  }

  private setTrainer(t: TrainerLike): void {
    this.analysis.cancel('the run was reset or replaced');
    this.trainer = t;
    this.startEdited = false;
    this.targetEpoch = t.opts.epochs;
    this.interval = Math.max(this.o.eventIntervalMs, paramCount(t.opts.network) * this.o.eventMsPerParam);
    this.history.restart();
  }

  private step(t: TrainerLike, unit: StepUnit, n: number, id?: string): void {
    if (this.blocked(t, id)) return;
    this.stopRun();
    if (unit === 'epochs') return this.startRun(t.epoch + n, id);
    this.startEdited = false;
    for (let k = 0; k < n && !this.halted(t); k++) {
      if (unit === 'phase') t.stepPhase();
      else if (unit === 'batch') t.stepBatch();
      else t.stepEpoch();
    }
    this.flush(true, id);
  }

  /** Diverged and stopped runs do not train further until Reset. */
  private blocked(t: TrainerLike, id?: string): boolean {
    if (!this.halted(t)) return false;
    const why = t.status === 'diverged' && t.divergence ? divergenceMessage(t.divergence, t.params, t.opts.network, t.lastStep?.loss) : statusText[t.status];
    this.error(`the run has ${why.startsWith('diverged') ? why : `stopped (${why})`}; Reset to start again`, id);
    return true;
  }

  private halted(t: TrainerLike): boolean {
    return t.status === 'diverged' || t.status === 'stopped_early' || t.status === 'error';
  }

  private startRun(untilEpoch: number, id?: string): void {
    const t = this.trainer!;
    if (this.blocked(t, id)) return;
    // every epoch adds to the history: past the limit a run would grow without bound (session/limits.ts)
    if (untilEpoch > LIMITS.epochs) return this.error(`epochs: a run goes to at most epoch ${LIMITS.epochs} (NN Lab's limit), not ${untilEpoch}`, id);
    this.targetEpoch = untilEpoch;
    if (this.running) return this.emitStatus(id); // the running loop picks up the new target
    if (t.epoch >= untilEpoch) return this.flush(true, id);
    this.running = true;
    this.startEdited = false;
    const token = ++this.runToken;
    this.emitStatus(id);
    this.o.yieldThen(() => this.slice(token));
  }

  private stopRun(): void {
    this.running = false;
    this.runToken++;
  }

  private slice(token: number): void {
    if (!this.running || token !== this.runToken || !this.trainer) return;
    const t = this.trainer;
    try {
      const deadline = this.o.now() + this.o.sliceMs;
      do {
        const left = this.targetEpoch - t.epoch;
        if (left <= 0) break;
        t.runEpochs(left, deadline);
      } while (!this.halted(t) && this.o.now() < deadline);
    } catch (e) {
      this.stopRun();
      this.error(e instanceof Error ? e.message : String(e));
      return this.flush(true);
    }
    if (this.halted(t) || t.epoch >= this.targetEpoch) {
      this.running = false;
      return this.flush(true);
    }
    if (this.o.now() - this.lastEmit >= this.interval) this.flush(false);
    this.o.yieldThen(() => this.slice(token));
  }

  /**
   * A run paused while it measured an epoch's history entry (a big net's
   * evaluation is stopped between blocks, so the pause is immediate) finishes
   * that entry in slices, as a run would, so the next Step does not wait for it.
   */
  private settle(token: number): void {
    const t = this.trainer;
    if (!t || this.running || token !== this.runToken || this.halted(t) || t.history.train_loss.length > t.epoch) return;
    this.o.yieldThen(() => {
      if (this.running || token !== this.runToken || this.trainer !== t) return;
      try {
        t.runEpochs(0, this.o.now() + this.o.sliceMs);
      } catch (e) {
        return this.error(e instanceof Error ? e.message : String(e));
      }
      if (t.history.train_loss.length > t.epoch) this.flush(true);
      else this.settle(token);
    });
  }

  private setHyper(t: TrainerLike, path: string, value: unknown, id?: string): void {
    if (path === 'epochs') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LIMITS.epochs) {
        return this.error(`epochs: expected an integer from 0 to ${LIMITS.epochs} (NN Lab's limit), got ${JSON.stringify(value)}`, id);
      }
      t.opts.epochs = value;
      if (!this.running) this.targetEpoch = value;
      return this.flush(true);
    }
    const m = /^optimizer(?:\.(\w+))?$/.exec(path);
    if (!m) return this.error(`${path}: can't be changed during a run (only optimizer.* and epochs); edit the experiment instead`, id);
    const next = m[1] ? { ...t.opts.optimizer, [m[1]]: value } : value;
    const parsed = optimizerSchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.error(`${path}: expected ${issue?.message ?? 'a valid optimizer'}, got ${JSON.stringify(value)}`, id);
    }
    t.setOptimizer(parsed.data as OptimizerConfig);
    this.flush(!this.running);
  }

  // ---------------------------------------------------------------- events

  private post(e: HostEvent): void {
    this.o.post(e);
  }

  private error(message: string, id?: string): void {
    this.post({ v: PROTOCOL_VERSION, type: 'error', ...(id === undefined ? {} : { id }), message });
  }

  status(): HostStatus {
    const t = this.trainer;
    if (!t) return 'empty';
    if (this.running) return 'running';
    if (this.halted(t)) return t.status;
    if (t.opts.epochs > 0 && t.epoch >= t.opts.epochs) return 'completed';
    if (t.updates === 0 && (t.nextPhase === 'forward' || this.startEdited)) return 'idle';
    return 'paused';
  }

  /** The status when it changed; always when `id` is given (the answer to that command). */
  private emitStatus(id?: string): void {
    const status = this.status();
    if (status === this.lastStatus && id === undefined) return;
    this.lastStatus = status;
    const t = this.trainer;
    const divergence = t?.divergence ?? null;
    const message = status === 'diverged' && divergence ? divergenceMessage(divergence, t!.params, t!.opts.network, t!.lastStep?.loss) : statusText[status];
    this.post({ v: PROTOCOL_VERSION, type: 'status', status, epoch: t?.epoch ?? 0, divergence, message, ...(id === undefined ? {} : { id }) });
  }

  /** Sends history (from the first entry that changed), a snapshot and, if it changed (or `id` is answered), the status. */
  private flush(full: boolean, id?: string): void {
    const t = this.trainer;
    if (!t) return;
    this.lastEmit = this.o.now();
    const chunk = this.history.chunk(t);
    if (chunk) this.post(chunk);
    this.post(snapshotOf(t, full, this.status(), this.targetEpoch));
    this.emitStatus(id);
  }
}
