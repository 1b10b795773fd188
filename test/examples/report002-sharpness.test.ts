/**
 * Report 002's (f1, h = 3, lr 1) run: the sharpness (largest eigenvalue of the
 * training loss's Hessian) from `nnlab analyze` — power iteration on exact
 * Hessian–vector products — against an independent numpy computation: the
 * notebook's training replayed in numpy, the full 7 × 7 Hessian by central
 * differences of the gradient, np.linalg.eigvalsh (sharpness002_reference.py
 * → sharpness002_reference.json). At epoch 600 it has passed 2/lr = 2: the
 * run oscillates from ~epoch 700 on (report002.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example, nnlabJson, nnlabSpawnJson, root } from './nnlab';

const ref = JSON.parse(readFileSync(`${root}/test/examples/sharpness002_reference.json`, 'utf8')) as { epochs: number[]; sharpness: number[] };
const file = example('002-basic-network-f1-f2.nnlab');

describe("report 002's (f1, 3, 1, 1000): sharpness against numpy", () => {
  ref.epochs.forEach((epoch, k) => {
    it(`epoch ${epoch}: ${ref.sharpness[k]} to 1e-6 relative`, async () => {
      const run = epoch === 300 ? nnlabSpawnJson : nnlabJson;
      const out = await run('analyze', file, '--run', 'f1-h3-lr1', '--epoch', String(epoch), '--sharpness');
      expect(out.epoch).toBe(epoch);
      expect(out.sharpness.converged).toBe(true);
      expect(Math.abs(out.sharpness.value - ref.sharpness[k]) / ref.sharpness[k]).toBeLessThan(1e-6);
      expect(out.sharpness_limit).toBe(2);
      expect(out.sharpness.two_over_sharpness).toBe(2 / out.sharpness.value);
      expect(out.sharpness.past_limit).toBe(ref.sharpness[k] > 2);
      expect(out.sharpness.top).toHaveLength(5);
    });
  });
});
