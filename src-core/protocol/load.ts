/**
 * The default SessionLoader: a `load` command's session (file text, parsed
 * JSON or a Session) → a Trainer, fresh from the experiment or, with a run
 * id, the saved run restored exactly. src-core/session does the work.
 */
import { loadTrainer } from '../session/create';
import { replayLastStep } from '../session/replay';
import { APP_THINNING } from '../train/thinning';
import type { SessionLoader } from './service';

/**
 * The app's hosts thin a long run's history (train/thinning.ts), so its memory stays bounded. A saved
 * run comes back with its last update's numbers for the math view (session/replay.ts).
 */
export const loadSession: SessionLoader = (session, runId) => {
  const loaded = loadTrainer(session, runId, { historyThinning: APP_THINNING });
  if (loaded.ok && runId !== undefined) replayLastStep(loaded.trainer, loaded.fresh);
  return loaded;
};
