/**
 * What `nnlab run` and `nnlab step` print: the JSON objects of CLI.md and
 * their readable text forms. Numbers are shortest round-trip (JSON.stringify's
 * own); JSON has no NaN, so a non-finite number is written as null.
 */
import { paramsToJSON } from '../src-core/net/params';
import { nameWithLayout } from '../src-core/derivation/names';
import { full } from '../src-core/derivation/format';
import { divergenceMessage } from '../src-core/train/divergence';
import type { Trainer } from '../src-core/train/trainer';
import type { History } from '../src-core/train/types';
import type { Divergence, Matrix, NetworkSpec, ParamsJSON } from '../src-core/types';

export const seriesNames = ['train_loss', 'test_loss', 'train_mae', 'test_mae', 'train_accuracy', 'test_accuracy'] as const;
type SeriesName = (typeof seriesNames)[number];

export interface RunReport {
  status: 'completed' | 'diverged' | 'stopped_early';
  epochs_run: number;
  diverged_at: number | null;
  /** which value became non-finite, what it became and the update that did it (Divergence), null when none did */
  divergence: Divergence | null;
  best: ({ epoch: number } & Record<string, number>) | null;
  /**
   * grad_norm[l][r]: layer l's gradient norm over the updates of epoch
   * history.epoch[r] (History.grad_norm); NaN (written null) for the last
   * epoch, from which no update was made.
   */
  history: { epoch: number[]; grad_norm?: number[][] } & Partial<Record<SeriesName, number[]>>;
  params: ParamsJSON;
}

/** 0, K, 2K, ... and the last epoch. */
export function reportedEpochs(last: number, every: number): number[] {
  const epochs: number[] = [];
  for (let k = 0; k <= last; k += every) epochs.push(k);
  if (epochs[epochs.length - 1] !== last) epochs.push(last);
  return epochs;
}

export function runReport(trainer: Trainer, every = 1): RunReport {
  const h: History = trainer.history;
  const last = h.train_loss.length - 1;
  const epochs = reportedEpochs(last, every);
  const history: RunReport['history'] = { epoch: epochs };
  for (const name of seriesNames) {
    const series = h[name];
    if (series && series.length) history[name] = epochs.map((k) => series[k]);
  }
  if (h.grad_norm?.length) history.grad_norm = h.grad_norm.map((g) => epochs.map((k) => (k < g.length ? g[k] : NaN)));
  const status = trainer.status === 'diverged' || trainer.status === 'stopped_early' ? trainer.status : 'completed';
  return {
    status,
    epochs_run: trainer.epoch,
    diverged_at: trainer.divergence ? trainer.divergence.epoch : null,
    divergence: trainer.divergence ? { ...trainer.divergence } : null,
    best: h.best ? ({ epoch: h.best.epoch, [h.best.metric]: h.best.value } as RunReport['best']) : null,
    history,
    params: paramsToJSON(trainer.opts.network, trainer.params),
  };
}

export interface StepReport {
  forward: { z: number[][]; a: number[][] }[];
  loss: number;
  gradients: ParamsJSON;
  before: ParamsJSON;
  after: ParamsJSON;
}

export function rowsOf(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
}

/** Makes one update (one batch) and reports the numbers it used. */
export function stepReport(trainer: Trainer): StepReport {
  trainer.stepBatch();
  const step = trainer.lastStep;
  if (!step || !step.after) throw new Error('the update did not complete');
  const net = trainer.opts.network;
  return {
    forward: step.z.map((z, l) => ({ z: rowsOf(z), a: rowsOf(step.a[l]) })),
    loss: step.loss,
    gradients: paramsToJSON(net, { W: step.gradW, b: step.gradB }),
    before: paramsToJSON(net, step.before),
    after: paramsToJSON(net, step.after),
  };
}

// ------------------------------------------------------------- text forms

/** Columns padded to their widest cell; the first column right-aligned (epoch numbers) unless `leftFirst`. */
function table(header: string[], rows: string[][], leftFirst = false): string {
  // a fold, not Math.max(...rows): a net of 10⁶ parameters has 10⁶ rows, past the engine's argument limit
  const widths = header.map((h, c) => rows.reduce((w, r) => Math.max(w, r[c].length), h.length));
  const pad = (cell: string, c: number) => (c === 0 && !leftFirst ? cell.padStart(widths[c]) : cell.padEnd(widths[c]));
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The session's own parameter names (`param_names`: "W[0][0][0]" → "w1"), shown as "w1 = W[0][0][0]". */
export type ParamNames = Readonly<Record<string, string>> | undefined;

/** Every weight and bias as "W[l][j][i] = v" lines ("w1 = W[0][0][0]  v" where the session names it). */
function paramLines(net: NetworkSpec, cols: { title: string; p: ParamsJSON }[], own: ParamNames): string {
  const name = (ref: Parameters<typeof nameWithLayout>[0]) => nameWithLayout(ref, { inputs: [], outputs: [], params: own });
  const rows: string[][] = [];
  net.layers.forEach((layer, l) => {
    cols[0].p.weights[l].forEach((row, j) =>
      row.forEach((_, i) => rows.push([name({ kind: 'weight', layer: l, j, i }), ...cols.map((c) => full(c.p.weights[l][j][i]))])),
    );
    if (layer.bias) {
      cols[0].p.biases[l].forEach((_, j) => rows.push([name({ kind: 'bias', layer: l, j }), ...cols.map((c) => full(c.p.biases[l][j]))]));
    }
  });
  return table(['parameter', ...cols.map((c) => c.title)], rows, true);
}

export function runText(r: RunReport, net: NetworkSpec, seconds: number, divergence: string | null, own?: ParamNames): string {
  const names = seriesNames.filter((n) => r.history[n]);
  const rows = r.history.epoch.map((e, k) => [String(e), ...names.map((n) => full(r.history[n]![k]))]);
  const out = [table(['epoch', ...names], rows), ''];
  const rate = seconds > 0 ? `, ${Math.round(r.epochs_run / seconds)} epochs/s` : '';
  out.push(`${r.status.replace('_', ' ')}: ${r.epochs_run} epochs in ${seconds.toFixed(3)} s (engine time${rate})`);
  if (divergence) out.push(divergence);
  if (r.best) {
    const [metric, value] = Object.entries(r.best).find(([k]) => k !== 'epoch')!;
    out.push(`best: epoch ${r.best.epoch}, ${metric} ${full(value)}`);
  }
  out.push('', paramLines(net, [{ title: 'final', p: r.params }], own));
  return out.join('\n');
}

export function stepText(s: StepReport, net: NetworkSpec, own?: ParamNames): string {
  const vec = (row: number[]) => `[${row.map(full).join(', ')}]`;
  const out = ['forward (one row per sample of the batch):'];
  s.forward.forEach((f, l) => {
    out.push(`  layer ${l} (${net.layers[l].activation})`);
    f.z.forEach((z, r) => out.push(`    z = ${vec(z)}   a = ${vec(f.a[r])}`));
  });
  out.push(`loss = ${full(s.loss)}`, '');
  out.push(
    paramLines(net, [
      { title: 'before', p: s.before },
      { title: 'gradient', p: s.gradients },
      { title: 'after', p: s.after },
    ], own),
  );
  return out.join('\n');
}

export function divergenceText(trainer: Trainer): string | null {
  return trainer.divergence ? divergenceMessage(trainer.divergence, trainer.params, trainer.opts.network) : null;
}
