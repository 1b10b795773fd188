/**
 * WebWorkerHost's supervision with a stand-in Worker and a manual clock: a
 * worker that stops answering the heartbeat is replaced (and given the last
 * accepted load again), a busy one that reports progress is not, and a
 * worker that dies with an error is replaced at once.
 */
import { describe, expect, it } from 'vitest';
import type { HostEvent } from './types';
import { WebWorkerHost } from './web-worker-host';

class FakeWorker {
  sent: { type?: string; seq?: number; session?: unknown; id?: string }[] = [];
  terminated = false;
  /** answers pings (false: a hung worker) */
  answers = true;
  private listeners = new Map<string, ((e: unknown) => void)[]>();
  addEventListener(type: string, l: (e: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  postMessage(m: { type?: string; seq?: number }) {
    this.sent.push(m);
    if (m.type === 'nnlab:ping' && this.answers) this.emit('message', { data: { type: 'nnlab:pong', seq: m.seq } });
  }
  terminate() {
    this.terminated = true;
  }
  emit(type: string, e: unknown) {
    for (const l of this.listeners.get(type) ?? []) l(e);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  let now = 0;
  let beat: () => void = () => {};
  const host = new WebWorkerHost({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    setInterval: (fn) => ((beat = fn), 1),
    clearInterval: () => {},
    now: () => now,
  });
  const events: HostEvent[] = [];
  host.subscribe((e) => events.push(e));
  /** ms pass, the heartbeat ticking every second */
  const pass = (ms: number, each?: () => void) => {
    for (let t = 0; t < ms; t += 1000) {
      now += 1000;
      each?.();
      beat();
    }
  };
  return { host, workers, events, pass };
}

/** The first worker accepts a load. */
function loaded(s: ReturnType<typeof setup>) {
  s.host.send({ type: 'load', session: { title: 'mine' } });
  const load = s.workers[0].sent.find((m) => m.type === 'load')!;
  s.workers[0].emit('message', { data: { v: 1, type: 'loaded', id: load.id, inputNames: ['x'], outputNames: ['y'], trainSize: 1, testSize: 0 } });
}

describe('WebWorkerHost supervision', () => {
  it('a worker that answers nothing for 10 s is replaced and given the last accepted load', () => {
    const s = setup();
    loaded(s);
    s.workers[0].answers = false;
    s.pass(9000);
    expect(s.workers).toHaveLength(1);
    s.pass(3000);
    expect(s.workers).toHaveLength(2);
    expect(s.workers[0].terminated).toBe(true);
    const replay = s.workers[1].sent.filter((m) => m.type !== 'nnlab:ping');
    expect(replay.map((m) => m.type)).toEqual(['load', 'requestState']);
    expect(replay[0].session).toEqual({ title: 'mine' });
  });

  it('a busy worker (progress reports, no pong) is not replaced', () => {
    const s = setup();
    loaded(s);
    s.workers[0].answers = false;
    s.pass(30_000, () => s.workers[0].emit('message', { data: { type: 'nnlab:busy' } }));
    expect(s.workers).toHaveLength(1);
    // busy and pong never reach the page
    expect(s.events.map((e) => e.type)).toEqual(['loaded']);
  });

  it('a worker that dies with an error is replaced at once; a load it never answered is refused to the page', () => {
    const s = setup();
    loaded(s);
    s.host.send({ type: 'load', id: 'open-7', session: { title: 'next' } });
    s.workers[0].emit('error', { message: 'out of memory', preventDefault() {} });
    expect(s.workers).toHaveLength(2);
    expect(s.events).toContainEqual(expect.objectContaining({ type: 'error', id: 'open-7', message: expect.stringMatching(/^the session was not loaded:\n/) }));
    expect(s.workers[1].sent.find((m) => m.type === 'load')?.session).toEqual({ title: 'mine' });
  });

  it('gives up after 3 restarts within a minute, and says so', () => {
    const s = setup();
    loaded(s);
    for (let k = 0; k < 4; k++) s.workers.at(-1)!.emit('error', { message: 'boom', preventDefault() {} });
    expect(s.workers).toHaveLength(4);
    expect(s.events.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/keeps stopping/) });
  });
});
