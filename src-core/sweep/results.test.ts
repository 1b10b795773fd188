import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { gridValues, historiesCSV, resultRow, resultsCSV, sortRows, type RunLike } from './results';
import { expandSweep } from './spec';

const run = (id: string, train_loss: (number | null)[], extra: Partial<RunLike> = {}): RunLike => ({
  id, label: `lr = ${id}`, status: 'completed', epochs_run: train_loss.length - 1,
  history: { train_loss, train_mae: train_loss.map((v) => (v === null ? null : Math.sqrt(v))) }, ...extra,
});

describe('a thinned run (history.epochs)', () => {
  it('its best epoch and its CSV rows are the epochs it kept', () => {
    const r = run('t', [4, 2, 1, 0.5, 0.75], {});
    r.history!.epochs = [0, 1, 2, 4, 7];
    r.history!.grad_norm = [[0.4, 0.3, 0.2, 0.1]];
    expect(resultRow(r).best).toEqual({ epoch: 4, value: 0.5 });
    const rows = Papa.parse<string[]>(historiesCSV([r]).trim()).data;
    expect(rows[0]).toEqual(['run', 'label', 'epoch', 'train_loss', 'train_mae', 'grad_norm_layer1']);
    expect(rows.slice(1).map((row) => row[2])).toEqual(['0', '1', '2', '4', '7']);
    expect(rows.slice(1).map((row) => row[5])).toEqual(['0.4', '0.3', '0.2', '0.1', '']);
    // epochs that do not fit the series are not read (entry k is epoch k)
    r.history!.epochs = [0, 1];
    expect(resultRow(r).best).toEqual({ epoch: 3, value: 0.5 });
  });
});

describe('result rows', () => {
  it('final entries, best epoch, null read as NaN', () => {
    const r = resultRow(run('a', [4, 1, 0.25, 0.5]));
    expect(r.final.train_loss).toBe(0.5);
    expect(r.final.train_mae).toBeCloseTo(Math.SQRT1_2, 15);
    expect(r.final.test_loss).toBeNaN();
    expect(r.best).toEqual({ epoch: 2, value: 0.25 });
    const d = resultRow(run('d', [4, null], { status: 'diverged', diverged_at: 1 }));
    expect(d.final.train_loss).toBeNaN();
    expect(d.best).toEqual({ epoch: 0, value: 4 });
    expect(d.diverged_at).toBe(1);
  });

  it('sorts ascending and descending with NaN (diverged) last either way, stable on ties', () => {
    const rows = [run('a', [3]), run('b', [null]), run('c', [1]), run('d', [3])].map((r) => resultRow(r));
    expect(sortRows(rows, 'final.train_loss', 'asc').map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, 'final.train_loss', 'desc').map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortRows(rows, 'label', 'desc').map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('sorts an axis by its own order, not the label text', () => {
    const spec = { id: 's', axes: [{ field: 'optimizer.lr', kind: 'list' as const, values: [10, 2, 0.5] }] };
    const pts = expandSweep(spec);
    if (!pts.ok) throw new Error('bad spec');
    const rows = pts.value.map((p) => resultRow(run(p.id, [1]), p));
    const byId = new Map(pts.value.map((p) => [p.id, p]));
    expect(sortRows(rows, 'axis.0', 'desc', byId).map((r) => r.axisLabels[0])).toEqual(['0.5', '2', '10']);
  });

  it('grid of final losses [axis 0][axis 1], NaN for missing runs', () => {
    const pts = expandSweep({ id: 'g', axes: [{ field: 'a', kind: 'list', values: [1, 2] }, { field: 'b', kind: 'list', values: [5, 6, 7] }] });
    if (!pts.ok) throw new Error('bad spec');
    const rows = pts.value.slice(0, 5).map((p, k) => resultRow(run(p.id, [k * 10]), p));
    expect(gridValues(pts.value, rows, 'train_loss')).toEqual([[0, 10, 20], [30, 40, NaN]]);
  });
});

describe('CSV', () => {
  it('histories in long form, full precision, empty cells for missing and non-finite values', () => {
    const csv = historiesCSV([run('a', [0.1 + 0.2, 1 / 3]), { ...run('b', [2, null]), label: 'b, "quoted"' }]);
    expect(csv).toBe([
      'run,label,epoch,train_loss,train_mae',
      `a,lr = a,0,0.30000000000000004,${Math.sqrt(0.30000000000000004)}`,
      `a,lr = a,1,0.3333333333333333,${Math.sqrt(1 / 3)}`,
      `b,"b, ""quoted""",0,2,${Math.SQRT2}`,
      'b,"b, ""quoted""",1,,',
    ].join('\n'));
    // and it reads back as the same numbers
    const back = Papa.parse<string[]>(csv).data;
    expect(Number(back[1][3])).toBe(0.1 + 0.2);
    expect(back[3][1]).toBe('b, "quoted"');
  });

  it('histories with the gradient norms per layer: one entry fewer than train_loss, the last epoch\'s cells empty', () => {
    // a 2-layer run of 2 epochs: train_loss after 0, 1, 2 epochs; grad_norm over epochs 0 and 1 (one null: saved NaN)
    const a: RunLike = { id: 'a', status: 'paused', epochs_run: 2, history: { train_loss: [1, 0.5, 0.25], grad_norm: [[3, 2], [0.1 + 0.2, null]] } };
    // a run saved before grad_norm existed, in the same file: empty gradient cells
    const b: RunLike = { id: 'b', status: 'paused', epochs_run: 1, history: { train_loss: [4, 2] } };
    const csv = historiesCSV([a, b]);
    expect(csv).toBe([
      'run,label,epoch,train_loss,grad_norm_layer1,grad_norm_layer2',
      'a,a,0,1,3,0.30000000000000004',
      'a,a,1,0.5,2,',
      'a,a,2,0.25,,',
      'b,b,0,4,,',
      'b,b,1,2,,',
    ].join('\n'));
    // typed arrays (the renderer's HistoryStore.gradNorm) read the same
    const typed = historiesCSV([{ ...a, history: { train_loss: [1, 0.5, 0.25], grad_norm: [new Float64Array([3, 2]), new Float64Array([0.1 + 0.2, NaN])] } }]);
    expect(typed).toBe(csv.split('\n').slice(0, 4).join('\n'));
    expect(Number(Papa.parse<string[]>(csv).data[1][5])).toBe(0.1 + 0.2);
  });

  it('results with the sweep axes as columns', () => {
    const spec = { id: 's', axes: [{ field: 'optimizer.lr', kind: 'list' as const, values: [0.1, 1] }] };
    const pts = expandSweep(spec);
    if (!pts.ok) throw new Error('bad spec');
    const rows = [resultRow(run(pts.value[0].id, [1, 0.5]), pts.value[0]), resultRow(run(pts.value[1].id, [1, null], { status: 'diverged', diverged_at: 1 }), pts.value[1])];
    expect(resultsCSV(rows, spec)).toBe([
      'id,label,optimizer.lr,status,epochs_run,diverged_at,final_train_loss,final_train_mae,best_epoch,best_value',
      `s/0.1,lr = s/0.1,0.1,completed,1,,0.5,${Math.SQRT1_2},1,0.5`,
      's/1,lr = s/1,1,diverged,1,1,,,0,1',
    ].join('\n'));
  });
});
