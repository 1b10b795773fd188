import { describe, expect, it } from 'vitest';
import { classify } from './predict';

describe('classify', () => {
  it('binary: confusion matrix and precision/recall/F1 by hand', () => {
    // truth 1 1 1 0 0 ; predicted (a ≥ 0.5) 1 1 0 1 0 → TP=2 FN=1 FP=1 TN=1
    const r = classify([[0.9], [0.6], [0.2], [0.5], [0.1]], [[1], [1], [1], [0], [0]]);
    expect(r.matrix).toEqual([[1, 1], [1, 2]]);
    expect(r.accuracy).toBe(3 / 5);
    expect(r.precision[1]).toBe(2 / 3); // 2 / (2 + 1)
    expect(r.recall[1]).toBe(2 / 3); // 2 / (2 + 1)
    expect(r.f1[1]).toBeCloseTo(2 / 3, 15);
    expect(r.precision[0]).toBe(1 / 2);
    expect(r.recall[0]).toBe(1 / 2);
  });

  it('softmax: argmax, a class never predicted has NaN precision', () => {
    const r = classify([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.6, 0.3, 0.1]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [5, 6, 7]);
    expect(r.classes).toEqual(['5', '6', '7']);
    expect(r.matrix).toEqual([[1, 0, 0], [0, 1, 0], [1, 0, 0]]);
    expect(r.precision[0]).toBe(0.5);
    expect(r.precision[2]).toBeNaN();
    expect(r.recall[2]).toBe(0);
  });
});
