/**
 * Step and Run pressed, or a weight typed, while the trainer is about to
 * hold another run (an edit or a run switch loading, or a switch asking for
 * the state of the run it leaves) or has not answered a Step, Run or Reset
 * yet (AppCore.mustWait): they wait, and are made on the new run
 * once it is loaded, in the order they were made — sent now they would go to
 * the run being replaced (a weight was dropped, its field showing the value
 * typed). A refused load drops them.
 */
import type { StepUnit } from '../../src-core/protocol/messages';
import type { ParamRef } from '../../src-core/types';

export type DeferredAction = { kind: 'step'; unit: StepUnit; n?: number } | { kind: 'param'; ref: ParamRef; value: number };

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

  runLater(): void {
    this.run = true;
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
