/**
 * What a sweep's runs produced, as table rows, a grid of final losses, and
 * CSV. Reads saved runs (SESSION-FORMAT.md `runs[]`): their history is a
 * record of series where entry k is measured after k epochs — unless it is
 * thinned (src-core/train/thinning.ts): then `epochs[k]` is entry k's epoch;
 * JSON has no NaN, so a saved number may be null.
 */
import Papa from 'papaparse';
import type { SweepPoint, SweepSpec } from './spec';
import { fieldShortName } from './spec';

export const seriesNames = ['train_loss', 'test_loss', 'train_mae', 'test_mae', 'train_accuracy', 'test_accuracy'] as const;
export type SeriesName = (typeof seriesNames)[number];

/** The fields of a saved run this module reads (a structural subset of SavedRun). */
export interface RunLike {
  id: string;
  label?: string;
  overrides?: Record<string, unknown>;
  status: string;
  epochs_run: number;
  diverged_at?: number | null;
  history?: Record<string, unknown>;
}

/** A history series as numbers (null → NaN); undefined when the run has no such series. */
export function series(run: RunLike, name: string): number[] | undefined {
  const s = run.history?.[name];
  if (!Array.isArray(s)) return undefined;
  return s.map((v) => (typeof v === 'number' ? v : NaN));
}

/** The epoch of each entry of a saved run's series: its `epochs` when thinned, else null (entry k is epoch k). */
export function historyEpochs(run: RunLike): ArrayLike<number> | null {
  const e = run.history?.epochs;
  const n = Array.isArray(run.history?.train_loss) ? (run.history!.train_loss as unknown[]).length : 0;
  return (Array.isArray(e) || e instanceof Float64Array) && e.length === n ? (e as ArrayLike<number>) : null;
}

export interface ResultRow {
  id: string;
  label: string;
  /** the label of each sweep axis value ([] for a run outside a sweep) */
  axisLabels: string[];
  status: string;
  epochs_run: number;
  diverged_at: number | null;
  /** the last recorded entry of each series the run has (NaN when absent) */
  final: Record<SeriesName, number>;
  /** lowest test loss (else train loss) and its epoch */
  best: { epoch: number; value: number } | null;
}

/** Entry k of a saved series as a number (null → NaN), read in place: histories are long. */
const at = (s: unknown[], k: number): number => (typeof s[k] === 'number' ? (s[k] as number) : NaN);

/** The row of one run; `point` gives its sweep coordinates when it came from a sweep. Reads each series once, copies none. */
export function resultRow(run: RunLike, point?: Pick<SweepPoint, 'axisLabels'>): ResultRow {
  const h = run.history ?? {};
  const raw = (n: string): unknown[] | undefined => (Array.isArray(h[n]) ? (h[n] as unknown[]) : undefined);
  const final = Object.fromEntries(seriesNames.map((n) => {
    const s = raw(n);
    return [n, s && s.length ? at(s, s.length - 1) : NaN];
  })) as Record<SeriesName, number>;
  const watched = raw('test_loss') ?? raw('train_loss') ?? [];
  const epochs = historyEpochs(run);
  let best: ResultRow['best'] = null;
  for (let k = 0; k < watched.length; k++) {
    const value = at(watched, k);
    if (Number.isFinite(value) && (best === null || value < best.value)) best = { epoch: epochs ? epochs[k] : k, value };
  }
  return {
    id: run.id,
    label: run.label ?? run.id,
    axisLabels: point ? point.axisLabels : [],
    status: run.status,
    epochs_run: run.epochs_run,
    diverged_at: run.diverged_at ?? null,
    final,
    best,
  };
}

export type SortKey = 'label' | 'status' | 'epochs_run' | 'best' | `final.${SeriesName}` | `axis.${number}`;

function keyValue(row: ResultRow, key: SortKey, axisOrder: number[]): number | string {
  if (key === 'label') return row.label;
  if (key === 'status') return row.status;
  if (key === 'epochs_run') return row.epochs_run;
  if (key === 'best') return row.best ? row.best.value : NaN;
  if (key.startsWith('axis.')) return axisOrder[Number(key.slice(5))] ?? NaN;
  return row.final[key.slice(6) as SeriesName];
}

/**
 * Rows sorted by `key`; NaN (missing, diverged) always last whatever the
 * direction, ties keep their order. Axis columns sort by the axis' own order
 * (0.001 before 0.01 before 0.1), not by the label text.
 */
export function sortRows(rows: ResultRow[], key: SortKey, dir: 'asc' | 'desc', points?: Map<string, SweepPoint>): ResultRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const decorated = rows.map((row, k) => ({ row, k, v: keyValue(row, key, points?.get(row.id)?.coords ?? []) }));
  decorated.sort((a, b) => {
    const an = typeof a.v === 'number' && Number.isNaN(a.v);
    const bn = typeof b.v === 'number' && Number.isNaN(b.v);
    if (an || bn) return an === bn ? a.k - b.k : an ? 1 : -1;
    const c = typeof a.v === 'string' ? a.v.localeCompare(String(b.v)) : (a.v as number) - (b.v as number);
    return c !== 0 ? sign * c : a.k - b.k;
  });
  return decorated.map((d) => d.row);
}

/**
 * For a two-axis sweep: value[i][j] = the metric of the run at axes[0] = i,
 * axes[1] = j (NaN where that run is missing or has no such series).
 */
export function gridValues(points: SweepPoint[], rows: ResultRow[], metric: SeriesName): number[][] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ni = Math.max(0, ...points.map((p) => p.coords[0] + 1));
  const nj = Math.max(0, ...points.map((p) => (p.coords[1] ?? 0) + 1));
  const grid = Array.from({ length: ni }, () => new Array<number>(nj).fill(NaN));
  for (const p of points) {
    const r = byId.get(p.id);
    if (r) grid[p.coords[0]][p.coords[1] ?? 0] = r.final[metric];
  }
  return grid;
}

/** CSV cells: full precision (shortest round trip), empty for missing or non-finite values. */
function cell(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return v;
}

/** The results table as CSV: one row per run, a column per sweep axis, then the outcome. */
export function resultsCSV(rows: ResultRow[], spec?: SweepSpec): string {
  const axisFields = spec ? spec.axes.map((a) => a.field) : [];
  const present = seriesNames.filter((n) => rows.some((r) => !Number.isNaN(r.final[n])));
  const fields = ['id', 'label', ...axisFields, 'status', 'epochs_run', 'diverged_at', ...present.map((n) => `final_${n}`), 'best_epoch', 'best_value'];
  const data = rows.map((r) => [
    r.id, r.label, ...axisFields.map((_, k) => r.axisLabels[k] ?? ''), r.status, cell(r.epochs_run), cell(r.diverged_at),
    ...present.map((n) => cell(r.final[n])), cell(r.best?.epoch), cell(r.best?.value),
  ]);
  return Papa.unparse({ fields, data }, { newline: '\n' });
}

/**
 * A run's gradient norms per layer (History.grad_norm: [layer][epoch], null →
 * NaN); [] when it has none (runs saved before it existed, or other data).
 */
export function gradNormSeries(run: RunLike): number[][] {
  const g = run.history?.grad_norm;
  if (!Array.isArray(g) || !g.every((l) => Array.isArray(l) || ArrayBuffer.isView(l))) return [];
  return (g as ArrayLike<unknown>[]).map((l) => Array.from(l, (v) => (typeof v === 'number' ? v : NaN)));
}

/**
 * Histories in long form: one row per run and epoch, a column per series any
 * run has, then `grad_norm_layer1` ... (layer 1 = the first layer, W[0] and
 * b[0]). Row k holds the norm over epoch k's updates, the ones that start
 * from the parameters after k epochs: the last row (no epoch after it) has
 * none, so its cells are empty.
 */
export function historiesCSV(runs: RunLike[]): string {
  const present = seriesNames.filter((n) => runs.some((r) => series(r, n)));
  const grads = runs.map(gradNormSeries);
  const layers = Math.max(0, ...grads.map((g) => g.length));
  const gradFields = Array.from({ length: layers }, (_, l) => `grad_norm_layer${l + 1}`);
  const fields = ['run', 'label', 'epoch', ...present, ...gradFields];
  const data: string[][] = [];
  runs.forEach((run, r) => {
    const cols = [...present.map((n) => series(run, n) ?? []), ...gradFields.map((_, l) => grads[r][l] ?? [])];
    const length = Math.max(0, ...cols.map((c) => c.length));
    // a thinned history's rows are the epochs it kept
    const epochs = historyEpochs(run);
    for (let k = 0; k < length; k++) data.push([run.id, run.label ?? run.id, String(epochs && k < epochs.length ? epochs[k] : k), ...cols.map((c) => cell(c[k]))]);
  });
  return Papa.unparse({ fields, data }, { newline: '\n' });
}

/** Column titles for the axes of a sweep: "lr", "units". */
export function axisTitles(spec: SweepSpec): string[] {
  return spec.axes.map((a) => fieldShortName(a.field));
}
