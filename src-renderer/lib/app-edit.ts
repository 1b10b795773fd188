/**
 * The edits AppState makes, as pure functions of the session: an edit of the
 * experiment (checked as a whole, with the starting weights and saved runs
 * following a change of shape) and a weight or bias set by hand.
 */
import { applyOverrides, validateExperiment } from '../../src-core/session/overrides';
import { describeRunChanges, FILL_LABELS, INIT_LABELS, fitDataToNetwork, followParamNames, identityMap, reconcileRuns, reshapeExplicitInit, type FillKind, type LayerMap } from '../../src-core/session/edit';
import type { Experiment, SavedRun, Session } from '../../src-core/session/schema';
import type { Snapshot } from '../../src-core/protocol/messages';
import { paramName } from '../../src-core/derivation/names';
import type { ParamRef } from '../../src-core/types';
import { EXPERIMENT_RUN, putRun, runExperiment, unrun } from '../../src-core/session/runs';

export type ExperimentEdit =
  | { ok: false; errors: string[] }
  /** the edit leaves the experiment as it is (the activation a layer has picked again): nothing to load or undo */
  | { ok: 'same' }
  /** `after` is the session to load; `runId` the saved run the trainer restarts, if not the experiment's own */
  | { ok: true; after: Session; notes: string[]; runId?: string };

/**
 * Applies `edit` to a copy of `base`'s experiment and checks the result. A
 * change of the network's shape keeps the hand-set starting weights that
 * still fit (`map` says which old layer each new one continues) and draws
 * the others with `fillInit`; saved runs follow (reconcileRuns), and the
 * saved run the trainer holds (`currentRun`) starts again from the new
 * experiment with its own overrides.
 */
export function editExperiment(base: Session, edit: (draft: Record<string, unknown>) => void, o: { map?: LayerMap; fillInit: FillKind; currentRun: string }): ExperimentEdit {
  const draft = structuredClone(base.experiment) as unknown as Record<string, unknown>;
  edit(draft);
  const notes: string[] = [];
  const prev = base.experiment;
  const d = draft as unknown as Experiment;
  if (prev.init.kind === 'explicit' && d.init?.kind === 'explicit' && shapeChanged(prev.network, d.network)) {
    try {
      const r = reshapeExplicitInit(prev, d, o.map ?? identityMap(d.network.layers.length), o.fillInit);
      d.init = r.init as Experiment['init'];
      if (r.drawn) notes.push(`Starting weights: ${r.kept} kept, ${r.drawn} new drawn with ${FILL_LABELS[o.fillInit]}.`);
    } catch {
      // the new shape is not valid: validateExperiment below says why
    }
  }
  // the data follows a network of whole sizes only: inputs = 2.5 made an array of 2.5 columns and threw
  // ("Invalid array length", no message); validateExperiment below says what is wrong with it
  if (d.network && d.data && wholeShape(d.network)) notes.push(...fitDataToNetwork(prev, d));
  const checked = validateExperiment(draft);
  if (!checked.ok) {
    // a size that is no whole number: that is the mistake (not the starting weights that cannot fit it)
    const sizes = wholeShape(d.network) ? [] : checked.errors.filter((e) => e.startsWith('experiment.network'));
    return { ok: false, errors: sizes.length ? sizes : checked.errors };
  }
  if (JSON.stringify(checked.value) === JSON.stringify(prev)) return { ok: 'same' };
  const { runs: reconciled, changes } = reconcileRuns(base, checked.value);
  notes.push(...describeRunChanges(changes));
  let after: Session = { ...base, experiment: checked.value, ...(reconciled ? { runs: reconciled } : {}) };
  // the session's own names (w1 …) follow their weights; a name left on a weight that is gone would make
  // the trainer refuse the session (3 → 2 hidden units in report 003's homework was refused)
  if (base.param_names && shapeChanged(prev.network, checked.value.network)) {
    const { param_names: _old, ...rest } = after;
    const names = followParamNames(base.param_names, checked.value.network, o.map ?? identityMap(checked.value.network.layers.length));
    after = { ...rest, ...(names ? { param_names: names } : {}) };
  }
  const current = after.runs?.find((r) => r.id === o.currentRun && r.id !== EXPERIMENT_RUN);
  if (current) after = { ...after, runs: putRun(after.runs, unrun(current)) };
  return { ok: true, after, notes, ...(current ? { runId: current.id } : {}) };
}

/**
 * A weight or bias set before the first step becomes a starting weight of
 * the run the trainer holds (Save writes it, the trainer's Reset returns to
 * it: the TrainerService keeps edits made at the start): of the experiment
 * for its own run, of a saved run's overrides for that run (`runId`: its own
 * starting weights, never the experiment's). Later, only the run changes:
 * null then.
 */
export function setStartingParam(session: Session, snap: Snapshot | null, ref: ParamRef, value: number, runId: string = EXPERIMENT_RUN): { session: Session; note: string } | null {
  // 'idle': nothing has run (a first weight typed leaves the phase at 'backward': a second one is a starting weight too)
  const atStart = snap !== null && snap.epoch === 0 && snap.updates === 0 && snap.status === 'idle';
  if (!atStart) return null;
  const params = structuredClone(snap.params);
  if (ref.kind === 'weight') params.weights[ref.layer][ref.j][ref.i] = value;
  else params.biases[ref.layer][ref.j] = value;
  const name = paramName(ref);
  const run = runId === EXPERIMENT_RUN ? undefined : session.runs?.find((r) => r.id === runId);
  if (run) {
    const before = runExperiment(session.experiment, run)?.init;
    const edited: SavedRun = { ...atEpochZero(run), overrides: startingOverrides(session.experiment, run.overrides, params) };
    // overrides that no longer apply would leave the run unloadable: then only the trainer's run changes
    if (!runExperiment(session.experiment, edited)) return null;
    return {
      session: { ...session, runs: putRun(session.runs, edited) },
      note: `${name} was set before the first step: it is a starting weight of run "${run.label ?? run.id}" now, in that run's own starting weights (Save writes it, Reset returns to it; the experiment's are as they were).${drawnNote(before)}`,
    };
  }
  const before = session.experiment.init;
  const experiment: Experiment = { ...session.experiment, init: { kind: 'explicit', weights: params.weights, biases: params.biases } };
  // the saved runs that start from the experiment's weights follow, as after any edit of the experiment:
  // a run of the same shape starts from the new weights (its results, for the old start, are reset); a run
  // whose own network they do not fit (more hidden units, say) keeps the init it had, as its own
  const pinned = session.runs?.map((run): SavedRun => {
    if (applyOverrides(experiment, run.overrides).ok || Object.keys(run.overrides).some(isInitPath)) return run;
    return { ...run, overrides: { init: structuredClone(before), ...run.overrides } };
  });
  const { runs: reconciled, changes } = reconcileRuns({ ...session, ...(pinned ? { runs: pinned } : {}) }, experiment);
  const follow = describeRunChanges(changes).map((c) => ` ${c[0].toUpperCase()}${c.slice(1)}.`).join('');
  return {
    session: { ...session, experiment, ...(reconciled ? { runs: reconciled } : {}) },
    note: `${name} was set before the first step: it is a starting weight now (Save writes it, Reset returns to it).${drawnNote(before)}${follow}`,
  };
}

/** An override of the starting weights: `init` itself or a field of it. */
const isInitPath = (path: string) => /^init(?:$|[.[])/.test(path);

/** Why a drawn init reads "set by hand" after a weight was typed at the start, and how to get the scheme back. */
function drawnNote(init: Experiment['init'] | undefined): string {
  if (!init || init.kind === 'explicit') return '';
  const scheme = INIT_LABELS[init.kind] ?? init.kind;
  return ` The init now reads "set by hand" because a starting weight was typed in: the others keep the values ${scheme} drew. Undo returns to ${scheme}.`;
}

/**
 * A run's overrides with its starting weights replaced by `params`: every
 * override of `init` goes, and the weights and biases come last (after any
 * change of the network they fit).
 */
export function startingOverrides(experiment: Experiment, overrides: Readonly<Record<string, unknown>>, params: Snapshot['params']): Record<string, unknown> {
  const kept = Object.fromEntries(Object.entries(overrides).filter(([path]) => !isInitPath(path)));
  const weights = structuredClone(params.weights);
  const biases = structuredClone(params.biases);
  return experiment.init.kind === 'explicit'
    ? { ...kept, 'init.weights': weights, 'init.biases': biases }
    : { ...kept, init: { kind: 'explicit', weights, biases } };
}

/** A saved run that has results: it trained, or carries where it was. */
export function hasRun(run: SavedRun): boolean {
  return run.epochs_run > 0 || run.params !== undefined || run.state !== undefined || Object.keys(run.history ?? {}).length > 0;
}

/** A saved run taken back to its start: its settings (label, notes, overrides), nothing of what happened. */
export function atEpochZero(run: SavedRun): SavedRun {
  return { ...unrun(run), ...(run.notes !== undefined ? { notes: run.notes } : {}) };
}

export function paramValue(params: Snapshot['params'], ref: ParamRef): number | undefined {
  return ref.kind === 'weight' ? params.weights[ref.layer]?.[ref.j]?.[ref.i] : params.biases[ref.layer]?.[ref.j];
}

/** Inputs, units or biases differ: explicit starting weights no longer fit as they are. */
function shapeChanged(a: Experiment['network'], b: Experiment['network']): boolean {
  if (a.inputs !== b?.inputs || a.layers.length !== b.layers?.length) return true;
  return a.layers.some((l, k) => l.units !== b.layers[k]?.units || l.bias !== b.layers[k]?.bias);
}

/**
 * Layer `l` of the experiment shown, in the one the edits still loading make
 * (`map`: LayerMap of that one, new → shown; null: no edit loading): its
 * index there, or why it has none.
 */
export function layerAfter(map: LayerMap | null | undefined, l: number): { at: number } | { gone: string } {
  if (map === null) return { at: l };
  if (map === undefined) return { gone: 'another session is being opened' };
  const at = map.indexOf(l);
  return at < 0 ? { gone: 'the change still loading removes this layer' } : { at };
}

/**
 * A weight or bias of the network shown, as the same parameter of `next`
 * (the network the edits still loading make; `map` as for layerAfter): null
 * when it has none there — its layer removed, its unit or input gone, or (a
 * weight) a layer added or removed just before it: its inputs are other units.
 */
export function paramAfter(ref: ParamRef, map: LayerMap | null | undefined, next: Experiment['network']): ParamRef | null {
  const where = layerAfter(map, ref.layer);
  if (!('at' in where)) return null;
  const k = where.at;
  const layer = next.layers[k];
  if (!layer || ref.j >= layer.units) return null;
  if (ref.kind === 'bias') return layer.bias === false ? null : { ...ref, layer: k };
  const before = ref.layer === 0 ? null : layerAfter(map, ref.layer - 1);
  const sameInputs = before === null ? k === 0 : 'at' in before && before.at === k - 1;
  if (!sameInputs) return null;
  const inputs = k === 0 ? next.inputs : next.layers[k - 1].units;
  return ref.i < inputs ? { ...ref, layer: k } : null;
}

/** Every size of the network a whole number from 1 up (a draft's, before it is validated). */
function wholeShape(net: Experiment['network'] | undefined): boolean {
  const whole = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 1;
  return !!net && whole(net.inputs) && Array.isArray(net.layers) && net.layers.every((l) => whole(l?.units));
}
