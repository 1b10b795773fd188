/** The sweep bench's worker thread: the same serveJobs the app's Web Workers run, on node's parentPort. */
import { parentPort } from 'node:worker_threads';
import { serveJobs } from '../src-core/sweep/job';

if (!parentPort) throw new Error('bench/sweep-worker.ts must run in a worker thread');
const port = parentPort;
serveJobs({
  postMessage: (m, transfer) => port.postMessage(m, transfer),
  addEventListener: (_type, listener) => port.on('message', (data: unknown) => listener({ data })),
});
