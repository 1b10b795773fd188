/**
 * Sweeps' and Run all's path in the desktop app, with everything real but
 * Electron: the bundled job process (scripts/build-electron.mjs, run in a
 * worker thread with fake-electron's Electron-shaped parentPort) under the
 * JobSupervisor, the preload's relay (preload-jobs.ts) over a fake ipc, the
 * page's ElectronJobHost and src-core's pool on top:
 * - every run of a sweep equals the same job run in this process, bit for bit;
 * - a process that crashes mid-job fails that job with a message saying so,
 *   a fresh process takes the rest;
 * - a command the job process refuses fails its job with the path at fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { TRAINER_BOOTSTRAP, workerChild } from './test-util/fake-electron';
import { JobSupervisor } from './supervisor-jobs';
import { createJobsApi } from './preload-jobs';
import { Channel } from './preload-api';
import type { IpcLike, PortLike } from './preload-bridge';
import { ElectronJobHost } from '../src-renderer/host/jobs';
import { parseSession } from '../src-core/session';
import { runJob, type JobMessage, type SweepJob } from '../src-core/sweep/job';
import { SweepPool } from '../src-core/sweep/pool';
import { expandSweep } from '../src-core/sweep/spec';
import type { SavedRun } from '../src-core/session/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const parsed = parseSession(readFileSync(path.join(root, 'e2e/fixtures/lecture-000.nnlab'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const experiment = parsed.session.experiment;

let out: string;
let sup: JobSupervisor<MessagePort>;
const workers: Worker[] = [];
const log: string[] = [];
let host: ElectronJobHost;

function jobsOf(values: number[], epochs: number): SweepJob[] {
  const r = expandSweep({ id: 'lr', axes: [{ field: 'optimizer.lr', kind: 'list', values }], base: { epochs } });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value.map((point, index) => ({ index, point, experiment }));
}

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'nnlab-jobs-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.mjs'), '--out', out, '--only', 'job-process'], { stdio: 'pipe' });
  const listeners = new Map<string, (event: { ports: readonly PortLike[] }, ...args: unknown[]) => void>();
  sup = new JobSupervisor<MessagePort>({
    fork: () => {
      const w = new Worker(TRAINER_BOOTSTRAP, { eval: true, workerData: { bundle: path.join(out, 'job-process.cjs') } });
      workers.push(w);
      return workerChild(w);
    },
    createChannel: () => new MessageChannel(),
    // main → preload, as webContents.postMessage / send would deliver them
    sendPortToRenderer: (port, slot) => listeners.get(Channel.jobPort)?.({ ports: [port as unknown as PortLike] }, { slot }),
    sendExitToRenderer: (slot, why) => listeners.get(Channel.jobExit)?.({ ports: [] }, slot, why),
    maxProcesses: 2,
    clock: { now: () => Date.now(), setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 10_000,
    log: (line) => log.push(line),
  });
  // the preload's ipcRenderer, wired straight to main's handlers (ipc.ts)
  const ipc: IpcLike = {
    invoke: async (channel) => (channel === Channel.jobParallelism ? sup.maxProcesses : undefined),
    send: (channel, slot) => {
      if (channel === Channel.jobOpen) sup.open(slot);
      else if (channel === Channel.jobClose) sup.close(slot);
    },
    on: (channel, listener) => void listeners.set(channel, listener),
  };
  host = new ElectronJobHost(createJobsApi(ipc));
}, 120_000);

afterAll(async () => {
  sup?.dispose();
  await Promise.all(workers.map((w) => w.terminate()));
  rmSync(out, { recursive: true, force: true });
});

describe('sweeps and Run all through the job processes', () => {
  it('each run equals the same job run here, bit for bit, on two processes', async () => {
    const jobs = jobsOf([0.005, 0.01, 0.05, 0.25, 0.3], 300);
    const runs = new Map<number, SavedRun>();
    const progress: number[] = [];
    const pool = new SweepPool(() => host.spawn(), await host.parallelism());
    expect(pool.size).toBe(2);
    const outcome = await pool.run(jobs, { done: (i, run) => runs.set(i, run), progress: (i) => progress.push(i), failed: (i, e) => log.push(...e) });
    expect(log.filter((l) => !/exited with code/.test(l))).toEqual([]);
    expect(outcome).toBe('finished');
    for (const job of jobs) {
      const msgs: JobMessage[] = [];
      runJob(job, (m) => msgs.push(m));
      const here = msgs.find((m) => m.type === 'jobDone');
      if (here?.type !== 'jobDone') throw new Error(JSON.stringify(msgs));
      expect(runs.get(job.index)).toEqual(here.run);
    }
    // lecture net, lr 0.25: entry 0 is (2.5 − 2)² = 0.25
    expect((runs.get(3)!.history.train_loss as number[])[0]).toBe(0.25);
    expect(sup.running.length).toBe(0); // the pool closed its slots
  }, 120_000);

  it('a process that crashes mid-job fails that job with why; a fresh process runs the rest', async () => {
    const jobs = [...jobsOf([0.01], 1_000_000), ...jobsOf([0.05, 0.25], 200).map((j, k) => ({ ...j, index: k + 1 }))];
    const forked = workers.length;
    const failed: string[] = [];
    const done: number[] = [];
    let crashed = false;
    const pool = new SweepPool(() => host.spawn(), 1);
    const outcome = await pool.run(jobs, {
      progress: (i) => {
        // job 0 is under way in the newest process: crash it (exit without being asked)
        if (i !== 0 || crashed) return;
        crashed = true;
        void workers[workers.length - 1].terminate();
      },
      done: (i) => done.push(i),
      failed: (_i, e) => failed.push(...e),
    });
    expect(outcome).toBe('finished');
    expect(failed).toEqual(['lr = 0.01: the worker running it stopped: the job process stopped unexpectedly (exit code 1)']);
    expect(done).toEqual([1, 2]);
    expect(workers.length).toBe(forked + 2);
  }, 120_000);

  it('a command the job process refuses fails its job with the path at fault', async () => {
    const [job] = jobsOf([0.05], 3);
    const bad = { ...job, experiment: { ...experiment, batch_size: 'all of them' } } as unknown as SweepJob;
    const failed: string[] = [];
    const outcome = await new SweepPool(() => host.spawn(), 1).run([bad], { failed: (_i, e) => failed.push(...e) });
    expect(outcome).toBe('finished');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^lr = 0\.05: job worker: invalid job command "runJob": job\.experiment\.batch_size: /);
  }, 60_000);
});
