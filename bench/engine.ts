/**
 * Drives the real NN Lab trainer the way the app's host does: one Trainer per
 * run, full history recording, epochs in wall-clock slices (runEpochs with a
 * deadline, so a host could answer messages in between).
 */
import { Trainer } from '../src-core/train/trainer';
import type { TrainerOptions } from '../src-core/train/trainer';
import { cpuMs, nowMs } from './lib/timing';

/** Slice length like a host that yields to its message loop a few times a second. */
const SLICE_MS = 50;

export interface EngineRun {
  /** wall and CPU time of each run */
  times_ms: number[];
  cpu_ms: number[];
  trainer: Trainer;
}

/** Train `epochs` epochs in slices; returns the epochs done (less when the run diverged). */
export function trainInSlices(trainer: Trainer, epochs: number): number {
  let done = 0;
  while (done < epochs) {
    const n = trainer.runEpochs(epochs - done, Date.now() + SLICE_MS);
    done += n;
    // n = 0 and not stopped: an epoch longer than the slice (runEpochs stops between batches)
    if (trainer.status === 'diverged' || trainer.status === 'stopped_early') break;
  }
  return done;
}

/**
 * Times `repeats` fresh runs of `epochs` epochs (constructing the trainer is
 * part of the run, as in the app). `makeOptions` must return fresh options
 * each time. Returns the times and the last run's trainer for checking.
 */
export function timeEngine(makeOptions: () => TrainerOptions, epochs: number, repeats: number): EngineRun {
  const times: number[] = [];
  const cpu: number[] = [];
  let trainer: Trainer | null = null;
  for (let r = 0; r < repeats; r++) {
    const opts = makeOptions();
    const t0 = nowMs();
    const c0 = cpuMs();
    trainer = new Trainer(opts);
    const done = trainInSlices(trainer, epochs);
    cpu.push(cpuMs() - c0);
    times.push(nowMs() - t0);
    if (done !== epochs) throw new Error(`engine stopped after ${done} of ${epochs} epochs (status ${trainer.status})`);
  }
  if (!trainer) throw new Error('timeEngine: repeats must be ≥ 1');
  return { times_ms: times, cpu_ms: cpu, trainer };
}

/** Is the engine implemented yet? (The trainer started as a skeleton that throws.) */
export function engineMissing(err: unknown): string | null {
  const msg = err instanceof Error ? err.message : String(err);
  return /not implemented/i.test(msg) ? 'the engine is not implemented yet (src-core/train/trainer.ts throws "not implemented")' : null;
}
