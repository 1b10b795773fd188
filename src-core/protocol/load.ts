/**
 * The default SessionLoader: a `load` command's session (file text, parsed
 * JSON or a Session) → a Trainer, fresh from the experiment or, with a run
 * id, the saved run restored exactly. src-core/session does the work.
 */
import { loadTrainer } from '../session/create';
import { APP_THINNING } from '../train/thinning';
import type { SessionLoader } from './service';

/** The app's hosts thin a long run's history (train/thinning.ts), so its memory stays bounded. */
export const loadSession: SessionLoader = (session, runId) => loadTrainer(session, runId, { historyThinning: APP_THINNING });
