/**
 * Step and Run pressed while the trainer is about to hold another run (an
 * edit or a run switch loading, or a switch asking for the state of the run
 * it leaves): they wait, and are made on the new run once it is loaded —
 * sent now they would go to the run being replaced. A refused load drops them.
 */
import type { StepUnit } from '../../src-core/protocol/messages';

export class DeferredActions {
  /** a run switch is asking the trainer for the run it leaves (before its load is queued) */
  switching = false;
  private steps: { unit: StepUnit; n?: number }[] = [];
  private run = false;

  step(unit: StepUnit, n?: number): void {
    this.steps.push({ unit, ...(n ? { n } : {}) });
  }

  runLater(): void {
    this.run = true;
  }

  /** The waiting actions, in order (steps first, then Run), and none left. */
  take(): { steps: { unit: StepUnit; n?: number }[]; run: boolean } {
    const out = { steps: this.steps, run: this.run };
    this.drop();
    return out;
  }

  drop(): void {
    this.steps = [];
    this.run = false;
  }
}
