import { describe, expect, it } from 'vitest';
import { SnapshotStore } from './snapshots';

const snap = (k: number, size: number) => Float64Array.from({ length: size }, (_, i) => k * 100 + i);

describe('SnapshotStore', () => {
  for (const [size, perBlock] of [[3, 4], [40, 2], [1, 1]] as const) {
    it(`keeps every snapshot exactly across blocks (size ${size}, ${perBlock} per block)`, () => {
      const s = new SnapshotStore(size, perBlock);
      for (let k = 0; k < 11; k++) s.push(snap(k, size));
      expect(s.length).toBe(11);
      for (let k = 0; k < 11; k++) expect(Array.from(s.get(k))).toEqual(Array.from(snap(k, size)));
      expect(s.all().map((v) => v[0])).toEqual(Array.from({ length: 11 }, (_, k) => k * 100));
      const flat = s.copyFlat(7);
      expect(Array.from(flat)).toEqual([7, 8, 9, 10].flatMap((k) => Array.from(snap(k, size))));
      expect(s.copyFlat(11).length).toBe(0);
    });
  }

  it('a view handed out never changes: a dropped snapshot\'s slot is not reused', () => {
    const s = new SnapshotStore(2, 4);
    for (let k = 0; k < 3; k++) s.push(snap(k, 2));
    const held = s.all()[2];
    s.pop();
    s.push(snap(9, 2));
    expect(Array.from(held)).toEqual([200, 201]);
    expect(Array.from(s.get(2))).toEqual([900, 901]);
    expect(s.all().map((v) => v[0])).toEqual([0, 100, 900]);
  });

  it('keep: the kept snapshots in order, in fresh blocks (views held before stay as they were)', () => {
    const s = new SnapshotStore(2, 3);
    for (let k = 0; k < 8; k++) s.push(snap(k, 2));
    const before = s.all().slice();
    s.keep([0, 2, 4, 6]);
    expect(s.length).toBe(4);
    expect(s.all().map((v) => v[0])).toEqual([0, 200, 400, 600]);
    s.push(snap(8, 2));
    expect(Array.from(s.copyFlat(3))).toEqual([600, 601, 800, 801]);
    expect(before.map((v) => v[0])).toEqual([0, 100, 200, 300, 400, 500, 600, 700]);
  });

  it('copies what it is given: the source may change afterwards', () => {
    const s = new SnapshotStore(2, 2);
    const src = Float64Array.of(1, 2);
    s.push(src);
    src[0] = 5;
    expect(Array.from(s.get(0))).toEqual([1, 2]);
    s.clear();
    expect(s.length).toBe(0);
    expect(s.all()).toEqual([]);
  });
});

describe('SnapshotStore refuses a snapshot of another size', () => {
  it('shorter or longer: nothing written', () => {
    const s = new SnapshotStore(40, 2);
    s.push(snap(0, 40));
    expect(() => s.push(snap(1, 41))).toThrow('snapshot: expected 40 numbers, got 41');
    expect(() => s.push(snap(1, 3))).toThrow('snapshot: expected 40 numbers, got 3');
    expect(s.length).toBe(1);
  });
});

describe('SnapshotStore.pushParams', () => {
  it('writes the parameters in flattenParams order, across blocks, beside copied snapshots', () => {
    const p = { W: [Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6)], b: [Float64Array.of(7, 8), new Float64Array(0)] };
    const s = new SnapshotStore(8, 2);
    s.pushParams(p);
    s.push(snap(9, 8));
    p.W[1][0] = -5;
    s.pushParams(p); // the second block
    s.pop();
    s.pushParams(p); // a fresh slot: the dropped one is not reused
    expect(s.all().map((v) => Array.from(v))).toEqual([[1, 2, 3, 4, 7, 8, 5, 6], Array.from(snap(9, 8)), [1, 2, 3, 4, 7, 8, -5, 6]]);
  });
});
