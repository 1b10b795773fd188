/**
 * The journal with real trainer services: a service "dies" and a new one,
 * given the journal's commands, stands where the old one stood — parameters,
 * epoch, updates, optimizer moments and the settings changed by setHyper —
 * or, when training by Run is lost, the message says how much.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { command, parseEvent, type CommandBody, type HostEvent, type Snapshot, type StateEvent } from '../../src-core/protocol/messages';
import { loadSession } from '../../src-core/protocol/load';
import { TrainerService } from '../../src-core/protocol/service';
import { TrainerJournal } from './journal';

const lecture = readFileSync(new URL('../../e2e/fixtures/lecture-000.nnlab', import.meta.url), 'utf8');
const xor = readFileSync(new URL('../../src-cli/fixtures/xor-004.nnlab', import.meta.url), 'utf8');

/** A host around one service at a time, with a journal; timers run when the test says. */
function host() {
  const events: HostEvent[] = [];
  let timers: (() => void)[] = [];
  let service: TrainerService;
  const journal = new TrainerJournal((c) => service.handle(command(c)), {
    setTimeout: (fn) => timers.push(fn),
    clearTimeout: () => (timers = []),
  });
  const start = () => {
    service = new TrainerService({
      load: loadSession,
      post: (e) => {
        const parsed = parseEvent(structuredClone(e));
        if (!parsed.ok) throw new Error(parsed.message);
        events.push(parsed.value);
        const notice = journal.received(parsed.value);
        if (notice) events.push(notice);
      },
      yieldThen: (fn) => setImmediate(fn),
    });
  };
  start();
  return {
    events,
    journal,
    send: (c: CommandBody) => service.handle(command(journal.sent(c))),
    /** the checkpoint timer fires */
    tick: () => {
      const due = timers;
      timers = [];
      for (const fn of due) fn();
    },
    crash: () => {
      start();
      const r = journal.restart('crashed');
      events.push(...r.events);
      for (const c of r.commands) service.handle(command(c));
    },
    state: () => new Promise<StateEvent>((resolve) => {
      const id = `probe-${Math.random()}`;
      const from = events.length;
      service.handle(command({ type: 'requestState', trainerState: true, id }));
      const s = events.slice(from).find((e): e is StateEvent => e.type === 'state' && e.id === id)!;
      resolve(s);
    }),
    lastSnapshot: () => [...events].reverse().find((e): e is Snapshot => e.type === 'snapshot')!,
  };
}

describe('the trainer journal', () => {
  it('steps, an edit and a setting made after the last checkpoint are all back after a crash: nothing lost', async () => {
    const h = host();
    h.send({ type: 'load', session: xor });
    h.send({ type: 'step', unit: 'epoch', n: 5 });
    h.tick(); // no checkpoint is taken: steps and edits are replayed
    h.send({ type: 'setHyper', path: 'optimizer.lr', value: 0.3 });
    h.send({ type: 'step', unit: 'batch', n: 3 });
    h.send({ type: 'editParam', ref: { kind: 'weight', layer: 0, j: 1, i: 2 }, value: 0.125 });
    h.send({ type: 'step', unit: 'phase' });
    const before = await h.state();
    h.crash();
    const notice = h.events.filter((e) => e.type === 'error').pop();
    expect(notice).toMatchObject({ type: 'error', message: 'The training process stopped unexpectedly and was restarted. Nothing was lost: the run is back at epoch 8, update 8, with every edit.' });
    const after = await h.state();
    expect(after.trainer.params).toEqual(before.trainer.params);
    expect(after.trainer.optimizer).toEqual(before.trainer.optimizer);
    expect(after.trainer.history.train_loss).toEqual(before.trainer.history.train_loss);
    // and the restored trainer goes on exactly as the old one would have
    h.send({ type: 'step', unit: 'epoch', n: 2 });
    const control = host();
    control.send({ type: 'load', session: xor });
    control.send({ type: 'step', unit: 'epoch', n: 5 });
    control.send({ type: 'setHyper', path: 'optimizer.lr', value: 0.3 });
    control.send({ type: 'step', unit: 'batch', n: 3 });
    control.send({ type: 'editParam', ref: { kind: 'weight', layer: 0, j: 1, i: 2 }, value: 0.125 });
    control.send({ type: 'step', unit: 'phase' });
    control.send({ type: 'step', unit: 'epoch', n: 2 });
    expect(h.lastSnapshot().params).toEqual(control.lastSnapshot().params);
  });

  it('epochs trained by Run since the last checkpoint are lost, and the message says how many', async () => {
    const h = host();
    h.send({ type: 'load', session: xor });
    h.send({ type: 'step', unit: 'epoch', n: 3 });
    h.send({ type: 'run', untilEpoch: 500 });
    await new Promise<void>((resolve) => {
      const wait = () => (h.lastSnapshot().epoch >= 500 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    h.crash();
    const notice = h.events.filter((e) => e.type === 'error').pop();
    expect(notice?.type === 'error' && notice.message).toBe(
      'The training process stopped unexpectedly and was restarted. Restored: epoch 3, update 3, with the parameters and edits up to then. Lost: the training since, 497 epochs (497 updates) — press Run to train again.',
    );
    expect(h.lastSnapshot().epoch).toBe(3);
  });

  it('a trainer settled after a Run is checkpointed: the epochs of that run survive a crash, with the steps after it', async () => {
    const h = host();
    h.send({ type: 'load', session: xor });
    h.send({ type: 'run', untilEpoch: 400 });
    await new Promise<void>((resolve) => {
      const wait = () => (h.lastSnapshot().epoch >= 400 && h.lastSnapshot().status !== 'running' ? resolve() : setTimeout(wait, 5));
      wait();
    });
    h.tick(); // settled for CHECKPOINT_MS: the journal asks for the trainer state
    h.send({ type: 'step', unit: 'batch', n: 2 });
    const before = await h.state();
    h.crash();
    expect(h.events.filter((e) => e.type === 'error').pop()).toMatchObject({
      message: 'The training process stopped unexpectedly and was restarted. Nothing was lost: the run is back at epoch 402, update 402, with every edit.',
    });
    const after = await h.state();
    expect(after.trainer.params).toEqual(before.trainer.params);
    expect(after.trainer.optimizer).toEqual(before.trainer.optimizer);
    expect(after.trainer.history.train_loss).toEqual(before.trainer.history.train_loss);
  });

  it('a load the trainer never answered is refused to the page, and the accepted one before it comes back', () => {
    const h = host();
    h.send({ type: 'load', session: lecture });
    // in flight when the process dies: through the journal, never handled
    const inflight = h.journal.sent({ type: 'load', session: xor });
    const from = h.events.length;
    h.crash();
    const after = h.events.slice(from);
    expect(after).toContainEqual(expect.objectContaining({ type: 'error', id: (inflight as { id: string }).id, message: expect.stringMatching(/^the session was not loaded:\n/) }));
    expect(after.find((e) => e.type === 'loaded')).toMatchObject({ trainSize: 1 });
  });
});
