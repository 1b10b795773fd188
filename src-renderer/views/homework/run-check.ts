/**
 * Checks answers against a saved run's step in a Web Worker
 * (check.worker.ts): the run is trained from its start up to the exercise's
 * update, which may take a while on a big net, so never on the UI thread.
 * A worker per check, ended when it answers.
 */
import type { Session } from '../../../src-core/session/schema';
import type { Answer, CheckResult } from '../../../src-core/check/check';

export interface RunCheckRequest {
  id: number;
  session: Session;
  run: string;
  update: number;
  answers: Answer[];
}

export type RunCheckReply = { id: number; result: CheckResult } | { id: number; errors: string[] };

let next = 0;

/** The marks, or the reasons the step could not be made (each starting with its JSON path). */
export function checkInWorker(session: Session, run: string, update: number, answers: Answer[]): Promise<{ result: CheckResult } | { errors: string[] }> {
  const id = ++next;
  return new Promise((resolve) => {
    const w = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-check' });
    const done = (r: { result: CheckResult } | { errors: string[] }) => {
      w.terminate();
      resolve(r);
    };
    w.addEventListener('message', (e: MessageEvent<RunCheckReply>) => {
      if (e.data.id === id) done('result' in e.data ? { result: e.data.result } : { errors: e.data.errors });
    });
    w.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      done({ errors: [`the check could not run: ${e.message || 'its worker failed to start'}`] });
    });
    const request: RunCheckRequest = { id, session, run, update, answers };
    try {
      w.postMessage(request);
    } catch (e) {
      done({ errors: [`the check could not run: ${e instanceof Error ? e.message : String(e)}`] });
    }
  });
}
