/**
 * The job processes' supervisor with fake processes and a fake clock: one
 * process per slot up to the cap, a crash or a hang reported to the page for
 * that slot (and the process gone), progress keeping a busy process alive,
 * close and reload without a report.
 */
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { ChildHandle, Clock, ParentMessage, PortHandle } from './supervisor';
import { JobSupervisor } from './supervisor-jobs';
import { jobWorkerCount } from '../src-core/sweep/pool';

class FakePort implements PortHandle {
  closed = false;
  postMessage() {}
  close() {
    this.closed = true;
  }
}

class FakeChild extends EventEmitter implements ChildHandle<FakePort> {
  sent: { msg: ParentMessage; ports: FakePort[] }[] = [];
  killed = false;
  hung = false;
  postMessage(msg: ParentMessage, transfer: FakePort[] = []) {
    this.sent.push({ msg, ports: transfer });
    if (msg.type === 'nnlab:ping' && !this.hung && !this.killed) queueMicrotask(() => this.emit('message', { type: 'nnlab:pong', seq: msg.seq }));
  }
  kill() {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 143));
    return true;
  }
}

function setup(max = 2) {
  let now = 0;
  let tick: (() => void) | null = null;
  const clock: Clock = { now: () => now, setInterval: (fn) => ((tick = fn), 1), clearInterval: () => (tick = null) };
  const children: FakeChild[] = [];
  const ports: { slot: number; port: FakePort }[] = [];
  const exits: [number, string][] = [];
  const sup = new JobSupervisor<FakePort>({
    fork: () => {
      const c = new FakeChild();
      children.push(c);
      return c;
    },
    createChannel: () => ({ port1: new FakePort(), port2: new FakePort() }),
    sendPortToRenderer: (port, slot) => ports.push({ slot, port }),
    sendExitToRenderer: (slot, why) => exits.push([slot, why]),
    maxProcesses: max,
    clock,
    heartbeatIntervalMs: 1000,
    heartbeatTimeoutMs: 5000,
  });
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      now += 1000;
      tick?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { sup, children, ports, exits, advance, ticking: () => tick !== null };
}

describe('JobSupervisor', () => {
  it('one process per slot, connected with its own port, the page getting the other end', () => {
    const { sup, children, ports } = setup();
    sup.open(1);
    sup.open(2);
    sup.open(2); // already open: nothing new
    expect(children).toHaveLength(2);
    expect(children.map((c) => c.sent[0].msg.type)).toEqual(['nnlab:connect', 'nnlab:connect']);
    expect(children.every((c) => c.sent[0].ports.length === 1)).toBe(true);
    expect(ports.map((p) => p.slot)).toEqual([1, 2]);
    expect(sup.running).toEqual([1, 2]);
  });

  it('refuses more than maxProcesses at once, and slots that are not positive integers', () => {
    const { sup, children, exits } = setup(1);
    sup.open(1);
    sup.open(2);
    sup.open(-1);
    sup.open('3');
    sup.open(1.5);
    expect(children).toHaveLength(1);
    expect(exits).toEqual([[2, 'at most 1 job processes run at once']]);
  });

  it('a crash is reported for its slot; the others run on', async () => {
    const { sup, children, exits } = setup();
    sup.open(1);
    sup.open(2);
    children[0].emit('exit', 5);
    expect(exits).toEqual([[1, 'the job process stopped unexpectedly (exit code 5)']]);
    expect(sup.running).toEqual([2]);
    // the page opens a fresh slot for the jobs still to run
    sup.open(3);
    expect(children).toHaveLength(3);
  });

  it('a hung process is killed and reported; one that reports progress is not', async () => {
    const { sup, children, exits, advance } = setup();
    sup.open(1);
    sup.open(2);
    children[0].hung = true;
    children[1].hung = true;
    // slot 2's job reports progress (busy) all along: alive though it never answers a ping
    const busy = setInterval(() => children[1].emit('message', { type: 'nnlab:busy' }), 0);
    try {
      await advance(8000);
    } finally {
      clearInterval(busy);
    }
    expect(children[0].killed).toBe(true);
    expect(children[1].killed).toBe(false);
    expect(exits).toEqual([[1, 'the job process stopped answering for 5 s and was stopped']]);
    expect(sup.running).toEqual([2]);
  });

  it('close and a reload stop the processes without a report; the heartbeat stops when none is left', async () => {
    const { sup, children, exits, ticking } = setup();
    sup.open(1);
    sup.open(2);
    expect(ticking()).toBe(true);
    sup.close(1);
    sup.closeAll();
    await new Promise((r) => setTimeout(r, 0)); // their exits arrive
    expect(children.every((c) => c.killed)).toBe(true);
    expect(exits).toEqual([]);
    expect(ticking()).toBe(false);
    sup.dispose();
    sup.open(3);
    expect(children).toHaveLength(2);
  });

  it('runs one process per core but one, at least one', () => {
    expect([1, 2, 4, 16].map((n) => jobWorkerCount(n))).toEqual([1, 1, 3, 15]);
    expect(jobWorkerCount(NaN)).toBe(1);
  });
});
