import { describe, expect, it, vi } from 'vitest';
import { LoadQueue } from './app-loads';
import type { Session } from '../../src-core/session/schema';

const session = (title: string) => ({ title }) as unknown as Session;

describe('LoadQueue.idle', () => {
  it('resolves at once with nothing pending', async () => {
    const q = new LoadQueue(() => {});
    await expect(q.idle(1000)).resolves.toBeUndefined();
  });

  it('resolves when the last load is accepted, not when the first one is and another is queued', async () => {
    const q = new LoadQueue(() => {});
    q.push({ session: session('a') });
    q.push({ session: session('b') });
    let done = false;
    const p = q.idle(60_000).then(() => void (done = true));
    q.accepted(); // a is in; b starts
    await Promise.resolve();
    expect([done, q.busy]).toEqual([false, true]);
    q.accepted(); // b is in
    await p;
    expect(done).toBe(true);
  });

  it('resolves when the load is refused', async () => {
    const q = new LoadQueue(() => {});
    q.push({ session: session('a') });
    const p = q.idle(60_000);
    q.refused();
    await expect(p).resolves.toBeUndefined();
  });

  it('gives up after its time when the trainer does not answer', async () => {
    vi.useFakeTimers();
    try {
      const q = new LoadQueue(() => {});
      q.push({ session: session('a') });
      let done = false;
      void q.idle(10_000).then(() => void (done = true));
      await vi.advanceTimersByTimeAsync(9_999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect([done, q.busy]).toEqual([true, true]);
    } finally {
      vi.useRealTimers();
    }
  });
});
