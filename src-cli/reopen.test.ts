/**
 * Saved runs reopen exactly, diverged ones included. Report 002's (f1, 3, 5, 1000)
 * run overflows at epoch 193 (test/examples/report002.test.ts; numpy agrees):
 * `nnlab run --run f1-h3-lr5 --write out.nnlab`, then reopen the written run
 * through loadTrainer (what the app's Open does) and through the trainer
 * service (what the app shows), and Reset from there.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { loadTrainer } from '../src-core/session/create';
import { TrainerService } from '../src-core/protocol/service';
import { loadSession } from '../src-core/protocol/load';
import type { HostEvent } from '../src-core/protocol/messages';
import { HistoryStore } from '../src-core/protocol/history-store';

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'nnlab-reopen-'));

async function nnlab(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

// the runs the describe blocks below read (main is async: run before them)
const divergedRun = await nnlab('run', `${root}/assets/examples/002-basic-network-f1-f2.nnlab`, '--run', 'f1-h3-lr5', '--write', join(tmp, 'f1-lr5.nnlab'), '--json');
const xorRun = await nnlab('run', `${root}/assets/examples/004-xor-seven-learning-rates.nnlab`, '--run', 'alpha-10', '--write', join(tmp, 'xor-60000.nnlab'), '--json');

describe('a diverged run reopens as it was', () => {
  const out = join(tmp, 'f1-lr5.nnlab');
  const r = divergedRun;
  const report = JSON.parse(r.stdout);
  const text = readFileSync(out, 'utf8');
  const saved = JSON.parse(text);
  const run = saved.runs.at(-1);

  it('nnlab run writes it: status diverged at epoch 193, the loss became Infinity', async () => {
    expect(r.code).toBe(0);
    expect(report.status).toBe('diverged');
    expect(report.diverged_at).toBe(193);
    expect(run).toMatchObject({ status: 'diverged', epochs_run: 193, diverged_at: 193 });
    expect(run.state.divergence).toEqual({ epoch: 193, what: 'loss', phase: 'forward', became: 'Infinity', update: 193, batch: 0 });
    const textRun = await nnlab('run', `${root}/assets/examples/002-basic-network-f1-f2.nnlab`, '--run', 'f1-h3-lr5');
    expect(textRun.stdout).toContain('diverged at epoch 193: loss became Infinity in the forward pass (epoch 194, batch 1) with the parameters after update 193\n');
  });

  it('loadTrainer: same status, divergence, history (length and every value) and parameters', () => {
    const loaded = loadTrainer(text, run.id);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const t = loaded.trainer;
    expect(t.status).toBe('diverged');
    expect(t.epoch).toBe(193);
    expect(t.divergence).toEqual({ epoch: 193, what: 'loss', phase: 'forward', became: 'Infinity', update: 193, batch: 0 });
    expect(t.divergenceMessage).toBe('diverged at epoch 193: loss became Infinity in the forward pass (epoch 194, batch 1) with the parameters after update 193');
    const h = t.history;
    expect(h.train_loss.length).toBe(193); // entries 0..192; entry 193's forward pass overflowed
    expect(h.train_loss).toEqual(report.history.train_loss);
    expect(h.test_loss).toEqual(report.history.test_loss);
    expect(h.train_mae).toEqual(report.history.train_mae);
    expect(h.grad_norm).toEqual(run.history.grad_norm);
    expect(h.best).toEqual(run.history.best);
    expect(h.train_loss[192]).toBe(1.2647249690604145e305); // the last finite entry, as the CLI prints it
    const p = t.toState().params;
    expect(p).toEqual(report.params);
    // saving it again writes the same run
    expect(t.toState().history.train_loss).toEqual(run.history.train_loss);
    // it does not train on; Reset (fresh) starts the experiment again
    expect(t.runEpochs(10)).toBe(0);
    const fresh = loaded.fresh();
    expect(fresh.epoch).toBe(0);
    expect(fresh.status).toBe('idle');
    expect(fresh.history.train_loss).toEqual([report.history.train_loss[0]]);
  });

  it('the trainer service shows it: status diverged with the message, the whole history, then Reset', () => {
    const events: HostEvent[] = [];
    const service = new TrainerService({ post: (e) => events.push(structuredClone(e)), load: loadSession });
    service.handle({ v: 1, type: 'load', session: text, runId: run.id });
    const last = <T extends HostEvent['type']>(type: T) => events.filter((e) => e.type === type).at(-1) as Extract<HostEvent, { type: T }>;
    expect(last('status')).toMatchObject({ status: 'diverged', epoch: 193, message: 'diverged at epoch 193: loss became Infinity in the forward pass (epoch 194, batch 1) with the parameters after update 193' });
    const chunk = last('history');
    expect(chunk.from).toBe(0);
    expect(Array.from(chunk.series.train_loss!)).toEqual(report.history.train_loss);
    expect(chunk.gradNorm!.layers.map((g) => g.length)).toEqual([193, 193]);
    service.handle({ v: 1, type: 'step', unit: 'epoch', id: 's' });
    expect(last('error')).toEqual({ v: 1, type: 'error', id: 's', message: 'the run has diverged at epoch 193: loss became Infinity in the forward pass (epoch 194, batch 1) with the parameters after update 193; Reset to start again' });
    service.handle({ v: 1, type: 'reset' });
    expect(last('status').status).toBe('idle');
    expect(last('snapshot').epoch).toBe(0);
  });

  it('parameters saved as null (NaN/Infinity in JSON) reopen as NaN instead of being refused', () => {
    const broken = structuredClone(saved);
    const b = broken.runs.at(-1);
    b.params.weights[1][0][1] = null;
    b.state.params.weights[1][0][1] = null;
    b.state.params.biases[0][0] = null;
    const file = join(tmp, 'nulls.nnlab');
    writeFileSync(file, JSON.stringify(broken));
    const loaded = loadTrainer(readFileSync(file, 'utf8'), b.id);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const t = loaded.trainer;
    expect(t.status).toBe('diverged');
    expect(t.params.W[1][1]).toBeNaN();
    expect(t.params.b[0][0]).toBeNaN();
    expect(t.params.W[1][0]).toBe(report.params.weights[1][0][0]);
    expect(t.history.train_loss).toEqual(report.history.train_loss);
    // a run that is not diverged must still hold finite parameters: refused with the place named
    b.status = 'paused';
    b.state.status = 'paused';
    const refused = loadTrainer(JSON.stringify(broken), b.id);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors).toEqual(['biases[0][0]: expected a finite number, got null']);
    // and a value that is no number at all is refused even in a diverged run
    b.status = 'diverged';
    b.state.status = 'diverged';
    b.state.params.weights[1][0][1] = 'x';
    const bad = loadTrainer(JSON.stringify(broken), b.id);
    expect(bad.ok).toBe(false);
  });
});

describe('a long run saves a thinned parameter record and still draws its trajectories', () => {
  // report 004: XOR, 3-4-1 sigmoid without biases (16 parameters), full batch, 60 000 epochs at lr 10.
  // In memory: all 60 001 snapshots (960 016 numbers). Saved: at most 20 000 numbers → at most 1250
  // snapshots; the stride doubles from 1 until they fit: 64 (938 multiples of 64 up to 59 968, plus
  // the last, epoch 60 000: 939 snapshots, 15 024 numbers; stride 32 would be 1876 + 1 snapshots).
  const out = join(tmp, 'xor-60000.nnlab');
  const r = xorRun;
  const report = JSON.parse(r.stdout);
  const text = readFileSync(out, 'utf8');
  const run = JSON.parse(text).runs.at(-1);

  it('stores every loss entry but an evenly thinned record of at most 20 000 parameter numbers, the final params exact', () => {
    expect(r.code).toBe(0);
    expect(run.epochs_run).toBe(60000);
    const rec = run.history.params;
    expect(rec.stride).toBe(64);
    expect(rec.epochs.length).toBe(939);
    expect(rec.epochs.slice(0, 3)).toEqual([0, 64, 128]);
    expect(rec.epochs.slice(-2)).toEqual([59968, 60000]);
    expect(rec.epochs.slice(0, -1).every((e: number, k: number) => e === 64 * k)).toBe(true);
    expect(rec.values.flat().length).toBe(15024);
    // the last snapshot is the final parameters, exactly (weights row by row, no biases)
    expect(rec.values.at(-1)).toEqual([...report.params.weights[0].flat(), ...report.params.weights[1].flat()]);
    expect(run.params).toEqual(report.params);
    // the loss series stay complete
    expect(run.history.train_loss).toEqual(report.history.train_loss);
    expect(run.history.train_loss.length).toBe(60001);
    expect(run.history.grad_norm[0].length).toBe(60000);
    // the record is ~0.3 MB of JSON (every snapshot: ~19 MB); the five complete series are ~6 MB
    expect(JSON.stringify(rec).length).toBeLessThan(400_000);
    expect(text.length).toBeLessThan(7e6);
  });

  it('the kept snapshots are the in-memory ones at those epochs; reopened, the store draws trajectories and the timeline', () => {
    const loaded = loadTrainer(text, run.id);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.trainer.status).toBe('completed');
    // the same run in memory, every epoch recorded
    const fresh = loadTrainer(text, 'alpha-10'); // the file's own alpha-10 run: not run yet, epoch 0
    if (!fresh.ok) throw new Error(fresh.errors.join('\n'));
    const live = fresh.trainer;
    live.runEpochs(60000);
    const mem = live.history.params;
    expect(mem.epochs.length).toBe(60001);
    run.history.params.epochs.forEach((e: number, k: number) => {
      if (k % 100 === 0 || k === 938) expect(run.history.params.values[k]).toEqual(Array.from(mem.values[e]));
    });
    // through the service into the renderer's store
    const events: HostEvent[] = [];
    const service = new TrainerService({ post: (e) => events.push(structuredClone(e)), load: loadSession });
    service.handle({ v: 1, type: 'load', session: text, runId: run.id });
    const chunk = events.filter((e) => e.type === 'history').at(-1) as Extract<HostEvent, { type: 'history' }>;
    const store = new HistoryStore();
    expect(store.apply(chunk)).toBe(true);
    expect(store.length).toBe(60001);
    const track = store.paramTrack(5); // W[0][1][2]
    expect(track.epochs.length).toBe(939);
    expect(track.epochs.at(-1)).toBe(60000);
    expect(track.values[938]).toBe(report.params.weights[0][1][2]);
    expect(track.values[1]).toBe(mem.values[64][5]);
    expect(Array.from(store.paramSnapshot(469))).toEqual(Array.from(mem.values[469 * 64]));
  });
});

describe('a session holding a run the app thinned', () => {
  it('is read as any other: validate says ok, and run --run trains it from epoch 0 with every epoch kept', async () => {
    const file = `${root}/e2e/fixtures/lecture-000.nnlab`;
    const session = JSON.parse(readFileSync(file, 'utf8'));
    // as the app's host would, with a small rule so that 500 of the lecture's 1000 epochs thin
    const loaded = loadTrainer(session, undefined, { historyThinning: { dense: 50, budget: 16 } });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    loaded.trainer.runEpochs(500);
    expect(loaded.trainer.history.thinning?.stride).toBe(32);
    const { runEntry } = await import('../src-core/session/create');
    session.runs = [runEntry(loaded.trainer, { id: 'thinned' })];
    const path = join(tmp, 'thinned.nnlab');
    writeFileSync(path, JSON.stringify(session));
    expect((await nnlab('validate', path)).code).toBe(0);
    const again = await nnlab('run', path, '--run', 'thinned', '--json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    const full = JSON.parse((await nnlab('run', file, '--json')).stdout);
    expect(report.history.train_loss).toHaveLength(1001);
    expect(report.history.train_loss).toEqual(full.history.train_loss);
    // and the app's saved numbers are the full run's at the epochs it kept
    const kept = session.runs[0].history;
    expect(kept.train_loss).toEqual(kept.epochs.map((e: number) => full.history.train_loss[e]));
    // the app reopens it (the trainer service, as the page does) where it stopped, thinned the same
    const reopened = loadTrainer(JSON.parse(readFileSync(path, 'utf8')), 'thinned');
    if (!reopened.ok) throw new Error(reopened.errors.join('\n'));
    expect(reopened.trainer.epoch).toBe(500);
    expect(reopened.trainer.history.epochs).toEqual(kept.epochs);
  });
});
