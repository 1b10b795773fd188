/**
 * The one sentence that says where and how a run diverged, used by the
 * engine's hosts, the protocol's status event and the command line:
 * "diverged at epoch 193: loss became Infinity", "diverged at epoch 37: W[1][0][2] became NaN".
 */
import type { Divergence, NetworkSpec, Params } from '../types';
import { fanIn } from '../net/params';

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
    const m = /^([Wb])\[(\d+)\]\[(\d+)\](?:\[(\d+)\])?$/.exec(d.what);
    if (m && params && network) {
      const [l, j, i] = [Number(m[2]), Number(m[3]), Number(m[4])];
      value = m[1] === 'W' ? params.W[l]?.[j * fanIn(network, l) + i] : params.b[l]?.[j];
    }
    became = typeof value === 'number' ? nonFiniteName(value) : undefined;
  }
  return `diverged at epoch ${d.epoch}: ${d.what} became ${became ?? 'NaN or Infinity'}`;
}
