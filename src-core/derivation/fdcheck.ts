/**
 * Finite-difference check of one gradient: the loss of the same batch with
 * the parameter nudged by ±h, (L(θ+h) − L(θ−h)) / 2h, next to the backward
 * pass's gradient. Uses the engine's forward pass (what is being checked is
 * the backward pass).
 */
import type { LossKind, NetworkSpec, ParamRef, Reduction } from '../types';
import type { StepDetail } from '../train/types';
import { batchLoss, forward, makeWorkspace } from '../net/network';
import { cloneParams } from '../net/params';
import { readParam, writeParam } from './names';

export interface FdCheck {
  h: number;
  lossPlus: number;
  lossMinus: number;
  numeric: number;
  analytic: number;
  /** |numeric − analytic| / max(|numeric|, |analytic|, 1e-8) */
  relError: number;
  /** relError < 1e-5, or both below 1e-9 in absolute value */
  agrees: boolean;
  /** ReLU kinks within h of a z make the difference meaningless: said here */
  note?: string;
}

export function finiteDifference(
  ctx: { spec: NetworkSpec; loss: LossKind; reduction: Reduction }, step: StepDetail, ref: ParamRef, h?: number,
): FdCheck {
  const spec = ctx.spec;
  const p = cloneParams(step.before);
  const w0 = readParam(spec, p, ref);
  const eps = h ?? 1e-6 * Math.max(1, Math.abs(w0));
  const ws = makeWorkspace(spec, step.x.rows);
  ws.x.set(step.x.data);
  ws.y.set(step.y.data);
  const set = (v: number) => writeParam(spec, p, ref, v);
  const lossAt = (v: number) => {
    set(v);
    forward(spec, p, ws);
    return batchLoss(spec, ctx.loss, ctx.reduction, ws);
  };
  const lossPlus = lossAt(w0 + eps);
  const lossMinus = lossAt(w0 - eps);
  const numeric = (lossPlus - lossMinus) / (2 * eps);
  const analytic = readParam(spec, { W: step.gradW, b: step.gradB }, ref);
  const relError = Math.abs(numeric - analytic) / Math.max(Math.abs(numeric), Math.abs(analytic), 1e-8);
  const agrees = relError < 1e-5 || (Math.abs(numeric) < 1e-9 && Math.abs(analytic) < 1e-9);
  let note: string | undefined;
  for (let l = 0; l < spec.layers.length && !note; l++) {
    if (spec.layers[l].activation !== 'relu' && spec.layers[l].activation !== 'leaky_relu') continue;
    if (Array.from(step.z[l].data).some((z) => Math.abs(z) < 10 * eps)) note = 'a ReLU input z is within h of 0 (the kink): the difference quotient is not a derivative there';
  }
  return { h: eps, lossPlus, lossMinus, numeric, analytic, relError, agrees, ...(note ? { note } : {}) };
}
