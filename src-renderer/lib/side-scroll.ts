/**
 * Which columns of a table scrolled sideways are out of view (WideTable).
 * Positions are in the table's own coordinates: `left` from its left edge.
 */
export interface Box {
  left: number;
  width: number;
  label: string;
}

/** The left offsets that stack the first `n` columns against the left edge. */
export function stickyLefts(cols: readonly Box[], n: number): number[] {
  const out: number[] = [];
  let at = 0;
  for (let k = 0; k < Math.min(n, cols.length); k++) {
    out.push(at);
    at += cols[k].width;
  }
  return out;
}

/**
 * The labels of the columns not wholly in view, on each side, when the table
 * is scrolled by `scrollLeft` in a box `width` wide. The first `sticky`
 * columns never scroll, and the ones that scroll are hidden behind them.
 * A column counts as in view only when all of it is (half a pixel spare):
 * a cut number must not pass for a whole one.
 */
export function hiddenColumns(cols: readonly Box[], sticky: number, scrollLeft: number, width: number): { left: string[]; right: string[] } {
  const stuck = cols.slice(0, sticky).reduce((s, c) => s + c.width, 0);
  const from = scrollLeft + stuck - 0.5;
  const to = scrollLeft + width + 0.5;
  const left: string[] = [];
  const right: string[] = [];
  for (const c of cols.slice(sticky)) {
    if (c.left < from) left.push(c.label);
    else if (c.left + c.width > to) right.push(c.label);
  }
  return { left, right };
}
