export type { Rng, RngKind, Seed } from './rng.ts';
export { RNG_KINDS } from './rng.ts';
export { createRngStreams, type RngStreams, type StreamPurpose } from './streams.ts';
export { NumpyLegacyRng, Mt19937 } from './mt19937.ts';
export { NumpyGeneratorRng, Pcg64, seedSequenceState } from './pcg64.ts';
export { SeedrandomRng } from './seedrandom-rng.ts';
