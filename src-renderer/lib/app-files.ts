/**
 * Files for AppState: what a file opens as (its run where it stopped), what
 * Save writes (the session with the trainer's run in it), the trainer's state
 * asked for with a deadline, and the crash-recovery copy kept while there are
 * unsaved changes.
 */
import { parseSession, serializeSession } from '../../src-core/session/session';
import type { SavedRun, Session } from '../../src-core/session/schema';
import type { CommandBody, Snapshot, StateEvent } from '../../src-core/protocol/messages';
import { EXPERIMENT_RUN, EXPERIMENT_RUN_LABEL, putRun } from '../../src-core/session/runs';
import type { LoadRequest } from './app-loads';

/**
 * How long a request for the trainer's state (Save, a switch of runs) waits
 * for the answer: within it, a Save with a trainer that never answers still
 * finishes inside 5 s, from the page's own state.
 */
export const REQUEST_MS = 4000;
/** how long after an edit the recovery copy is written (main writes it to disk at most every 3 s anyway) */
export const RECOVERY_MS = 2000;

/** A file's text as a load (reopening the run it was saved with, where it stopped), or its messages. */
export function openRequest(name: string, text: string, o: { path?: string; dirty?: boolean } = {}): { ok: true; load: LoadRequest } | { ok: false; errors: string[] } {
  const parsed = parseSession(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const view = parsed.session.view as { currentRun?: unknown } | undefined;
  // a variant never run reopens as the current run too (from its overrides, at epoch 0)
  const runId = parsed.session.runs?.some((r) => r.id === view?.currentRun) ? (view!.currentRun as string) : undefined;
  return {
    ok: true,
    load: { session: parsed.session, text, open: { name, path: o.path, dirty: o.dirty ?? false }, currentRun: runId ?? EXPERIMENT_RUN, ...(runId ? { runId } : {}) },
  };
}

/**
 * The text Save writes: the session with `run` (the trainer's) among its runs
 * and named as the current one — or, before its first step, the saved run
 * `currentId` the student picked (not the experiment itself: that is the default).
 */
export function savedText(session: Session, run: SavedRun | null, currentId?: string): string {
  const out: Record<string, unknown> = { ...session };
  const list = run ? putRun(session.runs, run) : (session.runs ?? []);
  out.runs = list.length ? list : undefined;
  const picked = currentId !== undefined && currentId !== EXPERIMENT_RUN && list.some((r) => r.id === currentId) ? currentId : undefined;
  out.view = { ...((session.view as object) ?? {}), currentRun: run ? run.id : picked };
  return serializeSession(out);
}

/**
 * The trainer's run as a session run (as src-core/session's runEntry writes
 * it: the history once, the rest of the trainer state under `state`), or,
 * without the trainer's state (`trainer` null), what the page has: the
 * parameters and the history shown.
 */
export function runEntry(snap: Snapshot, saved: SavedRun | undefined, id: string, trainer: StateEvent['trainer'] | null, pageHistory: () => Record<string, unknown>): SavedRun {
  const status = snap.status === 'diverged' || snap.status === 'stopped_early' || snap.status === 'completed' ? snap.status : 'paused';
  const base = {
    id,
    label: saved?.label ?? EXPERIMENT_RUN_LABEL,
    overrides: saved?.overrides ?? {},
    status,
    epochs_run: snap.epoch,
    params: snap.params as SavedRun['params'],
    diverged_at: snap.divergence?.epoch ?? null,
  } as const;
  if (!trainer) return { ...base, history: pageHistory() };
  const { history, ...state } = trainer;
  return { ...base, history: history as unknown as Record<string, unknown>, state };
}

/** Requests for the trainer's state, each settled by its answer, an error with its id, or REQUEST_MS. */
export class StateRequests {
  private waiting = new Map<string, { resolve: (e: StateEvent) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(private readonly send: (command: CommandBody) => void, private readonly ms = REQUEST_MS) {}

  /** The trainer's full state; refused with a message when it answers with an error or not in time. */
  request(): Promise<StateEvent> {
    const id = `state-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(id);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the trainer did not answer within ${this.ms / 1000} s`));
      }, this.ms);
      this.waiting.set(id, { resolve: (e) => { done(); resolve(e); }, reject: (e) => { done(); reject(e); } });
      this.send({ type: 'requestState', trainerState: true, id });
    });
  }

  /** An answer (a `state` event): true when it was one of these requests'. */
  answered(e: StateEvent): boolean {
    const w = e.id ? this.waiting.get(e.id) : undefined;
    w?.resolve(e);
    return w !== undefined;
  }

  /** An `error` event: true when it refused one of these requests. */
  failed(id: string | undefined, message: string): boolean {
    const w = id ? this.waiting.get(id) : undefined;
    w?.reject(new Error(message));
    return w !== undefined;
  }
}

/**
 * Unsaved work is kept where the desktop app can offer it back after a crash.
 * Serialising a session with long run histories is not free, so it happens at
 * most once per RECOVERY_MS after a burst of edits, and not at all where the
 * platform keeps no recovery copy (a browser tab).
 */
export class RecoveryCopy {
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** @param current the text to keep, or null when there is nothing unsaved any more */
  constructor(private readonly shell: { keepsRecovery: boolean; recoveryWrite(text: string): void }, private readonly current: () => string | null) {}

  schedule(): void {
    if (!this.shell.keepsRecovery || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const text = this.current();
      if (text !== null) this.shell.recoveryWrite(text);
    }, RECOVERY_MS);
  }
}
