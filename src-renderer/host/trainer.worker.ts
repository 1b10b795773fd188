/// <reference lib="webworker" />
/**
 * The Web Worker that trains in the browser (`npm run web`, e2e tests): the
 * same TrainerService the Electron utility process runs, on the worker's port.
 * MNIST sessions get their digits loaded first (mnist-digits.ts).
 */
import { serveOnPort } from '../../src-core/protocol/port';
import { loadSession } from '../../src-core/protocol/load';
import { withDigitsPreloaded } from './mnist-digits';

serveOnPort(withDigitsPreloaded(self as unknown as DedicatedWorkerGlobalScope), loadSession);
