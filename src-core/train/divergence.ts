/**
 * The one sentence that says where and how a run diverged, used by the
 * engine's hosts, the protocol's status event and the command line:
 * "diverged at epoch 193: loss became Infinity with the parameters after update 193",
 * "diverged at epoch 37: W[1][0][2] became NaN in update 1111 (epoch 38, batch 1)" (37 epochs of 30 batches done;
 * the epoch and batch of an update counted from 1, as the math view counts them: "Update 1111 (epoch 38, batch 1)").
 * The update is named when the engine recorded it (runs saved before it was, are not).
 *
 * What stops a run (trainer.ts): the first non-finite value — the loss after
 * a forward pass (then the first non-finite activation a[l][row][j] is named,
 * else "loss"), a gradient after the backward pass ("gradW[l][j][i]",
 * "gradB[l][j]"), a parameter after the update ("W[l][j][i]", "b[l][j]"; the
 * parameters are put back to their last finite values, lastStep.after shows
 * the bad ones), or a metric of a history entry. divergence.became records
 * what the value became (NaN, Infinity, -Infinity) and divergence.update the
 * update that did it, so the message says which.
 */
import type { Divergence, NetworkSpec, Params, Phase } from '../types';
import type { Workspace } from '../net/network';
import { checkParamRef, fanIn, paramName } from '../net/params';
import { parseParamName, readParam } from '../derivation/names';

/** A non-finite value that stops the run: its name (Divergence.what) and the value. */
export interface BadValue { what: string; value: number }

/** The record of a divergence found in `phase` of the batch under way (epoch, updates: the trainer's counts). */
export function divergenceOf(bad: BadValue, phase: Phase | 'evaluate', epoch: number, updates: number, batch: number): Divergence {
  const became = nonFiniteName(bad.value);
  // the update that made the bad value: the one under way, or (forward, evaluate) the last one made
  const update = phase === 'backward' || phase === 'update' ? updates + 1 : updates;
  return { epoch, what: bad.what, phase, ...(became ? { became } : {}), update, ...(phase === 'evaluate' ? {} : { batch }) };
}

/** 'NaN', 'Infinity' or '-Infinity' for a non-finite number; undefined for a finite one. */
export function nonFiniteName(x: number): Divergence['became'] {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return undefined;
}

/**
 * The message for a divergence. The engine records what the value became
 * (d.became); for a divergence saved before that, the value is read back
 * from `params` when `what` names a parameter, or from `loss`.
 */
export function divergenceMessage(d: Divergence, params?: Params, network?: NetworkSpec, loss?: number): string {
  let became = d.became;
  if (!became) {
    let value = d.what === 'loss' ? loss : undefined;
    const ref = parseParamName(d.what);
    if (ref && params && network && checkParamRef(network, ref) === null) value = readParam(network, params, ref);
    became = typeof value === 'number' ? nonFiniteName(value) : undefined;
  }
  return `diverged at epoch ${d.epoch}: ${d.what} became ${became ?? 'NaN or Infinity'}${d.update === undefined ? '' : ` ${updateText(d)}`}`;
}

/** "in update 12 (epoch 3, batch 2)" (d.epoch counts the epochs done: the update under way is in the next), "with the parameters of update 12", "with the starting parameters". */
function updateText(d: Divergence): string {
  const u = d.update!;
  const where = d.batch === undefined ? '' : ` (epoch ${d.epoch + 1}, batch ${d.batch + 1})`;
  if (d.phase === 'update') return `in update ${u}${where}`;
  if (d.phase === 'backward') return `in the gradient of update ${u}${where}`;
  const params = u === 0 ? 'the starting parameters' : `the parameters after update ${u}`;
  return d.phase === 'forward' ? `in the forward pass${where} with ${params}` : `with ${params}`;
}

/** The first non-finite value among p (prefix '') or the gradients (prefix 'grad'), in layout order: its name and value. */
export function firstBad(spec: NetworkSpec, p: Params, prefix: '' | 'grad'): BadValue | null {
  for (let l = 0; l < p.W.length; l++) {
    const W = p.W[l];
    for (let q = 0; q < W.length; q++) {
      if (!Number.isFinite(W[q])) {
        const nIn = fanIn(spec, l);
        return { what: prefix + paramName({ kind: 'weight', layer: l, j: Math.floor(q / nIn), i: q % nIn }), value: W[q] };
      }
    }
    const b = p.b[l];
    for (let q = 0; q < b.length; q++) if (!Number.isFinite(b[q])) return { what: prefix + paramName({ kind: 'bias', layer: l, j: q }), value: b[q] };
  }
  return null;
}

/** The first non-finite activation a[l][row][j] of a batch's forward pass; rows named by their training-set index (order[start + s]). */
export function firstBadActivation(spec: NetworkSpec, ws: Workspace, order: Int32Array, start: number): BadValue | null {
  for (let l = 0; l < spec.layers.length; l++) {
    const a = ws.a[l];
    const units = spec.layers[l].units;
    for (let q = 0; q < ws.rows * units; q++) {
      if (!Number.isFinite(a[q])) return { what: `a[${l}][${order[start + Math.floor(q / units)]}][${q % units}]`, value: a[q] };
    }
  }
  return null;
}
