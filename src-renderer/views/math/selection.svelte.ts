/**
 * What the network view and the math view share: the selected parameter and
 * the epoch the timeline shows (null: the live network).
 */
import type { ParamRef } from '../../../src-core/types';

export const selection = $state<{ ref: ParamRef | null; scrub: number | null; showZ: boolean }>({ ref: null, scrub: null, showZ: false });

export function sameRef(a: ParamRef | null, b: ParamRef | null): boolean {
  if (!a || !b) return false;
  return a.kind === b.kind && a.layer === b.layer && a.j === b.j && (a.kind === 'bias' || (b.kind === 'weight' && a.i === b.i));
}
