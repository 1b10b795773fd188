/**
 * The mouse wheel over a focused number box scrolls the page, never the number: Chromium steps a
 * focused <input type="number"> by the wheel, so a student scrolling the experiment panel with the
 * pointer over the learning rate they had just typed set it to 0, and over "units" added a hidden
 * unit (a network change, committed). Installed once on the window (App.svelte).
 */

/** The element that scrolls for `el`: its nearest ancestor whose content overflows and may scroll. */
function scroller(el: Element): Element | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (/(auto|scroll)/.test(s.overflowY) && p.scrollHeight > p.clientHeight) return p;
  }
  return document.scrollingElement;
}

export function wheelScrollsNotSteps(e: WheelEvent): void {
  const t = e.target;
  if (!(t instanceof HTMLInputElement) || t.type !== 'number' || document.activeElement !== t || e.ctrlKey) return;
  e.preventDefault();
  const box = scroller(t);
  // deltaMode 1 is lines (Firefox), 2 pages; Chromium gives pixels
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? (box?.clientHeight ?? 600) : 1;
  box?.scrollBy({ left: e.deltaX * unit, top: e.deltaY * unit });
}

/** Installs the handler (not passive: it must be able to prevent the step); returns the removal. */
export function installNumberWheel(target: Window): () => void {
  target.addEventListener('wheel', wheelScrollsNotSteps, { passive: false, capture: true });
  return () => target.removeEventListener('wheel', wheelScrollsNotSteps, { capture: true });
}
