/**
 * The engine's tables are the only list of activations, losses and
 * optimizers: a new entry in ACTIVATIONS is all it takes for a file to use
 * it, for the panel to offer it and for the engine to train with it; the
 * docs name every entry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { ActivationEntry } from './activations';
import { ACTIVATIONS } from './activations';
import { LOSSES } from './losses';
import { OPTIMIZERS } from '../optim/optimizers';
import { activationOptions, lossOptions, optimizerOptions } from '../session/options';
import { activations, losses, optimizers } from '../session/schema';

/** softplus(z) = log(1 + e^z), written to never overflow; f' = σ(z); from a = f(z): σ = 1 − e^−a, f'' = σ(1 − σ) */
const softplus: ActivationEntry = {
  label: 'softplus', symbol: 'softplus', tex: '\\operatorname{softplus}',
  forward(z, a, rows, units) {
    for (let q = 0; q < rows * units; q++) a[q] = Math.max(z[q], 0) + Math.log1p(Math.exp(-Math.abs(z[q])));
  },
  derivative(z, _a, fprime, n) {
    for (let q = 0; q < n; q++) fprime[q] = 1 / (1 + Math.exp(-z[q]));
  },
  second(a) {
    const s = -Math.expm1(-a);
    return s * (1 - s);
  },
};

describe('the tables', () => {
  it('are the schema\'s enums and the panel\'s options, in the same order', () => {
    expect(activations).toEqual(Object.keys(ACTIVATIONS));
    expect(losses).toEqual(Object.keys(LOSSES));
    expect(optimizers).toEqual(Object.keys(OPTIMIZERS));
    expect(activationOptions.map((o) => o.value)).toEqual(activations);
    expect(lossOptions.find((o) => o.value === 'binary_cross_entropy')?.label).toBe('binary cross entropy');
    expect(optimizerOptions).toEqual([{ value: 'sgd', label: 'SGD' }, { value: 'adam', label: 'Adam' }]);
  });

  it('each is named in docs/session-format.md', () => {
    const doc = readFileSync(new URL('../../docs/session-format.md', import.meta.url), 'utf8');
    for (const name of [...activations, ...losses, ...optimizers]) expect(doc, name).toContain(`\`${name}\``);
  });

  it('adding softplus to ACTIVATIONS: a file may use it, the panel offers it, the engine trains with it (gradients = finite differences)', async () => {
    vi.resetModules();
    const fresh = await import('./activations');
    (fresh.ACTIVATIONS as Record<string, ActivationEntry>).softplus = softplus;
    const schema = await import('../session/schema');
    const { activationOptions: options } = await import('../session/options');
    const { validateExperiment } = await import('../session/overrides');
    const { createTrainer } = await import('../session/create');
    const network = await import('./network');

    expect(schema.activations).toContain('softplus');
    expect(options.at(-1)).toEqual({ value: 'softplus', label: 'softplus' });
    const file = {
      network: { inputs: 1, layers: [{ units: 3, activation: 'softplus' }, { units: 1, activation: 'linear' }] },
      loss: 'half_squared_error',
      init: { kind: 'uniform', low: -1, high: 1 },
      data: { kind: 'inline', train: { x: [[-2], [0.5], [3]], y: [[1], [0], [2]] } },
      optimizer: { kind: 'sgd', lr: 0.1 },
      epochs: 5,
    };
    const checked = validateExperiment(file);
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    const bad = validateExperiment({ ...file, network: { ...file.network, layers: [{ units: 3, activation: 'softplux' }, file.network.layers[1]] } });
    expect(!bad.ok && bad.errors[0]).toBe(
      'experiment.network.layers[0].activation: expected one of "linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", "softplus", got "softplux"',
    );

    const t = createTrainer(checked.value);
    const spec = t.opts.network;
    const p = t.params;
    const ws = network.makeWorkspace(spec, 3);
    ws.x.set([-2, 0.5, 3]);
    ws.y.set([1, 0, 2]);
    const loss = () => {
      network.forward(spec, p, ws);
      return network.batchLoss(spec, 'half_squared_error', 'mean', ws);
    };
    loss();
    expect(ws.a[0][0]).toBeCloseTo(Math.log(1 + Math.exp(p.W[0][0] * -2 + p.b[0][0])), 14);
    const g = network.makeGrads(p);
    network.backward(spec, 'half_squared_error', 'mean', p, ws, g);
    const h = 1e-6;
    for (const [which, l] of [['W', 0], ['b', 0], ['W', 1]] as const) {
      for (let q = 0; q < p[which][l].length; q++) {
        const w = p[which][l][q];
        p[which][l][q] = w + h;
        const up = loss();
        p[which][l][q] = w - h;
        const down = loss();
        p[which][l][q] = w;
        expect(g[which][l][q]).toBeCloseTo((up - down) / (2 * h), 7);
      }
    }
    const before = loss();
    t.runEpochs(5);
    expect(t.history.train_loss.at(-1)!).toBeLessThan(before);
  });
});
