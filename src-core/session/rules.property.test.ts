/**
 * One set of rules: for random networks and optimizers — good values, the
 * disputed ones (lr = 0, momentum ≥ 1, a negative leak, ε = 0) and nonsense —
 * the schema (validateExperiment, the file parser's and the panel's check),
 * `--set` (applyOverrides), the engine's own checks (checkSpec,
 * checkOptimizer) and the Trainer itself accept exactly the same ones and
 * say the same thing at the same path.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../net/network';
import { checkOptimizer } from '../optim/optimizers';
import { Trainer } from '../train/trainer';
import type { NetworkSpec, OptimizerConfig } from '../types';
import { trainerOptions } from './create';
import { applyOverrides, validateExperiment } from './overrides';
import { parseSession } from './session';
import { serializeSession } from './session';
import type { Experiment } from './schema';

const lecture = JSON.parse(readFileSync(new URL('../../src-cli/fixtures/lecture.nnlab', import.meta.url), 'utf8'));
/** the lecture's net and data, its weights drawn (so a hidden layer may change its units) */
const base: Experiment = (() => {
  const r = validateExperiment({ ...lecture.experiment, init: { kind: 'he_normal' } });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
})();
const baseOptions = trainerOptions(base);

const under = (prefix: string, errors: string[]) => errors.filter((e) => e.startsWith(prefix));
/** what the Trainer's constructor says about these options ([] when it accepts them) */
function trainerSays(opts: typeof baseOptions): string[] {
  try {
    new Trainer(opts);
    return [];
  } catch (e) {
    return (e as Error).message.split('\n');
  }
}

// ---------------------------------------------------------------- random configs

const odd = [NaN, Infinity, -Infinity, '0.1', null, true] as const;
const number = (...interesting: number[]) => fc.oneof(fc.constantFrom(...interesting), fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(...odd));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const optimizer: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    kind: fc.constant('sgd'),
    lr: number(0, -0, 0.01, 1, -1e-9),
    momentum: maybe(number(0, 0.5, 0.999, 1, 1.5, -0.1)),
    nesterov: maybe(fc.oneof(fc.boolean(), fc.constant('yes'))),
  }, { requiredKeys: ['kind', 'lr'] }),
  fc.record({
    kind: fc.constant('adam'),
    lr: number(0, 0.001, -1),
    beta1: maybe(number(0, 0.9, 1, -0.5)),
    beta2: maybe(number(0, 0.999, 1, 1.01)),
    eps: maybe(number(0, 1e-8, -1e-8)),
  }, { requiredKeys: ['kind', 'lr'] }),
  fc.record({ kind: fc.constantFrom('rmsprop', 7, undefined), lr: number(0.1) }),
);

const activation = fc.constantFrom('linear', 'relu', 'leaky_relu', 'sigmoid', 'tanh', 'softmax', 'swish', 3);
const layer = (units: fc.Arbitrary<unknown>) => fc.record({
  units,
  activation,
  bias: maybe(fc.oneof(fc.boolean(), fc.constant(1))),
  leak: maybe(number(0.01, 0, -0.5, -1, 2)),
}, { requiredKeys: ['units', 'activation'] });
/** the data fixes 2 inputs and 1 output: those change only to values no network may have */
const network: fc.Arbitrary<Record<string, unknown>> = fc.record({
  inputs: fc.constantFrom(2, 2, 0, -1, 1.5, 'two', 100_001),
  layers: fc.tuple(
    fc.array(layer(fc.constantFrom(1, 3, 0, 2.5, 'x', 100_001)), { maxLength: 2 }),
    layer(fc.constantFrom(1, 1, 0, 'one')),
  ).map(([hidden, out]) => [...hidden, out]),
});

// ---------------------------------------------------------------- the property

describe('the schema and the engine agree', () => {
  it('on random optimizers: validateExperiment, --set, checkOptimizer and the Trainer accept the same ones, with the same messages (2 000 cases)', () => {
    fc.assert(
      fc.property(optimizer, (opt) => {
        const schema = validateExperiment({ ...base, optimizer: opt });
        const engine = checkOptimizer(opt as OptimizerConfig);
        expect(engine.length === 0).toBe(schema.ok);
        expect(engine).toEqual(schema.ok ? [] : schema.errors);
        // --set optimizer=... (paths relative to the experiment, as the user wrote them)
        const set = applyOverrides(base, { optimizer: opt });
        expect(set.ok ? [] : set.errors).toEqual(engine.map((e) => e.replace(/^experiment\./, '')));
        expect(trainerSays({ ...baseOptions, optimizer: opt as OptimizerConfig })).toEqual(engine);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it('on random networks: validateExperiment and checkSpec accept the same ones, with the same messages; the Trainer too (2 000 cases)', () => {
    fc.assert(
      fc.property(network, (net) => {
        const schema = validateExperiment({ ...base, network: net });
        const engine = checkSpec(net as unknown as NetworkSpec);
        expect(engine.length === 0).toBe(schema.ok);
        expect(engine).toEqual(schema.ok ? [] : under('experiment.network', schema.errors));
        if (engine.length > 0) {
          expect(trainerSays({ ...baseOptions, network: net as unknown as NetworkSpec })).toEqual(engine);
        } else if (JSON.stringify((net.layers as { units: number }[]).map((l) => l.units)) === '[2,1]') {
          // the lecture's shape: its weights fit, so the Trainer takes every network the schema takes
          expect(trainerSays({ ...baseOptions, network: schema.ok ? trainerOptions(schema.value).network : baseOptions.network })).toEqual([]);
        }
      }),
      { numRuns: 2000, seed: 12 },
    );
  });
});

// ---------------------------------------------------------------- the disputed values

/** every way in: a file, a run's overrides, --set, the schema alone, the engine */
function everywhere(path: string, value: unknown, engine: () => string[]) {
  const exp = applyOverrides(base, { [path]: value });
  const file = structuredClone(lecture);
  file.experiment = { ...base };
  const put = parseSession(serializeSession({ ...file, experiment: exp.ok ? exp.value : base, runs: [{ id: 'r', status: 'paused', epochs_run: 0, overrides: { [path]: value } }] }));
  return { set: exp.ok ? [] : exp.errors, file: put.ok ? [] : put.errors, engine: engine() };
}

describe('the disputed ranges', () => {
  it('lr = 0 is accepted everywhere and freezes the weights (the gradients are still computed and shown)', () => {
    const said = everywhere('optimizer.lr', 0, () => checkOptimizer({ kind: 'sgd', lr: 0 }));
    expect(said).toEqual({ set: [], file: [], engine: [] });
    expect(checkOptimizer({ kind: 'adam', lr: 0 })).toEqual([]);
    for (const optimizer of [{ kind: 'sgd', lr: 0, momentum: 0.9 }, { kind: 'adam', lr: 0 }] as const) {
      const t = new Trainer({ ...baseOptions, optimizer });
      const before = t.params.W.map((w) => Array.from(w));
      t.stepEpoch();
      t.stepEpoch();
      expect(t.params.W.map((w) => Array.from(w))).toEqual(before);
      expect(t.lastStep!.gradW.some((g) => g.some((v) => v !== 0))).toBe(true);
      expect(t.history.train_loss[2]).toBe(t.history.train_loss[0]);
    }
  });

  it('a negative lr is refused everywhere, with the same message', () => {
    const said = everywhere('optimizer.lr', -0.1, () => checkOptimizer({ kind: 'sgd', lr: -0.1 }));
    expect(said.engine).toEqual(['experiment.optimizer.lr: expected a number >= 0, got -0.1']);
    expect(said.set).toEqual(['optimizer.lr: expected a number >= 0, got -0.1']);
    expect(said.file).toEqual(['runs[0].overrides: optimizer.lr: expected a number >= 0, got -0.1']);
  });

  it('momentum 1 and above is refused everywhere (it never forgets a gradient; above 1 it grows without one)', () => {
    for (const mu of [1, 1.5]) {
      const said = everywhere('optimizer.momentum', mu, () => checkOptimizer({ kind: 'sgd', lr: 0.01, momentum: mu }));
      expect(said.engine).toEqual([`experiment.optimizer.momentum: expected a number >= 0 and < 1, got ${mu}`]);
      expect(said.set).toEqual([`optimizer.momentum: expected a number >= 0 and < 1, got ${mu}`]);
      expect(said.file).toEqual([`runs[0].overrides: optimizer.momentum: expected a number >= 0 and < 1, got ${mu}`]);
      expect(() => new Trainer({ ...baseOptions, optimizer: { kind: 'sgd', lr: 0.01, momentum: mu } })).toThrow(said.engine[0]);
    }
    expect(everywhere('optimizer.momentum', 0.999, () => checkOptimizer({ kind: 'sgd', lr: 0.01, momentum: 0.999 }))).toEqual({ set: [], file: [], engine: [] });
  });

  it('Adam: ε = 0 and β = 1 are refused (0/0 at a zero gradient; a bias correction dividing by 0)', () => {
    expect(checkOptimizer({ kind: 'adam', lr: 0.01, eps: 0 })).toEqual(['experiment.optimizer.eps: expected a number > 0, got 0']);
    expect(checkOptimizer({ kind: 'adam', lr: 0.01, beta1: 1 })).toEqual(['experiment.optimizer.beta1: expected a number >= 0 and < 1, got 1']);
    expect(validateExperiment({ ...base, optimizer: { kind: 'adam', lr: 0.01, beta2: 1 } })).toEqual({ ok: false, errors: ['experiment.optimizer.beta2: expected a number >= 0 and < 1, got 1'] });
  });

  it('a negative leak is accepted everywhere: f(z) = leak·z below 0, f\'(z) = leak, exactly', () => {
    const hidden = (leak: number) => ({ ...base.network, layers: [{ ...base.network.layers[0], activation: 'leaky_relu' as const, leak }, base.network.layers[1]] });
    const said = everywhere('network', hidden(-0.5), () => checkSpec(hidden(-0.5)));
    expect(said).toEqual({ set: [], file: [], engine: [] });
    const exp = applyOverrides(base, { network: hidden(-1) });
    if (!exp.ok) throw new Error(exp.errors.join('\n'));
    const t = new Trainer(trainerOptions(exp.value));
    t.stepPhase(); // forward
    const z = t.lastStep!.z[0].data;
    const a = t.lastStep!.a[0].data;
    z.forEach((zq, q) => expect(a[q]).toBe(zq > 0 ? zq : -1 * zq)); // leak −1: |z|
    t.stepPhase(); // backward
    const fp = t.lastStep!.fprime[0].data;
    z.forEach((zq, q) => expect(fp[q]).toBe(zq > 0 ? 1 : -1));
  });

  it('a leak that is not a finite number is refused everywhere, with the same message', () => {
    const net = { ...base.network, layers: [{ ...base.network.layers[0], activation: 'leaky_relu' as const, leak: NaN }, base.network.layers[1]] };
    expect(checkSpec(net)).toEqual(['experiment.network.layers[0].leak: expected a number, got NaN']);
    expect(validateExperiment({ ...base, network: net })).toEqual({ ok: false, errors: ['experiment.network.layers[0].leak: expected a number, got NaN'] });
    expect(applyOverrides(base, { 'network.layers[0].leak': 'steep' })).toEqual({ ok: false, errors: ['network.layers[0].leak: expected a number, got "steep"'] });
  });
});
