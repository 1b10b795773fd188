/**
 * The browser's TrainerHost: the trainer runs in a module Web Worker built by
 * Vite, supervised as the desktop app's utility process is: a worker that
 * dies (an uncaught error, a failed start, killed by the browser) or stops
 * answering the heartbeat for HEARTBEAT_TIMEOUT_MS while not reporting
 * progress (trainer.worker.ts: `nnlab:busy` between blocks of long work) is replaced,
 * the journal (journal.ts) brings the new one back to where the old one was,
 * and the user is told exactly what, if anything, was lost.
 */
import type { CommandBody, HostEvent, TrainerHost } from './types';
import { EventHub, envelope } from './events';
import { TrainerJournal } from './journal';

/** more than this many restarts within RESTART_WINDOW_MS: give up (a session that kills every worker) */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
const HEARTBEAT_MS = 1000;
const HEARTBEAT_TIMEOUT_MS = 10_000;

export interface WorkerHostOptions {
  createWorker?: () => Worker;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  now?: () => number;
}
export const WEB_GIVE_UP_MESSAGE =
  'The training process keeps stopping, so training is off in this tab. Your session is intact: save it, then reload the page.';

export class WebWorkerHost implements TrainerHost {
  private worker: Worker | null = null;
  readonly hub = new EventHub();
  private readonly journal = new TrainerJournal((c) => this.post(c));
  private restarts: number[] = [];
  private disposed = false;
  /** the ping not yet answered (nor any sign of life since), and when it was sent */
  private outstanding: { seq: number; since: number } | null = null;
  private seq = 0;
  private readonly timer: unknown;
  private readonly o: Required<WorkerHostOptions>;

  constructor(options: WorkerHostOptions = {}) {
    this.o = {
      createWorker: defaultWorker,
      setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
      clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
      now: () => Date.now(),
      ...options,
    };
    this.hub.subscribe((e) => {
      const notice = this.journal.received(e);
      if (notice) queueMicrotask(() => this.hub.receive(notice));
    });
    this.start();
    this.timer = this.o.setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  private beat(): void {
    if (this.disposed || !this.worker) return;
    const now = this.o.now();
    if (!this.outstanding) {
      this.outstanding = { seq: ++this.seq, since: now };
      this.worker.postMessage({ type: 'nnlab:ping', seq: this.seq });
    } else if (now - this.outstanding.since >= HEARTBEAT_TIMEOUT_MS) {
      this.died('hung', `no answer for ${now - this.outstanding.since} ms`);
    }
  }

  private start(): void {
    const worker = this.o.createWorker();
    this.worker = worker;
    this.outstanding = null;
    worker.addEventListener('message', (e: MessageEvent) => {
      if (this.worker !== worker) return;
      const type = (e.data as { type?: unknown } | null)?.type;
      // any sign of life answers the heartbeat; pong and busy are for this host only
      this.outstanding = null;
      if (type === 'nnlab:pong' || type === 'nnlab:busy') return;
      this.hub.receive(e.data);
    });
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      // an error that escaped the trainer (which reports its own as events) or a worker that could not start:
      // its state can no longer be trusted
      if (this.worker === worker) this.died('crashed', e.message || 'the worker failed to start');
    });
    worker.addEventListener('messageerror', () => {
      if (this.worker === worker) this.died('crashed', 'a message could not be read');
    });
  }

  private post(command: CommandBody): void {
    this.worker?.postMessage(envelope(command));
  }

  send(body: CommandBody): void {
    this.post(this.journal.sent(body));
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  /** The worker is gone: a new one, brought back to the old one's state (or, after too many, none). */
  private died(reason: 'crashed' | 'hung', why: string): void {
    if (this.disposed) return;
    this.worker?.terminate();
    this.worker = null;
    console.warn(`nnlab: the training worker stopped (${why}); restarting it`);
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      this.hub.receive({ v: 1, type: 'error', message: WEB_GIVE_UP_MESSAGE });
      return;
    }
    this.restarts.push(now);
    this.start();
    const { events, commands } = this.journal.restart(reason);
    for (const e of events) this.hub.receive(e);
    for (const c of commands) this.post(c);
  }

  /** As if the browser had killed the worker (the e2e tests' hook: window.nnlabTest.killTrainer). */
  killForTest(): void {
    this.died('crashed', 'killed by a test');
  }

  dispose(): void {
    this.disposed = true;
    this.o.clearInterval(this.timer);
    this.hub.clear();
    this.worker?.terminate();
    this.worker = null;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-trainer' });
}
