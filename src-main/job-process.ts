/**
 * Entry of a job utility process (utilityProcess.fork of
 * dist-electron/job-process.cjs, one per slot of supervisor-jobs.ts): the
 * same serveJobs as the browser's job worker, on the MessagePortMain main
 * connects, plus the heartbeat for main. Runs one job at a time; a job blocks
 * this thread between its progress reports, each of which also tells main the
 * process is alive (as the engine's own busy reports do within long work).
 */
import type { MessagePortMain } from 'electron';
import { serveJobs } from '../src-core/sweep/job';
import { setDigitSource } from '../src-core/data/mnist';
import { fileDigitSource } from '../src-node/mnist-digits';
import { setProgressListener } from '../src-core/train/progress';
import type { ParentMessage } from './supervisor';

const parentPort = process.parentPort;
if (!parentPort) {
  console.error('job-process: not started as an Electron utility process (no process.parentPort)');
  process.exit(2);
}
const toMain = (m: ParentMessage) => parentPort.postMessage(m);

// MNIST sessions read the digits from the folder main names (as the trainer process does)
const digitsArg = process.argv.indexOf('--mnist-digits');
if (digitsArg >= 0 && process.argv[digitsArg + 1]) setDigitSource(fileDigitSource(process.argv[digitsArg + 1]));

setProgressListener(() => toMain({ type: 'nnlab:busy' }), 250);

let connected = false;
parentPort.on('message', (event) => {
  const m = event.data as Partial<ParentMessage> | null;
  if (m?.type === 'nnlab:ping') return toMain({ type: 'nnlab:pong', seq: Number(m.seq) });
  const port = (event.ports as MessagePortMain[])[0];
  if (m?.type !== 'nnlab:connect' || !port || connected) return;
  // one page port for the life of the process (a reloaded page closes its slots)
  connected = true;
  serveJobs({
    // MessagePortMain transfers only ports: the packed run's buffers are copied
    postMessage: (message) => {
      port.postMessage(message);
      toMain({ type: 'nnlab:busy' });
    },
    addEventListener: (_type, listener) => {
      port.on('message', (e) => listener({ data: e.data }));
      port.start();
    },
  });
});
