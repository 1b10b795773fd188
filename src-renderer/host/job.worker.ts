/// <reference lib="webworker" />
/**
 * The browser's job worker: runs one sweep or "Run all" job at a time with the
 * real engine (src-core/sweep/job.ts), each command validated (job-messages.ts).
 * The desktop app runs the same serveJobs in a utility process (src-main/job-process.ts),
 * which reads the digits from files; here a job of an MNIST experiment has them
 * loaded first, as the trainer's worker does (mnist-digits.ts).
 */
import { serveJobs } from '../../src-core/sweep/job';
import { withDigitsPreloaded } from './mnist-digits';

// a worker's postMessage takes (message, transfer[]) as serveJobs expects; a job of an MNIST
// experiment waits for its digits (mnist-digits.ts installs the source they are read from)
const scope = self as unknown as Parameters<typeof serveJobs>[0];
serveJobs(withDigitsPreloaded(scope, (job) => job));
