/** The table of every parameter of one update: old value, gradient, new value (reports 000 and 003). */
import type { NetworkSpec } from '../types';
import type { StepDetail } from '../train/types';
import { allParams, defaultNames, ownName, paramLabel, paramName, readParam, type Names } from './names';
import type { ParamRef } from '../types';

export interface TableRow {
  ref: ParamRef;
  /** the layout name, W[l][j][i] or b[l][j] */
  name: string;
  /** the session's own name for it (w1), when it has one */
  own?: string;
  label: string;
  before: number;
  gradient: number | null;
  after: number | null;
}

/** One parameter's row: its value before the update, its gradient (after backward), its new value (after the update). */
export function tableRow(spec: NetworkSpec, step: StepDetail, names: Names, ref: ParamRef): TableRow {
  return {
    ref,
    name: paramName(ref),
    ...(ownName(names, ref) === undefined ? {} : { own: ownName(names, ref) }),
    label: paramLabel(spec, names, ref),
    before: readParam(spec, step.before, ref),
    gradient: step.done.backward ? readParam(spec, { W: step.gradW, b: step.gradB }, ref) : null,
    after: step.after ? readParam(spec, step.after, ref) : null,
  };
}

export function updateTable(spec: NetworkSpec, step: StepDetail, names: Names = defaultNames(spec)): TableRow[] {
  return allParams(spec).map((ref) => tableRow(spec, step, names, ref));
}
