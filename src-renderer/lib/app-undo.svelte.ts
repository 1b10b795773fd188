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

  record(edit: Edit): void {
    this.undoStack.push(edit);
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
