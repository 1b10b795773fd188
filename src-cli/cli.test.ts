/**
 * The real command line, spawned as a user runs it: `node bin/nnlab.mjs ...`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nnlab, root, scratch } from './test-util';
import { parseSession } from '../src-core/session/session';

const lecture = 'src-cli/fixtures/lecture.nnlab';
const xor = 'src-cli/fixtures/xor-004.nnlab';
const tmp = scratch('nnlab-cli-');

describe('nnlab step', () => {
  it("--json on report 000's lecture net at lr 0.005: the hand-calculated update", () => {
    const r = nnlab('step', lecture, '--set', 'optimizer.lr=0.005', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // forward: n1 = relu(1·1 + 0·1 + 0.5) = 1.5, n2 = relu(1·0.5 + 0·(−1) + 0) = 0.5, out = relu(1.5 + 0.5 + 0.5) = 2.5
    expect(out.forward).toEqual([{ z: [[1.5, 0.5]], a: [[1.5, 0.5]] }, { z: [[2.5]], a: [[2.5]] }]);
    expect(out.loss).toBe(0.25); // (2.5 − 2)²
    // dL/dout = 2(2.5 − 2) = 1; dL/dw5 = 1 · n1 = 1.5, dL/dw6 = 1 · n2 = 0.5; hidden deltas 1 · w5 = 1, 1 · w6 = 1
    expect(out.gradients).toEqual({ weights: [[[1, 0], [1, 0]], [[1.5, 0.5]]], biases: [[1, 1], [1]] });
    expect(out.before).toEqual({ weights: [[[1, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] });
    // w' = w − 0.005 · grad: 1 − 0.005 = 0.995, 1 − 0.0075 = 0.9925, 1 − 0.0025 = 0.9975
    expect(out.after.weights).toEqual([[[0.995, 1], [0.495, -1]], [[0.9925, 0.9975]]]);
    expect(out.after.biases).toEqual([[0.495, -0.005], [0.495]]);
  });

  it('prints a readable table of old and new values without --json', () => {
    const r = nnlab('step', lecture, '--set', 'optimizer.lr=0.005');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('loss = 0.25');
    expect(r.stdout).toMatch(/W\[1\]\[0\]\[0\] +1 +1\.5 +0\.9925/);
    expect(r.stdout).toMatch(/b\[0\]\[1\] +0 +1 +-0\.005/);
  });
});

describe('nnlab step --run', () => {
  const points = 'assets/examples/000-lecture-relu-net-starting-points.nnlab';
  it("makes a saved run's first update from its own starting weights, as run --run ID --epochs 1 does", () => {
    const r = nnlab('step', points, '--run', 'small-high', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const saved = JSON.parse(readFileSync(join(root, points), 'utf8')).runs.find((x: { id: string }) => x.id === 'small-high');
    expect(out.before).toEqual({ weights: saved.overrides['init.weights'], biases: saved.overrides['init.biases'] });
    expect(out.before.biases).toEqual([[3, 0.5], [3]]);
    const run = JSON.parse(nnlab('run', points, '--run', 'small-high', '--epochs', '1', '--json').stdout);
    expect(out.after).toEqual(run.params);
    // --set applies after the run's overrides
    const set = JSON.parse(nnlab('step', points, '--run', 'small-high', '--set', 'init.biases=[[0,0],[0]]', '--json').stdout);
    expect(set.before.biases).toEqual([[0, 0], [0]]);
  });

  it('an unknown run is refused with the runs the file has', () => {
    const r = nnlab('step', points, '--run', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^nnlab step: --run "nope": no such run in the file \(its runs: "small-small", /);
  });
});

describe('nnlab run', () => {
  it("report 004's XOR net at lr 10: mean absolute error every 10 000 epochs as numpy gives it", () => {
    const r = nnlab('run', xor, '--every', '10000', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('completed');
    expect(out.epochs_run).toBe(60000);
    expect(out.diverged_at).toBe(null);
    expect(out.history.epoch).toEqual([0, 10000, 20000, 30000, 40000, 50000, 60000]);
    // The report prints 0.49641003190272537 at step 0; numpy's mean and exp may differ in the last bit.
    expect(out.history.train_mae[0]).toBeCloseTo(0.49641003190272537, 15);
    // numpy: report 004's loop at alpha = 10 for 60 000 steps (src-cli/xor_004_reference.py)
    const numpy = [0.4964100319027255, 0.00312938876301183, 0.0021445955798521776, 0.0017239754995622284, 0.0014782145122907999,
      0.001312740628335673, 0.0011918006535252402];
    out.history.train_mae.forEach((v: number, k: number) => expect(Math.abs(v - numpy[k]) / numpy[k]).toBeLessThan(1e-11));
    // final synapse_1ᵀ from numpy
    const w1 = [-8.584857882446586, 10.178629695950107, -14.876018855092404, 7.570261214821555];
    out.params.weights[1][0].forEach((v: number, i: number) => expect(v).toBeCloseTo(w1[i], 10));
    expect(out.params.biases).toEqual([[], []]);
  });

  it('prints the table, the engine time and the final parameters without --json', () => {
    const r = nnlab('run', xor, '--every', '20000');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ *epoch +train_loss +train_mae/);
    const time = /completed: 60000 epochs in ([\d.]+) s \(engine time/.exec(r.stdout);
    expect(time).not.toBe(null);
    console.log(`report 004, 60 000 epochs of the 3-4-1 net: ${time![1]} s of engine time`);
    expect(r.stdout).toMatch(/\n20000  /);
    expect(r.stdout).toContain('W[1][0][3]');
  });

  it('--write saves the run, and continuing it gives the numbers of one longer run', () => {
    const out = join(tmp.dir, 'with-run.nnlab');
    const r = nnlab('run', lecture, '--epochs', '3', '--set', 'optimizer.lr=0.02', '--json', '--write', out);
    expect(r.code).toBe(0);
    const saved = parseSession(readFileSync(out, 'utf8'));
    if (!saved.ok) throw new Error(saved.errors.join('\n'));
    const run = saved.session.runs![1];
    expect(run).toMatchObject({ id: 'lr-0.02_epochs-3', overrides: { 'optimizer.lr': 0.02, epochs: 3 }, status: 'completed', epochs_run: 3 });
    expect((run.history as { train_loss: number[] }).train_loss).toEqual(JSON.parse(r.stdout).history.train_loss);
    expect(saved.session.view).toEqual({ panel: 'math', zoom: 1.5 }); // unknown fields kept
    // the saved run's overrides replayed with --run
    const again = nnlab('run', out, '--run', 'lr-0.02_epochs-3', '--json');
    expect(JSON.parse(again.stdout).params).toEqual(JSON.parse(r.stdout).params);
  });

  it('--json history.grad_norm: per layer, the gradient norm of each reported epoch (report 000: √4, √3.5 at epoch 0)', () => {
    const r = nnlab('run', lecture, '--set', 'optimizer.lr=0.005', '--epochs', '2', '--json');
    const out = JSON.parse(r.stdout);
    expect(out.history.epoch).toEqual([0, 1, 2]);
    // epoch 0: layer 0's gradient (1, 0, 1, 0 | 1, 1) → 2; layer 1's (1.5, 0.5 | 1) → √3.5.
    // Epoch 1: dL/da = 0.9252 (gradnorm.test.ts) → layer 1: 0.9252·√(1.49² + 0.49² + 1). Epoch 2: no update yet → null.
    expect(out.history.grad_norm[0][0]).toBe(2);
    expect(out.history.grad_norm[1][0]).toBe(Math.sqrt(3.5));
    expect(out.history.grad_norm[1][1]).toBeCloseTo(1.7210212193, 10);
    expect(out.history.grad_norm.map((g: (number | null)[]) => g[2])).toEqual([null, null]);
  });

  it('a diverged run is a result: exit 0, status diverged, nulls for non-finite values', () => {
    // all-linear lecture net at lr 1: each step overshoots more, |w| grows like 10^(2^k)
    const linear = ['--set', 'network.layers[0].activation=linear', '--set', 'network.layers[1].activation=linear'];
    const r = nnlab('run', lecture, ...linear, '--set', 'optimizer.lr=1', '--epochs', '50', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('diverged');
    expect(out.diverged_at).toBe(7);
    expect(out.history.train_loss[0]).toBe(0.25);
    // the first value that went bad and the update that did it (a full batch: update k + 1 is epoch k's)
    expect(out.divergence).toMatchObject({ epoch: 7, batch: 0 });
    expect(out.divergence.update).toBe(out.divergence.phase === 'update' || out.divergence.phase === 'backward' ? 8 : 7);
    // no bare NaN or Infinity as a number (the strings of divergence.became are fine)
    expect(r.stdout).not.toMatch(/[:,[]\s*-?(NaN|Infinity)/);
  });
});

describe('refused input: exit code 2, the reason on stderr, no stack trace', () => {
  const cases: [string[], string][] = [
    [['frobnicate', lecture], 'nnlab: unknown command "frobnicate" (expected run, step, validate or analyze; see nnlab --help)\n'],
    [['run'], 'nnlab run: missing the session FILE (see nnlab --help)\n'],
    [['run', lecture, '--epochs', 'ten'], 'nnlab run: --epochs expected an integer >= 0, got "ten"\n'],
    [['run', lecture, '--every', '0'], 'nnlab run: --every expected an integer >= 1, got "0"\n'],
    [['step', lecture, '--every', '2'], 'nnlab step: unknown option --every (its options: --run, --set, --json)\n'],
    [['run', lecture, '--set', 'optimizer.lr'], 'nnlab run: --set expected PATH=VALUE, got "optimizer.lr"\n'],
    [['run', 'no-such-file.nnlab'], 'nnlab run: cannot read no-such-file.nnlab: no such file\n'],
    [['run', lecture, '--set', 'optimizer.lrr=1'], 'optimizer.lrr: there is no field optimizer.lrr in the experiment\n'],
    [['step', lecture, '--set', 'optimizer.lr=-1'], 'optimizer.lr: expected a number >= 0, got -1\n'],
    [['run', lecture, '--set', 'network.layers[1].units=0'],
      'network.layers[1].units: expected an integer >= 1, got 0\n'],
    [['run', lecture, '--run', 'nope'], 'nnlab run: --run "nope": no such run in the file (its runs: "lr-0.25")\n'],
    [['run', lecture, '--write', '/no/such/folder/out.nnlab'], 'nnlab run: --write /no/such/folder/out.nnlab: the folder /no/such/folder does not exist\n'],
  ];
  it.each(cases)('nnlab %j', (args, stderr) => {
    const r = nnlab(...args);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('validate prints ok, or every problem of the file one per line', () => {
    expect(nnlab('validate', lecture)).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    const s = JSON.parse(readFileSync(join(root, lecture), 'utf8'));
    s.experiment.network.layers[0].activation = 'softmax';
    s.experiment.data.train.y = [[2, 3]];
    const bad = tmp.write('bad.nnlab', JSON.stringify(s));
    expect(nnlab('validate', bad)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'experiment.network.layers[0].activation: expected softmax only on the output layer (layer 1), got "softmax"\n' +
        'experiment.data.train.y[0]: expected 1 number (the output layer has 1 unit), got [2,3]\n',
    });
    const broken = tmp.write('broken.nnlab', '{\n  "format": "nnlab",\n  "version": 1,\n  "experiment": {,\n}');
    expect(nnlab('validate', broken)).toEqual({ code: 2, stdout: '', stderr: 'line 4, column 18: expected a property name in double quotes, found ","\n' });
  });

  it('--help prints the usage with exit 0; no arguments at all is exit 2', () => {
    const help = nnlab('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('nnlab run FILE [--run ID] [--epochs N] [--set PATH=VALUE]... [--every K] [--json] [--write OUT]');
    expect(nnlab().code).toBe(2);
  });
});
