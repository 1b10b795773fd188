import { describe, expect, it } from 'vitest';
import { hiddenColumns, stickyLefts, type Box } from './side-scroll';

// run 100 px, then four columns of 80 px: 420 px in all
const cols: Box[] = [{ left: 0, width: 100, label: 'run' }, ...[0, 1, 2, 3].map((k) => ({ left: 100 + 80 * k, width: 80, label: `c${k}` }))];

describe('hiddenColumns', () => {
  it('all in view when the box is as wide as the table', () => {
    expect(hiddenColumns(cols, 1, 0, 420)).toEqual({ left: [], right: [] });
  });
  it('a column cut by the right edge counts as hidden, not only one wholly past it', () => {
    // the box ends at 300: c0 (100–180) and c1 (180–260) in view, c2 (260–340) cut, c3 past
    expect(hiddenColumns(cols, 1, 0, 300)).toEqual({ left: [], right: ['c2', 'c3'] });
  });
  it('scrolled: columns under the stuck one are hidden on the left', () => {
    // scrolled by 120: the run column covers 120–220 of the table, so c0 (100–180) and c1 (180–260) are under it
    expect(hiddenColumns(cols, 1, 120, 300)).toEqual({ left: ['c0', 'c1'], right: [] });
  });
  it('at the end of the scroll nothing is left on the right', () => {
    expect(hiddenColumns(cols, 1, 120, 300).right).toEqual([]);
    expect(hiddenColumns(cols, 1, 119, 300).right).toEqual(['c3']);
  });
  it('half a pixel of rounding does not hide a column', () => {
    expect(hiddenColumns(cols, 1, 0, 339.6)).toEqual({ left: [], right: ['c3'] });
  });
  it('two stuck columns', () => {
    // run and c0 stuck (180 px); scrolled by 80 the rest shows 260–380: c1 under them, c2 in view, c3 cut
    expect(hiddenColumns(cols, 2, 80, 300)).toEqual({ left: ['c1'], right: ['c3'] });
  });
});

describe('stickyLefts', () => {
  it('stacks the stuck columns from the left edge', () => {
    expect(stickyLefts(cols, 3)).toEqual([0, 100, 180]);
    expect(stickyLefts(cols, 0)).toEqual([]);
    expect(stickyLefts(cols.slice(0, 1), 2)).toEqual([0]);
  });
});
