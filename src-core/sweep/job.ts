/**
 * One sweep run, as a worker executes it: the experiment with the point's
 * overrides, trained to its `epochs`, returned as an ordinary saved run
 * (runEntry: history, final params and the trainer state, so it reopens and
 * continues exactly). Pure: the same function runs in a Web Worker, an
 * Electron utility process, a node worker thread (bench) and in tests.
 */
import { applyOverrides } from '../session/overrides';
import { createTrainer, resumeTrainer, runEntry, SessionError } from '../session/create';
import type { Experiment, SavedRun } from '../session/schema';
import type { SweepPoint } from './spec';
import { parseJobCommand } from '../protocol/job-messages';
import { APP_THINNING } from '../train/thinning';

export interface SweepJob {
  /** position in the sweep's list of points */
  index: number;
  point: SweepPoint;
  /** the session's experiment, before the point's overrides */
  experiment: Experiment;
  /** cap on the parameter snapshots kept (numbers); a sweep keeps less than a single run */
  maxHistoryParamNumbers?: number;
  /**
   * A saved run to carry on from where it stopped (Run all: a paused run
   * goes on, it does not start again); its overrides must be the point's.
   */
  resume?: SavedRun;
}

/** What runJob reports (job-messages.ts's events, the run not yet packed). */
export type JobMessage =
  | { v: 1; type: 'jobProgress'; index: number; epoch: number; epochs: number }
  | { v: 1; type: 'jobDone'; index: number; run: SavedRun; ms: number }
  | { v: 1; type: 'jobFailed'; index: number; errors: string[] };

/**
 * Parameter numbers a sweep run keeps by default (a single run keeps 2 000 000):
 * 16 params × 60 001 epochs thin to ~3 000 snapshots, still more than a
 * chart has pixels, and the finished run stays cheap to send to the UI.
 */
export const SWEEP_PARAM_BUDGET = 50_000;

/** Runs the job to completion, posting progress about every `progressMs`. */
export function runJob(job: SweepJob, post: (m: JobMessage) => void, progressMs = 100): void {
  const t0 = Date.now();
  const fail = (errors: string[]) => post({ v: 1, type: 'jobFailed', index: job.index, errors: errors.map((e) => `${job.point.label}: ${e}`) });
  const applied = applyOverrides(job.experiment, job.point.overrides);
  if (!applied.ok) return fail(applied.errors);
  let trainer;
  try {
    // sweeps run in the app only: their histories thin like the app's runs
    const opts = { maxHistoryParamNumbers: job.maxHistoryParamNumbers ?? SWEEP_PARAM_BUDGET, historyThinning: APP_THINNING };
    trainer = job.resume ? resumeTrainer(job.experiment, job.resume, opts) : createTrainer(applied.value, opts);
  } catch (e) {
    return fail(e instanceof SessionError ? e.errors : [e instanceof Error ? e.message : String(e)]);
  }
  const epochs = applied.value.epochs;
  while (trainer.epoch < epochs) {
    const updates = trainer.updates;
    const done = trainer.runEpochs(epochs - trainer.epoch, Date.now() + progressMs);
    // 0 epochs with progress made: an epoch longer than progressMs (runEpochs stops between batches)
    if (trainer.status === 'diverged' || trainer.status === 'stopped_early' || (done === 0 && trainer.updates === updates)) break;
    post({ v: 1, type: 'jobProgress', index: job.index, epoch: trainer.epoch, epochs });
  }
  // a run of 0 epochs is complete as it stands
  if (epochs === 0) trainer.runEpochs(0);
  const run = runEntry(trainer, { id: job.point.id, label: job.point.label, overrides: job.point.overrides });
  post({ v: 1, type: 'jobDone', index: job.index, run, ms: Date.now() - t0 });
}

/**
 * A finished run crosses to the UI thread with its long number lists as
 * Float64Arrays whose buffers are transferred, not copied: a structured clone
 * of 60 000-entry arrays and thousands of snapshot arrays costs the UI tens of
 * milliseconds per run, a transfer almost nothing. `unpackRun` restores the
 * saved-run shape (plain arrays, as the session file has them).
 */
interface PackedHistory {
  series: Record<string, Float64Array>;
  params?: { epochs: number[]; stride: number; size: number; values: Float64Array };
  rest: Record<string, unknown>;
}

export function packRun(run: SavedRun): { run: SavedRun; transfer: ArrayBuffer[] } {
  const h = run.history as Record<string, unknown>;
  const packed: PackedHistory = { series: {}, rest: {} };
  const transfer: ArrayBuffer[] = [];
  for (const [k, v] of Object.entries(h)) {
    if (k === 'params' && v && typeof v === 'object') {
      const p = v as { epochs: number[]; stride: number; values: number[][] };
      const size = p.values[0]?.length ?? 0;
      const values = new Float64Array(p.values.length * size);
      p.values.forEach((row, q) => values.set(row, q * size));
      packed.params = { epochs: p.epochs, stride: p.stride, size, values };
      transfer.push(values.buffer);
    } else if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
      const a = Float64Array.from(v as number[]);
      packed.series[k] = a;
      transfer.push(a.buffer);
    } else packed.rest[k] = v;
  }
  return { run: { ...run, history: { __packed: packed } }, transfer };
}

export function unpackRun(run: SavedRun): SavedRun {
  const packed = (run.history as { __packed?: PackedHistory }).__packed;
  if (!packed) return run;
  const history: Record<string, unknown> = { ...packed.rest };
  for (const [k, a] of Object.entries(packed.series)) history[k] = toArray(a);
  if (packed.params) {
    const { epochs, stride, size, values } = packed.params;
    history.params = { epochs, stride, values: epochs.map((_, q) => toArray(values.subarray(q * size, (q + 1) * size))) };
  }
  return { ...run, history };
}

/**
 * A plain array of a typed array's numbers. Runs on the UI thread when a sweep
 * run arrives: an index loop is ~8× faster than Array.from's iterator (60 000-epoch
 * histories: ~35 ms → ~4 ms a run), which keeps that task short.
 */
function toArray(a: Float64Array): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
}

/**
 * The worker side: `runJob` commands, one at a time, each validated
 * (job-messages.ts); a command that does not fit is answered with jobFailed
 * at index −1 (the pool fails the job it sent with that message). `transfer`
 * is a hint: a port that cannot transfer buffers (Electron's MessagePortMain)
 * copies them.
 */
export function serveJobs(port: { postMessage(m: unknown, transfer?: ArrayBuffer[]): void; addEventListener(t: 'message', l: (e: { data: unknown }) => void): void }): void {
  port.addEventListener('message', (e) => {
    const parsed = parseJobCommand(e.data);
    if (!parsed.ok) {
      port.postMessage({ v: 1, type: 'jobFailed', index: -1, errors: [`job worker: ${parsed.message}`] });
      return;
    }
    const job = parsed.value.job as SweepJob;
    try {
      runJob(job, (msg) => {
        if (msg.type !== 'jobDone') return port.postMessage(msg);
        const { run, transfer } = packRun(msg.run);
        port.postMessage({ ...msg, run }, transfer);
      });
    } catch (err) {
      port.postMessage({ v: 1, type: 'jobFailed', index: job.index, errors: [`${job.point.label}: ${err instanceof Error ? err.message : String(err)}`] });
    }
  });
}
