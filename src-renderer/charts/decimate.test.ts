import { describe, expect, it } from 'vitest';
import { decimateMinMax } from './decimate';

describe('decimateMinMax', () => {
  it('keeps every point when there are few', () => {
    expect(decimateMinMax([3, 1, 2], 0, 2, 100)).toEqual([0, 1, 2]);
  });

  it('100 000 epochs into 500 pixels: ≤ 2 points per column + ends, each column\'s min and max kept', () => {
    const n = 100_000;
    const ys = Float64Array.from({ length: n }, (_, k) => Math.exp(-k / 20000) + 0.01 * Math.sin(k));
    ys[54321] = 5; // a one-epoch spike
    ys[77777] = -3; // a one-epoch dip
    const idx = decimateMinMax(ys, 0, n - 1, 500);
    expect(idx.length).toBeLessThanOrEqual(2 * 500 + 2);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    expect(idx).toContain(54321);
    expect(idx).toContain(77777);
    // in epoch order, and per column (200 epochs each) exactly its min and max
    for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
    for (const c of [0, 137, 271, 388, 499]) {
      const a = c * 200;
      const col = Array.from(ys.subarray(a, a + 200));
      const kept = idx.filter((i) => i >= a && i < a + 200).map((i) => ys[i]);
      expect(Math.min(...kept)).toBe(Math.min(...col));
      expect(Math.max(...kept)).toBe(Math.max(...col));
    }
  });

  it('a zoomed range, and NaN (diverged) entries skipped', () => {
    const ys = [5, 4, NaN, 3, 2, 1, 0, 1, 2, 3];
    expect(decimateMinMax(ys, 1, 4, 10)).toEqual([1, 3, 4]);
    // 9 points in 2 columns: indices 1..4 → min 2 at 4, max 4 at 1; indices 5..9 → min 0 at 6, max 3 at 9
    expect(decimateMinMax(ys, 1, 9, 2)).toEqual([1, 4, 6, 9]);
  });
});
