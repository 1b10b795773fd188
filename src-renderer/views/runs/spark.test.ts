import { describe, expect, it } from 'vitest';
import { lowest, sparkPath } from './spark';

describe('sparkPath', () => {
  it('spans the box: first point left, last right, the highest value at the top', () => {
    expect(sparkPath([3, 2, 1], 100, 20)).toBe('M0.0,1.0L50.0,10.0L100.0,19.0');
  });
  it('a loss over decades on a log scale: 1, 0.1, 0.01 equally spaced', () => {
    expect(sparkPath([1, 0.1, 0.01], 10, 12)).toBe('M0.0,1.0L5.0,6.0L10.0,11.0');
  });
  it('stops at the first non-finite value; at most two points a pixel; empty for no values', () => {
    expect(sparkPath([1, 2, NaN, 3], 10, 10).split('L')).toHaveLength(2);
    expect(sparkPath(Array.from({ length: 1000 }, (_, k) => k), 10, 10).split('L').length).toBeLessThanOrEqual(21);
    expect(sparkPath([], 10, 10)).toBe('');
  });
  it('lowest: the best epoch', () => {
    expect(lowest(new Float64Array([3, 1, NaN, 2]))).toEqual({ epoch: 1, value: 1 });
    expect(lowest(undefined)).toBeNull();
  });
});
