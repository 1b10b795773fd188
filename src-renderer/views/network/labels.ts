/**
 * Where the graph writes its numbers, computed apart from the drawing: each
 * weight's label is put at the first of several places along its edge where
 * it overlaps nothing already there — no unit, unit name, bias label or
 * other weight label. A weight whose label fits nowhere is not labelled
 * (hover shows its numbers). The selected edge is placed first, then the
 * others by |w|, largest first. Also: where a tooltip goes so that it covers
 * no unit.
 */
import { textWidth } from '../../charts/text';
import type { Edge, UnitPos } from './model';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** the box of a text centred at x with its baseline at y (font size px; widths of the charts' font, a little generous) */
export function textBox(text: string, x: number, y: number, size: number, anchor: 'middle' | 'start' = 'middle'): Box {
  const w = textWidth(text, size) + 4;
  const x0 = anchor === 'middle' ? x - w / 2 : x - 2;
  return { x0, y0: y - size, x1: x0 + w, y1: y + size * 0.3 };
}

export const UNIT_R = 21;

/** the boxes every label must keep clear of: the units (with their names) and the fixed texts (bias labels) */
export function obstacles(units: UnitPos[][], fixed: Box[], names: (u: UnitPos) => string, showZ = false): Box[] {
  const out = [...fixed];
  const last = units.length - 2;
  for (const col of units) {
    for (const u of col) {
      out.push({ x0: u.x - UNIT_R - 3, y0: u.y - UNIT_R - 3, x1: u.x + UNIT_R + 3, y1: u.y + UNIT_R + 3 });
      out.push(textBox(names(u), u.x, u.y - 27, 11));
      // the "was 0.4486" note after an update (Graph.svelte): right of a unit, left of an output unit
      // and, with "z and δ" on, their two lines below it
      const bottom = showZ ? u.y + 12 : u.y - 14;
      if (u.l >= 0) out.push(u.l === last ? { x0: u.x - 90, y0: u.y - 30, x1: u.x - 20, y1: bottom } : { x0: u.x + 20, y0: u.y - 30, x1: u.x + 90, y1: bottom });
    }
  }
  return out;
}

/** positions along an edge to try, nearest the middle of its fan-out slot first */
function candidates(e: Edge, unitsInLayer: number): number[] {
  const slot = unitsInLayer === 1 ? 0.5 : 0.2 + (0.6 * (e.ref.j + 0.5)) / unitsInLayer;
  const ts = [slot, 0.5, 0.35, 0.65, 0.27, 0.73, 0.42, 0.58, 0.2, 0.8];
  return ts.filter((t, k) => ts.indexOf(t) === k);
}

/** the least room (px) between two weight labels side by side, beyond textBox's own margin */
export const LABEL_GAP = 8;

export interface PlacedLabel {
  x: number;
  /** the text's baseline */
  y: number;
}

/** the own name's line above a weight label (Graph.svelte: 10 px, 13 px above the value's baseline) */
export const OWN_SIZE = 10;
export const OWN_DY = 13;

/** A weight label's box: its value, and the weight's own name above it when it has one. */
export function labelBox(text: string, x: number, y: number, size: number, own?: string | null): Box {
  const b = textBox(text, x, y, size);
  if (!own) return b;
  const o = textBox(own, x, y - OWN_DY, OWN_SIZE);
  return { x0: Math.min(b.x0, o.x0), y0: o.y0, x1: Math.max(b.x1, o.x1), y1: b.y1 };
}

/**
 * Boxes by the cells of a coarse grid they touch: "does this box overlap
 * anything taken?" looks at a few neighbours instead of every box (a
 * 2-16-16-1 net tries thousands of places among hundreds of boxes).
 */
class BoxGrid {
  private readonly cells = new Map<number, Box[]>();
  constructor(private readonly cell = 48) {}
  private *keys(b: Box): Generator<number> {
    const c = this.cell;
    for (let i = Math.floor(b.x0 / c); i <= Math.floor(b.x1 / c); i++) for (let j = Math.floor(b.y0 / c); j <= Math.floor(b.y1 / c); j++) yield (i + 4096) * 8192 + (j + 4096);
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
  hits(b: Box): boolean {
    for (const k of this.keys(b)) if (this.cells.get(k)?.some((o) => overlaps(o, b))) return true;
    return false;
  }
}

/**
 * Label positions by edge key; edges left out have no room. `text(e)` is the
 * label, `own(e)` the weight's own name written above it (its box counts
 * too), `unitsInLayer(l)` the units of the layer the edge goes into.
 */
export function placeLabels(
  edges: Edge[], key: (e: Edge) => string, text: (e: Edge) => string, size: number, blocked: Box[], unitsInLayer: (l: number) => number, first?: (e: Edge) => boolean,
  own?: (e: Edge) => string | null | undefined,
): Map<string, PlacedLabel> {
  const placed = new Map<string, PlacedLabel>();
  const taken = new BoxGrid();
  for (const b of blocked) taken.add(b);
  // the labels placed so far, each widened by LABEL_GAP on both sides
  const labels = new BoxGrid();
  const order = [...edges].sort((a, b) => (first?.(b) ? 1 : 0) - (first?.(a) ? 1 : 0) || Math.abs(b.w) - Math.abs(a.w));
  for (const e of order) {
    const label = text(e);
    const name = own?.(e) ?? null;
    for (const t of candidates(e, unitsInLayer(e.ref.layer))) {
      const x = e.x1 + t * (e.x2 - e.x1);
      const y = e.y1 + t * (e.y2 - e.y1) - 4;
      // LABEL_GAP clear of the labels placed before: two side by side ("1 0.42946858" where report
      // 000's edges cross) read as one number; units and fixed texts may come closer
      const b = labelBox(label, x, y, size, name);
      if (taken.hits(b) || labels.hits(b)) continue;
      labels.add({ x0: b.x0 - LABEL_GAP, y0: b.y0, x1: b.x1 + LABEL_GAP, y1: b.y1 });
      placed.set(key(e), { x, y });
      break;
    }
  }
  return placed;
}

/**
 * Where a tooltip of w × h goes for a pointer at (x, y): beside the pointer,
 * on the first side where it covers no unit and stays inside the drawing.
 */
export function tipPlace(x: number, y: number, w: number, h: number, units: UnitPos[][], width: number, height: number): { left: number; top: number } {
  const spots = [
    { left: x + 14, top: y + 14 }, { left: x + 14, top: y - 14 - h }, { left: x - 14 - w, top: y + 14 }, { left: x - 14 - w, top: y - 14 - h },
    { left: x - w / 2, top: y + 24 }, { left: x - w / 2, top: y - 24 - h },
  ];
  const circles = units.flat().map((u) => ({ x0: u.x - UNIT_R, y0: u.y - UNIT_R, x1: u.x + UNIT_R, y1: u.y + UNIT_R }));
  const inside = (s: { left: number; top: number }) => s.left >= 0 && s.left + w <= width && s.top >= -40 && s.top + h <= height + 80;
  const clear = (s: { left: number; top: number }) => !circles.some((c) => overlaps(c, { x0: s.left, y0: s.top, x1: s.left + w, y1: s.top + h }));
  const best = spots.find((s) => inside(s) && clear(s)) ?? spots.find(clear) ?? spots[0];
  return { left: Math.max(0, Math.min(best.left, width - w)), top: best.top };
}
