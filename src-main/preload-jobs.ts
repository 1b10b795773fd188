/**
 * The preload's `nnlab.jobs`: relays the job protocol between the page and
 * its job processes (supervisor-jobs.ts), one MessagePort per slot, as the
 * trainer's port is relayed (preload-bridge.ts). The page picks the slot
 * numbers; messages posted before a slot's port arrives are queued (bounded).
 * Validation is at the ends: the job process checks each command, the page's
 * pool each event (src-core/protocol/job-messages.ts).
 *
 * Bundled into the sandboxed preload: no Node imports here.
 */
import { Channel, type JobsPreloadApi } from './preload-api';
import type { IpcLike, PortLike } from './preload-bridge';

const MAX_QUEUED = 100;

export function createJobsApi(ipc: IpcLike): JobsPreloadApi {
  /** open slots: their port once main has sent it, and what waits for it */
  const slots = new Map<number, { port: PortLike | null; queue: unknown[] }>();
  const messageListeners = new Set<(slot: number, message: unknown) => void>();
  const exitListeners = new Set<(slot: number, why: string) => void>();
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  const exited = (slot: number, why: string) => {
    const s = slots.get(slot);
    if (!s) return;
    slots.delete(slot);
    s.port?.close();
    for (const l of exitListeners) l(slot, why);
  };

  ipc.on(Channel.jobPort, (event, info) => {
    const port = event.ports[0];
    const slot = (info as { slot?: unknown } | undefined)?.slot;
    const s = typeof slot === 'number' ? slots.get(slot) : undefined;
    if (!port) return;
    // a slot the page has closed meanwhile: nobody wants this port
    if (!s || s.port) return port.close();
    s.port = port;
    port.addEventListener('message', (e) => {
      for (const l of messageListeners) l(slot as number, e.data);
    });
    port.start();
    for (const m of s.queue.splice(0)) port.postMessage(m);
  });
  ipc.on(Channel.jobExit, (_event, slot, why) => {
    if (typeof slot === 'number') exited(slot, typeof why === 'string' ? why : 'the job process stopped');
  });

  return {
    parallelism: async () => {
      const n = await ipc.invoke(Channel.jobParallelism);
      return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
    },
    open(slot) {
      if (!Number.isInteger(slot) || slot < 1 || slots.has(slot)) return;
      slots.set(slot, { port: null, queue: [] });
      ipc.send(Channel.jobOpen, slot);
    },
    post(slot, message) {
      const s = slots.get(slot);
      if (s?.port) s.port.postMessage(message);
      else if (s && s.queue.length < MAX_QUEUED) s.queue.push(message);
      else if (s) exited(slot, 'too many messages waited for the job process to start');
    },
    close(slot) {
      const s = slots.get(slot);
      if (!s) return;
      slots.delete(slot);
      s.port?.close();
      ipc.send(Channel.jobClose, slot);
    },
    onMessage: (listener) => subscribe(messageListeners, listener),
    onExit: (listener) => subscribe(exitListeners, listener),
  };
}
