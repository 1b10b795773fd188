import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { decodePixels, PACKAGE_VALUE, packageValues, toPixels } from '../src-core/data/mnist-bytes';
import { encodeDigitFile } from './vite-mnist-digits';

const dir = path.dirname(createRequire(import.meta.url).resolve('mnist/src/digits/0.json'));

describe('MNIST digits in compact form', () => {
  it('grey level p is the package number round(p/255, 3 decimals)', () => {
    expect(PACKAGE_VALUE[0]).toBe(0);
    expect(PACKAGE_VALUE[255]).toBe(1);
    expect(PACKAGE_VALUE[51]).toBe(0.2); // 51/255 = 0.2 exactly
    expect(PACKAGE_VALUE[159]).toBe(0.624); // 0.62352… → 0.624, as in 0.json
  });

  it('refuses a number that is not a grey level', () => {
    expect(() => toPixels([0, 0.5], 'x.json')).toThrow('x.json: value 1 is 0.5, not a grey level /255 rounded to 3 decimals');
  });

  // every one of the 7 840 000 numbers comes back bit for bit through build-time encoding and worker decoding
  for (let d = 0; d < 10; d++) {
    it(`digit class ${d}: encode → decode gives exactly the package's numbers`, async () => {
      const file = path.join(dir, `${d}.json`);
      const original = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
      const text = encodeDigitFile(file, d);
      expect(text.length).toBeLessThan(400_000); // vs ~2 MB of JSON
      const decoded = packageValues(await decodePixels(text));
      expect(decoded.length).toBe(original.length);
      let differing = 0;
      for (let k = 0; k < original.length; k++) if (!Object.is(decoded[k], original[k])) differing++;
      expect(differing).toBe(0);
    });
  }
});
