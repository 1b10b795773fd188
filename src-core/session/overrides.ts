/**
 * Dotted paths into an experiment — `optimizer.lr`, `epochs`,
 * `network.layers[0].units` (or `network.layers.0.units`) — as used by a
 * run's `overrides` and by the command line's `--set PATH=VALUE`.
 */
import type { z } from 'zod';
import { formatIssues, formatPath } from './format';
import { checkLimits } from './limits';
import { checkExperiment } from './rules';
import { type Experiment, experimentSchema } from './schema';

export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Names a path may never walk through: they lead out of the file's data into
 * JavaScript's object machinery (`__proto__.momentum` would set momentum on
 * every object of the program).
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** The message for a path with a forbidden segment, or null when it has none. */
export function forbiddenSegment(path: string, parts: readonly (string | number)[]): string | null {
  const bad = parts.find((p) => typeof p === 'string' && FORBIDDEN_KEYS.has(p));
  return bad === undefined ? null : `${path}: "${String(bad)}" is not a field of the experiment (a path may not name __proto__, prototype or constructor)`;
}

/** "network.layers[0].units" -> ["network", "layers", 0, "units"]; null when malformed. */
export function parsePath(path: string): (string | number)[] | null {
  if (path === '') return null;
  const parts: (string | number)[] = [];
  for (const segment of path.split('.')) {
    // a segment is a name followed by any number of [index], or a bare index
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+)?((?:\[\d+\])*)$/.exec(segment);
    if (!m || (m[1] === undefined && m[2] === '')) return null;
    if (m[1] !== undefined) parts.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  return parts;
}

/** Every field name the experiment schema knows, so a new optional field may be set but a typo may not. */
const knownFields: Set<string> = (() => {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (schema: z.core.$ZodType): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') {
      for (const [key, child] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
        names.add(key);
        walk(child);
      }
    }
    for (const key of ['innerType', 'element', 'valueType']) if (def[key]) walk(def[key] as z.core.$ZodType);
    if (Array.isArray(def.options)) for (const o of def.options as z.core.$ZodType[]) walk(o);
  };
  walk(experimentSchema);
  return names;
})();

/** The text after `=` in `--set PATH=VALUE`: JSON when it parses as JSON, else the text itself. */
export function parseOverrideValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Copy `root` with `value` put at `parts`; an error message when the path leads nowhere. */
function setAt(root: unknown, parts: (string | number)[], value: unknown, path: string): Result<unknown> {
  const copy = deepCopy(root) as Record<string | number, unknown>;
  let parent: unknown = copy;
  for (let k = 0; k < parts.length; k++) {
    const key = parts[k];
    const last = k === parts.length - 1;
    const here = formatPath(parts.slice(0, k + 1));
    if (Array.isArray(parent)) {
      if (typeof key !== 'number') return fail(`${path}: ${formatPath(parts.slice(0, k))} is a list; expected an index like [0], got "${key}"`);
      if (key >= parent.length) return fail(`${path}: ${here} does not exist (the list has ${parent.length} items)`);
    } else if (parent !== null && typeof parent === 'object') {
      const obj = parent as Record<string, unknown>;
      if (FORBIDDEN_KEYS.has(String(key))) return fail(forbiddenSegment(path, [key])!);
      if (!Object.hasOwn(obj, String(key)) && !(last && knownFields.has(String(key)))) return fail(`${path}: there is no field ${here} in the experiment`);
    } else {
      return fail(`${path}: ${formatPath(parts.slice(0, k))} is not an object or a list`);
    }
    const container = parent as Record<string | number, unknown>;
    if (last) Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
    else parent = container[key];
  }
  return { ok: true, value: copy };
}

/** Session values are plain JSON data: lists, plain objects, primitives (own enumerable fields only). */
function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value !== null && typeof value === 'object') {
    // Object.fromEntries defines fields (never calls the __proto__ setter)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)]));
  }
  return value;
}

const fail = (message: string): Result<never> => ({ ok: false, errors: [message] });

/**
 * A new experiment with every override applied, validated again as a whole
 * (schema and cross-field rules). Error paths are relative to the experiment,
 * as the user wrote them.
 */
export function applyOverrides(experiment: Experiment, overrides: Readonly<Record<string, unknown>>): Result<Experiment> {
  let current: unknown = experiment;
  const errors: string[] = [];
  for (const [path, value] of Object.entries(overrides)) {
    const parts = parsePath(path);
    if (!parts) {
      errors.push(`${path}: not a field path (write it like optimizer.lr or network.layers[0].units)`);
      continue;
    }
    const forbidden = forbiddenSegment(path, parts);
    if (forbidden) {
      errors.push(forbidden);
      continue;
    }
    const next = setAt(current, parts, value, path);
    if (next.ok) current = next.value;
    else errors.push(...next.errors);
  }
  if (errors.length) return { ok: false, errors };
  return validateExperiment(current, []);
}

/**
 * The one validation of an experiment: the schema (every field's type and
 * range, stated in schema.ts and the engine's tables) and then the rules
 * spanning several fields (rules.ts, limits.ts). The file parser (session.ts,
 * through experimentRules), a panel edit (AppState), `--set` and a run's
 * overrides (applyOverrides) and the trainer's own checks (checkSpec,
 * checkOptimizer: the same schema fragments) all give the same message with
 * the same JSON path for the same bad value. `at` prefixes every path.
 */
export function validateExperiment(input: unknown, at: (string | number)[] = ['experiment']): Result<Experiment> {
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, input, at) };
  const errors = experimentRules(parsed.data, at);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** The second half of validateExperiment, for an experiment the schema has accepted (inside a whole session's). */
export function experimentRules(experiment: Experiment, at: readonly (string | number)[] = ['experiment']): string[] {
  const errors = checkExperiment(experiment, at);
  if (!errors.length) errors.push(...checkLimits(experiment, at));
  return errors;
}
