/**
 * Fitting display formulas to their column, all at once. A formula wider than
 * its column (wrapped as far as it goes) is set smaller, and one still too
 * wide at the smallest size scrolls in its own box. Measuring one needs a
 * layout; measuring each as it is typeset, after resetting its size, forces a
 * layout per formula — dozens after a run ends, tens of ms on the page's
 * thread. So fits are queued and done together before the next frame: every
 * size reset, then every measurement (one layout), then every new size.
 */

/** a formula is never set smaller than this fraction of its size */
export const MIN_SCALE = 0.6;
const BASE_PX = 13;

const queued = new Set<HTMLElement>();
let frameQueued = false;

function fitAll(): void {
  frameQueued = false;
  const els = [...queued].filter((el) => el.isConnected);
  queued.clear();
  for (const el of els) {
    el.style.fontSize = '';
    el.style.overflowX = '';
  }
  const sizes = els.map((el) => [el.scrollWidth, el.clientWidth] as const);
  els.forEach((el, k) => {
    const [need, have] = sizes[k];
    if (!(need > have + 1 && have > 0)) return;
    el.style.fontSize = `${(BASE_PX * Math.max(MIN_SCALE, have / need)).toFixed(1)}px`;
    // too wide even at the smallest size: it scrolls in its own box (only then, so that measuring
    // every formula never makes scrollbars come and go, each a layout of the whole column)
    if (have / need < MIN_SCALE) el.style.overflowX = 'auto';
  });
}

/** Fits `el` (its font size) to its width before the next frame, with every other formula queued meanwhile. */
export function fitLater(el: HTMLElement): void {
  queued.add(el);
  if (frameQueued) return;
  frameQueued = true;
  requestAnimationFrame(fitAll);
}

/** Forgets `el` (it left the page). */
export function unfit(el: HTMLElement): void {
  queued.delete(el);
}
