/**
 * Runs a TrainerService on anything shaped like a message port: a Web
 * Worker's `self`, a node:worker_threads `parentPort` (wrapped), or an
 * Electron MessagePortMain (wrapped). Every incoming message goes through
 * `service.handle`, which validates it.
 */
import { type SessionLoader, type ServiceOptions, TrainerService } from './service';

export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export function serveOnPort(port: PortLike, load: SessionLoader, options: Partial<ServiceOptions> = {}): TrainerService {
  const service = new TrainerService({ post: (e) => port.postMessage(e), load, ...options });
  port.addEventListener('message', (event) => service.handle(event.data));
  return service;
}
