/**
 * The record of one update for display (StepDetail: every chain-rule factor
 * the three phases computed) and the per-layer gradient norms the backward
 * pass leaves behind (history.grad_norm).
 */
import type { Params } from '../types';
import type { Grads, Workspace } from '../net/network';
import { isFused } from '../net/losses';
import { cloneParams } from '../net/params';
import type { Optimizer } from '../optim/optimizers';
import type { StepDetail, TrainerOptions } from './types';

/** What the trainer holds of the current/last update. */
export interface StepParts {
  opts: TrainerOptions;
  epoch: number;
  batch: number;
  /** the batch's first row in `order` */
  start: number;
  order: Int32Array;
  ws: Workspace;
  g: Grads;
  done: { forward: boolean; backward: boolean; update: boolean };
  loss: number;
  /** the parameters of the batch's forward pass */
  before: Params;
  /** the parameters after the update (the non-finite ones when it diverged), null until it ran */
  after: Params | null;
  opt: Optimizer;
}

/** The current/last update (matrices are views of the workspace; before/after are copies). */
export function stepDetail(s: StepParts): StepDetail {
  const spec = s.opts.network;
  const ws = s.ws;
  const rows = ws.rows;
  const mat = (data: Float64Array, cols: number) => ({ rows, cols, data });
  const L = spec.layers.length - 1;
  return {
    epoch: s.epoch,
    batch: s.batch,
    indices: Array.from(s.order.subarray(s.start, s.start + rows)),
    x: mat(ws.x, spec.inputs),
    y: mat(ws.y, spec.layers[L].units),
    done: { ...s.done },
    z: ws.z.map((z, l) => mat(z, spec.layers[l].units)),
    a: ws.a.map((a, l) => mat(a, spec.layers[l].units)),
    loss: s.loss,
    sampleLoss: ws.sampleLoss,
    dLda: ws.dLda.map((d, l) => mat(d, spec.layers[l].units)),
    fprime: ws.fprime.map((d, l) => mat(d, spec.layers[l].units)),
    delta: ws.delta.map((d, l) => mat(d, spec.layers[l].units)),
    fused: isFused(s.opts.loss, spec.layers[L].activation),
    scale: s.opts.reduction === 'mean' ? 1 / rows : 1,
    gradW: s.g.W,
    gradB: s.g.b,
    before: cloneParams(s.before),
    after: s.after ? cloneParams(s.after) : null,
    lr: s.opt.lr,
    optimizer: s.opt.stepState(s.done.update),
  };
}

/**
 * norms[l] = ‖(gradW[l], gradB[l])‖₂ of the current batch, from the sums of
 * squares backward() left in norms; false when a sum is not finite (a
 * non-finite gradient, or squares that overflow: that layer's norm is then
 * NaN until scaledGradNorms).
 */
export function gradNorms(norms: Float64Array): boolean {
  let finite = true;
  for (let l = 0; l < norms.length; l++) {
    const sq = norms[l];
    if (Number.isFinite(sq)) norms[l] = Math.sqrt(sq);
    else {
      norms[l] = NaN;
      finite = false;
    }
  }
  return finite;
}

/** The norms gradNorms could not take, of finite gradients whose squares overflow. */
export function scaledGradNorms(norms: Float64Array, g: Grads): void {
  for (let l = 0; l < g.W.length; l++) if (Number.isNaN(norms[l])) norms[l] = scaledNorm([g.W[l], g.b[l]]);
}

/**
 * ‖x‖₂ of finite numbers whose squares overflow (a diverging run's gradients
 * reach 1e160): scaled by the largest magnitude, √(Σ (x/m)²) · m.
 */
function scaledNorm(arrays: Float64Array[]): number {
  let m = 0;
  for (const a of arrays) for (let q = 0; q < a.length; q++) m = Math.max(m, Math.abs(a[q]));
  if (m === 0 || !Number.isFinite(m)) return m;
  let sq = 0;
  for (const a of arrays) for (let q = 0; q < a.length; q++) {
    const v = a[q] / m;
    sq += v * v;
  }
  return Math.sqrt(sq) * m;
}

