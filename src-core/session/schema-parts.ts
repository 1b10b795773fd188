/**
 * The building blocks of the session schema (schema.ts) and of the schema
 * fragments the engine's tables contribute (net/activations.ts,
 * net/losses.ts, optim/optimizers.ts). Each carries an `error` that reads as
 * the "expected ..." half of a message; `format.ts` adds the JSON path and
 * the value actually found. A value's range is stated here, once.
 */
import { z } from 'zod';

/** "an integer >= min" with the same message for a wrong type and a too small value. */
export function int(min: number, max?: number) {
  const what = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  let s = z.int({ error: what }).min(min, { error: what });
  if (max !== undefined) s = s.max(max, { error: what });
  return s;
}

/** an integer >= min up to one of NN Lab's limits (limits.ts): past the limit, the message names it */
export function limited(min: number, max: number) {
  const what = `an integer >= ${min}`;
  return z.int({ error: what }).min(min, { error: what }).max(max, { error: `at most ${max} (NN Lab's limit)` });
}

/** any finite number (zod's numbers refuse NaN and ±Infinity) */
export const num = (what = 'a number') => z.number({ error: what });
export const positive = (what = 'a number > 0') => z.number({ error: what }).gt(0, { error: what });
export const nonNegative = (what = 'a number >= 0') => z.number({ error: what }).min(0, { error: what });
/** [0, 1): momentum, Adam's betas, a test fraction */
export const unitInterval = (what = 'a number >= 0 and < 1') => z.number({ error: what }).min(0, { error: what }).lt(1, { error: what });
export const bool = z.boolean({ error: 'true or false' });
export const str = (what = 'a string') => z.string({ error: what });

/** A list of names as the message lists them: `"a", "b", "c"`. */
export const quoted = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `one of ${quoted(values)}` });
}

export function obj<T extends z.core.$ZodLooseShape>(shape: T, what = 'an object') {
  return z.looseObject(shape, { error: what });
}

export function list<T extends z.ZodType>(item: T, what = 'a list') {
  return z.array(item, { error: what });
}

/** A discriminated union on "kind", with the list of kinds in its message. */
export function kinds<const Options extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  names: readonly string[],
  options: Options,
) {
  const what = `a "kind" of ${quoted(names)}`;
  return z.discriminatedUnion('kind', options, {
    // zod reports a non-object here as invalid_type, though the union's issue type does not say so
    error: (issue) => ((issue as { code: string }).code === 'invalid_type' ? 'an object with a "kind"' : what),
  });
}

/** The names of a table (its keys, in order) as the non-empty tuple z.enum wants. */
export function namesOf<K extends string>(table: Readonly<Record<K, unknown>>): [K, ...K[]] {
  return Object.keys(table) as [K, ...K[]];
}
