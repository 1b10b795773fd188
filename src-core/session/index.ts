/** The session file and the one way from a session to a trainer. */
export { parseSession, serializeSession, FORMAT_VERSION, type ParseResult } from './session';
export { applyOverrides, validateExperiment, parsePath, parseOverrideValue, type Result } from './overrides';
export {
  createTrainer, trainerOptions, networkSpec, runEntry, resumeTrainer, loadTrainer, savedStatus, SessionError,
  type CreateOptions, type RunMeta, type LoadResult,
} from './create';
export { sessionSchema, experimentSchema, runSchema, type Session, type Experiment, type SavedRun } from './schema';
export { formatPath, formatValue } from './format';
