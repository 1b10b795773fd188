/** Shared by the hosts: validate what arrives and fan it out to listeners. */
import { type CommandBody, type HostEvent, command, parseEvent } from '../../src-core/protocol/messages';

export class EventHub {
  private listeners = new Set<(e: HostEvent) => void>();

  subscribe(listener: (e: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An event from the other side: validated here, a malformed one becomes an `error` event. */
  receive(data: unknown): void {
    const parsed = parseEvent(data);
    const event: HostEvent = parsed.ok ? parsed.value : { v: 1, type: 'error', message: parsed.message };
    for (const l of this.listeners) l(event);
  }

  clear(): void {
    this.listeners.clear();
  }
}

export const envelope = (body: CommandBody) => command(body);
