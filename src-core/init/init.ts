/**
 * Starting parameters: explicit values, or values drawn layer by layer from the
 * session's "init" random stream.
 *
 * Draw order (so a numpy notebook's weights come out exactly): layer 0 first;
 * within a layer the weight matrix, then that layer's biases (if the bias init draws).
 * "order" says how the random numbers fill the matrix:
 * - "in_out" (default): as numpy/Keras shape (fan_in, units), row by row, i.e.
 *   i outer, j inner. Report 004's `synapse_0 = 2*np.random.random((3,4)) - 1`
 *   is W[0][j][i] = synapse_0[i][j].
 * - "out_in": as PyTorch's / report 002's shape (units, fan_in), i.e. j outer, i inner:
 *   W[l][j][i] = U[j][i].
 * With "bias_as_input": true the bias is drawn as one more weight, from a constant-1
 * input placed after the real inputs, from the same distribution: report 002's
 * U (h−1 × 2, column 1 the bias) and V (1 × h, last entry the bias) with "out_in".
 */
import { fanIn, paramsFromJSON } from '../net/params.ts';
import type { Rng, Seed } from '../random/rng.ts';
import type { RngStreams } from '../random/streams.ts';
import type { NetworkSpec, Params } from '../types.ts';

export type InitOrder = 'in_out' | 'out_in';

interface DrawnCommon {
  order?: InitOrder;
  /** restart the init stream from this seed first (numpy: np.random.seed(seed) again before drawing weights) */
  seed?: Seed;
}

export type DrawnInitConfig = DrawnCommon &
  (
    | { kind: 'zeros' }
    | { kind: 'constant'; value: number }
    | { kind: 'uniform'; low: number; high: number }
    | { kind: 'normal'; mean?: number; std: number }
    | { kind: 'he_normal' }
    | { kind: 'he_uniform' }
    | { kind: 'glorot_uniform' }
    | { kind: 'glorot_normal' }
  );

export type InitConfig =
  | { kind: 'explicit'; weights: number[][][]; biases: number[][] }
  | (DrawnInitConfig & {
      /** how the biases start (default zeros); drawn after each layer's weights */
      biases?: DrawnInitConfig;
      /** draw each bias as one more weight, from a constant-1 last input (report 002) */
      bias_as_input?: boolean;
    });

export const INIT_KINDS = [
  'explicit', 'zeros', 'constant', 'uniform', 'normal', 'he_normal', 'he_uniform', 'glorot_uniform', 'glorot_normal',
] as const;

type Draw = () => number;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function num(cfg: Record<string, unknown>, key: string, field: string): number {
  const v = cfg[key];
  if (!isNumber(v)) throw new Error(`${field}.${key}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

/** A function that draws one value for layer l, checked once here so drawing cannot fail. */
function sampler(cfg: DrawnInitConfig, fanInL: number, fanOutL: number, rng: () => Rng, field: string): Draw {
  const c = cfg as unknown as Record<string, unknown>;
  switch (cfg.kind) {
    case 'zeros':
      return () => 0;
    case 'constant': {
      const value = num(c, 'value', field);
      return () => value;
    }
    case 'uniform': {
      const low = num(c, 'low', field);
      const high = num(c, 'high', field);
      if (!(high >= low)) throw new Error(`${field}.high: expected a number >= low (${low}), got ${high}`);
      return () => rng().uniform(low, high);
    }
    case 'normal': {
      const mean = c.mean === undefined ? 0 : num(c, 'mean', field);
      const std = num(c, 'std', field);
      if (std < 0) throw new Error(`${field}.std: expected a number >= 0, got ${std}`);
      return () => rng().normal(mean, std);
    }
    case 'he_normal': {
      const std = Math.sqrt(2 / fanInL); // He et al. 2015: Var = 2 / fan_in
      return () => rng().normal(0, std);
    }
    case 'he_uniform': {
      const limit = Math.sqrt(6 / fanInL);
      return () => rng().uniform(-limit, limit);
    }
    case 'glorot_uniform': {
      const limit = Math.sqrt(6 / (fanInL + fanOutL)); // Glorot & Bengio 2010: Var = 2 / (fan_in + fan_out)
      return () => rng().uniform(-limit, limit);
    }
    case 'glorot_normal': {
      const std = Math.sqrt(2 / (fanInL + fanOutL));
      return () => rng().normal(0, std);
    }
    default:
      throw new Error(
        `${field}.kind: expected one of ${INIT_KINDS.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify((cfg as { kind?: unknown }).kind)}`,
      );
  }
}

function checkOrder(order: unknown, field: string): InitOrder {
  if (order === undefined) return 'in_out';
  if (order === 'in_out' || order === 'out_in') return order;
  throw new Error(`${field}.order: expected "in_out" or "out_in", got ${JSON.stringify(order)}`);
}

function isStreams(source: RngStreams | Rng): source is RngStreams {
  return typeof (source as RngStreams).stream === 'function';
}

/**
 * The starting parameters of `spec` under `init`. `rng` is the session's streams (the
 * "init" stream is used, restarted from init.seed if given) or a generator to draw from
 * directly (then init.seed is the caller's business). Bad configs throw an Error naming
 * the field under `field` (e.g. "experiment.init.std: expected a number >= 0, got -1").
 */
export function initParams(spec: NetworkSpec, init: InitConfig, rng: RngStreams | Rng, field = 'init'): Params {
  if (init === null || typeof init !== 'object') throw new Error(`${field}: expected an object with a "kind"`);
  if (init.kind === 'explicit') {
    try {
      return paramsFromJSON(spec, { weights: init.weights, biases: init.biases });
    } catch (e) {
      throw new Error(`${field}.${(e as Error).message}`);
    }
  }
  const order = checkOrder(init.order, field);
  const biasInit: DrawnInitConfig = init.biases ?? { kind: 'zeros' };
  if (init.biases !== undefined) {
    if (init.bias_as_input) throw new Error(`${field}.biases: not allowed with "bias_as_input": true (the biases are drawn as weights)`);
    if (biasInit === null || typeof biasInit !== 'object') throw new Error(`${field}.biases: expected an init object such as {"kind": "zeros"}`);
    if ((biasInit.kind as string) === 'explicit') throw new Error(`${field}.biases.kind: give explicit biases with an explicit init`);
    if (biasInit.seed !== undefined) throw new Error(`${field}.biases.seed: give the seed on ${field} itself (one stream draws weights and biases)`);
  }
  // the stream is taken at the first draw, so zeros/constant leave numpy's global stream where it was
  let drawing: Rng | undefined;
  const source = (): Rng => (drawing ??= isStreams(rng) ? rng.stream('init', init.seed, `${field}.seed`) : rng);

  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l < spec.layers.length; l++) {
    const units = spec.layers[l].units;
    const nIn = fanIn(spec, l);
    const hasBias = spec.layers[l].bias;
    const drawW = sampler(init, nIn, units, source, field);
    const Wl = new Float64Array(units * nIn);
    const bl = new Float64Array(hasBias ? units : 0);
    // the matrix as drawn has one more input (the constant 1) when biases are drawn as weights
    const cols = init.bias_as_input && hasBias ? nIn + 1 : nIn;
    const put = (j: number, i: number, v: number): void => {
      if (i < nIn) Wl[j * nIn + i] = v;
      else bl[j] = v;
    };
    if (order === 'in_out') {
      for (let i = 0; i < cols; i++) for (let j = 0; j < units; j++) put(j, i, drawW());
    } else {
      for (let j = 0; j < units; j++) for (let i = 0; i < cols; i++) put(j, i, drawW());
    }
    if (hasBias && !init.bias_as_input) {
      const drawB = sampler(biasInit, nIn, units, source, `${field}.biases`);
      for (let j = 0; j < units; j++) bl[j] = drawB();
    }
    W.push(Wl);
    b.push(bl);
  }
  return { W, b };
}
