/**
 * A sweep: one or two fields of the experiment varied over a list of values,
 * a linear range or a log range; with two fields, every pair (a grid). Each
 * point becomes a run whose `overrides` are dotted paths into the experiment,
 * exactly like a saved run's (SESSION-FORMAT.md), so a sweep's runs are
 * ordinary runs: they save, reopen and continue like any other.
 *
 * A value may be a whole object (an init, a list of weight matrices), with a
 * label to show it by: report 000's 3×3 grid is `init.weights` ∈ {small,
 * medium, high} × `init.biases` ∈ {small, medium, high}. Its bias "levels"
 * differ by weight row (small biases are 0.2,0,0.2 with small weights but
 * 0.5,0,0.5 with medium ones), which `cells` expresses: extra overrides for
 * one grid cell, named by its labels.
 *
 * Stored in the session under `sweeps` (top level; unknown fields are kept).
 */
import { log10 } from '../math/log';
import { pow } from '../math/pow';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type SweepAxis =
  | { field: string; kind: 'list'; values: JsonValue[]; labels?: string[] }
  /** from, from + step, ... up to and including `to` (within rounding) */
  | { field: string; kind: 'range'; from: number; to: number; step: number }
  /** `count` values evenly spaced in log10 from `from` to `to`, both included */
  | { field: string; kind: 'log_range'; from: number; to: number; count: number };

export interface SweepCell {
  /** one label per axis */
  at: string[];
  overrides: Record<string, JsonValue>;
}

export interface SweepSpec {
  id: string;
  label?: string;
  /** one axis, or two for a grid */
  axes: SweepAxis[];
  /** overrides every run gets (e.g. `{ "epochs": 60000 }`) */
  base?: Record<string, JsonValue>;
  cells?: SweepCell[];
}

/** One point of a sweep, ready to run: an ordinary run's id, label and overrides. */
export interface SweepPoint {
  id: string;
  label: string;
  overrides: Record<string, JsonValue>;
  /** index into each axis */
  coords: number[];
  /** the label of each axis value, as written (the run's id is made of these) */
  axisLabels: string[];
  /** the same, rounded for display (shortLabels); absent: the same as axisLabels */
  shownLabels?: string[];
}

/** More runs than this is a typo (a range step of 0.0001), not an experiment. */
export const MAX_SWEEP_RUNS = 2000;

export type SweepResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Shortest text that reads back as the same number, with float noise of ranges removed. */
export function tidy(x: number): number {
  return Number(x.toPrecision(15));
}

/** A short label for a value: numbers as written, objects by kind or as compact JSON. */
export function valueLabel(v: JsonValue): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.kind === 'string') {
    const rest = Object.entries(v).filter(([k]) => k !== 'kind').map(([k, x]) => `${k}=${JSON.stringify(x)}`);
    return rest.length ? `${v.kind}(${rest.join(', ')})` : v.kind;
  }
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Significant digits of a number's shortest text (`0.0100927` → 6, `100` → 1). */
function significant(x: number): number {
  const m = Math.abs(x).toExponential().split('e')[0].replace('.', '');
  return m.replace(/0+$/, '').length || 1;
}

/** Fewer significant digits than this are not used even where they would tell the values apart. */
const MIN_LABEL_DIGITS = 3;

/**
 * Labels to show an axis's values by: a number with more significant digits
 * than the sweep needs (a log range's `0.0100927151463057`) is rounded to the
 * fewest digits, at least MIN_LABEL_DIGITS, that keep every two different
 * values of the axis apart (`0.0101` next to `0.0102`); a number written with
 * few digits (`0.25`, a range's `0.3`) is shown as written. Other values keep
 * their label. The exact value stays in the run's overrides.
 */
export function shortLabels(values: JsonValue[], labels: string[]): string[] {
  const nums = values.map((v, i) => (typeof v === 'number' && Number.isFinite(v) && labels[i] === String(v) ? v : null));
  const apart = new Set(labels).size;
  for (let p = MIN_LABEL_DIGITS; p < 17; p++) {
    const out = labels.map((l, i) => {
      const x = nums[i];
      return x === null || significant(x) <= p ? l : String(Number(x.toPrecision(p)));
    });
    // values with different labels as written keep different labels
    if (new Set(out).size === apart) return out;
  }
  return labels;
}

/** The values of one axis, or the reasons it has none; `at` is its JSON path for messages. */
export function axisValues(axis: SweepAxis, at: string): SweepResult<{ values: JsonValue[]; labels: string[] }> {
  const bad = (what: string, got: unknown): SweepResult<never> => ({ ok: false, errors: [`${at}.${what}, got ${JSON.stringify(got)}`] });
  if (typeof axis.field !== 'string' || axis.field === '') return bad('field: expected a field path like optimizer.lr', axis.field);
  let values: JsonValue[];
  if (axis.kind === 'list') {
    if (!Array.isArray(axis.values) || axis.values.length === 0) return bad('values: expected a non-empty list', axis.values);
    values = axis.values;
    if (axis.labels !== undefined) {
      if (!Array.isArray(axis.labels) || axis.labels.length !== values.length || !axis.labels.every((l) => typeof l === 'string' && l !== '')) {
        return bad(`labels: expected ${values.length} non-empty strings (one per value)`, axis.labels);
      }
      return { ok: true, value: { values, labels: axis.labels } };
    }
  } else if (axis.kind === 'range') {
    const { from, to, step } = axis;
    if (!Number.isFinite(from)) return bad('from: expected a number', from);
    if (!Number.isFinite(to)) return bad('to: expected a number', to);
    if (!Number.isFinite(step) || step === 0 || Math.sign(step) !== Math.sign(to - from || step)) {
      return bad(`step: expected a number ${to >= from ? '> 0' : '< 0'} (from ${from} to ${to})`, step);
    }
    // count by rounding so that 0.1, 0.2, ... 1.0 includes 1.0 despite float error
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    if (n > MAX_SWEEP_RUNS) return bad(`step: expected at most ${MAX_SWEEP_RUNS} values, this range has ${n}`, step);
    values = Array.from({ length: n }, (_, k) => tidy(from + k * step));
  } else if (axis.kind === 'log_range') {
    const { from, to, count } = axis;
    if (!(from > 0)) return bad('from: expected a number > 0 (a log range)', from);
    if (!(to > 0)) return bad('to: expected a number > 0 (a log range)', to);
    if (!Number.isInteger(count) || count < 1 || count > MAX_SWEEP_RUNS) return bad(`count: expected an integer from 1 to ${MAX_SWEEP_RUNS}`, count);
    if (count === 1 && from !== to) return bad('count: expected at least 2 when from and to differ', count);
    const l0 = log10(from);
    const l1 = log10(to);
    // 10^(l0 + k (l1 − l0)/(count − 1)); the ends exactly as given
    values = Array.from({ length: count }, (_, k) => (k === 0 ? from : k === count - 1 ? to : tidy(pow(10, l0 + (k * (l1 - l0)) / (count - 1)))));
  } else {
    return bad('kind: expected "list", "range" or "log_range"', (axis as { kind?: unknown }).kind);
  }
  const labels = values.map(valueLabel);
  return { ok: true, value: { values, labels } };
}

/** The short name of a field for labels: `optimizer.lr` → `lr`, `network.layers[0].units` → `units`. */
export function fieldShortName(field: string): string {
  const last = field.split('.').pop() ?? field;
  return last.replace(/\[\d+\]/g, '');
}

/**
 * Every run of a sweep, in row-major order (the first axis outermost).
 * Errors name the JSON path under `at` (e.g. `sweeps[0]`).
 */
export function expandSweep(spec: SweepSpec, at = 'sweep'): SweepResult<SweepPoint[]> {
  const errors: string[] = [];
  if (typeof spec.id !== 'string' || spec.id === '') errors.push(`${at}.id: expected a non-empty string, got ${JSON.stringify(spec.id)}`);
  if (!Array.isArray(spec.axes) || spec.axes.length < 1 || spec.axes.length > 2) {
    return { ok: false, errors: [...errors, `${at}.axes: expected one or two axes, got ${JSON.stringify(spec.axes)}`] };
  }
  const axes = spec.axes.map((a, k) => axisValues(a, `${at}.axes[${k}]`));
  for (const a of axes) if (!a.ok) errors.push(...a.errors);
  if (spec.axes.length === 2 && spec.axes[0].field === spec.axes[1].field) {
    errors.push(`${at}.axes[1].field: expected a field other than axes[0]'s, got ${JSON.stringify(spec.axes[1].field)}`);
  }
  if (errors.length) return { ok: false, errors };
  const resolved = axes.map((a) => (a as { ok: true; value: { values: JsonValue[]; labels: string[] } }).value);
  const shown = resolved.map((a) => shortLabels(a.values, a.labels));
  for (const [k, a] of resolved.entries()) {
    const dup = a.labels.find((l, i) => a.labels.indexOf(l) !== i);
    if (dup !== undefined) errors.push(`${at}.axes[${k}]: expected distinct values, ${JSON.stringify(dup)} appears twice`);
  }
  const total = resolved.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_SWEEP_RUNS) errors.push(`${at}.axes: expected at most ${MAX_SWEEP_RUNS} runs, this sweep has ${total}`);
  const cells = spec.cells ?? [];
  cells.forEach((c, k) => {
    const ok = Array.isArray(c.at) && c.at.length === resolved.length && c.at.every((l, i) => resolved[i].labels.includes(l));
    if (!ok) errors.push(`${at}.cells[${k}].at: expected one label per axis, from ${resolved.map((a) => `[${a.labels.join(', ')}]`).join(' × ')}, got ${JSON.stringify(c.at)}`);
  });
  if (errors.length) return { ok: false, errors };

  const coordsList: number[][] = resolved.length === 1
    ? resolved[0].values.map((_, i) => [i])
    : resolved[0].values.flatMap((_, i) => resolved[1].values.map((__, j) => [i, j]));
  const points = coordsList.map((coords): SweepPoint => {
    const axisLabels = coords.map((c, k) => resolved[k].labels[c]);
    const overrides: Record<string, JsonValue> = { ...(spec.base ?? {}) };
    coords.forEach((c, k) => (overrides[spec.axes[k].field] = resolved[k].values[c]));
    for (const cell of cells) if (cell.at.every((l, k) => l === axisLabels[k])) Object.assign(overrides, cell.overrides);
    const shownLabels = coords.map((c, k) => shown[k][c]);
    const label = coords.map((_, k) => `${fieldShortName(spec.axes[k].field)} = ${shownLabels[k]}`).join(', ');
    // the id keeps the values as written: a saved session's runs still match their sweep
    return { id: `${spec.id}/${axisLabels.join('/')}`, label, overrides, coords, axisLabels, shownLabels };
  });
  return { ok: true, value: points };
}
