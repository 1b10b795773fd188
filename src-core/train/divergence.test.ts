/** The divergence message: from the engine's record (became), or read back for runs saved before it. */
import { describe, expect, it } from 'vitest';
import { divergenceMessage, nonFiniteName } from './divergence';
import { net } from './test/helpers';

describe('divergenceMessage', () => {
  it('says what the value became', () => {
    expect(divergenceMessage({ epoch: 193, what: 'loss', phase: 'forward', became: 'Infinity' })).toBe('diverged at epoch 193: loss became Infinity');
    expect(divergenceMessage({ epoch: 7, what: 'W[1][0][2]', phase: 'update', became: 'NaN' })).toBe('diverged at epoch 7: W[1][0][2] became NaN');
    expect(divergenceMessage({ epoch: 3, what: 'gradB[0][1]', phase: 'backward', became: '-Infinity' })).toBe('diverged at epoch 3: gradB[0][1] became -Infinity');
  });

  it('a divergence saved without `became`: the value read from the params or the loss, else "NaN or Infinity"', () => {
    const spec = net(3, [[1, 'linear']]);
    const params = { W: [new Float64Array([0, 1, -Infinity])], b: [new Float64Array([NaN])] };
    expect(divergenceMessage({ epoch: 2, what: 'W[0][0][2]', phase: 'update' }, params, spec)).toBe('diverged at epoch 2: W[0][0][2] became -Infinity');
    expect(divergenceMessage({ epoch: 2, what: 'b[0][0]', phase: 'update' }, params, spec)).toBe('diverged at epoch 2: b[0][0] became NaN');
    expect(divergenceMessage({ epoch: 2, what: 'loss', phase: 'forward' }, params, spec, Infinity)).toBe('diverged at epoch 2: loss became Infinity');
    // W[0][0][1] = 1 is finite now (the engine put the last finite values back): unknown
    expect(divergenceMessage({ epoch: 2, what: 'W[0][0][1]', phase: 'update' }, params, spec)).toBe('diverged at epoch 2: W[0][0][1] became NaN or Infinity');
    // a saved name that is no parameter of this network (a hand-edited file) reads nothing back
    expect(divergenceMessage({ epoch: 2, what: 'W[5][0][0]', phase: 'update' }, params, spec)).toBe('diverged at epoch 2: W[5][0][0] became NaN or Infinity');
    expect(divergenceMessage({ epoch: 2, what: 'train_loss', phase: 'evaluate' })).toBe('diverged at epoch 2: train_loss became NaN or Infinity');
  });

  it('nonFiniteName', () => {
    expect([NaN, Infinity, -Infinity, 0, 1e308].map(nonFiniteName)).toEqual(['NaN', 'Infinity', '-Infinity', undefined, undefined]);
  });
});
