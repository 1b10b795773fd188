/**
 * The session's runs as the runs panel edits them: which one the trainer
 * holds (`currentId`), and duplicate / rename / delete / change overrides.
 * The runs themselves live in `app.session.runs` (so Save writes them and
 * Open brings them back); the list operations are src-core/session/runs.ts.
 * The trainer's run enters session.runs when another run is made current
 * (app.switchRun) and on Save.
 */
import type { AppState } from './app.svelte';
import type { SavedRun, Session } from '../../src-core/session/schema';
import { duplicateRun, EXPERIMENT_RUN, EXPERIMENT_RUN_LABEL, putRun, withOverrides } from '../../src-core/session/runs';

class Runs {
  /** the run the trainer holds: a run id of session.runs, or EXPERIMENT_RUN (the experiment itself, saved under that id) */
  currentId = $state<string>(EXPERIMENT_RUN);
  /** the last refused edit (overrides that do not apply), shown in the panel */
  errors = $state<string[]>([]);

  private update(app: AppState, runs: SavedRun[]): void {
    if (!app.session) return;
    app.session = { ...app.session, runs: runs.length ? runs : undefined } as Session;
    app.dirty = true;
    app.hosts.files.setDirty(true);
  }

  /** The run list with the experiment's own run first (saved or not yet). */
  list(session: Session | null): SavedRun[] {
    const saved = session?.runs ?? [];
    const own = saved.find((r) => r.id === EXPERIMENT_RUN) ?? { id: EXPERIMENT_RUN, label: EXPERIMENT_RUN_LABEL, overrides: {}, status: 'paused' as const, epochs_run: 0, history: {} };
    return [own, ...saved.filter((r) => r.id !== EXPERIMENT_RUN)];
  }

  select(app: AppState, id: string): Promise<void> {
    this.errors = [];
    return id === this.currentId ? Promise.resolve() : app.switchRun(id);
  }

  /** A copy of run `id` right after it, not yet run, made current (so its settings can be changed at once). */
  async duplicate(app: AppState, id: string): Promise<string | null> {
    if (!app.session) return null;
    // the experiment's own run may not be in session.runs yet: it enters, first, with the copy
    const saved = app.session.runs ?? [];
    const d = duplicateRun(saved.some((r) => r.id === id) ? saved : this.list(app.session), id);
    if (!d) return null;
    this.update(app, d.runs);
    await app.switchRun(d.id);
    return d.id;
  }

  /** A new name for run `id`: one undo step. */
  rename(app: AppState, id: string, label: string): void {
    const session = app.session;
    const run = this.list(session).find((r) => r.id === id);
    if (!session || !run || !label.trim() || label.trim() === run.label) return;
    app.changeSession({ ...session, runs: putRun(session.runs, { ...run, label: label.trim() }) });
  }

  /** The run's own notes (Markdown, like the session's): one undo step. */
  setNotes(app: AppState, id: string, notes: string): void {
    const session = app.session;
    const run = this.list(session).find((r) => r.id === id);
    if (!session || !run) return;
    const { notes: _old, ...rest } = run;
    if ((run.notes ?? '') === (notes.trim() ? notes : '')) return;
    app.changeSession({ ...session, runs: putRun(session.runs, notes.trim() ? { ...rest, notes } : rest) });
  }

  /**
   * Deletes run `id` (the experiment's own run cannot go: it is the experiment): one undo step, which
   * brings it back with its results. The current run is first put back in session.runs with its
   * results so far, and the experiment's own run becomes current.
   */
  async remove(app: AppState, id: string): Promise<void> {
    const session = app.session;
    if (!session || id === EXPERIMENT_RUN) return;
    if (id === this.currentId) return app.switchRun(EXPERIMENT_RUN, { remove: id });
    app.changeSession(withoutRun(session, id));
  }

  /** New overrides for run `id`, checked; its results go. The current run restarts with them. */
  setOverrides(app: AppState, id: string, overrides: Record<string, unknown>): boolean {
    const session = app.session;
    if (!session || id === EXPERIMENT_RUN) return false;
    const r = withOverrides(session.experiment, session.runs ?? [], id, overrides);
    if (!r.ok) {
      this.errors = r.errors;
      return false;
    }
    this.errors = [];
    this.update(app, r.value);
    if (id === this.currentId) void app.switchRun(id, { keep: false });
    return true;
  }
}

export const runs = new Runs();

/** The session without run `id`. */
export function withoutRun(session: Session, id: string): Session {
  const left = (session.runs ?? []).filter((r) => r.id !== id);
  return { ...session, runs: left.length ? left : undefined } as Session;
}
