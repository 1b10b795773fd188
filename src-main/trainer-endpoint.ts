/**
 * The training utility process' logic, apart from Electron: one trainer
 * service for the life of the process, spoken to over whichever port main
 * connected last (a renderer reload brings a new port; the trainer keeps its
 * state). Also answers main's heartbeat and reports each accepted `load`
 * command, which main replays if this process has to be replaced.
 *
 * Commands are validated by the service where they arrive (parseCommand);
 * here only to recognise a load worth replaying.
 */
import { parseCommand } from '../src-core/protocol/messages';
import type { ParentMessage } from './supervisor';

/** A port as the endpoint uses it: Electron's MessagePortMain and Node's worker_threads port both fit via small adapters. */
export interface EndpointPort {
  postMessage(message: unknown): void;
  onMessage(listener: (data: unknown) => void): void;
  close(): void;
}

export interface TrainerServiceLike {
  handle(message: unknown): void;
}

export interface TrainerEndpoint {
  /** A message from main on the parentPort, with the ports it carried. */
  onParentMessage(data: unknown, ports: readonly EndpointPort[]): void;
}

export function createTrainerEndpoint(opts: {
  /** `(post) => new TrainerService(post)` */
  createService(post: (event: unknown) => void): TrainerServiceLike;
  postToParent(message: ParentMessage): void;
}): TrainerEndpoint {
  let port: EndpointPort | null = null;
  /** set while a load command is handled: whether the service accepted it (said "loaded") */
  let loading: { accepted: boolean } | null = null;
  // Events while no port is connected (between a restart's connect and replay they never are) are dropped:
  // the renderer asks for a fresh snapshot whenever it (re)connects.
  const service = opts.createService((event) => {
    if (loading && (event as { type?: unknown } | null)?.type === 'loaded') loading.accepted = true;
    port?.postMessage(event);
  });

  const fromRenderer = (data: unknown) => {
    const parsed = parseCommand(data);
    if (!parsed.ok || parsed.value.type !== 'load') return service.handle(data);
    // only a load the trainer accepted is worth replaying: a refused one left the previous session in place
    loading = { accepted: false };
    try {
      service.handle(data);
      if (loading.accepted) opts.postToParent({ type: 'nnlab:loaded-command', command: parsed.value });
    } finally {
      loading = null;
    }
  };

  return {
    onParentMessage(data, ports) {
      const m = data as Partial<ParentMessage> | null;
      if (!m || typeof m !== 'object') return;
      switch (m.type) {
        case 'nnlab:connect': {
          const next = ports[0];
          if (!next) return;
          port?.close();
          port = next;
          next.onMessage(fromRenderer);
          return;
        }
        case 'nnlab:ping':
          opts.postToParent({ type: 'nnlab:pong', seq: Number(m.seq) });
          return;
        case 'nnlab:replay':
          fromRenderer(m.command);
          return;
        default:
          return;
      }
    },
  };
}
