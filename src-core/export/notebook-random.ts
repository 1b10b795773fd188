/**
 * The notebook's data and starting weights drawn with numpy's own generators,
 * exactly as the session draws them (docs/data-and-init.md): the same calls in
 * the same order, so the same numbers come out.
 *
 *   "rng": "numpy"              np.random.seed(seed), then np.random.uniform / normal / random
 *   "rng": "numpy_default_rng"  rng = np.random.default_rng(seed), then rng.uniform / normal / random
 *
 * A config's own "seed" restarts numpy's global stream (legacy) or gives the
 * config its own generator (default_rng). Draw order: the data, then the
 * weights layer by layer (each layer's matrix, then its biases).
 *
 * Each function returns null where the notebook cannot draw the same numbers
 * with numpy (the seedrandom generator, random terms in an expression, other
 * data kinds); the caller then writes the values inline.
 */
import type { RngKind, Seed } from '../random/rng';
import type { NetworkSpec } from '../types';
import type { Experiment } from '../session/schema';
import { fanIn } from '../net/params';
import { parseExpression } from '../data/expression';
import { py } from './python';

export interface Draws {
  rng: RngKind;
  seed: Seed;
}

const seedText = (s: Seed) => (typeof s === 'number' ? String(s) : s.trim());

/** The session's generator, set up: "np.random.seed(1)" / "rng = np.random.default_rng(…)". */
function sessionSetup(d: Draws): { setup: string; gen: string } {
  return d.rng === 'numpy' ? { setup: `np.random.seed(${seedText(d.seed)})`, gen: 'np.random' } : { setup: `rng = np.random.default_rng(${seedText(d.seed)})`, gen: 'rng' };
}

/** A config's generator: its own seed restarts (legacy) or owns one (default_rng); else the session's. */
function configSetup(d: Draws, own: Seed | undefined, purpose: string, sessionReady: boolean): { setup: string; gen: string } | null {
  if (own !== undefined) {
    return d.rng === 'numpy'
      ? { setup: `np.random.seed(${seedText(own)})  # the ${purpose}'s own seed restarts numpy's stream`, gen: 'np.random' }
      : { setup: `rng_${purpose} = np.random.default_rng(${seedText(own)})  # the ${purpose}'s own generator`, gen: `rng_${purpose}` };
  }
  const s = sessionSetup(d);
  return sessionReady ? { setup: '', gen: s.gen } : s;
}

const PY_FUNCS: Record<string, string> = {
  sin: 'np.sin', cos: 'np.cos', tan: 'np.tan', asin: 'np.arcsin', acos: 'np.arccos', atan: 'np.arctan', exp: 'np.exp',
  log: 'np.log', ln: 'np.log', log10: 'np.log10', sqrt: 'np.sqrt', abs: 'np.abs', tanh: 'np.tanh', floor: 'np.floor',
  ceil: 'np.ceil', round: 'np.round', pow: 'power', sigmoid: 'sigmoid_', min: 'np.minimum', max: 'np.maximum', pi: 'np.pi', e: 'np.e', x: 'x',
};

/** The expression language (a Python subset) as numpy code: names mapped, ^ as **. Null for a name it does not know. */
export function expressionToNumpy(src: string): string | null {
  let unknown = false;
  const out = src
    .replace(/\b(?:np|numpy|math)\.(?:random\.)?/g, '')
    .replace(/\^/g, '**')
    .replace(/[A-Za-z_][A-Za-z_0-9]*/g, (name, at: number, all: string) => {
      if (/\d/.test(all[at - 1] ?? '') && /^e\d*$/i.test(name)) return name; // the exponent of 1e-3
      const mapped = PY_FUNCS[name];
      if (!mapped) unknown = true;
      return mapped ?? name;
    });
  return unknown ? null : out;
}

/** True when the data kind draws no random numbers (so the weights' stream starts fresh after it). */
function drawsNothing(e: Experiment): boolean {
  const k = (e.data as { kind: string }).kind;
  return k === 'inline' || k === 'truth_table';
}

/** Python that sets X_train, Y_train, X_test, Y_test, or null (then the data is written inline). */
export function dataCode(e: Experiment, d: Draws, spec: NetworkSpec): string | null {
  if (d.rng === 'seedrandom') return null;
  const cfg = e.data as { kind: string; expr?: string; interval?: [number, number]; n_train?: number; n_test?: number; sampling?: string; noise?: { std: number }; noise_test?: boolean; seed?: Seed };
  if (cfg.kind !== 'function' || !cfg.expr || !cfg.interval || spec.inputs !== 1) return null;
  let random = true;
  try {
    random = parseExpression(cfg.expr, ['x']).random;
  } catch {
    return null;
  }
  const f = expressionToNumpy(cfg.expr);
  if (random || f === null) return null;
  const g = configSetup(d, cfg.seed, 'data', false)!;
  const [lo, hi] = cfg.interval;
  const nTrain = cfg.n_train ?? 0;
  const nTest = cfg.n_test ?? 0;
  const std = cfg.noise?.std ?? 0;
  const sampling = cfg.sampling ?? 'random';
  const draw = (n: number) =>
    sampling === 'grid'
      ? `np.linspace(${py(lo)}, ${py(hi)}, ${n})`
      : sampling === 'random'
        ? `${g.gen}.uniform(${py(lo)}, ${py(hi)}, size=${n})`
        : `(${g.gen}.${d.rng === 'numpy' ? 'random_sample' : 'random'}(${n}) - 0.5) * ${py(hi - lo)} + ${py((lo + hi) / 2)}`;
  const c: string[] = [
    `# y = ${cfg.expr} on [${py(lo)}, ${py(hi)}], ${sampling === 'grid' ? 'evenly spaced' : sampling === 'random' ? 'x uniform' : 'x = (u − 0.5)·width + centre'}`,
  ];
  if (g.setup) c.push(g.setup);
  if (f.includes('power(')) c.push('def power(a, b):', '    return a * a if b == 2 else np.power(a, b)');
  if (f.includes('sigmoid_(')) c.push('def sigmoid_(t):', '    return 1 / (1 + np.exp(-t))');
  c.push('def f(x):', `    return ${f}`);
  c.push(`x_train = ${draw(nTrain)}`, nTest > 0 ? `x_test = ${draw(nTest)}` : 'x_test = None');
  c.push(`y_train = f(x_train)${std > 0 ? ` + ${g.gen}.normal(0.0, ${py(std)}, size=${nTrain})  # noise on the targets` : ''}`);
  if (nTest > 0) c.push(`y_test = f(x_test)${std > 0 && cfg.noise_test ? ` + ${g.gen}.normal(0.0, ${py(std)}, size=${nTest})` : ''}`);
  c.push('X_train, Y_train = x_train.reshape(-1, 1), np.asarray(y_train, dtype=float).reshape(-1, 1)');
  c.push(nTest > 0 ? 'X_test, Y_test = x_test.reshape(-1, 1), np.asarray(y_test, dtype=float).reshape(-1, 1)' : 'X_test = Y_test = None');
  return c.join('\n');
}

interface DrawnCfg { kind: string; low?: number; high?: number; mean?: number; std?: number; value?: number }

/** numpy's call for `size` values of a drawn kind, or null for a kind that draws nothing. */
function sampler(cfg: DrawnCfg, gen: string, fanInL: number, fanOutL: number, size: string): string | null {
  switch (cfg.kind) {
    case 'uniform': return `${gen}.uniform(${py(cfg.low!)}, ${py(cfg.high!)}, size=${size})`;
    case 'normal': return `${gen}.normal(${py(cfg.mean ?? 0)}, ${py(cfg.std!)}, size=${size})`;
    case 'he_normal': return `${gen}.normal(0.0, ${py(Math.sqrt(2 / fanInL))}, size=${size})  # std √(2/fan_in)`;
    case 'he_uniform': { const l = Math.sqrt(6 / fanInL); return `${gen}.uniform(${py(-l)}, ${py(l)}, size=${size})  # ±√(6/fan_in)`; }
    case 'glorot_uniform': { const l = Math.sqrt(6 / (fanInL + fanOutL)); return `${gen}.uniform(${py(-l)}, ${py(l)}, size=${size})  # ±√(6/(fan_in + fan_out))`; }
    case 'glorot_normal': return `${gen}.normal(0.0, ${py(Math.sqrt(2 / (fanInL + fanOutL)))}, size=${size})  # std √(2/(fan_in + fan_out))`;
    default: return null;
  }
}

/**
 * Python that appends every layer's W[l], b[l], drawn with numpy, or null
 * (then the caller writes the values inline). `dataDrawn`: the data cell drew
 * from the session's generator already.
 */
export function initCode(e: Experiment, d: Draws, spec: NetworkSpec, dataDrawn: boolean): string | null {
  if (d.rng === 'seedrandom') return null;
  const init = e.init as DrawnCfg & { order?: string; bias_as_input?: boolean; biases?: DrawnCfg; seed?: Seed };
  if (!sampler(init, 'g', 1, 1, '1')) return null;
  // the weights' stream must be where the session's is: restarted by their own seed, or right after the data
  if (init.seed === undefined && !dataDrawn && !drawsNothing(e)) return null;
  const g = configSetup(d, init.seed, 'init', dataDrawn && init.seed === undefined)!;
  const inOut = (init.order ?? 'in_out') === 'in_out';
  const c: string[] = [`# ${init.kind}, ${inOut ? 'drawn as a (fan_in, units) matrix, row by row (numpy / Keras): W[l] is its transpose' : 'drawn as a (units, fan_in) matrix (PyTorch)'}${init.bias_as_input ? '; the bias is drawn as one more weight, from a constant-1 input' : ''}`];
  if (g.setup) c.push(g.setup);
  spec.layers.forEach((layer, l) => {
    const nIn = fanIn(spec, l);
    const cols = init.bias_as_input && layer.bias ? nIn + 1 : nIn;
    const size = inOut ? `(${cols}, ${layer.units})` : `(${layer.units}, ${cols})`;
    c.push(`A = ${sampler(init, g.gen, nIn, layer.units, size)}`);
    c.push(inOut ? `W.append(A[:${nIn}].T.copy())` : `W.append(A[:, :${nIn}].copy())`);
    if (!layer.bias) c.push('b.append(np.zeros(0))');
    else if (init.bias_as_input) c.push(inOut ? `b.append(A[${nIn}].copy())` : `b.append(A[:, ${nIn}].copy())`);
    else {
      const bi = init.biases ?? { kind: 'zeros' };
      const drawn = sampler(bi, g.gen, nIn, layer.units, String(layer.units));
      c.push(`b.append(${drawn ?? (bi.kind === 'constant' ? `np.full(${layer.units}, ${py(bi.value!)})` : `np.zeros(${layer.units})`)})`);
    }
  });
  return c.join('\n');
}
