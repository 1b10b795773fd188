/**
 * runEpochs against a deadline stops between batches and between the blocks
 * of an epoch's evaluation (issue 11: a Pause never waits for a whole epoch),
 * and a run cut into such pieces gives exactly the numbers of one made in one go.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineCheck } from './deadline';
import { createTrainer } from '../session/create';
import { validateExperiment } from '../session/overrides';

function experiment(batch: number | 'full', params = 1) {
  const r = validateExperiment({
    network: { inputs: 1, layers: [{ units: 8 * params, activation: 'tanh' }, { units: 1, activation: 'linear' }] },
    loss: 'squared_error',
    init: { kind: 'glorot_uniform' },
    // 5 000 rows: the evaluation is several blocks (at most 1 024 rows each)
    data: { kind: 'function', expr: 'sin(x)', interval: [-3, 3], n_train: 5000, n_test: 3000 },
    optimizer: { kind: 'adam', lr: 0.01 },
    batch_size: batch,
    shuffle: batch !== 'full',
    epochs: 3,
    seed: 5,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

describe('runEpochs with a deadline', () => {
  it('a deadline already past: one batch, not a whole epoch', () => {
    const t = createTrainer(experiment(50));
    expect(t.runEpochs(1, 0)).toBe(0);
    expect(t.updates).toBe(1);
    expect(t.epoch).toBe(0);
    expect(t.status).toBe('paused');
  });

  it('stopped after every batch and every evaluation block: the same history and parameters as one call', () => {
    for (const batch of [50, 'full'] as const) {
      const whole = createTrainer(experiment(batch, 4));
      whole.runEpochs(3);
      const pieces = createTrainer(experiment(batch, 4));
      let calls = 0;
      let shortSeen = false;
      while (pieces.status !== 'completed') {
        pieces.runEpochs(3 - pieces.epoch, 0);
        calls++;
        // an epoch's entry measured in part: the history is one entry short until the next call
        if (pieces.epoch < 3 && pieces.history.train_loss.length === pieces.epoch) shortSeen = true;
        expect(calls).toBeLessThan(10_000);
      }
      // full batches in data order take the entry from the next forward pass: nothing to measure apart
      expect(shortSeen).toBe(batch !== 'full');
      expect(calls).toBeGreaterThan(batch === 'full' ? 2 : 300);
      expect(pieces.epoch).toBe(3);
      expect(pieces.history.train_loss).toEqual(whole.history.train_loss);
      expect(pieces.history.test_loss).toEqual(whole.history.test_loss);
      expect(pieces.history.grad_norm).toEqual(whole.history.grad_norm);
      expect(Array.from(pieces.params.W[1])).toEqual(Array.from(whole.params.W[1]));
    }
  });

  it('a step after a run paused in the middle of an evaluation finishes the entry first', () => {
    const a = createTrainer(experiment(5000, 4));
    const b = createTrainer(experiment(5000, 4));
    a.stepEpoch();
    a.stepPhase();
    b.runEpochs(1, 0); // the one update
    while (b.epoch === 0) b.runEpochs(1, 0);
    b.stepPhase(); // finishes the pending entry, then the forward phase of epoch 1
    expect(b.history.train_loss).toEqual(a.history.train_loss);
    expect(b.lastStep?.loss).toBe(a.lastStep?.loss);
  });
});

describe('DeadlineCheck: the clock read less often while reads fall in the same millisecond', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a clock standing still: reads double their spacing up to 1 024 batches', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1000);
    const d = new DeadlineCheck();
    d.start(1001);
    let passed = 0;
    for (let k = 0; k < 10_000; k++) passed += d.passed() ? 1 : 0;
    expect(passed).toBe(0);
    // 1 at start, then reads after 1, 2, 4, … 1 024 batches and every 1 024 after: about 18, not 10 000
    expect(now.mock.calls.length).toBeLessThan(30);
  });

  it('a clock a millisecond on at every read: read after every batch, passed at the deadline', () => {
    let t = 1000;
    vi.spyOn(Date, 'now').mockImplementation(() => t++);
    const d = new DeadlineCheck();
    d.start(1010);
    let batches = 0;
    while (!d.passed()) batches++;
    expect(batches).toBe(9); // reads 1001 … 1009 are before it, 1010 is not
  });

  it('slow batches after fast ones: the spacing halves again, so the stop comes right at the deadline', () => {
    let t = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => t);
    const d = new DeadlineCheck();
    d.start(10_000);
    for (let k = 0; k < 5000; k++) expect(d.passed()).toBe(false); // fast: the spacing grows to 1 024
    do t += 1; // now each batch takes 1 ms: reads 1 024 ms apart, then 512, … 1
    while (!d.passed());
    expect(t).toBeGreaterThanOrEqual(10_000);
    expect(t).toBeLessThanOrEqual(10_002); // reads 2 ms apart keep their spacing
  });

  it('Infinity: never passed, the clock never read', () => {
    const now = vi.spyOn(Date, 'now');
    const d = new DeadlineCheck();
    d.start(Infinity);
    for (let k = 0; k < 100; k++) expect(d.passed()).toBe(false);
    expect(now).not.toHaveBeenCalled();
  });
});
