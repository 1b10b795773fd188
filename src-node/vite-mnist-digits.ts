/**
 * Vite plugin (runs in Node at build/dev time): the virtual modules
 * `virtual:nnlab-mnist/0` … `/9`, each `export default "<base64>"` of the
 * gzip-compressed grey levels of one digit class of the `mnist` package
 * (mnist-bytes.ts). The worker imports them lazily (mnist-digits.ts), so each
 * is its own small chunk, fetched only for MNIST sessions. Nothing is
 * generated into the repository.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { toPixels } from '../src-core/data/mnist-bytes';

const PREFIX = 'virtual:nnlab-mnist/';

/** The package's digit class d, encoded (gzip level 9, base64). */
export function encodeDigitFile(file: string, d: number): string {
  const values = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
  return gzipSync(toPixels(values, `mnist ${d}.json`), { level: 9 }).toString('base64');
}

export function mnistDigits(): Plugin {
  const dir = () => path.dirname(createRequire(import.meta.url).resolve('mnist/src/digits/0.json'));
  const cache = new Map<number, string>();
  return {
    name: 'nnlab-mnist-digits',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const d = Number(id.slice(PREFIX.length + 1));
      if (!Number.isInteger(d) || d < 0 || d > 9) throw new Error(`${id.slice(1)}: no such digit class (0–9)`);
      let text = cache.get(d);
      if (text === undefined) cache.set(d, (text = encodeDigitFile(path.join(dir(), `${d}.json`), d)));
      return `export default ${JSON.stringify(text)};`;
    },
  };
}
