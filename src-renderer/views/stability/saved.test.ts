/** The stability view's saved results and chart helpers (no DOM, no runes). */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-core/session/schema';
import { crossing, firstRise, mergeSharpness, savedAnalysis, type SavedSharpness } from './saved';
import { landscapeChart, sharpnessChart } from './charts';

const point = (epoch: number, value: number) => ({ epoch, value, iterations: 10, converged: true, residual: 1e-7, stableLr: 2 / value, top: [{ name: 'W[0][0][0]', value: 1 }] });
const sharp = (over: 'current' | 'history', epoch: number, pts: [number, number][]): SavedSharpness => ({
  part: 'sharpness', over, lr: 1, limit: 2, optimizer: 'sgd', says: '', epoch, points: pts.map(([e, v]) => point(e, v)),
});
const session = (analysis: unknown) => ({ format: 'nnlab', version: 1, analysis }) as unknown as Session;

describe('stability: saved results', () => {
  it('the crossing of 2/lr is interpolated between samples; the first rise of the loss', () => {
    expect(crossing([{ epoch: 0, value: 1.5 }, { epoch: 100, value: 1.9 }, { epoch: 200, value: 2.1 }], 2)).toBe(150);
    expect(crossing([{ epoch: 0, value: 1.5 }], 2)).toBe(null);
    expect(firstRise([3, 2, 1, 1, 1.5, 0.5])).toBe(3);
    expect(firstRise([3, 2, 1])).toBe(null);
  });

  it('the sharpness now joins the curve of the same run; another run replaces it', () => {
    const curve = sharp('history', 500, [[0, 1.5], [250, 1.8], [500, 2.1]]);
    const now = sharp('current', 700, [[700, 2.2]]);
    expect(mergeSharpness(curve, now).points.map((p) => p.epoch)).toEqual([0, 250, 500, 700]);
    expect(mergeSharpness(curve, now).over).toBe('history');
    // the run was reset (a point beyond the current epoch) or the learning rate changed
    expect(mergeSharpness(curve, sharp('current', 100, [[100, 1.6]])).points).toHaveLength(1);
    expect(mergeSharpness(curve, { ...now, lr: 0.5 }).points).toHaveLength(1);
  });

  it('a malformed analysis in a file is reported by its path and ignored; NaN saved as null comes back as NaN', () => {
    const settings = { resolution: 21, range: 1, directions: 'random', seed: 0, points: 100 };
    expect(savedAnalysis(session(undefined))).toEqual({ value: null, error: null });
    expect(savedAnalysis(session({ settings: { ...settings, resolution: 1 } })).error).toMatch(/^analysis\.settings\.resolution: .*\(the saved analysis was not shown\)$/);
    const grid = { part: 'landscape', at: 3, resolution: 2, range: 1, directions: 'random', seed: 0, cosine: 0, note: null, alphas: [-1, 1], betas: [-1, 1],
      loss: [1, 2, 3, null], min: { alpha: -1, beta: -1, loss: 1 }, center: 2, path: { epochs: [0], alpha: [1], beta: [0], offPlane: 0 }, best: null };
    const ok = savedAnalysis(session({ settings, landscape: grid }));
    expect(ok.error).toBe(null);
    expect(ok.value!.landscape!.loss[3]).toBeNaN();
    expect(savedAnalysis(session({ settings, landscape: { ...grid, loss: [1, 2] } })).error).toContain('the grid needs resolution² losses');
  });

  it('checks each saved analysis once: another session holding the same analysis gets the same answer object', () => {
    const analysis = { settings: { resolution: 21, range: 1, directions: 'random', seed: 0, points: 100 } };
    const first = savedAnalysis(session(analysis));
    expect(savedAnalysis(session(analysis))).toBe(first);
    expect(savedAnalysis(session({ ...analysis }))).not.toBe(first);
    expect(savedAnalysis(session({ ...analysis })).value).toEqual(first.value);
  });
});

describe('stability: charts', () => {
  it('the sharpness chart marks the crossing and the first rise; the landscape draws filled contours and the path', () => {
    const c = sharpnessChart(sharp('history', 300, [[0, 1.5], [100, 1.9], [200, 2.1], [300, 2.2]]), [1, 0.5, 0.4, 0.45], { width: 600, height: 240 });
    expect(c.crossing).toBe(150);
    expect(c.rise).toBe(2);
    expect(c.clipped.some((m) => m.type === 'text' && m.text === 'λ passes 2/lr @ ~150')).toBe(true);
    // 2/lr = 2000 beside λ = 246 (lr 0.001): the scale is λ's, the line said above the chart
    const far = sharpnessChart({ ...sharp('current', 0, [[0, 246]]), lr: 0.001, limit: 2000 }, null, { width: 600, height: 240 });
    const texts = far.clipped.filter((m) => m.type === 'text').map((m) => (m as { text: string }).text);
    expect(texts).toContain('↑ 2/lr = 2000, above the chart (8.1× the largest λ)');
    expect(far.clipped.some((m) => m.type === 'line' && m.stroke === '#dc2626' && m.dash === '6 4')).toBe(false);
    const dot = far.clipped.find((m) => m.type === 'circle') as { cy: number };
    expect(dot.cy).toBeLessThan(240 / 2); // in the upper half, not flat on the axis
    const n = 5;
    const axis = [-1, -0.5, 0, 0.5, 1];
    const loss = axis.flatMap((b) => axis.map((a) => 1 + a * a + 2 * b * b));
    const g = landscapeChart({
      part: 'landscape', at: 9, resolution: n, range: 1, directions: 'random', seed: 0, cosine: 0, note: null, alphas: axis, betas: axis, loss,
      min: { alpha: 0, beta: 0, loss: 1 }, center: 1, path: { epochs: [0, 9], alpha: [1, 0], beta: [1, 0], offPlane: 0 }, best: null,
    }, { width: 400, height: 300 });
    expect(g.levels).toEqual([1, 4]);
    expect(g.log).toBe(false);
    const filled = g.clipped.filter((m) => m.type === 'path' && m.fill && m.fill !== 'none');
    expect(filled.length).toBeGreaterThan(5);
    expect(g.clipped.some((m) => m.type === 'path' && m.stroke === '#dc2626' && m.d.startsWith('M'))).toBe(true);
    expect(g.marks.some((m) => m.type === 'text' && m.text === 'current (epoch 9)')).toBe(true);
  });
});
