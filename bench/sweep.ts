/**
 * A 20-run sweep of report 002's f1 fit (exp(x/5) on [−5, 5], 1000 points;
 * 7 sigmoid hidden units with biases and a linear output, full batch, lr 0.1,
 * 10 000 epochs; the runs differ by seed, i.e. by their N(0, 0.01) starting
 * weights), run one after another in this thread and then on one worker
 * thread per core through the app's SweepPool. Goal: parallel ≤ 0.6× the
 * sequential wall time. Both must give the same final losses, bit for bit.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseSession } from '../src-core/session/session';
import { runJob, type SweepJob } from '../src-core/sweep/job';
import { SweepPool, type WorkerLike } from '../src-core/sweep/pool';
import { expandSweep } from '../src-core/sweep/spec';
import type { BenchCase, BenchResult } from './cases';
import { fmtMs, fmtRatio } from './lib/table';
import { nowMs } from './lib/timing';

function session(epochs: number) {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let s = 0; s < 1000; s++) {
    const v = -5 + (10 * s) / 999;
    x.push([v]);
    y.push([Math.exp(v / 5)]);
  }
  const parsed = parseSession({
    format: 'nnlab', version: 1,
    experiment: {
      network: { inputs: 1, layers: [{ units: 7, activation: 'sigmoid', bias: true }, { units: 1, activation: 'linear', bias: true }] },
      loss: 'half_squared_error', reduction: 'mean',
      init: { kind: 'normal', mean: 0, std: 0.01, biases: { kind: 'normal', mean: 0, std: 0.01 } },
      data: { kind: 'inline', train: { x, y } },
      optimizer: { kind: 'sgd', lr: 0.1 }, epochs, seed: 1,
    },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.session;
}

function nodeWorker(): WorkerLike {
  const w = new Worker(new URL('./sweep-worker.mjs', import.meta.url));
  return {
    postMessage: (m) => w.postMessage(m),
    onMessage: (l) => w.on('message', l),
    onError: (l) => w.on('error', (e) => l(e.message)),
    terminate: () => void w.terminate(),
  };
}

export const sweepCase: BenchCase = {
  id: 'sweep',
  title: 'Sweep: 20 runs of the f1 fit (h = 7 + bias, 10 000 epochs) in parallel vs one after another',
  async run(env): Promise<BenchResult> {
    const runs = env.quick ? 6 : 20;
    const epochs = env.quick ? 2000 : 10000;
    const s = session(epochs);
    const points = expandSweep({ id: 'seed', axes: [{ field: 'seed', kind: 'range', from: 1, to: runs, step: 1 }] });
    if (!points.ok) throw new Error(points.errors.join('\n'));
    const jobs: SweepJob[] = points.value.map((point, index) => ({ index, point, experiment: s.experiment }));
    const final = (h: Record<string, unknown>) => (h.train_loss as number[])[epochs];

    const t0 = nowMs();
    const sequential = jobs.map((job) => {
      let loss = NaN;
      runJob(job, (m) => { if (m.type === 'jobDone') loss = final(m.run.history); });
      return loss;
    });
    const tSeq = nowMs() - t0;

    const workers = availableParallelism();
    // the cost of starting the workers alone (here tsx compiles src-core in each; the app's bundled
    // Web Workers start in milliseconds): the same pool on zero-epoch runs
    const t2 = nowMs();
    await new SweepPool(nodeWorker, workers).run(jobs.slice(0, workers).map((j) => ({ ...j, point: { ...j.point, overrides: { ...j.point.overrides, epochs: 0 } } })), {});
    const tStart = nowMs() - t2;
    const parallel = new Array<number>(runs).fill(NaN);
    const t1 = nowMs();
    await new SweepPool(nodeWorker, workers).run(jobs, { done: (i, run) => (parallel[i] = final(run.history)) });
    const tPar = nowMs() - t1;

    const ratio = tPar / tSeq;
    const failures = sequential.flatMap((l, k) => (Object.is(l, parallel[k]) ? [] : [`run ${points.value[k].label}: sequential ${l} vs parallel ${parallel[k]}`]));
    return {
      tables: [{
        caption: `${runs} runs × ${epochs} epochs, ${workers} worker threads`,
        table: {
          headers: ['', 'wall time', 'per run', 'parallel / sequential'],
          rows: [
            ['one after another', fmtMs(tSeq), fmtMs(tSeq / runs), ''],
            ['one worker per core', fmtMs(tPar), fmtMs(tPar / runs), fmtRatio(ratio)],
            ['  less worker start-up', fmtMs(tPar - tStart), fmtMs((tPar - tStart) / runs), fmtRatio((tPar - tStart) / tSeq)],
          ],
        },
      }],
      notes: [
        `parallel/sequential = ${ratio.toFixed(3)} (goal ≤ 0.6); without worker start-up ${((tPar - tStart) / tSeq).toFixed(3)}`,
        `wall time: other load on the machine counts (load average ${loadavg()[0].toFixed(1)} on ${workers} cores now)`,
      ],
      failures,
    };
  },
};
