/**
 * The one selection every view shares:
 *   - `selection.ref`: the weight or bias the user picked (the math view
 *     explains it, the network view and the tables highlight it);
 *   - `selection.tracked`: the parameters followed over the epochs (the
 *     trajectories plot);
 *   - `selection.scrub`: the epoch the network view's timeline shows (null: now);
 *   - `selection.showZ`: the network view also shows z and δ;
 *   - `selection.sample`: the sample of the batch (0-based row of lastStep's
 *     matrices) the network view's units and the math view's forward
 *     equations show.
 * Picking a parameter anywhere (an edge or a bias in the network, a row of a
 * table) goes through `pick(ref)`: it is selected and followed.
 */
import type { NetworkSpec, ParamRef } from '../../src-core/types';
import { checkParamRef } from '../../src-core/net/params';
import { allParams, flatIndex, parseParamName } from '../../src-core/derivation/names';

/** at most this many trajectories at once: a new one pushes out the oldest */
export const MAX_TRACKED = 8;

export function sameRef(a: ParamRef | null | undefined, b: ParamRef | null | undefined): boolean {
  if (!a || !b) return false;
  return a.kind === b.kind && a.layer === b.layer && a.j === b.j && (a.kind === 'bias' || (b.kind === 'weight' && a.i === b.i));
}

/** A plain copy (a Svelte state proxy cannot be posted to the trainer: structured clone). */
export function plainRef(ref: ParamRef): ParamRef {
  return ref.kind === 'weight' ? { kind: 'weight', layer: ref.layer, j: ref.j, i: ref.i } : { kind: 'bias', layer: ref.layer, j: ref.j };
}

/** Does `ref` name a parameter of this network? (a selection can outlive the session it was made in) */
export function validRef(spec: NetworkSpec, ref: ParamRef): boolean {
  return checkParamRef(spec, ref) === null;
}

/** parsing a parameter's name lives with the other names, in src-core/derivation/names.ts */
export { parseParamName };

class Selection {
  ref = $state<ParamRef | null>(null);
  tracked = $state<ParamRef[]>([]);
  scrub = $state<number | null>(null);
  showZ = $state(false);
  sample = $state(0);

  /** Select a parameter and follow it over the epochs. */
  pick(ref: ParamRef): void {
    this.ref = plainRef(ref);
    this.follow(ref);
  }
  follow(ref: ParamRef): void {
    if (this.isTracked(ref)) return;
    this.tracked = [...this.tracked, plainRef(ref)].slice(-MAX_TRACKED);
  }
  unfollow(ref: ParamRef): void {
    this.tracked = this.tracked.filter((r) => !sameRef(r, ref));
  }
  isTracked(ref: ParamRef): boolean {
    return this.tracked.some((r) => sameRef(r, ref));
  }
  /** A new session: nothing selected or followed. */
  clear(): void {
    this.ref = null;
    this.tracked = [];
    this.scrub = null;
    this.sample = 0;
  }
}

export const selection = new Selection();

/** The chosen sample as a row of a batch of `rows` (a smaller batch, say the last one of an epoch, shows its last row). */
export function sampleRow(sample: number, rows: number): number {
  return Math.max(0, Math.min(sample, rows - 1));
}

export { allParams, flatIndex };
