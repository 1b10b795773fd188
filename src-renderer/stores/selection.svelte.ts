/**
 * Parameters the user chose to follow over epochs (the trajectories plot).
 * Any view may add one — the network view does when an edge is clicked:
 *   import { tracked } from '../../stores/selection.svelte';
 *   tracked.add({ kind: 'weight', layer: 0, j: 1, i: 0 });
 */
import type { NetworkSpec, ParamRef } from '../../src-core/types';

const same = (a: ParamRef, b: ParamRef) =>
  a.kind === b.kind && a.layer === b.layer && a.j === b.j && (a.kind === 'bias' || (b.kind === 'weight' && a.i === b.i));

class TrackedParams {
  refs = $state<ParamRef[]>([]);

  add(ref: ParamRef): void {
    if (!this.refs.some((r) => same(r, ref))) this.refs = [...this.refs, ref];
  }
  remove(ref: ParamRef): void {
    this.refs = this.refs.filter((r) => !same(r, ref));
  }
  has(ref: ParamRef): boolean {
    return this.refs.some((r) => same(r, ref));
  }
  clear(): void {
    this.refs = [];
  }
}

export const tracked = new TrackedParams();

/** Position of a parameter in the flattened record: W[0] row-major by unit, b[0], W[1], b[1], ... */
export function flatIndex(spec: NetworkSpec, ref: ParamRef): number {
  let offset = 0;
  for (let l = 0; l < ref.layer; l++) {
    const fanIn = l === 0 ? spec.inputs : spec.layers[l - 1].units;
    offset += spec.layers[l].units * fanIn + (spec.layers[l].bias ? spec.layers[l].units : 0);
  }
  const fanIn = ref.layer === 0 ? spec.inputs : spec.layers[ref.layer - 1].units;
  return ref.kind === 'weight' ? offset + ref.j * fanIn + ref.i : offset + spec.layers[ref.layer].units * fanIn + ref.j;
}

/** Every parameter of the network, in flattened order. */
export function allParams(spec: NetworkSpec): ParamRef[] {
  const refs: ParamRef[] = [];
  spec.layers.forEach((layer, l) => {
    const fanIn = l === 0 ? spec.inputs : spec.layers[l - 1].units;
    for (let j = 0; j < layer.units; j++) for (let i = 0; i < fanIn; i++) refs.push({ kind: 'weight', layer: l, j, i });
    if (layer.bias) for (let j = 0; j < layer.units; j++) refs.push({ kind: 'bias', layer: l, j });
  });
  return refs;
}
