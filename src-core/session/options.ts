/**
 * The choices a form offers for the experiment's named fields, read from the
 * engine's tables (net/activations.ts, net/losses.ts, optim/optimizers.ts) in
 * the schema's order: the panel's <select>s list exactly what a file may say.
 */
import { ACTIVATIONS } from '../net/activations';
import { LOSSES } from '../net/losses';
import { OPTIMIZERS } from '../optim/optimizers';
import { activations, losses, optimizers } from './schema';

export interface Option<V extends string = string> {
  /** the name the session file stores */
  value: V;
  /** what the form shows */
  label: string;
}

function optionsOf<V extends string>(names: readonly V[], table: Readonly<Record<V, { label: string }>>): Option<V>[] {
  return names.map((value) => ({ value, label: table[value].label }));
}

export const activationOptions = optionsOf(activations, ACTIVATIONS);
export const lossOptions = optionsOf(losses, LOSSES);
export const optimizerOptions = optionsOf(optimizers, OPTIMIZERS);
