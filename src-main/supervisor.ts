/**
 * Keeps one window's training process alive. Electron-free: the main process
 * injects fork (utilityProcess.fork), the channel factory (MessageChannelMain)
 * and the way to hand a port to the renderer; tests inject fakes and a clock.
 *
 *   main ──parentPort: connect [port1], ping, replay──▶ utility process
 *   main ◀──parentPort: pong, loaded-command─────────── utility process
 *   renderer ◀══port2 / port1: the trainer protocol══▶ utility process
 *
 * A process that exits without being asked to (a crash: exit code ≠ 0, or
 * any unexpected exit) or stops answering pings for `heartbeatTimeoutMs`
 * (a hang: a runaway loop never yields) is killed and replaced. A busy
 * process is not a hung one: the engine reports progress between the blocks
 * of long work (loading a big net, evaluating an epoch: `nnlab:busy`, see
 * src-core/train/progress.ts), and each report counts as an answer; the last
 * `load` command it accepted is replayed to the new one and the renderer gets
 * the new port with `restarted` set, so it can tell the user.
 */
import type { TrainerPortInfo } from './preload-bridge';

/** Messages on the utility process' parentPort (both directions). */
export type ParentMessage =
  | { type: 'nnlab:connect' } // with the trainer port in ports[0]
  | { type: 'nnlab:ping'; seq: number }
  | { type: 'nnlab:pong'; seq: number }
  /** the process is working (between blocks of a long computation): alive, though it cannot answer pings yet */
  | { type: 'nnlab:busy' }
  | { type: 'nnlab:replay'; command: unknown }
  | { type: 'nnlab:loaded-command'; command: unknown };

export interface PortHandle {
  postMessage(message: unknown): void;
  close(): void;
}

export interface ChildHandle<P extends PortHandle> {
  postMessage(message: ParentMessage, transfer?: P[]): void;
  kill(): boolean;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SupervisorOptions<P extends PortHandle> {
  fork(): ChildHandle<P>;
  /** port1 goes to the utility process, port2 to the renderer */
  createChannel(): { port1: P; port2: P };
  sendPortToRenderer(port: P, info: TrainerPortInfo): void;
  clock: Clock;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  /** more than this many restarts within restartWindowMs: give up (a session that crashes every load) */
  maxRestarts?: number;
  restartWindowMs?: number;
  log?: (line: string) => void;
}

export const GIVE_UP_MESSAGE =
  'The training process keeps stopping, so training is off in this window. Your session is intact: save it, then reopen it or restart NN Lab.';

/**
 * One process' heartbeat (shared with the job processes' supervisor,
 * supervisor-jobs.ts): a ping each beat, answered by its pong or by any busy
 * report; silence for `timeoutMs` means the process hangs.
 */
export class Heartbeat {
  private seq = 0;
  /** the ping we wait for, and since when */
  private outstanding: { seq: number; since: number } | null = null;

  constructor(private readonly ping: (message: ParentMessage) => void, private readonly timeoutMs: number, private readonly now: () => number) {}

  /** A message from the process on its parentPort: a pong or a busy report answers. */
  heard(msg: unknown): void {
    const m = msg as Partial<ParentMessage> | null;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'nnlab:pong' && this.outstanding && m.seq === this.outstanding.seq) this.outstanding = null;
    else if (m.type === 'nnlab:busy') this.outstanding = null;
  }

  /** Pings, or says how long the process has been silent when that is past the timeout (it hangs). */
  beat(): number | null {
    const now = this.now();
    if (this.outstanding) {
      const silent = now - this.outstanding.since;
      return silent >= this.timeoutMs ? silent : null;
    }
    this.outstanding = { seq: ++this.seq, since: now };
    this.ping({ type: 'nnlab:ping', seq: this.seq });
    return null;
  }
}

export class TrainerSupervisor<P extends PortHandle> {
  private child: ChildHandle<P> | null = null;
  private heart: Heartbeat | null = null;
  private generation = -1;
  private lastLoad: unknown = undefined;
  private timer: unknown = null;
  private restarts: number[] = [];
  private disposed = false;
  private gaveUp = false;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly o: SupervisorOptions<P>) {
    this.intervalMs = o.heartbeatIntervalMs ?? 1000;
    this.timeoutMs = o.heartbeatTimeoutMs ?? 5000;
  }

  /** The number of processes started so far, minus one (0 after start()). */
  get currentGeneration(): number {
    return this.generation;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the first process and hands the renderer its port. */
  start(): void {
    if (this.disposed || this.child || this.gaveUp) return;
    this.spawn(null);
    this.timer = this.o.clock.setInterval(() => this.beat(), this.intervalMs);
  }

  /**
   * The renderer reloaded (its old port is gone): a new channel to the same
   * process, whose trainer keeps its state.
   */
  reconnect(): void {
    if (this.disposed) return;
    if (this.gaveUp) return this.sendGiveUp();
    if (!this.child) return this.start();
    this.connect(this.child, null);
  }

  /** The window closed: stop for good. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.o.clock.clearInterval(this.timer);
    this.timer = null;
    const child = this.child;
    this.child = null;
    child?.kill();
  }

  private spawn(restarted: TrainerPortInfo['restarted']): void {
    const child = this.o.fork();
    this.child = child;
    this.generation++;
    this.heart = new Heartbeat((m) => child.postMessage(m), this.timeoutMs, () => this.o.clock.now());
    child.on('message', (msg) => {
      if (this.child === child) this.onChildMessage(msg);
    });
    child.on('exit', (code) => {
      if (this.child !== child || this.disposed) return; // killed by us (hang, dispose): handled there
      this.o.log?.(`training process exited with code ${code}`);
      this.child = null;
      this.restart('crashed');
    });
    this.connect(child, restarted);
  }

  private connect(child: ChildHandle<P>, restarted: TrainerPortInfo['restarted']): void {
    const { port1, port2 } = this.o.createChannel();
    child.postMessage({ type: 'nnlab:connect' }, [port1]);
    // Replayed after connect so the answers (loaded, snapshot...) go out on the new port.
    if (restarted && this.lastLoad !== undefined) child.postMessage({ type: 'nnlab:replay', command: this.lastLoad });
    this.o.sendPortToRenderer(port2, { generation: this.generation, restarted });
  }

  private onChildMessage(msg: unknown): void {
    this.heart?.heard(msg);
    const m = msg as Partial<ParentMessage> | null;
    if (m && typeof m === 'object' && m.type === 'nnlab:loaded-command') this.lastLoad = m.command;
  }

  private beat(): void {
    const child = this.child;
    if (!child || !this.heart || this.disposed) return;
    const silent = this.heart.beat();
    if (silent === null) return;
    this.o.log?.(`training process did not answer for ${silent} ms: restarting it`);
    this.child = null; // before kill, so its exit is not taken for a crash
    child.kill();
    this.restart('hung');
  }

  private restart(reason: 'crashed' | 'hung'): void {
    if (this.disposed) return;
    const now = this.o.clock.now();
    const windowMs = this.o.restartWindowMs ?? 60_000;
    this.restarts = this.restarts.filter((t) => now - t < windowMs);
    if (this.restarts.length >= (this.o.maxRestarts ?? 3)) {
      this.gaveUp = true;
      if (this.timer !== null) this.o.clock.clearInterval(this.timer);
      this.timer = null;
      this.o.log?.('training process keeps stopping: giving up');
      this.sendGiveUp();
      return;
    }
    this.restarts.push(now);
    this.spawn(reason);
  }

  /** No process: a port whose other end only says why. */
  private sendGiveUp(): void {
    const { port1, port2 } = this.o.createChannel();
    port1.postMessage({ v: 1, type: 'error', message: GIVE_UP_MESSAGE });
    this.o.sendPortToRenderer(port2, { generation: this.generation, restarted: null });
  }
}
