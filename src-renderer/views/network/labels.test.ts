import { describe, expect, it } from 'vitest';
import { LABEL_GAP, labelBox, obstacles, placeLabels, textBox, tipPlace, UNIT_R } from './labels';
import { edges, layout } from './model';
import type { NetworkSpec, ParamsJSON } from '../../../src-core/types';
import { fmt } from '../../../src-core/derivation';

// report 004's 3-4-1 sigmoid net, 12 + 4 edges
const spec: NetworkSpec = { inputs: 3, layers: [{ units: 4, activation: 'sigmoid', bias: false }, { units: 1, activation: 'sigmoid', bias: false }] };
const params: ParamsJSON = {
  weights: [[[-0.166, 0.441, -1.0], [-0.395, -0.706, -0.815], [-0.627, -0.309, -0.206], [0.078, -0.162, 0.370]], [[-0.591, 0.756, -0.945, 0.341]]],
  biases: [[], []],
};

const overlap = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('weight labels', () => {
  for (const width of [420, 640, 1100]) {
    it(`${width} px: no label overlaps another or a unit; the wider, the more labels`, () => {
      const lay = layout(spec, width, 370);
      const es = edges(spec, params, lay.units, null);
      const blocked = obstacles(lay.units, [], () => 'h1');
      const placed = placeLabels(es, (e) => `${e.ref.layer}:${e.ref.j}:${e.ref.i}`, (e) => String(e.w), 10, blocked, (l) => spec.layers[l].units);
      const boxes = es.filter((e) => placed.has(`${e.ref.layer}:${e.ref.j}:${e.ref.i}`)).map((e) => {
        const p = placed.get(`${e.ref.layer}:${e.ref.j}:${e.ref.i}`)!;
        return textBox(String(e.w), p.x, p.y, 10);
      });
      boxes.forEach((a, k) => boxes.slice(k + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
      for (const b of boxes) for (const o of blocked) expect(overlap(b, o)).toBe(false);
      if (width >= 640) expect(boxes.length).toBe(16);
      expect(boxes.length).toBeGreaterThan(6);
    });
  }

  it('the selected edge is labelled first (at 340 px W[0][2][1] gets no room otherwise)', () => {
    const lay = layout(spec, 340, 370);
    const es = edges(spec, params, lay.units, null);
    const key = (e: (typeof es)[number]) => `${e.ref.layer}:${e.ref.j}:${e.ref.i}`;
    const place = (first?: (e: (typeof es)[number]) => boolean) => placeLabels(es, key, (e) => String(e.w), 10, obstacles(lay.units, [], () => 'h'), (l) => spec.layers[l].units, first);
    expect(place().has('0:2:1')).toBe(false);
    expect(place((e) => key(e) === '0:2:1').has('0:2:1')).toBe(true);
  });
});

describe('weight labels with their own names, and a big net', () => {
  const key = (e: { ref: { layer: number; j: number; i: number } }) => `${e.ref.layer}:${e.ref.j}:${e.ref.i}`;
  const disjoint = (boxes: ReturnType<typeof textBox>[], blocked: ReturnType<typeof textBox>[]) => {
    boxes.forEach((a, k) => boxes.slice(k + 1).forEach((b) => expect(overlap(a, b), 'two labels overlap').toBe(false)));
    for (const b of boxes) for (const o of blocked) expect(overlap(b, o), 'a label overlaps a unit or a fixed text').toBe(false);
  };

  it('a weight named as the notebook does (w1 above its value) keeps both lines clear (at 500 px, placed by their values alone, six touched)', () => {
    const lay = layout(spec, 500, 370);
    const es = edges(spec, params, lay.units, null);
    const blocked = obstacles(lay.units, [], () => 'h1');
    const own = (e: (typeof es)[number]) => `w${e.ref.layer * 12 + e.ref.j * 3 + e.ref.i + 1}`;
    const placed = placeLabels(es, key, (e) => String(e.w), 10, blocked, (l) => spec.layers[l].units, undefined, own);
    const boxes = es.filter((e) => placed.has(key(e))).map((e) => labelBox(String(e.w), placed.get(key(e))!.x, placed.get(key(e))!.y, 10, own(e)));
    expect(boxes.length).toBeGreaterThan(6);
    disjoint(boxes, blocked);
    // the own name's line is part of the box
    const b = labelBox('0.5', 100, 100, 10, 'w10');
    expect(b.y0).toBeLessThan(textBox('0.5', 100, 100, 10).y0 - 10);
  });

  it('a 2-16-16-1 net (304 edges): none overlapping', () => {
    const big: NetworkSpec = { inputs: 2, layers: [{ units: 16, activation: 'tanh', bias: true }, { units: 16, activation: 'tanh', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] };
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const p: ParamsJSON = {
      weights: big.layers.map((l, k) => Array.from({ length: l.units }, () => Array.from({ length: k === 0 ? big.inputs : big.layers[k - 1].units }, rnd))),
      biases: big.layers.map((l) => Array.from({ length: l.units }, rnd)),
    };
    const lay = layout(big, 1100, 460);
    const es = edges(big, p, lay.units, null);
    const blocked = obstacles(lay.units, [], (u) => `h${u.l + 1}.${u.j + 1}`);
    const placed = placeLabels(es, key, (e) => e.w.toFixed(4), 10, blocked, (l) => big.layers[l].units);
    const boxes = es.filter((e) => placed.has(key(e))).map((e) => textBox(e.w.toFixed(4), placed.get(key(e))!.x, placed.get(key(e))!.y, 10));
    expect(boxes.length).toBeGreaterThan(20);
    disjoint(boxes, blocked);
  });
});

describe('tooltip', () => {
  it('goes to the side where it covers no unit', () => {
    const lay = layout(spec, 640, 370);
    const out = lay.units[2][0];
    // the pointer just left of the output unit: the right side would cover it
    const t = tipPlace(out.x - UNIT_R - 8, out.y + 4, 220, 80, lay.units, 640, 370);
    for (const u of lay.units.flat()) expect(overlap({ x0: t.left, y0: t.top, x1: t.left + 220, y1: t.top + 80 }, { x0: u.x - UNIT_R, y0: u.y - UNIT_R, x1: u.x + UNIT_R, y1: u.y + UNIT_R })).toBe(false);
  });
});

describe('labels side by side', () => {
  // report 000's 2-2-1 ReLU net after 1 000 epochs: its two middle edges cross, and their labels were
  // placed one space apart, "1 0.42946858" (at 404 px), read as one number. As Graph.svelte places them:
  // 11 px type, the values as fmt writes them, the bias labels in the way.
  const lecture: NetworkSpec = { inputs: 2, layers: [{ units: 2, activation: 'relu', bias: true }, { units: 1, activation: 'relu', bias: true }] };
  const trained: ParamsJSON = {
    weights: [[[0.931947386485146, 1], [0.4294685805878341, -1]], [[0.897301378253391, 0.9690722006142128]]],
    biases: [[0.4319473864851461, -0.0705314194121676], [0.42833931575844036]],
  };
  it('from 340 to 700 px: two labels on the same line are at least LABEL_GAP apart', () => {
    let sideBySide = 0;
    for (let width = 340; width <= 700; width += 4) {
      const lay = layout(lecture, width, 250);
      const es = edges(lecture, trained, lay.units, null);
      const key = (e: (typeof es)[number]) => `${e.ref.layer}:${e.ref.j}:${e.ref.i}`;
      const bias = lay.units.slice(1).flatMap((col) => col.map((u) => textBox(`b = ${fmt(trained.biases[u.l][u.j])}`, u.x, u.y + 38, 11)));
      const placed = placeLabels(es, key, (e) => fmt(e.w), 11, obstacles(lay.units, bias, () => 'h1'), (l) => lecture.layers[l].units);
      const boxes = es.filter((e) => placed.has(key(e))).map((e) => textBox(fmt(e.w), placed.get(key(e))!.x, placed.get(key(e))!.y, 11));
      if (width >= 480) expect(boxes.length, `${width} px: labels placed`).toBeGreaterThanOrEqual(4);
      for (const [k, a] of boxes.entries()) {
        for (const b of boxes.slice(k + 1)) {
          if (a.y0 >= b.y1 || b.y0 >= a.y1) continue; // not on the same line
          sideBySide++;
          expect(Math.max(b.x0 - a.x1, a.x0 - b.x1), `${width} px: room between two labels side by side`).toBeGreaterThanOrEqual(LABEL_GAP);
        }
      }
    }
    expect(sideBySide, 'some widths put two labels on one line').toBeGreaterThan(0);
  });
});
