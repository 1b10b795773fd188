/// <reference lib="webworker" />
/**
 * The Web Worker that trains in the browser (`npm run web`, e2e tests): the
 * same TrainerService the Electron utility process runs, on the worker's port.
 * MNIST sessions get their digits loaded first (mnist-digits.ts). As the
 * utility process does for main, it answers the page's heartbeat
 * (`nnlab:ping` → `nnlab:pong`) and says it is busy between the blocks of long
 * work (`nnlab:busy`), so WebWorkerHost tells a hung worker from a busy one.
 */
import { serveOnPort, type PortLike } from '../../src-core/protocol/port';
import { loadSession } from '../../src-core/protocol/load';
import { setProgressListener } from '../../src-core/train/progress';
import { withDigitsPreloaded } from './mnist-digits';

const scope = self as unknown as DedicatedWorkerGlobalScope;
setProgressListener(() => scope.postMessage({ type: 'nnlab:busy' }), 250);

/** The worker's port without the heartbeat, which is answered here, at once. */
const port: PortLike = {
  postMessage: (m) => scope.postMessage(m),
  addEventListener(type, listener) {
    scope.addEventListener(type, (event: MessageEvent) => {
      const data = event.data as { type?: unknown; seq?: unknown } | null;
      if (data?.type === 'nnlab:ping') return scope.postMessage({ type: 'nnlab:pong', seq: data.seq });
      listener(event);
    });
  },
};

serveOnPort(withDigitsPreloaded(port), loadSession);
