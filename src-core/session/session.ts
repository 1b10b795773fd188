/**
 * Reading and writing whole session files. A file is parsed once, here, into
 * a typed `Session`; a file that breaks any rule is refused as a whole with
 * every problem listed, each starting with its JSON path.
 */
import { formatIssues, jsonSyntaxError, jsonTooDeep, problem } from './format';
import { LIMITS } from './limits';
import { applyOverrides, experimentRules } from './overrides';
import { checkParamShapes } from './rules';
import { type Session, sessionSchema } from './schema';
import { paramNamesProblems } from '../derivation/names';

export const FORMAT_VERSION = 1;

export type ParseResult = { ok: true; session: Session } | { ok: false; errors: string[] };

/** Parse a session from its text, or from a value already parsed as JSON. */
export function parseSession(input: string | unknown): ParseResult {
  let data: unknown = input;
  if (typeof input === 'string') {
    if (input.length > LIMITS.fileSize) {
      return { ok: false, errors: [`(the whole file): expected at most ${LIMITS.fileSize} characters, got ${input.length}`] };
    }
    const deep = jsonTooDeep(input, LIMITS.depth);
    if (deep) return { ok: false, errors: [deep] };
    try {
      data = JSON.parse(input);
    } catch {
      return { ok: false, errors: [jsonSyntaxError(input)] };
    }
  }

  // A newer file may mean anything; say so instead of listing what looks wrong.
  const version = data !== null && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    return {
      ok: false,
      errors: [
        `version: this file was written by a newer NN Lab (format version ${version}); this version reads version ${FORMAT_VERSION} — please update NN Lab`,
      ],
    };
  }

  const parsed = sessionSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, data) };
  const session = parsed.data;

  // the experiment's schema ran inside the session's: the rest of validateExperiment's checks
  const errors = experimentRules(session.experiment);
  if (session.param_names && errors.length === 0) {
    for (const p of paramNamesProblems(session.experiment.network, session.param_names)) errors.push(problem(['param_names', p.key], p.expected, p.got));
  }
  // Runs are checked against a sound experiment only, else its faults would be listed again per run.
  if (errors.length) return { ok: false, errors };
  const ids = new Set<string>();
  (session.runs ?? []).forEach((run, r) => {
    if (ids.has(run.id)) errors.push(problem(['runs', r, 'id'], 'an id no other run has', run.id));
    ids.add(run.id);
    const experiment = applyOverrides(session.experiment, run.overrides);
    if (!experiment.ok) {
      errors.push(...experiment.errors.map((e) => `runs[${r}].overrides: ${e}`));
    } else if (run.params) {
      errors.push(...checkParamShapes(experiment.value.network, run.params.weights, run.params.biases, ['runs', r, 'params']));
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, session };
}

/**
 * Pretty JSON for a session (or anything): objects one field a line, a list
 * of numbers on one line (so a weight matrix reads as rows), unknown fields
 * kept, non-finite numbers written as null (JSON has no NaN), typed arrays as
 * lists. Ends with a newline.
 */
export function serializeSession(session: unknown): string {
  return `${stringify(session, '')}\n`;
}

function stringify(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) value = Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'object' && value !== null && 'toJSON' in value && typeof value.toJSON === 'function') value = value.toJSON();
  const inner = `${indent}  `;
  // Short lists of numbers (or of such lists) and flat objects read best on one line.
  const flat = oneLine(value);
  if (flat !== null && flat.length <= 72) return flat;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => stringify(v, inner)).join(', ')}]`;
    return `[\n${value.map((v) => inner + stringify(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return 'null';
}

/** The one-line form of a value holding no objects below its top level (else null). */
function oneLine(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return stringify(value, '');
  if (Array.isArray(value)) {
    const items = value.map((v) => (Array.isArray(v) || v === null || typeof v !== 'object' ? oneLine(v) : null));
    return items.includes(null) ? null : `[${items.join(', ')}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.some(([, v]) => v !== null && typeof v === 'object')) return null;
  return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${stringify(v, '')}`).join(', ')} }` : '{}';
}
