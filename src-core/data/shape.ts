/**
 * The network shape a data config asks for: how many inputs and output units,
 * and whether its targets are classes. The app uses it to make the network
 * follow the data (asking first); buildData still checks everything.
 */
import type { DataConfig } from './config.ts';
import { csvShape } from './csv.ts';
import { MNIST_PIXELS } from './mnist.ts';

export interface DataShape {
  inputs: number;
  outputs: number;
  /** the targets are classes (one unit: 0/1; several: one-hot) */
  classes: boolean;
}

/**
 * `outputs` is the output layer's units now: kinds that take either one unit (0/1)
 * or two (one-hot) keep two when the network has two. Throws (naming the field) when
 * the config cannot say, e.g. a CSV whose text does not parse.
 */
export function dataShape(cfg: DataConfig, outputs: number, field = 'data'): DataShape {
  const twoClasses = outputs === 2 ? 2 : 1;
  switch (cfg.kind) {
    case 'inline':
      return { inputs: cfg.train?.x?.[0]?.length ?? 0, outputs: cfg.train?.y?.[0]?.length ?? 0, classes: false };
    case 'function':
      return { inputs: 1, outputs: 1, classes: false };
    case 'expression':
      return { inputs: Object.keys(cfg.inputs ?? {}).length, outputs: 1, classes: false };
    case 'truth_table':
      return { inputs: (cfg.inputs ?? 2) + (cfg.bias_column ? 1 : 0), outputs: twoClasses, classes: true };
    case 'classification_2d':
      return { inputs: 2, outputs: twoClasses, classes: true };
    case 'csv': {
      const s = csvShape(cfg, field);
      return { ...s, classes: cfg.target_encoding === 'one_hot' };
    }
    case 'mnist': {
      const n = cfg.classes?.length ?? 10;
      return { inputs: MNIST_PIXELS, outputs: n === 2 ? twoClasses : n, classes: true };
    }
  }
}
