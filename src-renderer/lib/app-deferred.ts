/**
 * Step and Run pressed, a weight typed, or Undo / Redo pressed, while the trainer is about to
 * hold another run (an edit or a run switch loading, or a switch asking for
 * the state of the run it leaves) or has not answered a Step, Run or Reset
 * yet (AppCore.mustWait): they wait, and are made on the new run
 * once it is loaded, in the order they were made — sent now they would go to
 * the run being replaced (a weight was dropped, its field showing the value
 * typed). A refused load drops them.
 */
import type { StepUnit } from '../../src-core/protocol/messages';
import type { ParamRef } from '../../src-core/types';

export type DeferredAction = { kind: 'step'; unit: StepUnit; n?: number } | { kind: 'param'; ref: ParamRef; value: number } | { kind: 'undo' | 'redo' };

export class DeferredActions {
  /** a run switch is asking the trainer for the run it leaves (before its load is queued) */
  switching = false;
  private actions: DeferredAction[] = [];
  private run = false;

  step(unit: StepUnit, n?: number): void {
    this.actions.push({ kind: 'step', unit, ...(n ? { n } : {}) });
  }

  param(ref: ParamRef, value: number): void {
    this.actions.push({ kind: 'param', ref, value });
  }

  /** Undo or Redo pressed while an edit loads: made once it is on the stack (a quick second Ctrl+Z was lost) */
  undo(kind: 'undo' | 'redo'): void {
    this.actions.push({ kind });
  }

  runLater(): void {
    this.run = true;
  }

  /**
   * The weights waiting, as the parameters `f` says they are in the run a
   * newer load makes (a layer added or removed before theirs); those it has
   * none for are dropped, and returned.
   */
  remap(f: (ref: ParamRef) => ParamRef | null): ParamRef[] {
    const dropped: ParamRef[] = [];
    this.actions = this.actions.flatMap((a): DeferredAction[] => {
      if (a.kind !== 'param') return [a];
      const ref = f(a.ref);
      if (ref) return [{ ...a, ref }];
      dropped.push(a.ref);
      return [];
    });
    return dropped;
  }

  /** steps or weights are waiting (a new one waits behind them) */
  get pending(): boolean {
    return this.actions.length > 0 || this.run;
  }

  /** The waiting actions, in order (steps and weights, then Run), and none left. */
  take(): { actions: DeferredAction[]; run: boolean } {
    const out = { actions: this.actions, run: this.run };
    this.drop();
    return out;
  }

  drop(): void {
    this.actions = [];
    this.run = false;
  }
}
