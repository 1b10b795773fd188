/**
 * `nnlab analyze FILE [--run ID] [--epoch K] --sharpness [--landscape N] --json`
 * (docs/cli.md): train the experiment (or a saved run) for K epochs, then
 * look at the training loss around the parameters reached — the sharpness
 * (largest Hessian eigenvalue) against the optimizer's stability limit 2/lr,
 * the eigenvector's largest components by name, the loss along the last
 * update's line, and the loss landscape on an N × N grid with the path.
 */
import { fanIn, paramsToJSON, unflattenParams } from '../src-core/net/params';
import type { Experiment, Session } from '../src-core/session/schema';
import { serializeSession } from '../src-core/session/session';
import type { Trainer } from '../src-core/train/trainer';
import {
  complete, landscape, lineSlice, lossModel, sharpness, sharpnessLimit, sharpnessReport, stabilitySentence,
} from '../src-core/analysis';
import type { NetworkSpec, ParamsJSON } from '../src-core/types';
import type { AnalyzeCommand } from './args';
import { short } from '../src-core/derivation/format';

/** What main.ts lends: reading the file, applying a run's overrides, building the trainer (all throw its Refused). */
export interface AnalyzeHelpers {
  readSession: (name: string, file: string) => Session;
  experimentFor: (session: Session, cmd: { command: string; sets: Record<string, unknown>; run?: string; epochs?: number }) => { experiment: Experiment };
  trainerFor: (experiment: Experiment) => Trainer;
}

export interface Io {
  stdout: (text: string) => void;
}

export function analyze(cmd: AnalyzeCommand, io: Io, h: AnalyzeHelpers): number {
  const session = h.readSession('analyze', cmd.file);
  const { experiment } = h.experimentFor(session, { command: 'analyze', sets: cmd.sets, run: cmd.run, epochs: cmd.epoch });
  const trainer = h.trainerFor(experiment);
  for (let left = experiment.epochs; left > 0; ) {
    const done = trainer.runEpochs(left);
    if (done === 0) break;
    left -= done;
  }
  const report = analysisReport(trainer, cmd);
  io.stdout(cmd.json ? serializeSession(report) : `${analysisText(report)}\n`);
  return 0;
}

/** The JSON object of `nnlab analyze --json` (docs/cli.md). */
export function analysisReport(trainer: Trainer, cmd: AnalyzeCommand) {
  const spec = trainer.opts.network;
  const opt = trainer.optimizer;
  const model = lossModel(trainer.opts);
  const theta = model.flatten(trainer.params);
  const h = trainer.history;
  const seed = cmd.seed ?? 0;
  const limit = sharpnessLimit(opt);
  const out: Record<string, unknown> = {
    epoch: trainer.epoch,
    status: trainer.status,
    loss: model.lossAt(theta),
    optimizer: { ...opt },
    sharpness_limit: limit,
  };
  if (cmd.sharpness) {
    const r = complete(sharpness(model, theta, { seed }));
    const rep = sharpnessReport(spec, opt, trainer.epoch, r);
    out.sharpness = {
      value: rep.value, iterations: rep.iterations, converged: rep.converged, residual: rep.residual, negative: r.negative,
      two_over_sharpness: r.value > 0 ? 2 / r.value : null, stable_lr: rep.stableLr,
      past_limit: limit === null ? null : r.value > limit,
      top: rep.top.map(({ name, value }) => ({ name, value })),
      says: stabilitySentence(opt, r.value),
    };
  }
  const step = trainer.lastStep;
  if (step?.after) {
    const before = model.flatten(step.before);
    const after = model.flatten(step.after);
    const s = complete(lineSlice(model, before, after));
    out.line = { epoch: step.epoch, t: s.t, loss: s.loss, old: s.old, new: s.new, min: s.min, step_length: s.stepLength, from: s.from, to: s.to };
  } else out.line = null;
  if (cmd.landscape !== undefined) {
    const n = cmd.landscape;
    const g = complete(landscape(model, spec, theta, h.params, h.best?.epoch ?? null, {
      directions: cmd.directions ?? 'random', resolution: n, range: cmd.range ?? 1, seed,
    }));
    out.landscape = {
      resolution: n, range: cmd.range ?? 1,
      directions: { kind: g.directions, seed, cosine: g.cosine, note: g.note, d1: asParams(spec, g.d1), d2: asParams(spec, g.d2) },
      alpha: g.alphas, beta: g.betas,
      loss: g.betas.map((_, r) => Array.from(g.loss.subarray(r * n, (r + 1) * n))),
      center: g.center, min: g.min,
      path: { epoch: g.path.epochs, alpha: g.path.alpha, beta: g.path.beta, off_plane: g.path.offPlane },
      best: g.best,
    };
  }
  return out;
}

/** A flat direction in the session file's layout (weights[l][j][i], biases[l][j]). */
function asParams(spec: NetworkSpec, v: Float64Array): ParamsJSON {
  const shaped = {
    W: spec.layers.map((l, k) => new Float64Array(l.units * fanIn(spec, k))),
    b: spec.layers.map((l) => new Float64Array(l.bias ? l.units : 0)),
  };
  unflattenParams(v, shaped);
  return paramsToJSON(spec, shaped);
}

type Report = ReturnType<typeof analysisReport>;

/** The readable form. */
export function analysisText(r: Report): string {
  const lines = [`after ${r.epoch} epochs (${r.status}): training loss ${short(r.loss as number, 6)}`];
  const s = r.sharpness as { value: number; iterations: number; converged: boolean; residual: number; two_over_sharpness: number | null; top: { name: string; value: number }[]; says: string } | undefined;
  if (s) {
    lines.push('', `sharpness (largest Hessian eigenvalue): ${short(s.value, 6)}   ${s.converged ? 'converged' : 'NOT converged'} in ${s.iterations} Hessian-vector products, residual ${short(s.residual, 6)}`);
    lines.push(`2/sharpness: ${short(s.two_over_sharpness, 6)}   the optimizer's limit 2/lr: ${short(r.sharpness_limit as number | null, 6)}`);
    lines.push(s.says, '', 'largest components of its eigenvector:');
    for (const c of s.top) lines.push(`  ${c.name.padEnd(14)} ${short(c.value, 6)}`);
  }
  const line = r.line as { epoch: number; old: number; new: number; min: { t: number; loss: number }; from: number; to: number } | null;
  if (line) {
    const edge = line.min.t <= line.from || line.min.t >= line.to ? ` (the end of the range ${line.from} ≤ t ≤ ${line.to}: the loss falls on past it)` : '';
    lines.push('', `the last step's line (epoch ${line.epoch}): loss ${short(line.old, 6)} before (t = 0), ${short(line.new, 6)} after (t = 1), minimum ${short(line.min.loss, 6)} at t = ${short(line.min.t, 6)}${edge}`);
  }
  const g = r.landscape as { resolution: number; range: number; directions: { kind: string; note: string | null }; center: number; min: { alpha: number; beta: number; loss: number } } | undefined;
  if (g) {
    lines.push('', `landscape: ${g.resolution}×${g.resolution} grid over [−${g.range}, ${g.range}]², ${g.directions.kind} directions${g.directions.note ? ` (${g.directions.note})` : ''}`);
    lines.push(`  centre ${short(g.center, 6)}, minimum ${short(g.min.loss, 6)} at α = ${short(g.min.alpha, 6)}, β = ${short(g.min.beta, 6)} (the grid: --json)`);
  }
  return lines.join('\n');
}
