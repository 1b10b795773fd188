import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramsToJSON } from '../net/params';
import { createTrainer, loadTrainer, resumeTrainer, runEntry } from './create';
import { applyOverrides } from './overrides';
import type { Experiment } from './schema';
import { parseSession, serializeSession } from './session';

const xorText = readFileSync(new URL('../../src-cli/fixtures/xor-004.nnlab', import.meta.url), 'utf8');
const parsed = parseSession(xorText);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const session = parsed.session;

function experimentWith(overrides: Record<string, unknown>): Experiment {
  const r = applyOverrides(session.experiment, overrides);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

describe('createTrainer', () => {
  it("draws report 004's starting weights from numpy's seed 1 (synapse_0 is inputs × units: in_out)", () => {
    const t = createTrainer(session.experiment);
    const p = paramsToJSON(t.opts.network, t.params);
    // np.random.seed(1); 2*np.random.random((3,4)) - 1, as printed in the report (8 digits); W[0][j][i] = synapse_0[i][j]
    const synapse0 = [[-0.16595599, 0.44064899, -0.99977125, -0.39533485], [-0.70648822, -0.81532281, -0.62747958, -0.30887855],
      [-0.20646505, 0.07763347, -0.16161097, 0.370439]];
    const synapse1 = [-0.5910955, 0.75623487, -0.94522481, 0.34093502];
    for (let j = 0; j < 4; j++) for (let i = 0; i < 3; i++) expect(p.weights[0][j][i]).toBeCloseTo(synapse0[i][j], 8);
    synapse1.forEach((w, j) => expect(p.weights[1][0][j]).toBeCloseTo(w, 8));
  });

  it('refuses a batch larger than the generated training set with a path', () => {
    expect(() => createTrainer({ ...session.experiment, batch_size: 5 })).toThrow(
      'experiment.batch_size: expected at most 4 (the training set has 4 samples) or "full", got 5',
    );
  });
});

describe('a saved run continues exactly', () => {
  // minibatches, reshuffling and momentum: every piece of state "continue" needs
  const cases: [string, Record<string, unknown>][] = [
    ['seedrandom', { rng: 'seedrandom', batch_size: 2, shuffle: true, optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9 } }],
    ['numpy', { rng: 'numpy', batch_size: 3, shuffle: true, optimizer: { kind: 'adam', lr: 0.05 } }],
  ];
  it.each(cases)('%s: 7 epochs, saved, reopened, 5 more = 12 at once', (_name, overrides) => {
    const experiment = experimentWith({ ...overrides, epochs: 12 });
    const straight = createTrainer(experiment);
    straight.runEpochs(12);

    const first = createTrainer(experiment);
    first.runEpochs(7);
    const entry = runEntry(first, { id: 'half', overrides: { ...overrides, epochs: 12 } });
    expect(entry.status).toBe('paused');
    expect(entry.epochs_run).toBe(7);
    const file = serializeSession({ ...session, runs: [entry] });

    const reopened = loadTrainer(file, 'half');
    if (!reopened.ok) throw new Error(reopened.errors.join('\n'));
    expect(reopened.trainer.epoch).toBe(7);
    reopened.trainer.runEpochs(5);
    expect(reopened.trainer.status).toBe('completed');
    expect(paramsToJSON(experimentNet(experiment), reopened.trainer.params)).toEqual(paramsToJSON(experimentNet(experiment), straight.params));
    expect(reopened.trainer.history.train_loss).toEqual(straight.history.train_loss);
    // Reset: a fresh trainer of the run's experiment
    expect(reopened.fresh().epoch).toBe(0);
  });

  it('resumeTrainer without saved state restarts from the saved params', () => {
    const t = createTrainer(session.experiment);
    t.runEpochs(3);
    const { state: _state, ...entry } = runEntry(t, { id: 'x' });
    const resumed = resumeTrainer(session.experiment, entry);
    expect(resumed.epoch).toBe(0);
    expect(Array.from(resumed.params.W[1])).toEqual(Array.from(t.params.W[1]));
  });

  it('loadTrainer names an unknown run', () => {
    expect(loadTrainer(xorText, 'nope')).toEqual({ ok: false, errors: ['runs: expected a run with id "nope", got none'] });
  });
});

function experimentNet(e: Experiment) {
  return createTrainer(e).opts.network;
}

describe('generated data through buildData', () => {
  it("report 004's table as a truth_table with a bias column trains exactly like the inline one", () => {
    const inline = createTrainer(session.experiment);
    const table = createTrainer(experimentWith({ data: { kind: 'truth_table', function: 'xor', bias_column: true } }));
    inline.runEpochs(100);
    table.runEpochs(100);
    expect(table.history.train_mae).toEqual(inline.history.train_mae);
  });

  it("passes buildData's refusals on with their path", () => {
    const bad = experimentWith({ data: { kind: 'function', expr: 'exp(y)', interval: [-5, 5], n_train: 10 }, 'network.inputs': 1 });
    expect(() => createTrainer(bad)).toThrow(/^experiment\.data\.expr: /);
  });
});
