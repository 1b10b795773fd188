/**
 * Where a refusal is shown in the experiment panel: each section lists the
 * messages whose JSON path starts with one of its prefixes; what no section
 * claims is shown at the top.
 */
import { parseNumber } from '../../../src-core/derivation/format';
import { gotIn } from '../../lib/field-input';

export const sections = {
  network: ['experiment.network'],
  loss: ['experiment.loss', 'experiment.reduction'],
  init: ['experiment.init'],
  data: ['experiment.data'],
  optimizer: ['experiment.optimizer'],
  training: ['experiment.batch_size', 'experiment.shuffle', 'experiment.epochs', 'experiment.seed', 'experiment.rng', 'experiment.early_stopping'],
} as const;

export type Section = keyof typeof sections;

const claims = (prefix: string, message: string) =>
  message.startsWith(prefix) && /^[.[:\s]/.test(message.slice(prefix.length));

export function errorsOf(section: Section, errors: readonly string[]): string[] {
  return errors.filter((e) => sections[section].some((p) => claims(p, e)));
}

export function unclaimed(errors: readonly string[]): string[] {
  const all = Object.values(sections).flat();
  return errors.filter((e) => !all.some((p) => claims(p, e)));
}

/** A number typed into a field; null when it is not one (the field then goes back to the value that holds). */
export function numberIn(e: Event): number | null {
  return parseNumber((e.currentTarget as HTMLInputElement).value);
}

export const valueIn = (e: Event): string => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
export const checkedIn = (e: Event): boolean => (e.currentTarget as HTMLInputElement).checked;

/** `got "abc"` for a refused field: what was typed, or (a number input that reads its text as "") why it cannot be read. */
export const gotWhat = (e: Event): string => gotIn(e.currentTarget as HTMLInputElement);
