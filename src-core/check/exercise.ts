/**
 * The session's `"exercise"` field (docs/session-format.md) and the step a
 * check is made against.
 *
 *   "exercise": {
 *     "run": "b",          // optional: the saved run whose step it is (absent: the experiment)
 *     "update": 0,         // which update, counted from the start (0: the first)
 *     "hidden": true,      // a teacher's exercise: the app hides that step's numbers …
 *     "revealed": false,   // … until the student checks their answers or reveals them
 *     "answers": [ { "name": "w1", "value": "1.0000065" } ],   // the student's numbers, as typed
 *     "results": [ { "name": "w1", "typed": "1.0000065", "key": "W[0][0][0]", "mark": "slip",
 *                    "text": "rounding slip: …", "details": [] } ]   // the last check
 *   }
 *
 * The step is always made from the run's starting parameters (a fresh trainer
 * of the run's experiment, `update` updates in), so it does not depend on how
 * far the run was trained when saved.
 */
import type { Experiment, Session } from '../session/schema';
import { applyOverrides } from '../session/overrides';
import { createTrainer, networkSpec, SessionError } from '../session/create';
import type { StepDetail } from '../train/types';
import { checkAnswers, type Answer, type CheckContext, type CheckResult } from './check';

export { exerciseSchema, type Exercise, type SavedResult } from './exercise-schema';

/**
 * The session's own parameter names, contract name → its name ("W[0][0][0]" →
 * "w1"): the session's top-level `param_names` (docs/session-format.md).
 * Files written before that field existed may carry them as `names` or
 * `experiment.names` (an object of strings in either direction): still read.
 */
export function sessionParamNames(session: unknown): Record<string, string> | undefined {
  const s = session as { param_names?: unknown; names?: unknown; experiment?: { names?: unknown } } | null;
  for (const candidate of [s?.param_names, s?.experiment?.names, s?.names]) {
    if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) continue;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(candidate as Record<string, unknown>)) {
      if (typeof v !== 'string') continue;
      const contract = /^[Wb]\[/.test(k) ? k : /^[Wb]\[/.test(v) ? v : null;
      if (contract) out[contract] = contract === k ? v : k;
    }
    if (Object.keys(out).length) return out;
  }
  return undefined;
}

export function checkContextOf(experiment: Experiment, session?: unknown): CheckContext {
  const names = session === undefined ? undefined : sessionParamNames(session);
  return { spec: networkSpec(experiment), loss: experiment.loss, reduction: experiment.reduction, optimizer: experiment.optimizer, ...(names ? { names } : {}) };
}

/** The experiment of a saved run (or the session's own), refused with the run ids when there is no such run. */
export function experimentOfRun(session: Session, run: string | undefined): Experiment {
  if (run === undefined) return session.experiment;
  const saved = session.runs?.find((r) => r.id === run);
  if (!saved) {
    const ids = (session.runs ?? []).map((r) => JSON.stringify(r.id)).join(', ') || 'none';
    throw new SessionError([`run ${JSON.stringify(run)}: no such run in the file (its runs: ${ids})`]);
  }
  const applied = applyOverrides(session.experiment, saved.overrides);
  if (!applied.ok) throw new SessionError(applied.errors);
  return applied.value;
}

/** Update number `update` (0-based) of the experiment, with every phase run. */
export function stepOfExperiment(experiment: Experiment, update: number): StepDetail {
  const trainer = createTrainer(experiment);
  for (let k = 0; k < update; k++) {
    trainer.stepBatch();
    if (trainer.status === 'diverged' || trainer.status === 'completed' || trainer.status === 'stopped_early') break;
  }
  if (trainer.updates !== update) throw new SessionError([`exercise.update: the run stops after ${trainer.updates} updates, so there is no update ${update}`]);
  trainer.stepBatch();
  const step = trainer.lastStep;
  if (!step || !step.done.update) throw new SessionError([`exercise.update: update ${update} could not be made (the run ${trainer.status === 'diverged' ? 'diverged' : 'stopped'})`]);
  return step;
}

/**
 * Marks `answers` against update `update` of saved run `run` (absent: the
 * experiment), the step made from the run's start — what `nnlab check FILE
 * ANSWERS --run ID` and the app's Homework panel (for an exercise tied to a
 * run, in a worker) both do. Throws SessionError for a missing run or update.
 */
export function checkRunStep(session: Session, run: string | undefined, update: number, answers: Answer[]): { result: CheckResult; step: StepDetail } {
  const experiment = experimentOfRun(session, run);
  const step = stepOfExperiment(experiment, update);
  return { step, result: checkAnswers(checkContextOf(experiment, session), step, answers) };
}
