import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, createTrainer, parseSession } from '../session';
import { runJob, serveJobs, type JobMessage, type SweepJob } from './job';
import { SweepPool, type WorkerLike } from './pool';
import { expandSweep } from './spec';

const parsed = parseSession(readFileSync(new URL('../../e2e/fixtures/lecture-000.nnlab', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const experiment = parsed.session.experiment;
const points = (() => {
  const r = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'list', values: [0.005, 0.01, 0.05, 0.25] }], base: { epochs: 5 } });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
})();
const jobs: SweepJob[] = points.map((point, index) => ({ index, point, experiment }));

/** A worker in this process: messages cross asynchronously, as they would between threads. */
function fakeWorker(log: string[]): WorkerLike {
  let listener: (m: unknown) => void = () => {};
  let errorListener: (m: string) => void = () => {};
  let dead = false;
  const inbox: ((e: { data: unknown }) => void)[] = [];
  serveJobs({ postMessage: (m) => setTimeout(() => !dead && listener(m), 0), addEventListener: (_t, l) => inbox.push(l) });
  return {
    postMessage: (m) => setTimeout(() => {
      const job = (m as { job: SweepJob }).job;
      log.push(`start ${job.index}`);
      if (job.point.id === 'crash') return errorListener('out of memory');
      for (const l of inbox) l({ data: m });
    }, 0),
    onMessage: (l) => (listener = l),
    onError: (l) => (errorListener = l),
    terminate: () => (dead = true),
  };
}

describe('runJob', () => {
  it('trains the point\'s experiment exactly as createTrainer does, and returns a saved run', () => {
    const msgs: JobMessage[] = [];
    runJob(jobs[3], (m) => msgs.push(m));
    const done = msgs.find((m) => m.type === 'jobDone');
    if (!done || done.type !== 'jobDone') throw new Error(JSON.stringify(msgs));
    const applied = applyOverrides(experiment, { epochs: 5, 'optimizer.lr': 0.25 });
    if (!applied.ok) throw new Error('overrides');
    const t = createTrainer(applied.value);
    t.runEpochs(5);
    expect(done.run.id).toBe('lr/0.25');
    expect(done.run.overrides).toEqual({ epochs: 5, 'optimizer.lr': 0.25 });
    expect(done.run.epochs_run).toBe(5);
    expect(done.run.history.train_loss).toEqual(t.history.train_loss);
    // lecture net, lr 0.25: entry 0 is (2.5 − 2)² = 0.25
    expect((done.run.history.train_loss as number[])[0]).toBe(0.25);
  });

  it('reports a refused override with the run and the path', () => {
    const msgs: JobMessage[] = [];
    runJob({ index: 0, experiment, point: { ...points[0], overrides: { 'optimizer.lr': -1 } } }, (m) => msgs.push(m));
    expect(msgs).toHaveLength(1);
    expect(msgs[0].type).toBe('jobFailed');
    expect((msgs[0] as { errors: string[] }).errors[0]).toMatch(/^lr = 0\.005: optimizer\.lr: expected a number >= 0, got -1/);
  });
});

describe('SweepPool', () => {
  it('runs every job on at most `size` workers and reports each', async () => {
    const log: string[] = [];
    let spawned = 0;
    const pool = new SweepPool(() => (spawned++, fakeWorker(log)), 2);
    const done = new Map<number, number>();
    const outcome = await pool.run(jobs, { done: (i, run) => done.set(i, (run.history.train_loss as number[]).at(-1) ?? NaN) });
    expect(outcome).toBe('finished');
    expect(spawned).toBe(2);
    expect([...done.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(log.slice(0, 2)).toEqual(['start 0', 'start 1']);
    expect(pool.running).toBe(false);
  });

  it('cancel stops at once; finished runs stay reported', async () => {
    const pool = new SweepPool(() => fakeWorker([]), 1);
    const done: number[] = [];
    const p = pool.run(jobs, { done: (i) => { done.push(i); if (i === 0) pool.cancel(); } });
    expect(await p).toBe('cancelled');
    expect(done).toEqual([0]);
  });

  it('a crashed worker fails its job, a fresh one takes the rest', async () => {
    const crashJobs = jobs.map((j, k) => (k === 1 ? { ...j, point: { ...j.point, id: 'crash' } } : j));
    const pool = new SweepPool(() => fakeWorker([]), 1);
    const failed: string[] = [];
    const done: number[] = [];
    expect(await pool.run(crashJobs, { done: (i) => done.push(i), failed: (_i, e) => failed.push(...e) })).toBe('finished');
    expect(done).toEqual([0, 2, 3]);
    expect(failed).toEqual(['lr = 0.01: the worker running it stopped: out of memory']);
  });
});

describe('SweepPool: every message validated', () => {
  /** a worker that answers each job with `reply` (or its real run when reply is null) */
  const scripted = (reply: (job: SweepJob) => unknown): WorkerLike => {
    let listener: (m: unknown) => void = () => {};
    return {
      postMessage: (m) => setTimeout(() => listener(reply((m as { job: SweepJob }).job)), 0),
      onMessage: (l) => (listener = l),
      onError: () => {},
      terminate: () => {},
    };
  };

  it('a message that does not fit the protocol fails its job with why; a fresh worker runs the rest', async () => {
    let spawned = 0;
    const good = fakeWorker([]);
    const pool = new SweepPool(() => (spawned++ === 0 ? scripted((job) => ({ v: 1, type: 'jobDone', index: job.index, run: { id: 'x' }, ms: 1 })) : good), 1);
    const failed: string[] = [];
    const done: number[] = [];
    expect(await pool.run(jobs.slice(0, 2), { done: (i) => done.push(i), failed: (_i, e) => failed.push(...e) })).toBe('finished');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^lr = 0\.005: the worker running it sent a message that does not fit the protocol \(invalid job event "jobDone": run\.status: /);
    expect(done).toEqual([1]);
  });

  it('a refused command (index −1) fails the job it was sent for, an answer for another job fails the worker', async () => {
    const failed: string[] = [];
    await new SweepPool(() => scripted(() => ({ v: 1, type: 'jobFailed', index: -1, errors: ['job worker: invalid job command'] })), 1)
      .run(jobs.slice(0, 1), { failed: (_i, e) => failed.push(...e) });
    await new SweepPool(() => scripted((job) => ({ v: 1, type: 'jobProgress', index: job.index + 7, epoch: 1, epochs: 5 })), 1)
      .run(jobs.slice(1, 2), { failed: (_i, e) => failed.push(...e) });
    expect(failed).toEqual([
      'lr = 0.005: job worker: invalid job command',
      'lr = 0.01: the worker running it answered for another job (jobProgress of job 8)',
    ]);
  });

  it('cancel reports every job not finished as cancelled', async () => {
    const pool = new SweepPool(() => fakeWorker([]), 1);
    const cancelled: number[] = [];
    const p = pool.run(jobs, { done: (i) => i === 1 && pool.cancel(), cancelled: (i) => cancelled.push(i) });
    expect(await p).toBe('cancelled');
    expect(cancelled).toEqual([2, 3]);
  });
});

describe('packRun / unpackRun', () => {
  it('round-trips a saved run exactly, long lists as transferable Float64Arrays', async () => {
    const { packRun, unpackRun } = await import('./job');
    const msgs: JobMessage[] = [];
    runJob(jobs[1], (m) => msgs.push(m));
    const done = msgs.find((m) => m.type === 'jobDone');
    if (!done || done.type !== 'jobDone') throw new Error('no run');
    const { run, transfer } = packRun(done.run);
    expect(transfer.length).toBeGreaterThanOrEqual(3); // train_loss, train_mae, params
    expect(unpackRun(structuredClone(run))).toEqual(done.run);
  });
});
