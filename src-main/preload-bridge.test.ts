import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { createNnlabApi, type IpcLike, type PortLike } from './preload-bridge';
import { Channel, TRAINER_RESTART_NOTICE } from './preload-api';
import type { NnlabPreloadApi } from '../src-renderer/host/types';

function fakeIpc() {
  const handlers = new Map<string, (event: { ports: readonly PortLike[] }, ...args: unknown[]) => void>();
  const sent: unknown[][] = [];
  const invoked: unknown[][] = [];
  const ipc: IpcLike = {
    invoke: async (channel, ...args) => (invoked.push([channel, ...args]), channel === Channel.confirmDiscard ? true : null),
    send: (channel, ...args) => void sent.push([channel, ...args]),
    on: (channel, l) => void handlers.set(channel, l),
  };
  const fire = (channel: string, ports: PortLike[], ...args: unknown[]) => handlers.get(channel)!({ ports }, ...args);
  return { ipc, sent, invoked, fire };
}

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('window.nnlab (preload bridge)', () => {
  it('is the renderer NnlabPreloadApi', () => {
    const api: NnlabPreloadApi = createNnlabApi(fakeIpc().ipc, 'linux');
    expect(typeof api.postCommand).toBe('function');
  });

  it('queues commands until the port arrives, then relays both ways', async () => {
    const { ipc, fire } = fakeIpc();
    const api = createNnlabApi(ipc, 'linux');
    const events: unknown[] = [];
    api.onEvent((e) => events.push(e));
    api.postCommand({ v: 1, type: 'load', session: {} });
    const { port1: utility, port2: renderer } = new MessageChannel();
    const atUtility: unknown[] = [];
    utility.on('message', (m) => atUtility.push(m));
    fire(Channel.trainerPort, [renderer as unknown as PortLike], { generation: 0, restarted: null });
    api.postCommand({ v: 1, type: 'step', unit: 'epoch' });
    utility.postMessage({ v: 1, type: 'status', status: 'idle' });
    await tick();
    expect(atUtility).toEqual([{ v: 1, type: 'load', session: {} }, { v: 1, type: 'step', unit: 'epoch' }]);
    expect(events).toEqual([{ v: 1, type: 'status', status: 'idle' }]);
    utility.close();
  });

  it('after a restart, a page that restores its state itself (onTrainerRestart) is told the reason instead of the generic notice', () => {
    const { ipc, fire } = fakeIpc();
    const api = createNnlabApi(ipc, 'linux');
    const events: unknown[] = [];
    const reasons: string[] = [];
    api.onEvent((e) => events.push(e));
    const off = api.onTrainerRestart!((r) => reasons.push(r));
    const a = new MessageChannel();
    fire(Channel.trainerPort, [a.port2 as unknown as PortLike], { generation: 0, restarted: null });
    const b = new MessageChannel();
    fire(Channel.trainerPort, [b.port2 as unknown as PortLike], { generation: 1, restarted: 'hung' });
    expect(reasons).toEqual(['hung']);
    expect(events).toEqual([]);
    off();
    const c = new MessageChannel();
    fire(Channel.trainerPort, [c.port2 as unknown as PortLike], { generation: 2, restarted: 'crashed' });
    expect(events).toEqual([{ v: 1, type: 'error', message: TRAINER_RESTART_NOTICE }]);
    for (const ch of [a, b, c]) ch.port1.close();
  });

  it('after a restart: swaps ports, keeps listeners, and tells the user with an error event', async () => {
    const { ipc, fire } = fakeIpc();
    const api = createNnlabApi(ipc, 'linux');
    const events: unknown[] = [];
    const off = api.onEvent((e) => events.push(e));
    const a = new MessageChannel();
    fire(Channel.trainerPort, [a.port2 as unknown as PortLike], { generation: 0, restarted: null });
    const b = new MessageChannel();
    fire(Channel.trainerPort, [b.port2 as unknown as PortLike], { generation: 1, restarted: 'crashed' });
    expect(events).toEqual([{ v: 1, type: 'error', message: TRAINER_RESTART_NOTICE }]);
    const atNew: unknown[] = [];
    b.port1.on('message', (m) => atNew.push(m));
    api.postCommand({ v: 1, type: 'pause' });
    b.port1.postMessage({ v: 1, type: 'loaded' });
    await tick();
    expect(atNew).toEqual([{ v: 1, type: 'pause' }]);
    expect(events.at(-1)).toEqual({ v: 1, type: 'loaded' });
    off();
    b.port1.postMessage({ v: 1, type: 'x' });
    await tick();
    expect(events).toHaveLength(2);
    a.port1.close();
    b.port1.close();
  });

  it('menu commands reach subscribers; unknown ones are dropped', () => {
    const { ipc, fire } = fakeIpc();
    const api = createNnlabApi(ipc, 'linux');
    const got: string[] = [];
    api.onMenu((c) => got.push(c));
    fire(Channel.menu, [], 'save');
    fire(Channel.menu, [], 'rm -rf');
    fire(Channel.menu, [], 'undo');
    expect(got).toEqual(['save', 'undo']);
  });

  it('file calls go to their channels with plain string arguments', async () => {
    const { ipc, sent, invoked } = fakeIpc();
    const api = createNnlabApi(ipc, 'linux');
    await api.saveFile('{"t":1}', 'a.nnlab', '/x/a.nnlab');
    await api.saveFile('{"t":1}', 'a.nnlab');
    expect(await api.confirmDiscard('Discard?')).toBe(true);
    api.setDirty(true);
    api.setDirty('yes' as unknown as boolean);
    api.setTitle('XOR');
    api.recovery.write('{}');
    api.recovery.clear();
    expect(invoked).toEqual([
      [Channel.saveFile, '{"t":1}', 'a.nnlab', '/x/a.nnlab'],
      [Channel.saveFile, '{"t":1}', 'a.nnlab', undefined],
      [Channel.confirmDiscard, 'Discard?'],
    ]);
    expect(sent).toEqual([
      [Channel.setDirty, true],
      [Channel.setDirty, false],
      [Channel.setTitle, 'XOR'],
      [Channel.recoveryWrite, '{}'],
      [Channel.recoveryClear],
    ]);
  });
});
