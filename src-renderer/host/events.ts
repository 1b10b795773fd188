/** Shared by the hosts: validate what arrives and fan it out to listeners. */
import { type CommandBody, type HostEvent, command, parseEvent } from '../../src-core/protocol/messages';

export class EventHub {
  private listeners = new Set<(e: HostEvent) => void>();
  /** main-thread cost of handling events (validation + listeners), for the responsiveness benchmark */
  readonly stats = { count: 0, totalMs: 0, maxMs: 0, maxType: '' };

  subscribe(listener: (e: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An event from the other side: validated here, a malformed one becomes an `error` event. */
  receive(data: unknown): void {
    const t0 = performance.now();
    const parsed = parseEvent(data);
    const event: HostEvent = parsed.ok ? parsed.value : { v: 1, type: 'error', message: parsed.message };
    for (const l of this.listeners) l(event);
    const ms = performance.now() - t0;
    this.stats.count++;
    this.stats.totalMs += ms;
    if (ms > this.stats.maxMs) {
      this.stats.maxMs = ms;
      this.stats.maxType = event.type;
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

export const envelope = (body: CommandBody) => command(body);
