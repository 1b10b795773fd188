/**
 * The job processes of one window: sweeps and "Run all" train their runs in
 * utility processes (dist-electron/job-process.cjs), one per slot the page
 * opens, at most `maxProcesses` at once (os.availableParallelism() − 1, at
 * least 1). Electron-free like supervisor.ts: main injects fork, the channel
 * factory and the way to reach the renderer; tests inject fakes and a clock.
 *
 *   page ──open(slot)──▶ main: fork, connect [port1] ─▶ job process
 *   page ◀══port2: the job protocol (job-messages.ts)══▶ job process
 *   main ◀──parentPort: pong, busy──────────────────── job process
 *
 * A process that exits unasked (a crash) or stops answering the heartbeat
 * (a hang; each progress report counts as an answer) is killed and the page
 * is told, for that slot, why: its pool fails the job the slot was running
 * with that message and opens a fresh slot for the jobs still to run.
 */
import { Heartbeat, type ChildHandle, type Clock, type PortHandle } from './supervisor';

export interface JobSupervisorOptions<P extends PortHandle> {
  fork(): ChildHandle<P>;
  /** port1 goes to the job process, port2 to the renderer */
  createChannel(): { port1: P; port2: P };
  sendPortToRenderer(port: P, slot: number): void;
  /** the slot's process is gone (or was never started), and why, in words for the user */
  sendExitToRenderer(slot: number, why: string): void;
  maxProcesses: number;
  clock: Clock;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  log?: (line: string) => void;
}

const MAX_SLOT = 2 ** 31;

interface Slot<P extends PortHandle> {
  child: ChildHandle<P>;
  heart: Heartbeat;
}

export class JobSupervisor<P extends PortHandle> {
  private readonly slots = new Map<number, Slot<P>>();
  private timer: unknown = null;
  private disposed = false;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly o: JobSupervisorOptions<P>) {
    if (!Number.isInteger(o.maxProcesses) || o.maxProcesses < 1) throw new Error(`jobs: expected maxProcesses >= 1, got ${o.maxProcesses}`);
    this.intervalMs = o.heartbeatIntervalMs ?? 1000;
    this.timeoutMs = o.heartbeatTimeoutMs ?? 5000;
  }

  get maxProcesses(): number {
    return this.o.maxProcesses;
  }

  /** The slots whose processes run now. */
  get running(): number[] {
    return [...this.slots.keys()];
  }

  /** Starts a job process for the page's `slot` and hands the page its port. */
  open(slot: unknown): void {
    if (this.disposed) return;
    if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 1 || slot > MAX_SLOT) {
      this.o.log?.(`job process: refused slot ${JSON.stringify(slot)}`);
      return;
    }
    if (this.slots.has(slot)) return;
    if (this.slots.size >= this.o.maxProcesses) {
      this.o.sendExitToRenderer(slot, `at most ${this.o.maxProcesses} job processes run at once`);
      return;
    }
    let child: ChildHandle<P>;
    try {
      child = this.o.fork();
    } catch (e) {
      this.o.sendExitToRenderer(slot, `the job process could not start (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    const heart = new Heartbeat((m) => child.postMessage(m), this.timeoutMs, () => this.o.clock.now());
    this.slots.set(slot, { child, heart });
    child.on('message', (msg) => {
      if (this.slots.get(slot)?.child === child) heart.heard(msg);
    });
    child.on('exit', (code) => {
      // killed by us (close, hang, dispose): already handled
      if (this.slots.get(slot)?.child !== child || this.disposed) return;
      this.slots.delete(slot);
      this.o.log?.(`job process ${slot} exited with code ${code}`);
      this.o.sendExitToRenderer(slot, `the job process stopped unexpectedly (exit code ${code})`);
      this.idle();
    });
    const { port1, port2 } = this.o.createChannel();
    child.postMessage({ type: 'nnlab:connect' }, [port1]);
    this.o.sendPortToRenderer(port2, slot);
    if (this.timer === null) this.timer = this.o.clock.setInterval(() => this.beat(), this.intervalMs);
  }

  /** The page is done with the slot (its jobs ended, or it cancelled): the process goes. */
  close(slot: unknown): void {
    if (typeof slot !== 'number') return;
    const s = this.slots.get(slot);
    if (!s) return;
    this.slots.delete(slot);
    s.child.kill();
    this.idle();
  }

  /** The page reloaded: its slots are gone with it. */
  closeAll(): void {
    for (const slot of this.running) this.close(slot);
  }

  /** The window closed: stop for good. */
  dispose(): void {
    this.closeAll();
    this.disposed = true;
  }

  private beat(): void {
    for (const [slot, s] of [...this.slots]) {
      const silent = s.heart.beat();
      if (silent === null) continue;
      this.o.log?.(`job process ${slot} did not answer for ${silent} ms: stopping it`);
      this.slots.delete(slot); // before kill, so its exit is not taken for a crash
      s.child.kill();
      this.o.sendExitToRenderer(slot, `the job process stopped answering for ${Math.round(silent / 1000)} s and was stopped`);
    }
    this.idle();
  }

  private idle(): void {
    if (this.slots.size > 0 || this.timer === null) return;
    this.o.clock.clearInterval(this.timer);
    this.timer = null;
  }
}
