/**
 * Edits of a whole session's experiment, as the app's experiment panel makes
 * them: a change of the network's shape that keeps the hand-set starting
 * weights that still fit, and the saved runs brought in line with the new
 * experiment (overrides that no longer fit dropped, results that were made
 * with the old experiment reset). Pure functions of plain session values.
 */
import { initParams, type InitConfig } from '../init';
import { createRngStreams } from '../random';
import { networkSpec } from './create';
import { applyOverrides } from './overrides';
import type { Experiment, SavedRun, Session } from './schema';
import { paramName, parseParamName } from '../derivation/names';

/** The inits new weights can be drawn with (those that need no numbers of their own). */
export const FILL_KINDS = ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'zeros'] as const;
export type FillKind = (typeof FILL_KINDS)[number];
/** What each init is called on screen and in notes. */
export const INIT_LABELS: Readonly<Record<string, string>> = {
  explicit: 'set by hand', zeros: 'zeros', constant: 'constant', uniform: 'uniform', normal: 'normal',
  he_normal: 'He normal', he_uniform: 'He uniform', glorot_uniform: 'Glorot uniform', glorot_normal: 'Glorot normal',
};
export const FILL_LABELS: Record<FillKind, string> = Object.fromEntries(FILL_KINDS.map((k) => [k, INIT_LABELS[k]])) as Record<FillKind, string>;

/**
 * For each layer of the new network, the layer of the old one it continues
 * (same position in the chain of layers), or null for a layer just added.
 * Adding a layer at `at`: [0, …, at − 1, null, at, …]; removing layer `at`:
 * [0, …, at − 1, at + 1, …]; any other change: the identity.
 */
export type LayerMap = (number | null)[];

export function identityMap(layers: number): LayerMap {
  return Array.from({ length: layers }, (_, l) => l);
}
export function insertedMap(oldLayers: number, at: number): LayerMap {
  const m: LayerMap = identityMap(oldLayers);
  m.splice(at, 0, null);
  return m;
}
export function removedMap(oldLayers: number, at: number): LayerMap {
  const m: LayerMap = identityMap(oldLayers);
  m.splice(at, 1);
  return m;
}
/** Two changes one after the other: `newer` maps onto the layers `older` came from (newest → oldest). */
export function composeMaps(newer: LayerMap, older: LayerMap): LayerMap {
  return newer.map((l) => (l === null ? null : older[l] ?? null));
}

/**
 * Explicit starting weights for `next`'s network from those of `prev`:
 * W[l][j][i] is kept where layer l continues an old layer whose input is the
 * same (the inputs, or the old layer before it) and unit j and input i exist
 * in both; b[l][j] is kept where layer l continues an old layer with a bias
 * and j exists in both. Every other value is drawn with `fill` from the
 * experiment's seed, so the same edit always gives the same numbers.
 * Returns also how many values were kept and how many drawn.
 */
export function reshapeExplicitInit(
  prev: Experiment,
  next: Experiment,
  map: LayerMap,
  fill: FillKind,
): { init: Extract<InitConfig, { kind: 'explicit' }>; kept: number; drawn: number } {
  if (prev.init.kind !== 'explicit') throw new Error('reshapeExplicitInit: the old init is not explicit');
  const oldW = prev.init.weights;
  const oldB = prev.init.biases;
  const spec = networkSpec(next);
  const drawnParams = initParams(spec, { kind: fill }, createRngStreams(next.rng, next.seed), 'experiment.init');
  let kept = 0;
  let drawn = 0;
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l < spec.layers.length; l++) {
    const units = spec.layers[l].units;
    const nIn = l === 0 ? spec.inputs : spec.layers[l - 1].units;
    const ol = map[l] ?? null;
    // the incoming weights mean the same only when they come from the same place
    const sameInput = ol !== null && (l === 0 ? ol === 0 : map[l - 1] === ol - 1);
    const Wl: number[][] = [];
    for (let j = 0; j < units; j++) {
      const row: number[] = [];
      for (let i = 0; i < nIn; i++) {
        const old = sameInput ? oldW[ol!]?.[j]?.[i] : undefined;
        if (old !== undefined) kept++;
        else drawn++;
        row.push(old ?? drawnParams.W[l][j * nIn + i]);
      }
      Wl.push(row);
    }
    weights.push(Wl);
    const bl: number[] = [];
    if (spec.layers[l].bias) {
      for (let j = 0; j < units; j++) {
        const old = ol !== null ? oldB[ol]?.[j] : undefined;
        if (old !== undefined) kept++;
        else drawn++;
        bl.push(old ?? drawnParams.b[l][j]);
      }
    }
    biases.push(bl);
  }
  return { init: { kind: 'explicit', weights, biases }, kept, drawn };
}

/**
 * The session's own parameter names (`param_names`) for `next`'s network,
 * by the rule reshapeExplicitInit keeps hand-set weights by: a name moves
 * with its weight where layer l continues an old layer (`map`) whose input
 * is the same and unit j and input i exist in both, with its bias where the
 * layer continues an old one with a bias and unit j exists. The names of
 * parameters that are gone go too (the session would not load with them), as
 * do those of weights whose meaning changed (their layer's input is another
 * layer now). Undefined when no name is left.
 */
export function followParamNames(
  names: Readonly<Record<string, string>> | undefined,
  next: Experiment['network'],
  map: LayerMap,
): Record<string, string> | undefined {
  if (!names) return undefined;
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(names)) {
    const ref = parseParamName(key);
    const l = ref ? map.indexOf(ref.layer) : -1;
    const layer = next.layers[l];
    if (!ref || !layer || ref.j >= layer.units) continue;
    if (ref.kind === 'bias') {
      if (layer.bias !== false) out[paramName({ ...ref, layer: l })] = name;
      continue;
    }
    const sameInput = l === 0 ? ref.layer === 0 : map[l - 1] === ref.layer - 1;
    const nIn = l === 0 ? next.inputs : next.layers[l - 1].units;
    if (sameInput && ref.i < nIn) out[paramName({ ...ref, layer: l })] = name;
  }
  return Object.keys(out).length ? out : undefined;
}

/** What reconcileRuns did to one run, for the message the app shows. */
export interface RunChange {
  id: string;
  label: string;
  /** override paths removed because they no longer fit the experiment */
  dropped: string[];
  /** its saved results were made with another experiment and were removed */
  reset: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The session's saved runs against a changed experiment. Each run keeps the
 * overrides that still apply (in order; one that makes the run's experiment
 * invalid is dropped); a run whose own experiment (the base plus its
 * overrides) is now different loses the results it had (history,
 * parameters, trainer state): they belong to the old experiment. Runs whose
 * experiment did not change are left exactly as they were.
 */
export function reconcileRuns(session: Session, next: Experiment): { runs: SavedRun[] | undefined; changes: RunChange[] } {
  if (!session.runs) return { runs: undefined, changes: [] };
  const changes: RunChange[] = [];
  const runs = session.runs.map((run): SavedRun => {
    const before = applyOverrides(session.experiment, run.overrides);
    const overrides: Record<string, unknown> = {};
    const dropped: string[] = [];
    for (const [path, value] of Object.entries(run.overrides)) {
      const trial = { ...overrides, [path]: value };
      if (applyOverrides(next, trial).ok) overrides[path] = value;
      else dropped.push(path);
    }
    const after = applyOverrides(next, overrides);
    const changed = !before.ok || !after.ok || !same(before.value, after.value);
    const hadResults = run.epochs_run > 0 || run.params !== undefined || run.state !== undefined || Object.keys(run.history).length > 0;
    const reset = changed && hadResults;
    if (!dropped.length && !reset) return run;
    changes.push({ id: run.id, label: run.label ?? run.id, dropped, reset });
    const { params: _params, state: _state, diverged_at: _d, ...rest } = run;
    return reset ? { ...rest, overrides, status: 'paused', epochs_run: 0, history: {} } : { ...run, overrides };
  });
  return { runs, changes };
}

/** One sentence a change: "run "lr 0.1": override init dropped (it no longer fits); its results reset". */
export function describeRunChanges(changes: readonly RunChange[]): string[] {
  return changes.map((c) => {
    const parts: string[] = [];
    if (c.dropped.length) {
      parts.push(`override${c.dropped.length > 1 ? 's' : ''} ${c.dropped.join(', ')} dropped (no longer fit${c.dropped.length > 1 ? '' : 's'} the experiment)`);
    }
    if (c.reset) parts.push('its results were for the old experiment and were reset');
    return `run "${c.label}": ${parts.join('; ')}`;
  });
}

/**
 * Data typed in by hand follows a change of the network's inputs or outputs:
 * each row gets zeros for the new columns (to be filled in the table) or
 * loses the columns that are gone; a truth table gets the new number of
 * inputs. Other data kinds say themselves what they need (the trainer's
 * message). Changes `next.data` in place; returns what it did, in words.
 */
export function fitDataToNetwork(prev: Experiment, next: Experiment): string[] {
  const nIn = next.network.inputs;
  const nOut = next.network.layers[next.network.layers.length - 1]?.units;
  const inChanged = prev.network.inputs !== nIn;
  const outChanged = prev.network.layers[prev.network.layers.length - 1]?.units !== nOut;
  if (!inChanged && !outChanged) return [];
  const data = next.data as { kind: string; [k: string]: unknown };
  if (data.kind === 'inline') {
    const fit = (rows: number[][], n: number) => rows.map((r) => (r.length >= n ? r.slice(0, n) : [...r, ...Array(n - r.length).fill(0)]));
    for (const set of ['train', 'test'] as const) {
      const s = data[set] as { x: number[][]; y: number[][] } | undefined;
      if (!s) continue;
      if (inChanged) s.x = fit(s.x, nIn);
      if (outChanged && nOut !== undefined) s.y = fit(s.y, nOut);
    }
    const what = [inChanged ? `inputs ${prev.network.inputs} → ${nIn}` : '', outChanged ? `targets → ${nOut}` : ''].filter(Boolean).join(', ');
    return [`The typed-in samples follow the network (${what}): new columns start at 0; edit them in the data table.`];
  }
  if (data.kind === 'truth_table' && inChanged) {
    const inputs = data.bias_column ? nIn - 1 : nIn;
    if (inputs >= 1) {
      data.inputs = inputs;
      return [`The truth table now has ${inputs} input${inputs === 1 ? '' : 's'}${data.bias_column ? ' and the constant-1 column' : ''}.`];
    }
  }
  return [];
}
