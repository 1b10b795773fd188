/**
 * The random streams of one session, made from its `"rng"` kind and `"seed"`.
 *
 * Draw order (the contract that makes numpy notebooks reproducible): a session
 * draws its data first (`buildData`, stream "data"), then its starting weights
 * layer by layer (`initParams`, stream "init"), then the shuffles of training
 * (stream "shuffle"), each epoch in turn.
 *
 * - "seedrandom": each purpose has its own independent stream, seeded from
 *   "<seed>/<purpose>", so changing e.g. the batch size or the init never changes
 *   the data. A config's own seed restarts that purpose's stream from "<its seed>/<purpose>".
 * - "numpy": like a notebook, one global stream `np.random.seed(seed)` serves every
 *   purpose in the order above; a config's own seed is `np.random.seed(its seed)`
 *   called again just before that config draws (and what follows continues from there).
 * - "numpy_default_rng": one `rng = np.random.default_rng(seed)` serves every purpose
 *   in the order above; a config's own seed gives that config its own
 *   `np.random.default_rng(its seed)`, leaving the shared one untouched.
 */
import { NumpyLegacyRng } from './mt19937.ts';
import { NumpyGeneratorRng } from './pcg64.ts';
import type { Rng, RngKind, Seed } from './rng.ts';
import { RNG_KINDS } from './rng.ts';
import { SeedrandomRng } from './seedrandom-rng.ts';

export type StreamPurpose = 'data' | 'init' | 'shuffle' | (string & {});

export interface RngStreams {
  readonly kind: RngKind;
  readonly seed: Seed;
  /**
   * The generator for one purpose. Called again with the same purpose and no seed,
   * it returns the same generator, which continues where it was.
   * `seed` restarts as described above; `field` names it in error messages (e.g. "experiment.data.seed").
   */
  stream(purpose: StreamPurpose, seed?: Seed, field?: string): Rng;
}

function describe(seed: Seed): string {
  return typeof seed === 'string' ? JSON.stringify(seed) : String(seed);
}

/** A numpy seed: a non-negative integer, as a number or a string of digits (for seeds beyond 2^53). */
function integerSeed(seed: Seed, field: string, what: string): bigint {
  if (typeof seed === 'number') {
    if (Number.isSafeInteger(seed) && seed >= 0) return BigInt(seed);
    const hint = Number.isInteger(seed) && seed > 0 ? ' (write seeds above 2^53 as a string of digits)' : '';
    throw new Error(`${field}: ${what} takes an integer seed >= 0, got ${describe(seed)}${hint}`);
  }
  const text = seed.trim();
  if (/^[0-9]+$/.test(text)) return BigInt(text);
  throw new Error(`${field}: ${what} takes an integer seed >= 0, got ${describe(seed)}`);
}

function legacySeed(seed: Seed, field: string): number {
  const n = integerSeed(seed, field, 'the "numpy" generator (np.random.seed)');
  if (n > 0xffffffffn) throw new Error(`${field}: np.random.seed takes a seed from 0 to 4294967295, got ${describe(seed)}`);
  return Number(n);
}

function checkSeed(seed: unknown, field: string): asserts seed is Seed {
  const ok = (typeof seed === 'number' && Number.isFinite(seed)) || (typeof seed === 'string' && seed.length > 0);
  if (!ok) throw new Error(`${field}: expected an integer or a non-empty string, got ${JSON.stringify(seed)}`);
}

/** The streams for a session with `"rng": kind` and `"seed": seed`. Throws a message naming `field` on a bad seed. */
export function createRngStreams(kind: RngKind = 'seedrandom', seed: Seed = 0, field = 'seed'): RngStreams {
  if (!RNG_KINDS.includes(kind)) {
    throw new Error(`rng: expected one of ${RNG_KINDS.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify(kind)}`);
  }
  checkSeed(seed, field);
  if (kind === 'seedrandom') {
    const byPurpose = new Map<string, Rng>();
    return {
      kind,
      seed,
      stream(purpose, ownSeed, ownField = `${purpose}.seed`) {
        if (ownSeed !== undefined) {
          checkSeed(ownSeed, ownField);
          const rng = new SeedrandomRng(`${ownSeed}/${purpose}`);
          byPurpose.set(purpose, rng);
          return rng;
        }
        let rng = byPurpose.get(purpose);
        if (!rng) {
          rng = new SeedrandomRng(`${seed}/${purpose}`);
          byPurpose.set(purpose, rng);
        }
        return rng;
      },
    };
  }
  if (kind === 'numpy') {
    const global = new NumpyLegacyRng(legacySeed(seed, field));
    return {
      kind,
      seed,
      stream(purpose, ownSeed, ownField = `${purpose}.seed`) {
        if (ownSeed !== undefined) {
          checkSeed(ownSeed, ownField);
          global.reseed(legacySeed(ownSeed, ownField));
        }
        return global;
      },
    };
  }
  const shared = new NumpyGeneratorRng(integerSeed(seed, field, 'np.random.default_rng'));
  const own = new Map<string, Rng>();
  return {
    kind,
    seed,
    stream(purpose, ownSeed, ownField = `${purpose}.seed`) {
      if (ownSeed !== undefined) {
        checkSeed(ownSeed, ownField);
        const rng = new NumpyGeneratorRng(integerSeed(ownSeed, ownField, 'np.random.default_rng'));
        own.set(purpose, rng);
        return rng;
      }
      return own.get(purpose) ?? shared;
    },
  };
}
