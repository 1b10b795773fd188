/**
 * The default SessionLoader: a `load` command's session (file text or parsed
 * JSON) → a Trainer, either fresh from the experiment or, with a run id, the
 * saved run restored exactly (overrides applied, Trainer.fromState).
 */
import { parseSession } from '../session/session';
import { applyOverrides } from '../session/overrides';
import type { Experiment } from '../session/schema';
import { Trainer } from '../train/trainer';
import type { TrainerOptions, TrainerStateJSON } from '../train/types';
import { trainerOptions } from './options';
import type { LoadResult } from './service';

export function loadSession(session: unknown, runId?: string): LoadResult {
  const parsed = parseSession(session);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  let experiment: Experiment = parsed.session.experiment;
  let state: TrainerStateJSON | undefined;
  if (runId !== undefined) {
    const run = parsed.session.runs?.find((r) => r.id === runId);
    if (!run) return { ok: false, errors: [`runs: there is no run with id ${JSON.stringify(runId)}`] };
    const overridden = applyOverrides(experiment, run.overrides);
    if (!overridden.ok) return { ok: false, errors: overridden.errors.map((e) => `runs[id=${runId}].overrides: ${e}`) };
    experiment = overridden.value;
    state = run.state as TrainerStateJSON | undefined;
  }
  let make: () => TrainerOptions;
  try {
    const opts = trainerOptions(experiment);
    make = () => trainerOptions(experiment); // a fresh shuffle stream each time, as fromState expects
    const fresh = () => new Trainer(make());
    const trainer = state ? Trainer.fromState(opts, state) : new Trainer(opts);
    return { ok: true, trainer, fresh };
  } catch (e) {
    return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
  }
}
