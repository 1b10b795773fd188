/**
 * A reopened run's last update, with every number: the file keeps the
 * parameters and the optimizer's state, not the step's factors, so the math
 * view was empty after a reopen ("Step the forward phase to see the
 * numbers") where it had shown update 1 before the save. The update is made
 * again from the run's start — training is deterministic — and shown only
 * when it ends on the very parameters the file holds, bit for bit: a run
 * edited on the way, or one another tool wrote, shows nothing rather than
 * numbers it did not make.
 */
import type { Trainer } from '../train/trainer';
import { paramCount } from '../net/params';

/** The replay's size at most: updates × batch rows × parameters (report 003's homework: 13; a few hundred ms at most). */
export const REPLAY_BUDGET = 30_000_000;

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));

/**
 * Gives `trainer` (restored from a file, between updates) its last update made again by `fresh()` (a new
 * trainer of the same run at epoch 0), when that is within the budget and ends on the same parameters.
 * True when it did.
 */
export function replayLastStep(trainer: Trainer, fresh: () => Trainer): boolean {
  const updates = trainer.updates;
  if (updates === 0 || trainer.lastStep !== null || trainer.status === 'diverged') return false;
  const o = trainer.opts;
  const rows = o.batchSize === 'full' ? o.data.train.x.rows : Math.min(o.batchSize, o.data.train.x.rows);
  if (updates * rows * paramCount(o.network) > REPLAY_BUDGET) return false;
  const t = fresh();
  for (let k = 0; k < updates - 1 && !['diverged', 'completed', 'stopped_early'].includes(t.status); k++) t.stepBatch();
  if (t.updates !== updates - 1) return false;
  t.stepBatch();
  const step = t.lastStep;
  if (t.updates !== updates || !step?.done.update) return false;
  const a = t.params;
  const b = trainer.params;
  const same = a.W.every((w, l) => sameBits(w, b.W[l]) && sameBits(a.b[l], b.b[l]));
  if (same) trainer.showStep(step);
  return same;
}
