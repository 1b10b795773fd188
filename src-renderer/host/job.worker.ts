/// <reference lib="webworker" />
/**
 * The browser's job worker: runs one sweep or "Run all" job at a time with the
 * real engine (src-core/sweep/job.ts), each command validated (job-messages.ts).
 * The desktop app runs the same serveJobs in a utility process (src-main/job-process.ts).
 */
import { serveJobs } from '../../src-core/sweep/job';

// a worker's postMessage takes (message, transfer[]) as serveJobs expects
serveJobs(self as unknown as Parameters<typeof serveJobs>[0]);
