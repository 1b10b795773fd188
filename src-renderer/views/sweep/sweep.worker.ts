/// <reference lib="webworker" />
/** A sweep worker: runs one sweep job at a time with the real engine (src-core/sweep/job.ts). */
import { serveJobs } from '../../../src-core/sweep/job';

// a worker's postMessage takes (message, transfer[]) as serveJobs expects
serveJobs(self as unknown as Parameters<typeof serveJobs>[0]);
