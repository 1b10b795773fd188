/**
 * The line under the math view's header that says which update its numbers
 * are of (explore finding 12): after a run the header shows a parameter's
 * value now, while the Forward, Loss and Chain rule lines are of the last
 * update, computed with the weights from before it (0.47907934 in the header,
 * 0.47914155 in the forward line; the batch L is not the epoch's train loss).
 */
export interface NoteStep {
  /** 0-based epoch of the update */
  epoch: number;
  /** 0-based batch within the epoch */
  batch: number;
  done: { forward: boolean; backward: boolean; update: boolean };
}

/**
 * `updatesNow`: the updates made so far (the snapshot's count); `stale`: the
 * step is from before a run still going (its number is not known here);
 * `diverged`: the run stopped in this update (its later phases never come).
 */
export function updateNote(step: NoteStep, updatesNow: number, stale: boolean, diverged = false): string {
  const where = `epoch ${step.epoch + 1}, batch ${step.batch + 1}`;
  if (stale) return `The update of ${where}, from before the run: forward and backward with the weights before that update; the header shows the value now.`;
  if (step.done.update) {
    return `Update ${updatesNow} (${where}): forward and backward with the weights before this update; the header shows the value now, after it.`;
  }
  // named by the updates made, as the status names it ("… in the forward pass (epoch 194, batch 1) with the parameters after update 193")
  if (diverged) {
    const weights = updatesNow === 0 ? 'the starting weights' : `the weights after update ${updatesNow}`;
    return `The update after update ${updatesNow} did not finish: the run diverged in it (see the status). Its lines are computed with ${weights}, as in the header.`;
  }
  const next = step.done.backward ? 'the update phase comes next' : step.done.forward ? 'the backward and update phases come next' : 'its phases come next';
  return `Update ${updatesNow + 1} (${where}), under way: forward and backward with the weights now, as in the header; ${next}.`;
}
