/**
 * Runs one `analyze` command in the trainer host (Worker or utility
 * process), never on the UI thread: the parts are generators
 * (src-core/analysis) stepped in slices of `sliceMs`, yielding to the event
 * loop between slices like training does, so `pause`, `cancelAnalysis` or a
 * training step is handled within a slice. Training may go on meanwhile:
 * the analysis works on copies of the parameters taken when it started.
 *
 * Progress is posted at most every `progressMs`; each part's result as it
 * completes; then one analysisEnd (done, cancelled or failed).
 */
import type { TrainerLike } from './service';
import type { AnalysisEvent, AnalysisPart, AnalysisResultMessage, LandscapeRequest, SharpnessPoint } from './analysis-messages';
import {
  landscape, lineSlice, lossModel, sharpness, sharpnessLimit, sharpnessReport, stabilitySentence, type LossModel, type Progress,
} from '../analysis';
import type { Command } from './messages';

type AnalyzeCommand = Extract<Command, { type: 'analyze' }>;

export interface AnalysisRunnerOptions {
  post: (e: AnalysisEvent) => void;
  yieldThen: (fn: () => void) => void;
  now: () => number;
  sliceMs: number;
  /** ms between progress events (default 100) */
  progressMs?: number;
}

type Step = Progress & { part: AnalysisPart };

interface Job {
  id?: string;
  token: number;
  gen: Generator<Step, void>;
  lastProgress: number;
}

export class AnalysisRunner {
  private job: Job | null = null;
  private token = 0;

  constructor(private readonly o: AnalysisRunnerOptions) {}

  get busy(): boolean {
    return this.job !== null;
  }

  /** Starts an analysis of the trainer's current point (a running one is cancelled first). */
  start(t: TrainerLike, cmd: AnalyzeCommand): void {
    this.cancel('a new analysis was started');
    const token = ++this.token;
    const job: Job = { id: cmd.id, token, gen: this.parts(t, cmd), lastProgress: -Infinity };
    this.job = job;
    this.o.yieldThen(() => this.slice(token));
  }

  /** Stops the running analysis, if any (the trainer was replaced, or the user asked). */
  cancel(why = 'cancelled'): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.token++;
    this.end(job, 'cancelled', why);
  }

  private end(job: Job, outcome: 'done' | 'cancelled' | 'failed', message: string): void {
    this.o.post({ v: 1, type: 'analysisEnd', ...(job.id === undefined ? {} : { id: job.id }), outcome, message });
  }

  private slice(token: number): void {
    const job = this.job;
    if (!job || job.token !== token) return;
    const deadline = this.o.now() + this.o.sliceMs;
    let step: Step | null = null;
    try {
      for (;;) {
        const r = job.gen.next();
        if (r.done) {
          this.job = null;
          return this.end(job, 'done', 'done');
        }
        step = r.value;
        if (this.o.now() >= deadline) break;
      }
    } catch (e) {
      this.job = null;
      return this.end(job, 'failed', e instanceof Error ? e.message : String(e));
    }
    const now = this.o.now();
    if (step && now - job.lastProgress >= (this.o.progressMs ?? 100)) {
      job.lastProgress = now;
      this.o.post({ v: 1, type: 'analysisProgress', ...(job.id === undefined ? {} : { id: job.id }), part: step.part, done: step.done, total: step.total });
    }
    this.o.yieldThen(() => this.slice(token));
  }

  /** The requested parts in order: sharpness, line, landscape; each posts its result when done. */
  private *parts(t: TrainerLike, cmd: AnalyzeCommand): Generator<Step, void> {
    // copies of everything the analysis reads: training may go on meanwhile
    const spec = t.opts.network;
    const opt = { ...t.opts.optimizer };
    const epoch = t.epoch;
    const updates = t.updates;
    const model = lossModel(t.opts);
    const theta = model.flatten(t.params);
    const h = t.history;
    const record = { epochs: h.params.epochs.slice(), values: h.params.values.slice(), stride: h.params.stride };
    const bestEpoch = h.best?.epoch ?? null;
    const step = t.lastStep;
    const line = step?.after ? { before: model.flatten(step.before), after: model.flatten(step.after), epoch: step.epoch, lr: step.lr } : null;
    const post = (result: AnalysisResultMessage) =>
      this.o.post({ v: 1, type: 'analysisResult', ...(cmd.id === undefined ? {} : { id: cmd.id }), epoch, updates, result });

    if (cmd.sharpness) {
      const seed = cmd.sharpness.seed ?? 0;
      const points: SharpnessPoint[] = [];
      const at: { epoch: number; theta: Float64Array }[] = [];
      if (cmd.sharpness.over === 'history') {
        const n = record.epochs.length;
        const want = Math.min(n, cmd.sharpness.points ?? 100);
        const picks = new Set<number>();
        for (let k = 0; k < want; k++) picks.add(want === 1 ? n - 1 : Math.round((k * (n - 1)) / (want - 1)));
        for (const k of [...picks].sort((a, b) => a - b)) if (record.epochs[k] !== epoch) at.push({ epoch: record.epochs[k], theta: Float64Array.from(record.values[k]) });
      }
      at.push({ epoch, theta });
      for (let k = 0; k < at.length; k++) {
        const g = sharpness(model, at[k].theta, { seed });
        for (;;) {
          const r = g.next();
          if (r.done) {
            const rep = sharpnessReport(spec, opt, at[k].epoch, r.value);
            points.push({ ...rep, top: rep.top.map(({ name, value }) => ({ name, value })) });
            break;
          }
          yield { part: 'sharpness', done: k + r.value.done / r.value.total, total: at.length };
        }
      }
      const last = points[points.length - 1];
      post({
        part: 'sharpness', over: cmd.sharpness.over, lr: opt.lr, limit: sharpnessLimit(opt), optimizer: opt.kind, points,
        says: stabilitySentence(opt, last.value),
      });
    }
    if (cmd.line) {
      if (!line) throw new Error('the line of the last step needs a step: train at least one update first');
      const s = yield* tag('line', lineSlice(model, line.before, line.after));
      post({
        part: 'line', epoch: line.epoch, t: Float64Array.from(s.t), loss: Float64Array.from(s.loss), old: s.old, new: s.new, min: s.min,
        from: s.from, to: s.to, stepLength: s.stepLength, lr: line.lr,
      });
    }
    if (cmd.landscape) yield* this.landscapePart(model, spec, theta, record, bestEpoch, cmd.landscape, post);
  }

  private *landscapePart(
    model: LossModel, spec: TrainerLike['opts']['network'], theta: Float64Array, record: TrainerLike['history']['params'], bestEpoch: number | null,
    req: LandscapeRequest, post: (r: AnalysisResultMessage) => void,
  ): Generator<Step, void> {
    const g = yield* tag('landscape', landscape(model, spec, theta, record, bestEpoch, req));
    post({
      part: 'landscape', resolution: req.resolution, range: req.range, directions: g.directions, seed: req.seed, cosine: g.cosine, note: g.note,
      alphas: Float64Array.from(g.alphas), betas: Float64Array.from(g.betas), loss: g.loss, min: g.min, center: g.center,
      path: { epochs: Float64Array.from(g.path.epochs), alpha: Float64Array.from(g.path.alpha), beta: Float64Array.from(g.path.beta), offPlane: g.path.offPlane },
      best: g.best,
    });
  }
}

/** Labels a part's progress. */
function* tag<T>(part: AnalysisPart, g: Generator<Progress, T>): Generator<Step, T> {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    yield { part, ...r.value };
  }
}
