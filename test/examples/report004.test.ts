/**
 * Report 004 (iamtrask's XOR, 3-4-1 sigmoid, np.random.seed(1)): the example's seven
 * runs reproduce the notebook's mean absolute errors every 10 000 steps from the seed
 * alone. Reference: src-core/train/fixtures/report004.json, made by report004.py (numpy).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example, nnlabJson, nnlabSpawnJson, pooled, root, runsOf } from './nnlab';

const file = '004-xor-seven-learning-rates.nnlab';
const numpy = JSON.parse(readFileSync(`${root}/src-core/train/fixtures/report004.json`, 'utf8')) as {
  synapse_0: number[][]; synapse_1: number[][]; mae: Record<string, number[]>;
};

describe('report 004: XOR at seven learning rates', () => {
  it('starts from the notebook\'s weights (np.random.seed(1), 2*random((3,4)) - 1)', async () => {
    const s = await nnlabSpawnJson('step', example(file));
    // synapse_0 is inputs × units: W[0][j][i] = synapse_0[i][j]
    s.before.weights[0].forEach((row: number[], j: number) => row.forEach((w, i) => expect(w).toBe(numpy.synapse_0[i][j])));
    s.before.weights[1][0].forEach((w: number, j: number) => expect(w).toBe(numpy.synapse_1[j][0]));
  }, 30_000);

  it('prints the report\'s errors: every alpha, every 10 000 steps', async () => {
    const runs = runsOf(file);
    expect(runs.map((r) => r.overrides['optimizer.lr'])).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
    const results = await pooled(runs, (r) => nnlabJson('run', example(file), '--run', r.id, '--every', '10000'));
    // the digits the report prints (its own printout, truncated where the text was cut off)
    const printed: Record<string, number[]> = {
      '0.001': [0.49641003190272537, 0.49516402549338606, 0.4935960431880486, 0.4916063585594306, 0.48910016654420474, 0.48597785784615843],
      '0.01': [0.49641003190272537, 0.45743107444190134, 0.35909720256339894, 0.2393581371589725, 0.14307065901337035, 0.09859642980892715],
      '0.1': [0.49641003190272537, 0.0428880170001158, 0.024098994228521613, 0.018110652146797846, 0.01498761627221092],
    };
    runs.forEach((r, k) => {
      const out = results[k];
      const alpha = String(r.overrides['optimizer.lr']);
      expect(out.status).toBe('completed');
      expect(out.history.epoch).toEqual([0, 10000, 20000, 30000, 40000, 50000, 60000]);
      // against numpy's run of the notebook loop. exp and the sums round differently in the last bit, and 60 000
      // steps carry that along: alphas 0.001 … 10 agree to 1e-13, alpha 100 (which never settles) to about 3e-11.
      const tolerance = alpha === '100' ? 1e-10 : 1e-13;
      out.history.train_mae.forEach((v: number, i: number) => expect(Math.abs(v - numpy.mae[alpha][i])).toBeLessThan(tolerance));
      // against the report's printout: the digits it prints, up to the last one or two
      (printed[alpha] ?? []).forEach((v, i) => expect(out.history.train_mae[i]).toBeCloseTo(v, 14));
    });
    // alpha 1000 saturates at 0.5, alpha 10 is the best after 10 000 steps
    expect(results[6].history.train_mae.slice(1)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const after10k = results.map((r) => r.history.train_mae[1]);
    expect(after10k.indexOf(Math.min(...after10k))).toBe(4);
  }, 180_000);
});
