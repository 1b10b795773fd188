/** What every kind's form shares through the context: propose a new config, refuse an entry, the messages by field. */
import { gotIn, gotOf, typedText } from '../../lib/field-input';
import { getContext, setContext } from 'svelte';
import type { DataConfig } from '../../../src-core/data';
import type { Experiment } from '../../../src-core/session/schema';
import { parseNumber } from '../../../src-core/derivation/format';

export interface DataForm {
  /** messages beside the controls, by field key (e.g. "n_train", "train.x.2.0") */
  readonly errors: Record<string, string>;
  /** the experiment as it holds now */
  readonly experiment: Experiment;
  /** try a new data config; `field` is where a refusal is shown. `switching`: a new kind (the output follows its targets) */
  propose(next: DataConfig, field: string, switching?: boolean): void;
  /** refuse an entry with a message beside `field`; the controls return to the values that hold */
  refuse(field: string, message: string): void;
}

/**
 * Text a student typed into a field, kept across the form's redraw: a refusal draws the form anew (its
 * controls show the data that holds), and the text, with the one mistake to fix, would be gone. `keepTyped`
 * before proposing; `typedBefore` when the form is made: the text while the field's refusal is shown.
 */
const typed = new Map<string, string>();
export const keepTyped = (field: string, text: string): void => void typed.set(field, text);
export function typedBefore(form: DataForm, field: string): string | undefined {
  const text = form.errors[field] !== undefined ? typed.get(field) : undefined;
  typed.delete(field);
  return text;
}

const KEY = Symbol('data-form');
export const provideDataForm = (form: DataForm): void => void setContext(KEY, form);
export const dataForm = (): DataForm => getContext<DataForm>(KEY);

/** The number typed in a field, or a message saying what was expected. */
export function readNumber(raw: string, what: string, o: { integer?: boolean; min?: number; max?: number } = {}): number | string {
  const text = raw.trim();
  const v = parseNumber(text) ?? NaN;
  const range = o.min !== undefined && o.max !== undefined ? ` from ${o.min} to ${o.max}` : o.min !== undefined ? ` >= ${o.min}` : '';
  const expected = `${what}: expected ${o.integer ? 'a whole number' : 'a number'}${range}, ${text === '' ? 'got ""' : gotOf(text)}`;
  if (!Number.isFinite(v) || (o.integer && !Number.isInteger(v))) return expected;
  if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) return expected;
  return v;
}

/**
 * The number in a number box (readNumber), or the message: text the box cannot read (1e400 overflows, "1e"
 * is unfinished) it reports as "", which is said as such, not as an empty box.
 */
export function readNumberBox(el: HTMLInputElement, what: string, o: { integer?: boolean; min?: number; max?: number } = {}): number | string {
  if (typedText(el) === null) return `${what}: expected ${o.integer ? 'a whole number' : 'a number'}, ${gotIn(el)}`;
  return readNumber(el.value, what, o);
}
