import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseSession } from './session';
import { createTrainer, runEntry } from './create';
import { duplicateRun, firstUpdate, putRun, runExperiment, unfinishedRuns, uniqueRunId, unrun, withOverrides } from './runs';
import { runJob, type JobMessage } from '../sweep/job';
import type { SavedRun, Session } from './schema';

function example(file: string): Session {
  const p = parseSession(readFileSync(new URL(`../../assets/examples/${file}`, import.meta.url), 'utf8'));
  if (!p.ok) throw new Error(p.errors.join('\n'));
  return p.session;
}

describe('a session\'s runs as a list', () => {
  const s = example('000-lecture-relu-net-learning-rates.nnlab');
  const runs = s.runs!;

  it('duplicate a run right after itself, unrun, with a fresh id and its own copy of the overrides', () => {
    const d = duplicateRun(runs, 'lr-0.01')!;
    expect(d.id).toBe('lr-0.01-v2');
    expect(d.runs.map((r) => r.id).slice(0, 4)).toEqual(['lr-0.005', 'lr-0.01', 'lr-0.01-v2', 'lr-0.02']);
    const copy = d.runs[2];
    expect(copy).toMatchObject({ label: 'lr = 0.01 (copy)', overrides: { 'optimizer.lr': 0.01 }, status: 'paused', epochs_run: 0 });
    expect(copy.overrides).not.toBe(runs[1].overrides);
    expect(duplicateRun(d.runs, 'lr-0.01-v2')!.id).toBe('lr-0.01-v3');
    expect(duplicateRun(d.runs, 'lr-0.01')!.id).toBe('lr-0.01-v3');
    expect(duplicateRun(runs, 'nope')).toBeNull();
    expect(uniqueRunId([{ id: 'a' }, { id: 'a-2' }], 'a')).toBe('a-3');
  });

  it('change a run\'s overrides: checked against the experiment, its results dropped', () => {
    const trained = runEntry(createTrainer(s.experiment), { id: 'lr-0.01', label: 'lr = 0.01', overrides: { 'optimizer.lr': 0.01 } });
    const list = putRun(runs, trained);
    expect(list.indexOf(trained)).toBe(1);
    const r = withOverrides(s.experiment, list, 'lr-0.01', { 'optimizer.lr': 0.5 });
    expect(r.ok && r.value[1]).toEqual({ id: 'lr-0.01', label: 'lr = 0.01', overrides: { 'optimizer.lr': 0.5 }, status: 'paused', epochs_run: 0, history: {} });
    const bad = withOverrides(s.experiment, list, 'lr-0.01', { 'optimizer.lr': -1 });
    expect(!bad.ok && bad.errors[0]).toMatch(/^optimizer\.lr: expected a number >= 0/);
    expect(runExperiment(s.experiment, { overrides: { 'optimizer.lr': 0.25 } })!.optimizer.lr).toBe(0.25);
    expect(unrun(trained).state).toBeUndefined();
  });

  it('unfinished: paused runs short of their epochs', () => {
    const done = { ...unrun(runs[0]), status: 'completed' as const, epochs_run: 1 };
    const half: SavedRun = { ...unrun(runs[1]), overrides: { 'optimizer.lr': 0.01, epochs: 10 }, epochs_run: 4 };
    const ids = unfinishedRuns(s.experiment, [done, half, runs[2]]).map((r) => r.id);
    expect(ids).toEqual(['lr-0.01', 'lr-0.02']);
  });

  it('Run all carries a paused run on from where it stopped: the same numbers as one run straight through', () => {
    const xor = example('004-xor-seven-learning-rates.nnlab');
    const e = { ...xor.experiment, epochs: 300 };
    const t = createTrainer({ ...e, optimizer: { kind: 'sgd', lr: 10 } });
    t.runEpochs(120);
    const paused = runEntry(t, { id: 'alpha-10', label: 'alpha = 10', overrides: { 'optimizer.lr': 10 } });
    const msgs: JobMessage[] = [];
    runJob({ index: 0, point: { id: 'alpha-10', label: 'alpha = 10', overrides: { 'optimizer.lr': 10 }, coords: [], axisLabels: [] }, experiment: e, resume: paused }, (m) => msgs.push(m));
    const done = msgs.find((m) => m.type === 'jobDone');
    if (done?.type !== 'jobDone') throw new Error(JSON.stringify(msgs));
    const straight = createTrainer({ ...e, optimizer: { kind: 'sgd', lr: 10 } });
    straight.runEpochs(300);
    expect(done.run.epochs_run).toBe(300);
    expect(done.run.history.train_mae).toEqual(straight.history.train_mae);
  });

  it('firstUpdate: what nnlab step prints for a run (report 000, lr 0.25: w1 1 → 0.75, w5 1 → 0.625)', () => {
    const step = firstUpdate(s.experiment, runs.find((r) => r.id === 'lr-0.25')!)!;
    // dL/dprediction = 2·(2.5 − 2) = 1; dL/dw1 = 1 · w5 · x1 = 1, dL/dw5 = node1 = 1.5
    expect(step.gradW[0][0]).toBe(1);
    expect(step.after!.W[0][0]).toBe(0.75);
    expect(step.after!.W[1][0]).toBe(1 - 0.25 * 1.5);
    const mnist = example('003-mnist-5-vs-6.nnlab');
    expect(firstUpdate(mnist.experiment, { overrides: {} })).toBeNull();
  });
});
