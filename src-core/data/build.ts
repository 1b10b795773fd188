/**
 * buildData: a session's `experiment.data` config → the training (and test) matrices.
 * Every kind is reproducible from the seed: generated kinds draw from the "data" stream
 * (restarted from the config's own `seed` if it has one), which a session draws first,
 * before the starting weights (see random/streams.ts).
 */
import type { Rng } from '../random/rng.ts';
import type { RngStreams } from '../random/streams.ts';
import type { DataSplit, NetworkSpec } from '../types.ts';
import { DATA_KINDS, type DataConfig } from './config.ts';
import { buildClassification2d } from './classification.ts';
import { buildExpressionData, buildFunctionData } from './generated.ts';
import { buildMnistData } from './mnist.ts';
import { buildCsvData } from './csv.ts';
import { buildInlineData, buildTruthTable } from './tables.ts';
import { checkAgainstNetwork, dataRng, show } from './util.ts';

/**
 * Builds the data of `cfg` for `network`. `rng` is the session's streams, or a generator to draw
 * from directly. A bad config throws an Error whose message starts with the field under `field`,
 * e.g. `data.n_train: expected an integer >= 1, got 0` or `data.expr: unknown name "y" at column 5`.
 */
export function buildData(cfg: DataConfig, network: NetworkSpec, rng: RngStreams | Rng, field = 'data'): DataSplit {
  if (cfg === null || typeof cfg !== 'object') throw new Error(`${field}: expected an object with a "kind", got ${show(cfg)}`);
  // the stream is taken at the first draw, so data that draws nothing leaves numpy's global stream alone
  let drawing: Rng | undefined;
  const seed = 'seed' in cfg ? cfg.seed : undefined;
  const source = (): Rng => (drawing ??= dataRng(rng, seed, field));
  let split: DataSplit;
  switch (cfg.kind) {
    case 'inline':
      return buildInlineData(cfg, network, field);
    case 'function':
      split = buildFunctionData(cfg, source, field);
      break;
    case 'expression':
      split = buildExpressionData(cfg, source, field);
      break;
    case 'truth_table':
      split = buildTruthTable(cfg, network, field);
      break;
    case 'classification_2d':
      split = buildClassification2d(cfg, network, source, field);
      break;
    case 'csv':
      split = buildCsvData(cfg, network, source, field);
      break;
    case 'mnist':
      split = buildMnistData(cfg, network, source, field);
      break;
    default:
      throw new Error(
        `${field}.kind: expected one of ${DATA_KINDS.map((k) => `"${k}"`).join(', ')}, got ${show((cfg as { kind?: unknown }).kind)}`,
      );
  }
  checkAgainstNetwork(split.train, network, field, `the ${cfg.kind === 'truth_table' ? 'truth table' : cfg.kind === 'classification_2d' ? '2-D classification set' : `${cfg.kind} data`}`);
  return split;
}
