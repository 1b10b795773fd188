/**
 * Report 002 (visualize-nn-learning, experiment 1A): data and starting weights from the
 * notebook's published seeds, so the errors come out as the report's. Reference numbers:
 * report002_reference.py (the notebook's math in numpy) → report002_reference.json.
 *
 * Which series is "the error after 1000 iterations"? The report's 0.0051, 0.0068, 0.0100,
 * 0.0121 (h = 2, 3, 5, 8 at lr 0.1) are the TEST errors; the training errors are
 * 0.0040, 0.0055, 0.0084, 0.0104.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example, nnlabJson, nnlabSpawnJson, pooled, root } from './nnlab';

const file = '002-basic-network-f1-f2.nnlab';
const ref = JSON.parse(readFileSync(`${root}/test/examples/report002_reference.json`, 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('report 002: f1 and f2 from the notebook\'s seeds', () => {
  it('(f1, h, 0.1, 1000) for h = 2, 3, 5, 8: test errors 0.0051, 0.0068, 0.0100, 0.0121 as the report prints', async () => {
    const hs = [2, 3, 5, 8];
    const runs = await pooled(hs, (h) =>
      (h === 3 ? nnlabSpawnJson : nnlabJson)('run', example(file), '--run', `f1-h${h}-lr0.1`, '--every', '1000'));
    const printed = ['0.0051', '0.0068', '0.0100', '0.0121'];
    hs.forEach((h, k) => {
      const out = runs[k];
      expect(out.status).toBe('completed');
      expect(out.history.epoch).toEqual([0, 1000]);
      const test = out.history.test_loss[1];
      const train = out.history.train_loss[1];
      expect(test.toFixed(4)).toBe(printed[k]);
      expect(rel(test, ref[`f1-h${h}-lr0.1`].test_final)).toBeLessThan(1e-9);
      expect(rel(train, ref[`f1-h${h}-lr0.1`].train_final)).toBeLessThan(1e-9);
      expect(out.params.weights[0].length).toBe(h - 1); // h counts the hidden bias unit
    });
  }, 120_000);

  it('(f1, 3, 1, 1000): follows numpy while stable, then oscillates after epoch ~745', async () => {
    const out = await nnlabJson('run', example(file), '--run', 'f1-h3-lr1');
    const test: number[] = out.history.test_loss;
    ref['f1-h3-lr1'].test_every_100_to_600.forEach((v: number, k: number) => expect(rel(test[100 * k], v)).toBeLessThan(1e-9));
    // From ~epoch 600 the oscillation amplifies last-bit differences (exp, summation order) between any
    // two implementations: numpy's best test epoch is 745 (0.000774), the report's figure says 755.
    expect(out.best.epoch).toBeGreaterThanOrEqual(735);
    expect(out.best.epoch).toBeLessThanOrEqual(760);
    expect(rel(out.best.test_loss, ref['f1-h3-lr1'].best_test)).toBeLessThan(0.01);
    expect(Math.max(...test.slice(800))).toBeGreaterThan(5 * out.best.test_loss);
  }, 60_000);

  it('(f1, 3, 2, 1000) climbs to 2.7e4; (f1, 3, 5, 1000) overflows at epoch 193', async () => {
    const [lr2, lr5] = await pooled(['f1-h3-lr2', 'f1-h3-lr5'], (id) => nnlabJson('run', example(file), '--run', id, '--every', '1000'));
    expect(lr2.status).toBe('completed');
    expect(rel(lr2.history.train_loss.at(-1), ref['f1-h3-lr2'].train_final)).toBeLessThan(1e-6);
    expect(lr2.history.train_loss.at(-1).toPrecision(2)).toBe('2.7e+4');
    expect(lr5.status).toBe('diverged');
    expect(lr5.diverged_at).toBe(ref['f1-h3-lr5'].first_nonfinite_epoch);
  }, 60_000);

  it('(f2, 8, 0.05, 10^4) ends at a test error of 1.0156; (f2, 8, 0.1, 1200) follows numpy until it oscillates', async () => {
    const [long, short] = await pooled(['f2-h8-lr0.05-10000', 'f2-h8-lr0.1-1200'], (id) => nnlabJson('run', example(file), '--run', id, '--every', '100'));
    expect(long.history.test_loss.at(-1).toFixed(4)).toBe('1.0156');
    expect(rel(long.history.test_loss.at(-1), ref['f2-h8-lr0.05-10000'].test_final)).toBeLessThan(1e-9);
    // stable part: to 1e-6. Epochs 100–300 amplify last-bit differences ~10⁹-fold: at epoch 100 we agree with
    // numpy to 1.6e-16 (Node's Math.sin/exp gave 1.3e-15), at 300 to 2.2e-7 (Math's: 2.9e-8) — which way a
    // difference lands there is luck. The report's 1.0889 is numpy's best test error before the oscillation
    // (epoch 1037): past epoch ~1000 the two runs part (we get 1.0859 at 1055)
    ref['f2-h8-lr0.1-1200'].test_every_100.slice(0, 10).forEach((v: number, k: number) => expect(rel(short.history.test_loss[k], v)).toBeLessThan(1e-6));
    expect(short.best.test_loss).toBeGreaterThan(1.08);
    expect(short.best.test_loss).toBeLessThan(1.09);
  }, 120_000);
});
