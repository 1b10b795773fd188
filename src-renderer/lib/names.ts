/**
 * The names the views give units and parameters: the data's input and output
 * names (from the trainer's `loaded` event) and the session's own parameter
 * names (`param_names`, w1 = W[0][0][0]), over src-core's defaults. One place,
 * so the graph, the weights table and the math view say the same.
 */
import { defaultNames, type Names } from '../../src-core/derivation/names';
import type { NetworkSpec } from '../../src-core/types';
import type { LoadedEvent } from '../../src-core/protocol/messages';
import type { Session } from '../../src-core/session/schema';

type DataNames = Pick<LoadedEvent, 'inputNames' | 'outputNames'> | null;

/** the last names built per network spec: the same inputs give the same object */
const last = new WeakMap<NetworkSpec, { data: DataNames; params: Session['param_names'] | undefined; names: Names }>();

/**
 * The views' names. The same object while the spec, the data's names and
 * `param_names` stay the same: a session change elsewhere (a saved analysis,
 * a title) then redraws nothing that depends on the names.
 */
export function viewNames(spec: NetworkSpec, data: DataNames, session: Pick<Session, 'param_names'> | null): Names {
  const params = session?.param_names;
  const hit = last.get(spec);
  if (hit && hit.data === data && hit.params === params) return hit.names;
  const d = defaultNames(spec);
  const names: Names = {
    inputs: data?.inputNames ?? d.inputs,
    outputs: data?.outputNames ?? d.outputs,
    ...(params ? { params } : {}),
  };
  last.set(spec, { data, params, names });
  return names;
}
