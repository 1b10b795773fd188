/**
 * The rows of the homework form for a network: every quantity of one update
 * a student is asked for, with the session's names (w1 … / b1 … by default,
 * as report 003's homework numbers them) and the canonical name beside it.
 */
import type { NetworkSpec } from '../../../src-core/types';
import { allParams, paramName } from '../../../src-core/derivation/names';
import { Namer, quantityKey } from '../../../src-core/check/quantities';

export interface FormRow {
  /** canonical: "W[0][0][0]", "dL/dW[0][0][0]", "a[1][0]", "loss" */
  key: string;
  /** what the student reads and what the answer is saved as: "w1", "dL/dw1", "a4" */
  name: string;
  group: 'Forward pass' | 'Chain-rule factors' | 'Gradients' | 'Updated parameters';
}

/** Nets with more parameters get the pasted table only (a form of thousands of fields helps nobody). */
export const MAX_FORM_PARAMS = 60;

export function formRows(spec: NetworkSpec, names?: Record<string, string>): FormRow[] {
  const refs = allParams(spec);
  if (refs.length > MAX_FORM_PARAMS) return [];
  const namer = new Namer({ spec, names });
  const rows: FormRow[] = [];
  // a name is used only where it reads back as the same quantity; else the canonical one
  const add = (name: string, canonical: string, group: FormRow['group']) => {
    const q = namer.quantity(name);
    const key = 'error' in q ? canonical : quantityKey(q);
    rows.push({ key: canonical, name: key === canonical ? name : canonical, group });
  };
  let k = 0;
  const unitNo: number[][] = spec.layers.map((layer) => Array.from({ length: layer.units }, () => ++k));
  spec.layers.forEach((layer, l) => {
    for (let j = 0; j < layer.units; j++) {
      add(`z${unitNo[l][j]}`, `z[${l}][${j}]`, 'Forward pass');
      add(`a${unitNo[l][j]}`, `a[${l}][${j}]`, 'Forward pass');
    }
  });
  rows.push({ key: 'loss', name: 'loss', group: 'Forward pass' });
  const L = spec.layers.length - 1;
  for (let j = 0; j < spec.layers[L].units; j++) add(`dL/da${unitNo[L][j]}`, `dL/da[${L}][${j}]`, 'Chain-rule factors');
  spec.layers.forEach((layer, l) => {
    for (let j = 0; j < layer.units; j++) add(`da${unitNo[l][j]}/dz${unitNo[l][j]}`, `da[${l}][${j}]/dz[${l}][${j}]`, 'Chain-rule factors');
  });
  let w = 0;
  let b = 0;
  const short = refs.map((ref) => names?.[paramName(ref)] ?? (ref.kind === 'weight' ? `w${++w}` : `b${++b}`));
  refs.forEach((ref, q) => add(`dL/d${short[q]}`, `dL/d${paramName(ref)}`, 'Gradients'));
  refs.forEach((ref, q) => add(short[q], paramName(ref), 'Updated parameters'));
  return rows;
}
