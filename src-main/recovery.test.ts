import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RecoveryStore, RecoveryWriter, parseRecovery, type Timers } from './recovery';

let dir: string;
beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'nnlab-rec-')), 'recovery');
});
afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

function fakeTimers() {
  let now = 0;
  const due: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = ++ids;
      due.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      const k = due.findIndex((d) => d.id === h);
      if (k >= 0) due.splice(k, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const d of due.filter((d) => d.at <= now)) {
      due.splice(due.indexOf(d), 1);
      d.fn();
    }
  };
  return { timers, now: () => now, advance, pending: () => due.length };
}

describe('recovery file lifecycle', () => {
  it('written while unsaved, listed after a "crash", removed on clean save', async () => {
    const store = new RecoveryStore(dir);
    const t = fakeTimers();
    const w = new RecoveryWriter(store, 'win1', { intervalMs: 3000, now: t.now, timers: t.timers });
    w.update({ path: '/home/s/lecture.nnlab', title: 'Lecture 6', text: '{"v":1}' });
    t.advance(0);
    await w.flush();
    // The app dies here. At the next start:
    const after = await new RecoveryStore(dir).list();
    expect(after.skipped).toEqual([]);
    expect(after.entries).toEqual([
      { id: 'win1', path: '/home/s/lecture.nnlab', title: 'Lecture 6', savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), text: '{"v":1}' },
    ]);
    await w.clear();
    expect(readdirSync(dir)).toEqual([]);
    expect((await store.list()).entries).toEqual([]);
  });

  it('at start-up (list) the temp files of writes that died with their process are removed, a live one kept', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'w1.nnlab-recovery.tmp-999999999-3'), '{"half');
    writeFileSync(path.join(dir, `w2.nnlab-recovery.tmp-${process.pid}-1`), '{"being written');
    await new RecoveryStore(dir).list();
    expect(readdirSync(dir).sort()).toEqual([`w2.nnlab-recovery.tmp-${process.pid}-1`]);
  });

  it('the timer writes the latest of many updates once the interval has passed', async () => {
    const writes: string[] = [];
    const store = { write: async (e: { text: string }) => void writes.push(e.text), remove: async () => undefined } as unknown as RecoveryStore;
    const t = fakeTimers();
    const w = new RecoveryWriter(store, 'w', { intervalMs: 3000, now: t.now, timers: t.timers });
    w.update({ path: null, title: 'A', text: 'one' });
    t.advance(0);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual(['one']);
    w.update({ path: null, title: 'A', text: 'two' });
    w.update({ path: null, title: 'A', text: 'three' });
    t.advance(2999);
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual(['one']);
    t.advance(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual(['one', 'three']);
    expect(t.pending()).toBe(0);
  });

  it('clear() cancels a pending write', async () => {
    const store = new RecoveryStore(dir);
    const t = fakeTimers();
    const w = new RecoveryWriter(store, 'w', { intervalMs: 3000, now: t.now, timers: t.timers });
    w.update({ path: null, title: 'A', text: 'one' });
    const cleared = w.clear();
    expect(t.pending()).toBe(0);
    t.advance(5000);
    await cleared;
    await w.flush();
    expect((await store.list()).entries).toEqual([]);
  });

  it('clear() wins over a write already in flight', async () => {
    const store = new RecoveryStore(dir);
    const t = fakeTimers();
    const w = new RecoveryWriter(store, 'w', { intervalMs: 3000, now: t.now, timers: t.timers });
    await store.write({ id: 'w', path: null, title: 'A', text: 'older' });
    w.update({ path: null, title: 'A', text: 'one' });
    t.advance(0); // the timer fires: the write is queued
    await w.clear();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lists leftovers newest first, and reports (but keeps) unreadable ones', async () => {
    const store = new RecoveryStore(dir);
    await store.write({ id: 'old', path: null, title: 'Old', text: 'a', savedAt: '2026-01-01T00:00:00.000Z' });
    await store.write({ id: 'new', path: null, title: 'New', text: 'b', savedAt: '2026-02-01T00:00:00.000Z' });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cut.nnlab-recovery'), '{"format":"nnlab-recov');
    writeFileSync(path.join(dir, 'new.nnlab-recovery.tmp-1-1'), 'half');
    const { entries, skipped } = await store.list();
    expect(entries.map((e) => e.id)).toEqual(['new', 'old']);
    expect(skipped).toEqual(['cut.nnlab-recovery: not JSON (cut short?)']);
  });

  it('refuses ids that are not safe file names', async () => {
    await expect(new RecoveryStore(dir).write({ id: '../evil', path: null, title: '', text: '' })).rejects.toThrow(/recovery id "..\/evil"/);
  });

  it('parseRecovery says what is wrong', () => {
    expect(parseRecovery('[]', 'x')).toBe('not a recovery file');
    expect(parseRecovery('{"format":"nnlab-recovery","version":2,"text":""}', 'x')).toBe('recovery version 2 is not known to this NN Lab');
    expect(parseRecovery('{"format":"nnlab-recovery","version":1}', 'x')).toBe('no session text');
  });
});
