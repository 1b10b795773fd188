/// <reference lib="webworker" />
/**
 * The Homework panel's check of an exercise tied to a saved run: the run's
 * step is made from its start with the real engine — what `nnlab check FILE
 * ANSWERS --run ID` does (src-core/check/exercise.ts, checkRunStep) — here,
 * off the UI thread. One request, one answer: { id, result } or { id, errors }.
 */
import { checkRunStep } from '../../../src-core/check/exercise';
import { SessionError } from '../../../src-core/session/create';
import type { RunCheckReply, RunCheckRequest } from './run-check';

self.addEventListener('message', (e: MessageEvent<RunCheckRequest>) => {
  const { id, session, run, update, answers } = e.data;
  let reply: RunCheckReply;
  try {
    reply = { id, result: checkRunStep(session, run, update, answers).result };
  } catch (err) {
    reply = { id, errors: err instanceof SessionError ? err.errors : [err instanceof Error ? err.message : String(err)] };
  }
  self.postMessage(reply);
});
