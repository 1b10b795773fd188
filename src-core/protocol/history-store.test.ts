/** The renderer's history rebuilt from chunks: appends, gaps refused, thinning replaces, tracks follow. */
import { describe, expect, it } from 'vitest';
import type { HistoryChunk } from './messages';
import { HistoryStore } from './history-store';

const f = (...xs: number[]) => new Float64Array(xs);
function chunk(from: number, loss: number[], mode: 'append' | 'replace', stride: number, epochs: number[], values: number[]): HistoryChunk {
  return { v: 1, type: 'history', from, series: { train_loss: f(...loss) }, params: { mode, stride, size: 2, epochs: f(...epochs), values: f(...values) }, best: null };
}

describe('HistoryStore', () => {
  it('appends chunks, refuses a gap, follows a thinning, keeps tracks current', () => {
    const h = new HistoryStore();
    expect(h.apply(chunk(0, [4, 3], 'append', 1, [0, 1], [10, 20, 11, 21]))).toBe(true);
    expect(Array.from(h.paramTrack(1).values)).toEqual([20, 21]);
    expect(h.apply(chunk(2, [2], 'append', 1, [2], [12, 22]))).toBe(true);
    expect(Array.from(h.series.train_loss!)).toEqual([4, 3, 2]);
    expect(Array.from(h.paramTrack(1).values)).toEqual([20, 21, 22]);
    expect(Array.from(h.paramSnapshot(2))).toEqual([12, 22]);
    // entry 4 without entry 3: refused, nothing changes
    expect(h.apply(chunk(4, [0.5], 'append', 1, [4], [14, 24]))).toBe(false);
    expect(h.length).toBe(3);
    // the record thinned to every 2nd epoch: replaced whole
    expect(h.apply(chunk(3, [1], 'replace', 2, [0, 2], [10, 20, 12, 22]))).toBe(true);
    expect(h.paramTrack(0)).toEqual({ epochs: [0, 2], values: f(10, 12) });
    expect(h.params.stride).toBe(2);
    expect(Array.from(h.series.train_loss!)).toEqual([4, 3, 2, 1]);
    expect(h.seriesArrays()).toEqual({ train_loss: [4, 3, 2, 1] });
    // from 0 starts over (load / reset)
    h.apply(chunk(0, [9], 'append', 1, [0], [1, 2]));
    expect(h.length).toBe(1);
    expect(h.paramTrack(0)).toEqual({ epochs: [0], values: f(1) });
  });

  it('keeps the gradient norms per layer: appended from their own start, gaps refused, reset with the history', () => {
    const h = new HistoryStore();
    const withGrad = (from: number, loss: number[], gFrom: number, layers: number[][]): HistoryChunk => ({
      ...chunk(from, loss, 'append', 1, [], []), gradNorm: { from: gFrom, layers: layers.map((l) => f(...l)) },
    });
    expect(h.apply(withGrad(0, [4], 0, [[], []]))).toBe(true);
    expect(h.gradNorm).toEqual([f(), f()]);
    expect(h.apply(withGrad(1, [3, 2], 0, [[2, 1.5], [Math.sqrt(3.5), 1]]))).toBe(true);
    expect(h.gradNorm).toEqual([f(2, 1.5), f(Math.sqrt(3.5), 1)]);
    // norms of epoch 3 without epoch 2: refused, nothing changes
    expect(h.apply(withGrad(3, [1], 3, [[9], [9]]))).toBe(false);
    expect(h.length).toBe(3);
    expect(h.apply(withGrad(3, [1], 2, [[1.25], [0.5]]))).toBe(true);
    expect(h.gradNorm).toEqual([f(2, 1.5, 1.25), f(Math.sqrt(3.5), 1, 0.5)]);
    h.apply(chunk(0, [9], 'append', 1, [0], [1, 2]));
    expect(h.gradNorm).toEqual([]);
  });

  it('replaces from an earlier entry (an edit re-recorded it): series, snapshots from params.from, tracks cut back', () => {
    const h = new HistoryStore();
    h.apply(chunk(0, [4, 3, 2], 'append', 1, [0, 1, 2], [10, 20, 11, 21, 12, 22]));
    expect(Array.from(h.paramTrack(0).values)).toEqual([10, 11, 12]);
    // entry 2 re-recorded: the loss and the snapshot of epoch 2 replaced, nothing before them touched
    const edit: HistoryChunk = { ...chunk(2, [7], 'append', 1, [2], [99, 22]), params: { mode: 'append', from: 2, stride: 1, size: 2, epochs: f(2), values: f(99, 22) } };
    expect(h.apply(edit)).toBe(true);
    expect(Array.from(h.series.train_loss!)).toEqual([4, 3, 7]);
    expect(h.paramTrack(0)).toEqual({ epochs: [0, 1, 2], values: f(10, 11, 99) });
    expect(Array.from(h.params.epochs)).toEqual([0, 1, 2]);
    // an entry replaced with nothing after it yet (the edit's entry still pending): the store ends before it
    expect(h.apply({ ...chunk(1, [], 'append', 1, [], []), params: { mode: 'append', from: 1, stride: 1, size: 2, epochs: f(), values: f() } })).toBe(true);
    expect(h.length).toBe(1);
    expect(h.paramTrack(0)).toEqual({ epochs: [0], values: f(10) });
    // snapshots from beyond the stored ones: a gap, refused
    expect(h.apply({ ...chunk(1, [5], 'append', 1, [3], [1, 2]), params: { mode: 'append', from: 3, stride: 1, size: 2, epochs: f(3), values: f(1, 2) } })).toBe(false);
    expect(h.length).toBe(1);
  });
});
