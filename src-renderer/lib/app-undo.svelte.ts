/**
 * Undo and redo of AppState (Edit ▸ Undo / Redo, Ctrl+Z / Ctrl+Shift+Z): the
 * edits of parameters and settings, newest last. An edit is recorded when it
 * took effect (an experiment edit: when the trainer accepted its load).
 */
import type { Session } from '../../src-core/session/schema';
import type { ParamRef } from '../../src-core/types';

/**
 * One undoable edit: the session before and after it, and for a weight or
 * bias typed in by hand, the parameter's old and new value (the trainer is
 * told to set it back, so the run goes on from the restored value).
 */
export interface Edit {
  before: Session;
  after: Session;
  /** the experiment changed: the run restarts from the restored experiment */
  reload: boolean;
  param?: { ref: ParamRef; before: number; after: number };
}

export const UNDO_DEPTH = 200;

export class UndoHistory {
  canUndo = $state(false);
  canRedo = $state(false);
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];

  /** How many edits there are to undo (where an edit asked for now stands: `record`'s `at`). */
  get depth(): number {
    return this.undoStack.length;
  }

  /**
   * A new edit, the newest; with `at` (the depth when it was asked for) in that place: an experiment edit
   * is recorded once its load is accepted, and notes written while it loaded had gone under it, so Undo
   * took back the setting before the notes typed after it.
   */
  record(edit: Edit, at?: number): void {
    if (at !== undefined && at >= 0 && at < this.undoStack.length) this.undoStack.splice(at, 0, edit);
    else this.undoStack.push(edit);
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
    this.redoStack = [];
    this.sync();
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.sync();
  }

  /** The edit to undo (moved to the redo stack), or null. */
  takeUndo(): Edit | null {
    return this.move(this.undoStack, this.redoStack);
  }

  /** The edit to redo (moved back to the undo stack), or null. */
  takeRedo(): Edit | null {
    return this.move(this.redoStack, this.undoStack);
  }

  private move(from: Edit[], to: Edit[]): Edit | null {
    const edit = from.pop();
    if (!edit) return null;
    to.push(edit);
    this.sync();
    return edit;
  }

  private sync(): void {
    this.canUndo = this.undoStack.length > 0;
    this.canRedo = this.redoStack.length > 0;
  }
}

/**
 * `current` with the change from `from` to `to` made, and nothing else: an undo (from = after, to =
 * before) or redo of an edit that leaves the trainer's run as it is. Only the fields the edit changed
 * are put back, and of the runs only those it added, removed or changed; what came after the edit
 * and was no undo step of its own (a run's results from Run all, a copy made by Duplicate) stays.
 */
export function changedFrom(current: Session, from: Session, to: Session): Session {
  const out: Record<string, unknown> = { ...current };
  const a = from as unknown as Record<string, unknown>;
  const b = to as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[k] === b[k] || k === 'runs') continue;
    if (k in b) out[k] = b[k];
    else delete out[k];
  }
  if (from.runs !== to.runs) {
    const was = new Map((from.runs ?? []).map((r) => [r.id, r]));
    const becomes = new Map((to.runs ?? []).map((r) => [r.id, r]));
    const runs = (current.runs ?? []).flatMap((r) => {
      if (!was.has(r.id) || was.get(r.id) === becomes.get(r.id)) return [r]; // not the change's: as it is now
      return becomes.has(r.id) ? [becomes.get(r.id)!] : []; // changed by it, or added by it (and so removed)
    });
    // a run the change brings back goes where it stood
    (to.runs ?? []).forEach((r, k) => {
      if (!was.has(r.id) && !runs.some((x) => x.id === r.id)) runs.splice(Math.min(k, runs.length), 0, r);
    });
    if (runs.length) out.runs = runs;
    else delete out.runs;
  }
  return out as unknown as Session;
}
