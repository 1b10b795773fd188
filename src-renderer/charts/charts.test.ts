/**
 * Golden SVGs of each chart kind for fixed data (review a change by opening
 * the files in __golden__/; `npx vitest run -u` rewrites them), and the
 * layout rule behind "legends never cut": at every width from a narrow card
 * to a wide screen, every legend, tick and title text lies inside its chart.
 */
import { describe, expect, it } from 'vitest';
import { lossChart, type LossData } from './loss';
import { functionChart, type FunctionData } from './fn';
import { gridPoints, outputMapChart, type OutputMapData } from './outputmap';
import { fitTicks, palette, type Mark } from './marks';
import { chartSVG } from './svg';
import { CHART_FONT, textWidth } from './text';
import { scaleLinear, scaleLog } from 'd3-scale';

// fixed histories: a loss falling as 1/(1 + k/10) with a test loss above it, best at epoch 140
const epochs = 201;
const loss: LossData = {
  series: [
    { label: 'train loss', color: '#2563eb', values: Float64Array.from({ length: epochs }, (_, k) => 1 / (1 + k / 10)) },
    { label: 'test loss', color: '#dc2626', values: Float64Array.from({ length: epochs }, (_, k) => 1.1 / (1 + k / 10) + (k > 140 ? (k - 140) * 1e-4 : 0)) },
  ],
  best: { epoch: 140, value: 1.1 / 15 },
};
// gradient norms of a 3-layer net: layer 0 smallest (vanishing towards the input)
const grads: LossData = {
  series: [0, 1, 2].map((l) => ({ label: `layer ${l} (W[${l}], b[${l}])`, color: palette[l], values: Float64Array.from({ length: 200 }, (_, k) => (0.1 * (l + 1)) / Math.sqrt(1 + k)) })),
};
const xs = Array.from({ length: 41 }, (_, k) => -4.99 + (9.97 * k) / 40);
const fn: FunctionData = {
  points: xs.filter((_, k) => k % 4 === 0).map((x, k) => ({ x, y: Math.exp(x / 5) + (k % 2 ? 0.05 : -0.05), test: k % 3 === 0 })),
  xs,
  net: xs.map((x) => 1 + x / 5),
  target: xs.map((x) => Math.exp(x / 5)),
  units: [xs.map((x) => 0.5 + x / 10), xs.map((x) => 0.5 + x / 10)],
  xName: 'x',
  yName: 'exp(x/5)',
};
// a classifier's output over [-1, 1]²: σ(4·(x1 + x2)), boundary x1 + x2 = 0
const n = 16;
const box: [number, number, number, number] = [-1, 1, -1, 1];
const g = gridPoints(box, n);
const map: OutputMapData = {
  values: g.x2s.map((x2) => g.x1s.map((x1) => 1 / (1 + Math.exp(-4 * (x1 + x2))))),
  box,
  names: ['petal length', 'petal width'],
  outputName: 'P(virginica)',
  points: [[-0.5, -0.5, 0, 0], [0.5, 0.5, 1, 0], [0.2, -0.6, 0, 0], [-0.3, 0.7, 1, 0], [0.1, 0.1, 1, 1]].map(([x1, x2, target, test]) => ({ x1, x2, target, test: test === 1 })),
  threshold: 0.5,
  classes: ['setosa', 'virginica'],
};
const regression: OutputMapData = { ...map, threshold: undefined, classes: undefined, outputName: 'n3', values: g.x2s.map((x2) => g.x1s.map((x1) => 10 * x1 * x1 + x2)) };

const size = { width: 560, height: 240 };
const charts = (s: { width: number; height: number }): [string, Mark[]][] => [
  ['loss', lossChart(loss, { yKind: 'log' }, s).marks],
  ['loss-linear', lossChart(loss, { yKind: 'linear' }, s).marks],
  ['gradient-norm', lossChart(grads, { yKind: 'log', yTitle: '‖gradient‖ per layer' }, s).marks],
  ['function', functionChart(fn, s).marks],
  ['output-map', outputMapChart(map, { width: s.width, height: s.height + 60 }).marks],
  ['output-map-regression', outputMapChart(regression, { width: s.width, height: s.height + 60 }).marks],
];

describe('golden SVGs', () => {
  for (const [name, marks] of charts(size)) {
    it(name, async () => {
      await expect(chartSVG(marks, name.startsWith('output-map') ? { width: size.width, height: size.height + 60 } : size, CHART_FONT)).toMatchFileSnapshot(`__golden__/${name}.svg`);
    });
  }
});

/** the box of a text mark, from its measured width and anchor */
function textBox(t: Extract<Mark, { type: 'text' }>) {
  const w = textWidth(t.text, t.size ?? 11);
  const left = t.anchor === 'middle' ? t.x - w / 2 : t.anchor === 'end' ? t.x - w : t.x;
  const h = t.size ?? 11;
  const top = t.baseline === 'middle' ? t.y - h / 2 : t.baseline === 'hanging' ? t.y : t.y - h * 0.8;
  return { left, right: left + w, top, bottom: top + h };
}

describe('no text cut at the edge of its chart', () => {
  for (const width of [220, 300, 420, 560, 900, 1400]) {
    it(`${width} px wide`, () => {
      for (const [name, marks] of charts({ width, height: 240 })) {
        const height = name.startsWith('output-map') ? 300 : 240;
        for (const m of marks) {
          if (m.type !== 'text') continue;
          const b = textBox(m);
          expect({ name, text: m.text, inside: b.left >= 0 && b.right <= width && b.top >= 0 && b.bottom <= height }).toEqual({ name, text: m.text, inside: true });
        }
        // the legend says every series, whole (no ellipsis at these widths: it wraps instead)
        const legend = marks.filter((m) => m.type === 'text' && m.role === 'legend').map((m) => (m as { text: string }).text);
        expect(legend.some((t) => t.endsWith('…')), `${name} at ${width}: ${legend.join(' | ')}`).toBe(false);
        if (name === 'gradient-norm') expect(legend).toEqual(['layer 0 (W[0], b[0])', 'layer 1 (W[1], b[1])', 'layer 2 (W[2], b[2])']);
      }
    });
  }
});

describe('ticks', () => {
  it('an x axis over [−4.99, 4.98] gets several ticks, not only "0"', () => {
    const x = scaleLinear().domain([-4.99, 4.98]).range([52, 276]);
    const t = fitTicks(x, 224, { horizontal: true });
    expect(t.length).toBeGreaterThanOrEqual(3);
    expect(t).toContain(0);
  });
  it('a log axis over less than two decades gets 1-2-5 ticks over its whole height, not six crowded at the bottom', () => {
    // the two-spirals example's loss: 0.023 … 0.7 on a 170 px axis
    const y = scaleLog().domain([0.023, 0.7]).range([180, 10]);
    const t = fitTicks(y, 170, { log: true });
    expect(t).toEqual([0.05, 0.1, 0.2, 0.5]);
    for (let k = 1; k < t.length; k++) expect(Math.abs(y(t[k]) - y(t[k - 1]))).toBeGreaterThanOrEqual(22);
    // a narrow domain inside one decade: the ticks d3 gives, spaced to fit
    const z = scaleLog().domain([0.31, 0.38]).range([180, 10]);
    const tz = fitTicks(z, 170, { log: true });
    expect(tz[0]).toBeLessThanOrEqual(0.32);
    expect(tz[tz.length - 1]).toBeGreaterThanOrEqual(0.37);
    for (let k = 1; k < tz.length; k++) expect(Math.abs(z(tz[k]) - z(tz[k - 1]))).toBeGreaterThanOrEqual(22);
  });
});

describe('a thinned history', () => {
  it('draws each value at its own epoch, says how it is thinned, and reads values by epoch', async () => {
    const { epochAt, indexAtOrBefore, valueAt } = await import('./loss');
    // every epoch to 10, then every 4th, and the last (epoch 23)
    const epochs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 23];
    const s = { label: 'train loss', color: '#2563eb', values: epochs.map((e) => 1 / (1 + e)), epochs };
    const out = lossChart({ series: [s], thinning: { dense: 10, stride: 4 } }, { yKind: 'linear' }, { width: 600, height: 240 });
    expect(out.x.domain()).toEqual([0, 23]);
    const path = out.marks.find((m) => m.type === 'path' && (m as { stroke?: string }).stroke === '#2563eb') as { d: string };
    const xs = path.d.split(/[ML]/).filter(Boolean).map((p) => Number(p.split(',')[0]));
    expect(xs.map((x) => Math.round(out.x.invert(x)))).toEqual(epochs); // to the pixel rounding of the path
    expect(out.marks.some((m) => m.type === 'text' && (m as { text: string }).text === 'every 4th epoch shown past epoch 10')).toBe(true);
    // a narrow chart says it shorter, clear of the axis title
    const narrow = lossChart({ series: [s], thinning: { dense: 100_000, stride: 2 } }, { yKind: 'linear' }, { width: 280, height: 170 });
    expect(narrow.marks.some((m) => m.type === 'text' && (m as { text: string }).text === 'epoch (every 2nd epoch past 100 000)')).toBe(true);
    expect(valueAt(s, 16)).toBe(1 / 17);
    expect(valueAt(s, 17)).toBeUndefined();
    expect(indexAtOrBefore(s, 19)).toBe(12);
    expect(epochAt(s, 14)).toBe(23);
    // zoomed to epochs 11–21: the values there, and one beyond each end
    const zoom = lossChart({ series: [s] }, { yKind: 'linear', x0: 11, x1: 21 }, { width: 600, height: 240 });
    expect(zoom.y.domain()[0]).toBeLessThanOrEqual(1 / 24);
    expect(zoom.y.domain()[1]).toBeGreaterThanOrEqual(1 / 11);
  });
});
