/**
 * Drawing 100 000 epochs into 600 pixels: per pixel column keep the points
 * with the lowest and the highest value (in their epoch order), plus the
 * first and last point of the range. A spike of one epoch stays visible, the
 * polyline has at most ~2 points per pixel, and the shape is the one the
 * full series would draw.
 */

/** Indices of ys[i0..i1] (inclusive) to draw in `pixels` columns; non-finite values are skipped (they break the line). */
export function decimateMinMax(ys: ArrayLike<number>, i0: number, i1: number, pixels: number): number[] {
  const lo = Math.max(0, Math.floor(i0));
  const hi = Math.min(ys.length - 1, Math.ceil(i1));
  const out: number[] = [];
  if (hi < lo) return out;
  const n = hi - lo + 1;
  const cols = Math.max(1, Math.floor(pixels));
  if (n <= 2 * cols) {
    for (let i = lo; i <= hi; i++) if (Number.isFinite(ys[i])) out.push(i);
    return out;
  }
  const per = n / cols;
  for (let c = 0; c < cols; c++) {
    const a = lo + Math.floor(c * per);
    const b = Math.min(hi, lo + Math.floor((c + 1) * per) - 1);
    let iMin = -1;
    let iMax = -1;
    for (let i = a; i <= b; i++) {
      const y = ys[i];
      if (!Number.isFinite(y)) continue;
      if (iMin < 0 || y < ys[iMin]) iMin = i;
      if (iMax < 0 || y > ys[iMax]) iMax = i;
    }
    if (iMin < 0) continue;
    if (c === 0 && Number.isFinite(ys[lo]) && lo !== iMin && lo !== iMax) out.push(lo);
    if (iMin === iMax) out.push(iMin);
    else out.push(Math.min(iMin, iMax), Math.max(iMin, iMax));
  }
  if (Number.isFinite(ys[hi]) && out[out.length - 1] !== hi) out.push(hi);
  return out;
}
