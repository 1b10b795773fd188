import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { GIVE_UP_MESSAGE, TrainerSupervisor, type ChildHandle, type Clock, type ParentMessage, type PortHandle } from './supervisor';
import type { TrainerPortInfo } from './preload-bridge';

class FakePort implements PortHandle {
  posted: unknown[] = [];
  closed = false;
  constructor(readonly name: string) {}
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  close() {
    this.closed = true;
  }
}

/** A utility process stand-in: records what main sent; answers pings unless hung. */
class FakeChild extends EventEmitter implements ChildHandle<FakePort> {
  sent: { msg: ParentMessage; ports: FakePort[] }[] = [];
  killed = false;
  hung = false;
  constructor(readonly n: number) {
    super();
  }
  postMessage(msg: ParentMessage, transfer: FakePort[] = []) {
    this.sent.push({ msg, ports: transfer });
    if (msg.type === 'nnlab:ping' && !this.hung && !this.killed) queueMicrotask(() => this.emit('message', { type: 'nnlab:pong', seq: msg.seq }));
  }
  kill() {
    this.killed = true;
    // Electron emits exit after the process is reaped, asynchronously.
    queueMicrotask(() => this.emit('exit', 143));
    return true;
  }
}

function setup(opts: { maxRestarts?: number } = {}) {
  let now = 0;
  let tick: (() => void) | null = null;
  const clock: Clock = {
    now: () => now,
    setInterval: (fn) => ((tick = fn), 1),
    clearInterval: () => (tick = null),
  };
  const children: FakeChild[] = [];
  const toRenderer: { port: FakePort; info: TrainerPortInfo }[] = [];
  let channels = 0;
  const sup = new TrainerSupervisor<FakePort>({
    fork: () => {
      const c = new FakeChild(children.length);
      children.push(c);
      return c;
    },
    createChannel: () => ({ port1: new FakePort(`u${channels}`), port2: new FakePort(`r${channels++}`) }),
    sendPortToRenderer: (port, info) => toRenderer.push({ port, info }),
    clock,
    heartbeatIntervalMs: 1000,
    heartbeatTimeoutMs: 5000,
    maxRestarts: opts.maxRestarts,
  });
  /** advance the clock by ms in 1 s heartbeat ticks, letting pongs arrive between ticks */
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      now += 1000;
      tick?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { sup, children, toRenderer, advance };
}

const load = { v: 1, type: 'load', session: { title: 'lecture' } };

describe('TrainerSupervisor', () => {
  it('starts one process, connects it and hands the renderer the other end', () => {
    const { sup, children, toRenderer } = setup();
    sup.start();
    expect(children).toHaveLength(1);
    expect(children[0].sent[0]).toEqual({ msg: { type: 'nnlab:connect' }, ports: [expect.objectContaining({ name: 'u0' })] });
    expect(toRenderer).toEqual([{ port: expect.objectContaining({ name: 'r0' }), info: { generation: 0, restarted: null } }]);
  });

  it('a crash (exit ≠ 0) restarts the process, replays the last load and tells the renderer', async () => {
    const { sup, children, toRenderer } = setup();
    sup.start();
    children[0].emit('message', { type: 'nnlab:loaded-command', command: load });
    children[0].emit('exit', 1);
    expect(children).toHaveLength(2);
    // connect first, then the replayed load, so its answers go out on the new port
    expect(children[1].sent.map((s) => s.msg)).toEqual([{ type: 'nnlab:connect' }, { type: 'nnlab:replay', command: load }]);
    expect(children[1].sent[0].ports[0].name).toBe('u1');
    expect(toRenderer[1]).toEqual({ port: expect.objectContaining({ name: 'r1' }), info: { generation: 1, restarted: 'crashed' } });
  });

  it('a crash before any load restarts without a replay', () => {
    const { sup, children } = setup();
    sup.start();
    children[0].emit('exit', 134);
    expect(children[1].sent.map((s) => s.msg.type)).toEqual(['nnlab:connect']);
  });

  it('answered pings keep the process; silence for 5 s kills and replaces it ("hung")', async () => {
    const { sup, children, toRenderer, advance } = setup();
    sup.start();
    children[0].emit('message', { type: 'nnlab:loaded-command', command: load });
    await advance(20_000);
    expect(children).toHaveLength(1);
    expect(children[0].sent.filter((s) => s.msg.type === 'nnlab:ping').length).toBeGreaterThanOrEqual(10);

    children[0].hung = true;
    await advance(4000); // ping sent at +1 s, unanswered for 4 s: not yet
    expect(children).toHaveLength(1);
    await advance(2000);
    expect(children[0].killed).toBe(true);
    expect(children).toHaveLength(2);
    expect(children[1].sent.map((s) => s.msg)).toEqual([{ type: 'nnlab:connect' }, { type: 'nnlab:replay', command: load }]);
    expect(toRenderer.at(-1)!.info).toEqual({ generation: 1, restarted: 'hung' });
    // the killed process' exit is ours, not a second crash
    await new Promise((r) => setTimeout(r, 0));
    expect(children).toHaveLength(2);
    // the new one is watched too
    await advance(10_000);
    expect(children).toHaveLength(2);
    expect(children[1].sent.some((s) => s.msg.type === 'nnlab:ping')).toBe(true);
  });

  it('replays the latest load, not the first', () => {
    const { sup, children } = setup();
    sup.start();
    children[0].emit('message', { type: 'nnlab:loaded-command', command: load });
    const second = { ...load, session: { title: 'xor' } };
    children[0].emit('message', { type: 'nnlab:loaded-command', command: second });
    children[0].emit('exit', 1);
    expect(children[1].sent[1].msg).toEqual({ type: 'nnlab:replay', command: second });
  });

  it('gives up after too many restarts in a minute, and says so on the port', () => {
    const { sup, children, toRenderer } = setup({ maxRestarts: 2 });
    sup.start();
    children[0].emit('exit', 1);
    children[1].emit('exit', 1);
    children[2].emit('exit', 1);
    expect(children).toHaveLength(3);
    const last = toRenderer.at(-1)!;
    expect(last.info.restarted).toBeNull();
    // main posted the reason on the process end of the channel: the renderer reads it as an error event
    expect(toRenderer).toHaveLength(4);
    expect(sup.running).toBe(false);
  });

  it('the give-up port carries the explanation', () => {
    const ports: FakePort[] = [];
    const { sup, children } = setup({ maxRestarts: 0 });
    // capture the channel: patch createChannel through the options object
    (sup as unknown as { o: { createChannel: () => { port1: FakePort; port2: FakePort } } }).o.createChannel = () => {
      const p = { port1: new FakePort('u'), port2: new FakePort('r') };
      ports.push(p.port1);
      return p;
    };
    sup.start();
    children[0].emit('exit', 1);
    expect(ports.at(-1)!.posted).toEqual([{ v: 1, type: 'error', message: GIVE_UP_MESSAGE }]);
  });

  it('reconnect gives the same process a new port; dispose kills it without a restart', async () => {
    const { sup, children, toRenderer } = setup();
    sup.start();
    sup.reconnect();
    expect(children).toHaveLength(1);
    expect(children[0].sent.filter((s) => s.msg.type === 'nnlab:connect')).toHaveLength(2);
    expect(toRenderer[1].info).toEqual({ generation: 0, restarted: null });
    sup.dispose();
    expect(children[0].killed).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(children).toHaveLength(1);
  });
});
