/**
 * AppState with Svelte's runes compiled (vitest's "runes" project), on fake
 * hosts (host/fake-hosts.test-util.ts) whose trainer is the real
 * TrainerService: what the page shows changes only when the trainer has
 * accepted a change; loads while one is pending; undo / redo; the desktop
 * menu's commands as ShellHost.onMenu delivers them; recovered work; Save
 * with a trainer that never answers. Report 000's lecture net: 2-2-1 ReLU,
 * x = [1, 0], y = 2, lr 0.005.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppState } from './app.svelte';
import { runs } from './runs.svelte';
import { EXPERIMENT_RUN } from '../../src-core/session/runs';
import { fakeHosts, until } from '../host/fake-hosts.test-util';

const lecture = readFileSync(fileURLToPath(new URL('../../e2e/fixtures/lecture-000.nnlab', import.meta.url)), 'utf8');

const lr = (app: AppState) => (app.experiment!.optimizer as { lr: number }).lr;
const setLr = (value: number) => (d: Record<string, unknown>) => void ((d.optimizer as { lr: number }).lr = value);

/** A window with the lecture opened from disk and loaded by the trainer. */
async function opened(o: { platform?: string | null } = {}) {
  const hosts = fakeHosts(o);
  const app = new AppState(hosts);
  expect(app.openText('lecture.nnlab', lecture, { path: '/home/student/lecture.nnlab' })).toBe(true);
  await until(() => app.snapshot !== null && !app.loading, 'the lecture to load');
  return { app, hosts, trainer: hosts.trainer, files: hosts.files, shell: hosts.shell };
}

beforeEach(() => {
  runs.currentId = EXPERIMENT_RUN;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AppState: a change shows once the trainer has it', () => {
  it('opens a file: nothing shows until the trainer has loaded it, then the file, clean, at epoch 0', async () => {
    const hosts = fakeHosts();
    const app = new AppState(hosts);
    hosts.trainer.hold = true;
    app.openText('lecture.nnlab', lecture, { path: '/home/student/lecture.nnlab' });
    expect(app.loading).toBe(true);
    expect(app.session).toBeNull();
    hosts.trainer.release();
    await until(() => app.snapshot !== null, 'the first snapshot');
    expect(app.session!.title).toBe('Lecture 6: three-node ReLU network (report 000)');
    expect([app.fileName, app.filePath, app.dirty, app.loading]).toEqual(['lecture.nnlab', '/home/student/lecture.nnlab', false, false]);
    // out = relu(1·1 + 1·0 + 0.5) + relu(0.5·1 − 1·0 + 0) + 0.5 = 2.5; loss (2.5 − 2)² = 0.25
    expect(app.snapshot!.metrics.train.loss).toBeCloseTo(0.25, 14);
  });

  it('a file that fails validation shows its messages and changes nothing', async () => {
    const { app, trainer } = await opened();
    const before = app.session;
    const loads = trainer.loads().length;
    expect(app.openText('bad.nnlab', lecture.replace('"units": 1', '"units": 0'))).toBe(false);
    expect(app.fileErrors!.name).toBe('bad.nnlab');
    expect(app.fileErrors!.errors[0]).toMatch(/^experiment\.network\.layers\[1\]\.units: expected an integer >= 1, got 0/);
    expect(app.session).toBe(before);
    expect(trainer.loads()).toHaveLength(loads);
  });

  it('an edit takes effect only when the trainer accepts it', async () => {
    const { app, trainer } = await opened();
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    expect(app.loading).toBe(true);
    expect(lr(app)).toBe(0.005); // still the run the trainer has
    expect(app.canUndo).toBe(false);
    trainer.release();
    await until(() => !app.loading, 'the edit to be accepted');
    expect(lr(app)).toBe(0.01);
    expect(app.snapshot!.optimizer).toMatchObject({ lr: 0.01 });
    expect([app.dirty, app.canUndo]).toEqual([true, true]);
  });

  it('Run while a load is pending starts the new run once it is loaded: a finished run\'s epoch never sets its target', async () => {
    const { app, trainer } = await opened();
    app.run();
    await until(() => app.snapshot!.epoch === 1000 && !app.running, 'the run to finish');
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    const sent = trainer.sent.length;
    app.run(); // the snapshot still says epoch 1000 of 1000: Run now would mean "1000 more"
    expect(trainer.sent.length).toBe(sent);
    trainer.release();
    await until(() => !app.loading, 'the edit to be accepted');
    const run = trainer.sent.slice(sent).find((c) => c.type === 'run');
    expect(run).toBeDefined();
    expect(run).not.toHaveProperty('untilEpoch');
    await until(() => app.snapshot!.epoch === 1000 && !app.running, 'the new run to finish at its own epochs');
    expect(lr(app)).toBe(0.01);
  });

  it('Step while a load is pending steps the new run once it is loaded (it stepped the run being replaced)', async () => {
    const { app, trainer } = await opened();
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    const sent = trainer.sent.length;
    app.step('epoch');
    app.step('phase');
    expect(trainer.sent.length).toBe(sent);
    trainer.release();
    await until(() => !app.loading && app.snapshot!.epoch === 1 && app.snapshot!.nextPhase === 'backward', 'the new run to take the steps');
    const steps = trainer.sent.slice(sent).filter((c) => c.type === 'step');
    expect(steps.map((c) => (c as { unit: string }).unit)).toEqual(['epoch', 'phase']);
    expect(lr(app)).toBe(0.01);
  });

  it('Step while a run switch asks the trainer for the run it leaves: the step goes to the run switched to', async () => {
    const hosts = fakeHosts();
    const app = new AppState(hosts);
    const withRun = JSON.parse(lecture);
    withRun.runs = [{ id: 'lr-0.25', label: 'lr = 0.25', overrides: { 'optimizer.lr': 0.25 }, status: 'paused', epochs_run: 0 }];
    app.openText('lecture.nnlab', JSON.stringify(withRun));
    await until(() => app.snapshot !== null && !app.loading, 'the lecture to load');
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'the step');
    const trainer = hosts.trainer;
    trainer.hold = true; // the trainer is slow to send the state of the run being left
    const switched = app.switchRun('lr-0.25');
    await new Promise((r) => setTimeout(r, 5));
    const before = trainer.sent.length;
    app.step('epoch');
    expect(trainer.sent.slice(before).filter((c) => c.type === 'step')).toEqual([]);
    trainer.release();
    await switched;
    await until(() => runs.currentId === 'lr-0.25' && !app.loading && app.snapshot!.epoch === 1, 'the new run to take the step');
    expect((app.runExperiment!.optimizer as { lr: number }).lr).toBe(0.25);
    // the run left was saved where it was, one epoch in (the step did not reach it)
    expect(app.session!.runs!.find((r) => r.id === EXPERIMENT_RUN)?.epochs_run).toBe(1);
  });

  it('a refused load drops the steps pressed while it was pending', async () => {
    const { app, trainer } = await opened();
    trainer.refuseNextLoad('the session was not loaded:\nexperiment.data: the CSV file "points.csv" cannot be read');
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    app.step('epoch');
    trainer.release();
    await until(() => !app.loading, 'the refusal');
    await new Promise((r) => setTimeout(r, 20));
    expect(trainer.sent.filter((c) => c.type === 'step')).toEqual([]);
    expect(app.snapshot!.epoch).toBe(0);
  });

  it('a refused load keeps the old session and shows the error beside the panel', async () => {
    const { app, trainer } = await opened();
    const session = app.session;
    const snapshot = app.snapshot;
    const revision = app.panelRevision;
    trainer.refuseNextLoad('the session was not loaded:\nexperiment.data: the CSV file "points.csv" cannot be read');
    app.editExperiment(setLr(0.01));
    await until(() => !app.loading, 'the refusal');
    expect(app.session).toBe(session);
    expect(app.snapshot).toBe(snapshot);
    expect(lr(app)).toBe(0.005);
    expect(app.experimentErrors).toEqual(['experiment.data: the CSV file "points.csv" cannot be read']);
    expect(app.panelRevision).toBe(revision + 1);
    expect([app.dirty, app.canUndo]).toEqual([false, false]);
  });

  it('an edit the schema refuses never reaches the trainer', async () => {
    const { app, trainer } = await opened();
    const loads = trainer.loads().length;
    app.editExperiment(setLr(-1));
    expect(app.experimentErrors.join('\n')).toMatch(/experiment\.optimizer\.lr/);
    expect(trainer.loads()).toHaveLength(loads);
    expect(app.loading).toBe(false);
  });

  it('loads while one is pending: only the newest queued one runs, and each edit is its own undo step', async () => {
    const { app, trainer } = await opened();
    const loads = trainer.loads().length;
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    app.editExperiment(setLr(0.02));
    app.editExperiment(setLr(0.03));
    expect(trainer.loads()).toHaveLength(loads + 1); // the first; the others wait
    trainer.release();
    await until(() => !app.loading, 'the queue to drain');
    const sent = trainer.loads().slice(loads).map((l) => (l.session.experiment as { optimizer: { lr: number } }).optimizer.lr);
    expect(sent).toEqual([0.01, 0.03]); // 0.02 was replaced while it waited
    expect(lr(app)).toBe(0.03);
    expect(app.snapshot!.optimizer).toMatchObject({ lr: 0.03 });
    // each Enter its own step: 0.02 was never loaded, Undo loads it then (a student pass: one Undo took back two)
    for (const want of [0.02, 0.01, 0.005]) {
      app.undo();
      await until(() => !app.loading, 'the undo');
      expect(lr(app)).toBe(want);
      expect(app.snapshot!.optimizer).toMatchObject({ lr: want });
    }
    expect(app.canUndo).toBe(false);
    for (const want of [0.01, 0.02, 0.03]) {
      app.redo();
      await until(() => !app.loading, 'the redo');
      expect(lr(app)).toBe(want);
    }
  });

  it('a refused load drops the edits queued on top of it', async () => {
    const { app, trainer } = await opened();
    trainer.hold = true;
    trainer.refuseNextLoad('the session was not loaded:\nno');
    app.editExperiment(setLr(0.01));
    app.editExperiment(setLr(0.02));
    trainer.release();
    await until(() => !app.loading, 'the refusal');
    expect(lr(app)).toBe(0.005);
    expect(app.experimentErrors).toEqual(['no']);
    expect(trainer.loads().filter((l) => (l.session.experiment as { optimizer: { lr: number } }).optimizer.lr === 0.02)).toEqual([]);
  });
});

describe('AppState: undo and redo', () => {
  it('a weight set before the first step is a starting weight; undo and redo set it back and forth in session and trainer', async () => {
    const { app, trainer } = await opened();
    const ref = { kind: 'weight', layer: 0, j: 0, i: 0 } as const;
    app.editParam(ref, 2);
    const init = () => (app.experiment!.init as { weights: number[][][] }).weights[0][0][0];
    expect(init()).toBe(2);
    expect(app.experimentNotes[0]).toMatch(/before the first step: it is a starting weight now/);
    await until(() => app.snapshot!.params.weights[0][0][0] === 2, 'the trainer to set it');
    expect([app.canUndo, app.canRedo]).toEqual([true, false]);

    app.undo();
    expect(init()).toBe(1);
    expect(trainer.sent.at(-1)).toEqual({ type: 'editParam', ref, value: 1 });
    await until(() => app.snapshot!.params.weights[0][0][0] === 1, 'the trainer to set it back');
    expect([app.canUndo, app.canRedo]).toEqual([false, true]);

    app.redo();
    expect(init()).toBe(2);
    await until(() => app.snapshot!.params.weights[0][0][0] === 2, 'the trainer to redo it');
    // out = relu(2 + 0.5) + 0.5 + 0.5 = 3.5: loss (3.5 − 2)² = 2.25
    expect(app.snapshot!.metrics.train.loss).toBeCloseTo(2.25, 14);
  });

  it('an experiment edit is undone by loading the session before it; a new edit clears redo', async () => {
    const { app } = await opened();
    app.editExperiment(setLr(0.01));
    await until(() => !app.loading, 'the edit');
    app.undo();
    expect(app.loading).toBe(true); // it restarts the run: shown when the trainer has it
    await until(() => !app.loading, 'the undo');
    expect(lr(app)).toBe(0.005);
    expect(app.snapshot!.optimizer).toMatchObject({ lr: 0.005 });
    app.redo();
    await until(() => !app.loading, 'the redo');
    expect(lr(app)).toBe(0.01);
    app.undo();
    await until(() => !app.loading, 'the second undo');
    app.setTitle('My notes');
    expect(app.canRedo).toBe(false);
    app.undo();
    expect(app.session!.title).toBe('Lecture 6: three-node ReLU network (report 000)');
  });

  it('undo waits while a load is pending (the edit being loaded is not on the stack yet), then undoes it', async () => {
    const { app, trainer } = await opened();
    app.setTitle('A');
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    app.undo();
    expect(app.session!.title).toBe('A');
    trainer.release();
    await until(() => !app.loading && lr(app) === 0.005, 'the edit, then its undo');
    expect(app.session!.title).toBe('A');
    expect(app.snapshot!.optimizer).toMatchObject({ lr: 0.005 });
  });

  it('two quick undos and a redo while loads are pending: each is made once the one before it loaded, in order', async () => {
    const { app, trainer } = await opened();
    app.editExperiment(setLr(0.01));
    await until(() => !app.loading, 'the first edit');
    trainer.hold = true;
    app.editExperiment(setLr(0.02));
    app.undo(); // undoes 0.02 once it loaded
    app.undo(); // then 0.01
    app.redo(); // then 0.01 again
    trainer.release();
    await until(() => !app.loading && lr(app) === 0.01 && app.snapshot!.optimizer.lr === 0.01, 'the undos and the redo');
    expect(app.canRedo).toBe(true); // 0.02 can be redone
    app.redo();
    await until(() => !app.loading, 'the last redo');
    expect(lr(app)).toBe(0.02);
  });
});

describe('AppState: the desktop menu, as ShellHost.onMenu delivers it', () => {
  it('Save writes back to the file, Save As asks where; the session is clean after', async () => {
    const { app, shell, files } = await opened();
    app.setTitle('Lecture 6, my run');
    expect(app.dirty).toBe(true);
    shell.menu('save');
    await until(() => files.saves.length === 1, 'the save');
    expect(files.saves[0]).toMatchObject({ name: 'lecture.nnlab', path: '/home/student/lecture.nnlab' });
    expect(JSON.parse(files.saves[0].text).title).toBe('Lecture 6, my run');
    await until(() => !app.dirty, 'clean');
    shell.menu('save-as');
    await until(() => files.saves.length === 2, 'save as');
    expect(files.saves[1].path).toBeUndefined();
    await until(() => app.filePath === '/home/student/saved.nnlab', 'the new path');
    expect(app.fileName).toBe('saved.nnlab');
  });

  it('a variant never run, made current and saved, reopens as the current run (from its overrides, at epoch 0)', async () => {
    const hosts = fakeHosts();
    const app = new AppState(hosts);
    const withRun = JSON.parse(lecture);
    withRun.runs = [{ id: 'lr-0.25', label: 'lr = 0.25', overrides: { 'optimizer.lr': 0.25 }, status: 'paused', epochs_run: 0 }];
    app.openText('lecture.nnlab', JSON.stringify(withRun), { path: '/home/student/lecture.nnlab' });
    await until(() => app.snapshot !== null && !app.loading, 'the lecture to load');
    await app.switchRun('lr-0.25');
    await until(() => runs.currentId === 'lr-0.25' && !app.loading, 'the switch');
    expect((app.runExperiment!.optimizer as { lr: number }).lr).toBe(0.25);
    hosts.shell.menu('save');
    await until(() => hosts.files.saves.length === 1, 'the save');
    const text = hosts.files.saves[0].text;
    expect(JSON.parse(text).view.currentRun).toBe('lr-0.25');

    runs.currentId = EXPERIMENT_RUN;
    const again = new AppState(fakeHosts());
    again.openText('lecture.nnlab', text);
    await until(() => again.snapshot !== null && !again.loading, 'the reopened file');
    expect(runs.currentId).toBe('lr-0.25');
    expect((again.runExperiment!.optimizer as { lr: number }).lr).toBe(0.25);
    expect(again.snapshot!.epoch).toBe(0);
  });

  it('Save after a step writes the run where it stopped, with the trainer’s state', async () => {
    const { app, shell, files } = await opened();
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'epoch 1');
    shell.menu('save');
    await until(() => files.saves.length === 1, 'the save');
    const saved = JSON.parse(files.saves[0].text);
    expect(saved.view.currentRun).toBe(EXPERIMENT_RUN);
    const run = saved.runs.find((r: { id: string }) => r.id === EXPERIMENT_RUN);
    expect(run.epochs_run).toBe(1);
    expect(run.params.weights[0][0][0]).toBeCloseTo(0.995, 14); // 1 − 0.005 · 2 · (2.5 − 2) · 1 · 1 · 1
    expect(run.state).toBeDefined();
    expect(run.history.train_loss[0]).toBeCloseTo(0.25, 14);
  });

  it('Undo, Redo and Keyboard Shortcuts', async () => {
    const { app, shell } = await opened();
    app.setTitle('A');
    shell.menu('undo');
    expect(app.session!.title).toBe('Lecture 6: three-node ReLU network (report 000)');
    shell.menu('redo');
    expect(app.session!.title).toBe('A');
    expect(app.showShortcuts).toBe(false);
    shell.menu('shortcuts');
    expect(app.showShortcuts).toBe(true);
  });

  it('New asks before discarding unsaved changes, then replaces the window’s session (no new window)', async () => {
    const { app, shell, files } = await opened();
    app.setTitle('unsaved work');
    files.discardAnswers.push(false);
    shell.menu('new');
    await until(() => files.asked.length === 1, 'the question');
    expect(files.asked[0]).toBe('This session has unsaved changes. Discard them?');
    await new Promise((r) => setTimeout(r, 20));
    expect(app.session!.title).toBe('unsaved work');
    files.discardAnswers.push(true);
    shell.menu('new');
    await until(() => app.session!.title === 'New session: XOR', 'the new session');
    expect([app.fileName, app.filePath, app.dirty, app.canUndo]).toEqual(['untitled.nnlab', undefined, false, false]);
    // the window forgets the lecture's file (its title, Save in place)
    expect(files.forgotten).toBe(1);
  });

  it('Open asks, then opens the picked file in this window; Cancel in the dialog keeps the session', async () => {
    const { app, shell, files } = await opened();
    shell.menu('open'); // clean: nothing to ask
    await new Promise((r) => setTimeout(r, 20));
    expect(files.asked).toEqual([]);
    expect(app.fileName).toBe('lecture.nnlab');
    files.toOpen.push({ name: 'other.nnlab', path: '/home/student/other.nnlab', text: lecture.replace('"lr": 0.005', '"lr": 0.05') });
    shell.menu('open');
    await until(() => app.fileName === 'other.nnlab', 'the other file');
    expect([lr(app), app.filePath, app.dirty]).toEqual([0.05, '/home/student/other.nnlab', false]);
  });
});

describe('AppState: recovered work and Save without the trainer', () => {
  it('a recovered document opens as unsaved, with its title, and keeps its recovery copy', async () => {
    const hosts = fakeHosts();
    const app = new AppState(hosts);
    const text = lecture.replace('"title": "Lecture 6: three-node ReLU network (report 000)"', '"title": "XOR sweep"');
    app.openInitial({ kind: 'recovered', title: 'XOR sweep', savedAt: '2026-11-20T10:00:00.000Z', file: { name: 'XOR sweep.nnlab', text } });
    await until(() => app.snapshot !== null, 'the recovered session');
    expect([app.dirty, app.title, app.fileName, app.filePath]).toEqual([true, 'XOR sweep', 'XOR sweep.nnlab', undefined]);
    expect(hosts.files.dirtyCalls.at(-1)).toBe(true); // the window's close question asks
    expect(hosts.shell.recoveryClears).toBe(0);
    // Save asks where (no path) and then it is clean
    hosts.shell.menu('save');
    await until(() => !app.dirty, 'the save');
    expect(hosts.files.saves[0].path).toBeUndefined();
  });

  it('unsaved changes write a recovery copy once per burst, 2 s after', async () => {
    const { app, shell } = await opened();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    app.setTitle('A');
    app.setTitle('B');
    vi.advanceTimersByTime(1999);
    expect(shell.recoveryWrites).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shell.recoveryWrites.map((t) => JSON.parse(t).title)).toEqual(['B']);
  });

  it('Save when the trainer never answers settles within 5 s from the page’s state, and says so', async () => {
    const { app, trainer, files, shell } = await opened();
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'epoch 1');
    trainer.silent = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let settled = false;
    shell.menu('save');
    void app.save().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(true);
    expect(files.saves).toHaveLength(2);
    const run = JSON.parse(files.saves[1].text).runs[0];
    expect(run.epochs_run).toBe(1);
    expect(run.params.weights[0][0][0]).toBeCloseTo(0.995, 14);
    expect(run.state).toBeUndefined(); // the page's state: parameters and the history shown
    expect(app.hostError).toMatch(/^Saved without the trainer's full state \(the trainer did not answer within 4 s\)/);
    expect(app.dirty).toBe(false);
  });

  it('Save when the trainer answers with an error saves at once from the page’s state', async () => {
    const { app, trainer, files } = await opened();
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'epoch 1');
    // a trainer that refuses the request (a gone trainer's host answers so)
    const send = trainer.send.bind(trainer);
    trainer.send = (c) => (c.type === 'requestState' ? void queueMicrotask(() => (trainer as unknown as { hub: { receive(e: unknown): void } }).hub.receive({ v: 1, type: 'error', id: c.id, message: 'the trainer is gone' })) : send(c));
    await app.save();
    expect(files.saves).toHaveLength(1);
    expect(app.hostError).toMatch(/\(the trainer is gone\)/);
  });
});
