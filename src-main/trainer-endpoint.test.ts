/**
 * The utility process' endpoint driven by real protocol messages through a
 * real MessagePort pair (node:worker_threads), with the real TrainerService
 * around a stand-in trainer (the engine's numbers are tested in src-core).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { TrainerService } from '../src-core/protocol/service';
import { FakeTrainer } from '../src-core/protocol/fake-trainer.test-util';
import type { HostEvent } from '../src-core/protocol/messages';
import { createTrainerEndpoint, type EndpointPort } from './trainer-endpoint';
import type { ParentMessage } from './supervisor';

/** worker_threads' port → the endpoint's port (the same adapter shape trainer-process.ts uses for MessagePortMain). */
function adapt(port: MessagePort): EndpointPort {
  return {
    postMessage: (m) => port.postMessage(m),
    onMessage: (l) => void port.on('message', l),
    close: () => port.close(),
  };
}

const opened: MessagePort[] = [];
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});

function setup() {
  const toParent: ParentMessage[] = [];
  const endpoint = createTrainerEndpoint({
    createService: (post) =>
      new TrainerService({
        post: post as (e: HostEvent) => void,
        load: () => ({ ok: true, trainer: new FakeTrainer(5), fresh: () => new FakeTrainer(5) }),
        yieldThen: (fn) => void setImmediate(fn),
      }),
    postToParent: (m) => toParent.push(m),
  });
  const connect = () => {
    const { port1, port2 } = new MessageChannel();
    opened.push(port1, port2);
    endpoint.onParentMessage({ type: 'nnlab:connect' }, [adapt(port1)]);
    const events: HostEvent[] = [];
    port2.on('message', (e: HostEvent) => events.push(e));
    const next = (pred: (e: HostEvent) => boolean) =>
      new Promise<HostEvent>((resolve) => {
        const check = () => {
          const hit = events.find(pred);
          if (hit) resolve(hit);
          else setTimeout(check, 5);
        };
        check();
      });
    return { renderer: port2, events, next };
  };
  return { endpoint, toParent, connect };
}

const load = { v: 1, type: 'load', id: 'l1', session: { any: 'session' } };

describe('trainer endpoint over a real MessagePort pair', () => {
  it('load → loaded + snapshot; step epoch → snapshot at epoch 1; the load is reported to main', async () => {
    const { toParent, connect } = setup();
    const { renderer, next } = connect();
    renderer.postMessage(load);
    await next((e) => e.type === 'loaded');
    expect(toParent).toEqual([{ type: 'nnlab:loaded-command', command: load }]);
    renderer.postMessage({ v: 1, type: 'step', unit: 'epoch' });
    const snap = await next((e) => e.type === 'snapshot' && e.epoch === 1);
    // FakeTrainer: one epoch multiplies W[0][0][0] by 0.99
    expect(snap.type === 'snapshot' && snap.params.weights[0][0][0]).toBeCloseTo(0.99, 15);
  });

  it('an invalid command comes back as an error event and is not reported as a load', async () => {
    const { toParent, connect } = setup();
    const { renderer, next } = connect();
    // runId must be a string: the schema refuses the whole command
    renderer.postMessage({ v: 1, type: 'load', session: 1, runId: 5 });
    const err = await next((e) => e.type === 'error');
    expect(err.type === 'error' && err.message).toMatch(/^invalid command "load": runId/);
    expect(toParent).toEqual([]);
  });

  it('answers pings with the same seq', () => {
    const { endpoint, toParent } = setup();
    endpoint.onParentMessage({ type: 'nnlab:ping', seq: 41 }, []);
    expect(toParent).toEqual([{ type: 'nnlab:pong', seq: 41 }]);
  });

  it('a replayed load (after a restart) answers on the connected port', async () => {
    const { endpoint, connect } = setup();
    const { next } = connect();
    endpoint.onParentMessage({ type: 'nnlab:replay', command: load }, []);
    const loaded = await next((e) => e.type === 'loaded');
    expect(loaded).toMatchObject({ type: 'loaded', id: 'l1', inputNames: ['x1', 'x2'], outputNames: ['y'] });
  });

  it('a reconnect (renderer reload) keeps the trainer state and answers on the new port', async () => {
    const { connect } = setup();
    const a = connect();
    a.renderer.postMessage(load);
    a.renderer.postMessage({ v: 1, type: 'step', unit: 'epoch', n: 2 });
    await a.next((e) => e.type === 'snapshot' && e.epoch === 2);
    const b = connect();
    b.renderer.postMessage({ v: 1, type: 'requestState' });
    const snap = await b.next((e) => e.type === 'snapshot');
    expect(snap.type === 'snapshot' && snap.epoch).toBe(2);
  });
});
