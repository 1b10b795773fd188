/// <reference lib="webworker" />
/**
 * The Web Worker that trains in the browser (`npm run web`, e2e tests): the
 * same TrainerService the Electron utility process runs, on the worker's port.
 */
import { serveOnPort } from '../../src-core/protocol/port';
import { loadSession } from '../../src-core/protocol/load';

serveOnPort(self as unknown as DedicatedWorkerGlobalScope, loadSession);
