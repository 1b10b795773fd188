/** The browser's TrainerHost: the trainer runs in a module Web Worker built by Vite. */
import type { CommandBody, HostEvent, TrainerHost } from './types';
import { EventHub, envelope } from './events';

export class WebWorkerHost implements TrainerHost {
  private readonly worker: Worker;
  readonly hub = new EventHub();

  constructor() {
    this.worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-trainer' });
    this.worker.addEventListener('message', (e: MessageEvent) => this.hub.receive(e.data));
    this.worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.hub.receive({ v: 1, type: 'error', message: `the trainer stopped: ${e.message || 'the worker failed to start'}` });
    });
  }

  send(body: CommandBody): void {
    this.worker.postMessage(envelope(body));
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  dispose(): void {
    this.hub.clear();
    this.worker.terminate();
  }
}
