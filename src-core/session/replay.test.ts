import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../protocol/load';
import { createTrainer, runEntry } from './create';
import { applyOverrides } from './overrides';
import { REPLAY_BUDGET } from './replay';
import { parseSession, serializeSession } from './session';

const parsed = parseSession(readFileSync(new URL('../../src-cli/fixtures/xor-004.nnlab', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const session = parsed.session;

function saved(overrides: Record<string, unknown>, run: (t: ReturnType<typeof createTrainer>) => void) {
  const r = applyOverrides(session.experiment, overrides);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const t = createTrainer(r.value);
  run(t);
  const file = serializeSession({ ...session, runs: [runEntry(t, { id: 'a', overrides })] });
  const reopened = loadSession(file, 'a');
  if (!reopened.ok) throw new Error(reopened.errors.join('\n'));
  return { t, reopened: reopened.trainer };
}

describe('a reopened run shows its last update again (the math view was empty after a reopen)', () => {
  it.each([
    ['full batch, SGD', {}],
    ['minibatches, reshuffled, Adam', { rng: 'numpy', batch_size: 3, shuffle: true, optimizer: { kind: 'adam', lr: 0.05 } }],
  ])('%s: every number of the step as it was before the save, bit for bit', (_n, overrides) => {
    const { t, reopened } = saved(overrides, (t) => t.runEpochs(5));
    const before = t.lastStep!;
    const after = reopened.lastStep!;
    expect(after).not.toBeNull();
    expect([after.epoch, after.batch, after.loss]).toEqual([before.epoch, before.batch, before.loss]);
    expect(after.done).toEqual({ forward: true, backward: true, update: true });
    for (const k of ['z', 'a', 'delta'] as const) after[k].forEach((m, l) => expect(Array.from(m.data)).toEqual(Array.from(before[k][l].data)));
    after.gradW.forEach((g, l) => expect(Array.from(g)).toEqual(Array.from(before.gradW[l])));
    expect(Array.from(after.sampleLoss)).toEqual(Array.from(before.sampleLoss));
    after.after!.W.forEach((w, l) => expect(Array.from(w)).toEqual(Array.from(before.after!.W[l])));
    after.before.W.forEach((w, l) => expect(Array.from(w)).toEqual(Array.from(before.before.W[l])));
    // the next phase makes the next update, and the shown one goes
    reopened.stepPhase();
    expect(reopened.lastStep!.epoch).toBe(5);
    expect(reopened.lastStep!.done.update).toBe(false);
  });

  it('a run edited on the way shows nothing rather than numbers it did not make', () => {
    const { reopened } = saved({}, (t) => {
      t.runEpochs(2);
      t.setParam({ kind: 'weight', layer: 0, j: 0, i: 0 }, 0.25);
      t.runEpochs(2);
    });
    expect(reopened.updates).toBe(4);
    expect(reopened.lastStep).toBeNull();
  });

  it('an edit after reopening takes the shown step away; a run at epoch 0 or past the budget has none', () => {
    const { reopened } = saved({}, (t) => t.runEpochs(1));
    expect(reopened.lastStep).not.toBeNull();
    reopened.setParam({ kind: 'weight', layer: 1, j: 0, i: 0 }, 0.5);
    // (an edit between epochs makes a forward pass with the new weight: no update of it yet)
    expect(reopened.lastStep?.done.update ?? false).toBe(false);
    expect(saved({}, () => {}).reopened.lastStep).toBeNull();
    // XOR 3-4-1 (16 parameters, 4 rows): past the budget after budget / 64 updates
    const far = Math.ceil(REPLAY_BUDGET / 64) + 1;
    expect(saved({ epochs: far }, (t) => t.runEpochs(far)).reopened.lastStep).toBeNull();
  });
});
