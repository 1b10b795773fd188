/**
 * The compact form the MNIST digits travel in to the Web Worker: one byte per
 * pixel (the 0–255 grey level), gzip-compressed, base64 text — about 260 kB
 * per digit class instead of the `mnist` package's 2 MB JSON, which the
 * browser had to compile as a JavaScript module (~1 s of the worker's time
 * for all ten; bench/README.md, MNIST).
 *
 * Exact: every number in the package is its pixel p as round(p/255, 3
 * decimals) (checked for all 7 840 000 values: mnist-bytes.test.ts), so
 * `PACKAGE_VALUE[p]` gives back the package's very numbers, and the data
 * the engine builds from them is the same bit for bit.
 *
 * Shared by the Vite plugin (Node, encodes at build time: vite-mnist-digits.ts)
 * and the worker (decodes: mnist-digits.ts).
 */

/** The package's number for grey level p: p/255 rounded to 3 decimals. */
export const PACKAGE_VALUE: Float64Array = Float64Array.from({ length: 256 }, (_, p) => Math.round((p / 255) * 1000) / 1000);

/** The package's numbers → grey levels, refusing a number that is not some round(p/255, 3). */
export function toPixels(values: ArrayLike<number>, where: string): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const p = Math.round(values[k] * 255);
    if (!(p >= 0 && p <= 255) || PACKAGE_VALUE[p] !== values[k]) throw new Error(`${where}: value ${k} is ${values[k]}, not a grey level /255 rounded to 3 decimals`);
    out[k] = p;
  }
  return out;
}

/** base64 text → gzip → grey levels (DecompressionStream: browsers, workers, Node ≥ 18). */
export async function decodePixels(base64: string): Promise<Uint8Array> {
  const bin = atob(base64);
  const gz = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) gz[k] = bin.charCodeAt(k);
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Grey levels → the package's numbers. */
export function packageValues(pixels: Uint8Array): Float64Array {
  const out = new Float64Array(pixels.length);
  for (let k = 0; k < pixels.length; k++) out[k] = PACKAGE_VALUE[pixels[k]];
  return out;
}
