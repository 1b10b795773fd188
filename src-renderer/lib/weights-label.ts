/**
 * Which weights a view's numbers were computed with, in words: "weights after
 * epoch 11, update 517", or — when early stopping put back a better epoch's
 * parameters (restore_best) and these are them — "weights of epoch 8, put
 * back by early stopping" (callers add "the" where they need it). The
 * confusion matrix said "after epoch 11" beside epoch 8's accuracy.
 */
import type { Snapshot } from '../../src-core/protocol/messages';

export function weightsLabel(at: { epoch: number; updates: number }, snapshot: Pick<Snapshot, 'epoch' | 'updates' | 'restoredEpoch'> | null): string {
  const restored = snapshot?.restoredEpoch;
  if (restored !== undefined && at.epoch === snapshot!.epoch && at.updates === snapshot!.updates) return `weights of epoch ${restored}, put back by early stopping`;
  return `weights after epoch ${at.epoch}, update ${at.updates}`;
}
