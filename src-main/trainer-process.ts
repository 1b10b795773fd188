/**
 * Entry of the training utility process (utilityProcess.fork of
 * dist-electron/trainer-process.cjs): the same TrainerService as the Web
 * Worker, on the MessagePortMain that main connects (trainer-endpoint.ts),
 * plus the heartbeat and load reports for main's supervisor.
 */
import type { MessagePortMain } from 'electron';
import { loadSession } from '../src-core/protocol/load';
import { TrainerService } from '../src-core/protocol/service';
import type { HostEvent } from '../src-core/protocol/messages';
import { createTrainerEndpoint, type EndpointPort } from './trainer-endpoint';
import { setDigitSource } from '../src-core/data/mnist';
import { fileDigitSource } from '../src-node/mnist-digits';
import { setProgressListener } from '../src-core/train/progress';

const parentPort = process.parentPort;
if (!parentPort) {
  console.error('trainer-process: not started as an Electron utility process (no process.parentPort)');
  process.exit(2);
}

// MNIST sessions read the digits from the folder main names (see main.ts paths.mnistDigits)
const digitsArg = process.argv.indexOf('--mnist-digits');
if (digitsArg >= 0 && process.argv[digitsArg + 1]) setDigitSource(fileDigitSource(process.argv[digitsArg + 1]));

// Long work (loading a big net, an epoch's evaluation) blocks this thread for seconds: the engine says
// it is busy between blocks, so main's heartbeat does not take it for a hung process (supervisor.ts).
setProgressListener(() => parentPort.postMessage({ type: 'nnlab:busy' }), 250);

function adapt(port: MessagePortMain): EndpointPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
      port.start();
    },
    close: () => port.close(),
  };
}

const endpoint = createTrainerEndpoint({
  createService: (post) => new TrainerService({ post: post as (event: HostEvent) => void, load: loadSession }),
  postToParent: (message) => parentPort.postMessage(message),
});

parentPort.on('message', (event) => endpoint.onParentMessage(event.data, (event.ports as MessagePortMain[]).map(adapt)));
