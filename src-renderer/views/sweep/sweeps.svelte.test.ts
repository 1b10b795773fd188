import { describe, expect, it } from 'vitest';
import { defaultSession } from '../../lib/default-session';
import { parseSession } from '../../../src-core/session/session';
import { applyOverrides } from '../../../src-core/session/overrides';
import { expandSweep } from '../../../src-core/sweep/spec';
import { withFittedInit } from './sweeps.svelte';

describe('a units sweep of hand-set starting weights (New session)', () => {
  const parsed = parseSession(JSON.stringify(defaultSession()));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const exp = parsed.session.experiment;
  const points = expandSweep({ id: 'units', axes: [{ field: 'network.layers[0].units', kind: 'list', values: [1, 2, 8] }] } as never);
  if (!points.ok) throw new Error(points.errors.join('\n'));

  it('each point keeps the weights that still fit and draws the others, so every run is valid (it was refused three lines a run)', () => {
    expect(exp.init.kind).toBe('explicit');
    const W0 = (exp.init as { weights: number[][][] }).weights[0];
    for (const p of points.value) {
      expect(applyOverrides(exp, p.overrides).ok).toBe(false);
      const fitted = withFittedInit(exp, p, 'glorot_uniform');
      const r = applyOverrides(exp, fitted.overrides);
      expect(r.ok, JSON.stringify(r.ok ? [] : r.errors)).toBe(true);
      const units = p.overrides['network.layers[0].units'] as number;
      const init = fitted.overrides.init as { weights: number[][][] };
      expect(init.weights[0]).toHaveLength(units);
      // the first hidden units' incoming weights are the hand-set ones
      for (let j = 0; j < Math.min(units, W0.length); j++) expect(init.weights[0][j]).toEqual(W0[j]);
    }
  });

  it('a point that is valid, or sets its own init, is left as it is', () => {
    const lr = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'list', values: [0.1, 1] }] } as never);
    if (!lr.ok) throw new Error('lr');
    for (const p of lr.value) expect(withFittedInit(exp, p, 'glorot_uniform')).toBe(p);
    const own = { ...points.value[0], overrides: { ...points.value[0].overrides, init: { kind: 'he_normal' } } };
    expect(withFittedInit(exp, own, 'glorot_uniform')).toBe(own);
  });
});
