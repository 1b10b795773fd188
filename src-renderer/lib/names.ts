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

export function viewNames(spec: NetworkSpec, data: Pick<LoadedEvent, 'inputNames' | 'outputNames'> | null, session: Pick<Session, 'param_names'> | null): Names {
  const d = defaultNames(spec);
  return {
    inputs: data?.inputNames ?? d.inputs,
    outputs: data?.outputNames ?? d.outputs,
    ...(session?.param_names ? { params: session.param_names } : {}),
  };
}
