/** Which settings differ between runs: each run's full experiment flattened to "path → value", compared. */
import { applyOverrides } from '../../../src-core/session/overrides';
import type { Experiment } from '../../../src-core/session/schema';

export function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && path === 'network.layers') {
    // layers one by one: "network.layers[0].units" differs, not the whole list
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    // numbers, strings, and lists (weights, data rows) as one value each
    out.set(path, JSON.stringify(value));
  }
  return out;
}

export interface SettingsDiff {
  /** paths whose value differs between the runs, in the experiment's order */
  paths: string[];
  /** every path of any run's experiment, in order (the differing ones among them) */
  all: string[];
  /** per run: path → the value as text */
  values: Map<string, string>[];
  /** per run: an error when its overrides no longer apply */
  errors: (string | null)[];
}

export function settingsDiff(base: Experiment, overrides: Record<string, unknown>[]): SettingsDiff {
  const errors: (string | null)[] = [];
  const values = overrides.map((o) => {
    const r = applyOverrides(base, o);
    errors.push(r.ok ? null : r.errors.join('; '));
    return flatten(r.ok ? r.value : base);
  });
  const all = [...new Set(values.flatMap((v) => [...v.keys()]))];
  const paths = all.filter((p) => new Set(values.map((v) => v.get(p) ?? '—')).size > 1);
  return { paths, all, values, errors };
}

/** A value's text shortened for a table cell. */
export function short(text: string | undefined, max = 28): string {
  if (text === undefined) return '—';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
