/**
 * A loss that needs a certain output activation (binary cross entropy: sigmoid; cross entropy: softmax)
 * against the output activation a student picks: the message shown at the output layer's select, and
 * the one-click way out (a loss that takes that output).
 */
import { ACTIVATIONS } from '../../src-core/net/activations';
import { LOSSES, type LossEntry } from '../../src-core/net/losses';
import type { Experiment } from '../../src-core/session/schema';

export interface LossConflict {
  /** e.g. "binary cross entropy needs a sigmoid output; the output layer would be ReLU: change the loss first, or pick sigmoid" */
  message: string;
  /** the loss that takes the output picked, and the button's text */
  fix: { loss: Experiment['loss']; label: string };
}

const activationLabel = (a: string) => (ACTIVATIONS as Record<string, { label: string }>)[a]?.label ?? a;

/** null when the loss takes an output layer of `activation`. */
export function lossConflict(loss: Experiment['loss'], activation: string): LossConflict | null {
  const entry = LOSSES[loss] as LossEntry;
  const needs = entry.output;
  if (!needs || needs === activation) return null;
  const fixLoss = (activation === 'softmax' ? 'cross_entropy' : activation === 'sigmoid' ? 'binary_cross_entropy' : 'squared_error') as Experiment['loss'];
  const shown = activationLabel(activation);
  return {
    message: `${entry.label} needs a ${activationLabel(needs)} output; the output layer would be ${shown}: change the loss first, or pick ${activationLabel(needs)}`,
    fix: { loss: fixLoss, label: `Use ${(LOSSES[fixLoss] as LossEntry).label} with a ${shown} output` },
  };
}
