/**
 * AppState at the start of a run (runes project, fake hosts whose trainer
 * is the real TrainerService): a weight typed before the first step is a
 * starting weight of the run the trainer holds — of a saved run's own
 * overrides for a saved run, never the experiment's init (report 000's
 * starting points: small-high's biases are 3, 0.5, 3; the experiment's
 * 0.2, 0, 0.2) — and a weight left as it was is no edit at all.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppState } from './app.svelte';
import { runs } from './runs.svelte';
import { EXPERIMENT_RUN, runExperiment } from '../../src-core/session/runs';
import { fakeHosts, until } from '../host/fake-hosts.test-util';

const example = (f: string) => readFileSync(fileURLToPath(new URL(`../../assets/examples/${f}`, import.meta.url)), 'utf8');
const points = example('000-lecture-relu-net-starting-points.nnlab');

async function opened(text: string) {
  const hosts = fakeHosts();
  const app = new AppState(hosts);
  expect(app.openText('example.nnlab', text)).toBe(true);
  await until(() => app.snapshot !== null && !app.loading, 'the example to load');
  return { app, hosts };
}

async function saved(app: AppState, hosts: ReturnType<typeof fakeHosts>) {
  const n = hosts.files.saves.length;
  await app.save();
  await until(() => hosts.files.saves.length === n + 1, 'the save');
  return JSON.parse(hosts.files.saves[n].text);
}

const w000 = { kind: 'weight', layer: 0, j: 0, i: 0 } as const;

beforeEach(() => {
  runs.currentId = EXPERIMENT_RUN;
});

describe('a weight set before the first step of a saved run', () => {
  it("goes into that run's overrides, not into the experiment's init", async () => {
    const { app, hosts } = await opened(points);
    const experimentInit = structuredClone(app.experiment!.init);
    await app.switchRun('small-high');
    await until(() => runs.currentId === 'small-high' && !app.loading, 'the switch');
    expect(app.snapshot!.params.biases).toEqual([[3, 0.5], [3]]);

    app.editParam(w000, 0.4);
    await until(() => app.snapshot!.params.weights[0][0][0] === 0.4, 'the trainer to set it');
    expect(app.experiment!.init).toEqual(experimentInit);
    expect(app.experimentNotes[0]).toMatch(/starting weight of run "small weights \+ high biases" now, in that run's own starting weights/);
    expect(app.canUndo).toBe(true);

    const file = await saved(app, hosts);
    expect(file.experiment.init).toEqual(experimentInit);
    const run = file.runs.find((r: { id: string }) => r.id === 'small-high');
    expect(run.overrides).toEqual({ 'init.weights': [[[0.4, 0.3], [0.1, -0.2]], [[0.5, 0.3]]], 'init.biases': [[3, 0.5], [3]] });
    expect(run.epochs_run).toBe(0);
    expect(file.view.currentRun).toBe('small-high');
    // the other runs keep their own
    expect(file.runs.find((r: { id: string }) => r.id === 'small-small').overrides['init.biases']).toEqual([[0.2, 0], [0.2]]);

    // Reset and a switch away and back both return to the edited start
    app.reset();
    await until(() => app.snapshot!.epoch === 0 && app.snapshot!.params.weights[0][0][0] === 0.4, 'the reset');
    await app.switchRun('small-small');
    await until(() => runs.currentId === 'small-small' && !app.loading, 'the switch away');
    expect(app.snapshot!.params.weights[0][0][0]).toBe(0.3);
    await app.switchRun('small-high');
    await until(() => runs.currentId === 'small-high' && !app.loading, 'the switch back');
    expect(app.snapshot!.params.weights[0][0][0]).toBe(0.4);
    expect(app.snapshot!.params.biases).toEqual([[3, 0.5], [3]]);
  });

  it('undo puts the run\'s overrides back as they were', async () => {
    const { app } = await opened(points);
    await app.switchRun('medium-high');
    await until(() => runs.currentId === 'medium-high' && !app.loading, 'the switch');
    const before = structuredClone(app.session!.runs!.find((r) => r.id === 'medium-high')!.overrides);
    app.editParam({ kind: 'bias', layer: 1, j: 0 }, -1);
    expect(app.session!.runs!.find((r) => r.id === 'medium-high')!.overrides['init.biases']).toEqual([[3, 2], [-1]]);
    app.undo();
    expect(app.session!.runs!.find((r) => r.id === 'medium-high')!.overrides).toEqual(before);
    await until(() => app.snapshot!.params.biases[1][0] === 3, 'the trainer to set it back');
  });

  it("a run over a drawn init gets its own explicit init; the experiment's stays drawn", async () => {
    const spirals = JSON.parse(example('classification-rings-hidden-units.nnlab'));
    spirals.runs = [{ id: 'b', overrides: { 'optimizer.lr': 0.2 }, status: 'paused', epochs_run: 0, notes: 'mine' }];
    const { app } = await opened(JSON.stringify(spirals));
    await app.switchRun('b');
    await until(() => runs.currentId === 'b' && !app.loading, 'the switch');
    const drawn = structuredClone(app.snapshot!.params);
    app.editParam(w000, 0.25);
    const run = app.session!.runs!.find((r) => r.id === 'b')!;
    expect(app.experiment!.init.kind).toBe('glorot_uniform');
    drawn.weights[0][0][0] = 0.25;
    expect(run.overrides).toEqual({ 'optimizer.lr': 0.2, init: { kind: 'explicit', weights: drawn.weights, biases: drawn.biases } });
    expect(run.notes).toBe('mine');
    expect(app.experimentNotes[0]).toMatch(/init now reads "set by hand" because a starting weight was typed in.*Undo returns to Glorot uniform/);
  });
});

describe('a saved run taken back to its start with Reset', () => {
  it('is saved, and switched back to, at epoch 0', async () => {
    const { app, hosts } = await opened(points);
    await app.switchRun('small-high');
    await until(() => runs.currentId === 'small-high' && !app.loading, 'the switch');
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'the step');
    // away and back: the run is saved at epoch 1 and reopens there
    await app.switchRun('small-small');
    await until(() => runs.currentId === 'small-small' && !app.loading, 'the switch away');
    await app.switchRun('small-high');
    await until(() => runs.currentId === 'small-high' && !app.loading, 'the switch back');
    expect(app.snapshot!.epoch).toBe(1);

    app.reset();
    await until(() => app.snapshot!.epoch === 0, 'the reset');
    const file = await saved(app, hosts);
    const run = file.runs.find((r: { id: string }) => r.id === 'small-high');
    expect([run.epochs_run, run.status, run.params, run.history, run.label]).toEqual([0, 'paused', undefined, {}, 'small weights + high biases']);
    expect(file.view.currentRun).toBe('small-high');

    await app.switchRun('small-small');
    await until(() => runs.currentId === 'small-small' && !app.loading, 'the switch away');
    await app.switchRun('small-high');
    await until(() => runs.currentId === 'small-high' && !app.loading, 'the switch back');
    expect(app.snapshot!.epoch).toBe(0);
    expect(app.snapshot!.params.biases).toEqual([[3, 0.5], [3]]);
  });
});

describe('a weight left as it was is no edit', () => {
  const rings = example('classification-rings-hidden-units.nnlab');
  const ref = { kind: 'weight', layer: 1, j: 0, i: 0 } as const;

  it('the same value again leaves a drawn init drawn, sends nothing and records no undo step', async () => {
    const { app, hosts } = await opened(rings);
    const session = app.session;
    const sent = hosts.trainer.sent.length;
    app.editParam(ref, app.snapshot!.params.weights[1][0][0]);
    expect(app.session).toBe(session);
    expect(app.experiment!.init.kind).toBe('glorot_uniform');
    expect([app.canUndo, app.dirty, app.experimentNotes]).toEqual([false, false, []]);
    expect(hosts.trainer.sent.length).toBe(sent);
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'the step');
    expect(app.experiment!.init.kind).toBe('glorot_uniform');
  });

  it('a real edit before the first step says why the init reads "set by hand"; Undo returns to the scheme', async () => {
    const { app } = await opened(rings);
    const drawn = app.snapshot!.params.weights[1][0][0];
    app.editParam(ref, drawn + 2 ** -20);
    expect(app.experiment!.init.kind).toBe('explicit');
    expect(app.experimentNotes[0]).toMatch(/^W\[1\]\[0\]\[0\] was set before the first step.* The init now reads "set by hand" because a starting weight was typed in: the others keep the values Glorot uniform drew\. Undo returns to Glorot uniform\.$/);
    expect(app.canUndo).toBe(true);
    await until(() => app.snapshot!.params.weights[1][0][0] === drawn + 2 ** -20, 'the trainer to set it');
    app.undo();
    expect(app.experiment!.init.kind).toBe('glorot_uniform');
    await until(() => app.snapshot!.params.weights[1][0][0] === drawn, 'the trainer to set it back');
  });
});

describe("a weight set before the first step of the experiment's own run", () => {
  it('resets the saved runs that start from the experiment\'s weights and had results; a run with its own init keeps its results', async () => {
    const session = JSON.parse(points);
    const own = session.runs.find((r: { overrides: Record<string, unknown> }) => 'init' in r.overrides || Object.keys(r.overrides).some((k) => k.startsWith('init')));
    expect(own).toBeDefined();
    own.epochs_run = 2;
    own.history = { train_loss: [3, 2, 1] };
    session.runs.push({ id: 'lr-0.01', label: 'lr = 0.01', overrides: { 'optimizer.lr': 0.01 }, status: 'paused', epochs_run: 2, history: { train_loss: [3, 2, 1] } });
    const { app } = await opened(JSON.stringify(session));
    expect(runs.currentId).toBe(EXPERIMENT_RUN);
    app.editParam(w000, 0.75);
    const lr = app.session!.runs!.find((r) => r.id === 'lr-0.01')!;
    expect([lr.epochs_run, lr.history]).toEqual([0, {}]);
    const kept = app.session!.runs!.find((r) => r.id === own.id)!;
    expect([kept.epochs_run, kept.history]).toEqual([2, { train_loss: [3, 2, 1] }]);
    expect(app.experimentNotes[0]).toContain('Run "lr = 0.01": its results were for the old experiment and were reset.');
    // Undo puts the runs back with their results
    app.undo();
    expect(app.session!.runs!.find((r) => r.id === 'lr-0.01')!.epochs_run).toBe(2);
  });

  it('a run of another shape (the rings example\'s 2 and 3 hidden units) keeps its overrides and the drawn init it had', async () => {
    const { app } = await opened(example('classification-rings-hidden-units.nnlab'));
    app.editParam({ kind: 'weight', layer: 1, j: 0, i: 0 }, 0.5);
    expect(app.experiment!.init.kind).toBe('explicit');
    for (const [id, units] of [['h2', 2], ['h3', 3]] as const) {
      const run = app.session!.runs!.find((r) => r.id === id)!;
      expect(run.overrides).toEqual({ init: { kind: 'glorot_uniform' }, 'network.layers[0].units': units });
      expect(runExperiment(app.session!.experiment, run)?.network.layers[0].units).toBe(units);
    }
    expect(app.experimentNotes[0]).not.toMatch(/dropped/);
  });
});

describe('a weight typed while an edit is loading', () => {
  it('is set on the new run once it is loaded (it was dropped, the field showing the value typed); after a Step typed first, in order', async () => {
    const { app, hosts } = await opened(points);
    hosts.trainer.hold = true;
    app.editExperiment((d) => void ((d.optimizer as { lr: number }).lr = 0.02));
    app.editParam(w000, 0.75);
    expect(app.experiment!.init).toMatchObject({ kind: 'explicit' });
    hosts.trainer.release();
    await until(() => !app.loading && app.snapshot!.params.weights[0][0][0] === 0.75, 'the edit, then the weight');
    expect((app.experiment!.optimizer as { lr: number }).lr).toBe(0.02);
    // a starting weight of the new run, as when typed at its start
    expect((app.experiment!.init as { weights: number[][][] }).weights[0][0][0]).toBe(0.75);
    expect(app.experimentNotes[0]).toMatch(/W\[0\]\[0\]\[0\] was set before the first step/);
    // a step pressed before the weight: the step first, then the weight
    hosts.trainer.hold = true;
    app.editExperiment((d) => void ((d.optimizer as { lr: number }).lr = 0.03));
    app.step('epoch');
    app.editParam(w000, -2);
    hosts.trainer.release();
    await until(() => !app.loading && app.snapshot!.epoch === 1 && app.snapshot!.params.weights[0][0][0] === -2, 'the step, then the weight');
    expect(hosts.trainer.sent.slice(-2).map((c) => c.type)).toEqual(['step', 'editParam']);
  });
});

describe('a weight typed after Step, before the step has come back from the trainer', () => {
  it('is set on the run after the step, as when typed once the step had come back: the starting weights stay as they were', async () => {
    const { app, hosts } = await opened(points);
    const start = structuredClone(app.experiment!.init);
    hosts.trainer.hold = true;
    app.step('epoch');
    // the snapshot still says epoch 0 (the step is with the trainer): it was taken for a starting weight
    expect(app.snapshot!.epoch).toBe(0);
    app.editParam(w000, 0.75);
    hosts.trainer.release();
    await until(() => app.snapshot!.epoch === 1 && app.snapshot!.params.weights[0][0][0] === 0.75, 'the step, then the weight');
    expect(app.experiment!.init).toEqual(start);
    expect(app.experimentNotes.join(' ')).not.toMatch(/before the first step/);
    expect(hosts.trainer.sent.slice(-2).map((c) => c.type)).toEqual(['step', 'editParam']);
    // Reset goes back to the starting weights the file has: the weight typed was not one of them
    const file = await saved(app, hosts);
    expect(file.experiment.init).toEqual(start);
    app.reset();
    await until(() => app.snapshot!.epoch === 0, 'the reset');
    expect(app.snapshot!.params.weights[0][0][0]).toBe((start as { weights: number[][][] }).weights[0][0][0]);
  });
});

describe('weights typed at the start of a run', () => {
  it('leave the status "ready" (nothing has run), and the second is a starting weight too', async () => {
    const { app, hosts } = await opened(points);
    app.editParam(w000, 0.75);
    await until(() => app.snapshot!.params.weights[0][0][0] === 0.75, 'the first weight');
    expect(app.status).toBe('idle');
    app.editParam({ kind: 'bias', layer: 1, j: 0 }, -1);
    await until(() => app.snapshot!.params.biases[1][0] === -1, 'the second weight');
    expect(app.status).toBe('idle');
    const init = app.experiment!.init as { weights: number[][][]; biases: number[][] };
    expect([init.weights[0][0][0], init.biases[1][0]]).toEqual([0.75, -1]);
    expect((await saved(app, hosts)).experiment.init).toMatchObject({ kind: 'explicit', weights: [[[0.75, 0.3], [0.1, -0.2]], [[0.5, 0.3]]], biases: [[0.2, 0], [-1]] });
    // Reset returns to both
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'the step');
    expect(app.status).not.toBe('idle');
    app.reset();
    await until(() => app.snapshot!.epoch === 0, 'the reset');
    expect([app.snapshot!.params.weights[0][0][0], app.snapshot!.params.biases[1][0], app.status]).toEqual([0.75, -1, 'idle']);
  });
});

describe('a refused edit, then its field typed back as it was', () => {
  it('its message goes (acceptField); the others stay, and an accepted edit clears the output conflict', async () => {
    const { app } = await opened(points);
    app.refuseEdit('experiment.optimizer.lr: expected a number, got "abc"', 'experiment.epochs: expected at most 1000000, got 1e12');
    app.acceptField('experiment.optimizer.lr');
    expect(app.experimentErrors).toEqual(['experiment.epochs: expected at most 1000000, got 1e12']);
    app.acceptField('experiment.epoch');
    expect(app.experimentErrors).toHaveLength(1);
    app.acceptField('experiment.epochs');
    expect(app.experimentErrors).toEqual([]);
    // a refused output activation (shown at its select) goes with the next accepted edit
    app.refusedOutput = { activation: 'relu' };
    app.editExperiment((d) => void ((d.optimizer as { lr: number }).lr = 0.02));
    expect(app.refusedOutput).toBeNull();
  });
});

describe('a deleted run', () => {
  const ids = (app: AppState) => (app.session!.runs ?? []).map((r) => r.id);

  it("a run's new name and notes are undo steps too", async () => {
    const { app } = await opened(points);
    const label = (id: string) => app.session!.runs!.find((r) => r.id === id)!;
    const was = label('small-small').label;
    runs.rename(app, 'small-small', 'tiny start');
    runs.setNotes(app, 'small-small', 'the loss falls slowly');
    expect([label('small-small').label, label('small-small').notes]).toEqual(['tiny start', 'the loss falls slowly']);
    app.undo();
    expect([label('small-small').label, label('small-small').notes]).toEqual(['tiny start', undefined]);
    app.undo();
    expect(label('small-small').label).toBe(was);
    app.redo();
    expect(label('small-small').label).toBe('tiny start');
    // what came after an edit and is no undo step (a copy, results) stays when the edit is undone
    const copy = await runs.duplicate(app, 'small-high');
    await until(() => runs.currentId === copy && !app.loading, 'the copy');
    app.undo();
    expect(label('small-small').label).toBe(was);
    expect(ids(app)).toContain(copy);
    expect(runs.currentId).toBe(copy);
    app.redo();
    // the same name again is no edit
    runs.rename(app, 'small-small', 'tiny start');
    app.undo();
    expect(label('small-small').label).toBe(was);
  });

  it('comes back with Undo, and goes again with Redo (a run not current)', async () => {
    const { app } = await opened(points);
    const before = ids(app);
    await runs.remove(app, 'small-small');
    expect(ids(app)).toEqual(before.filter((id) => id !== 'small-small'));
    expect(app.canUndo).toBe(true);
    app.undo();
    expect(ids(app)).toEqual(before);
    app.redo();
    expect(ids(app)).toEqual(before.filter((id) => id !== 'small-small'));
  });

  it('current: the experiment takes its place, and Undo brings it back with its results', async () => {
    const { app, hosts } = await opened(points);
    await app.switchRun('small-high');
    await until(() => runs.currentId === 'small-high' && !app.loading, 'the switch');
    app.step('epoch');
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 2, 'two epochs');
    const loss = app.history.series.train_loss!.at(-1);

    await runs.remove(app, 'small-high');
    await until(() => runs.currentId === EXPERIMENT_RUN && !app.loading, 'the experiment to take its place');
    expect(ids(app)).not.toContain('small-high');
    expect(app.snapshot!.epoch).toBe(0);

    app.undo();
    const back = app.session!.runs!.find((r) => r.id === 'small-high')!;
    expect([back.epochs_run, (back.history.train_loss as number[]).at(-1)]).toEqual([2, loss]);
    expect(runs.currentId).toBe(EXPERIMENT_RUN);
    // and it can be run on from where it was
    await app.switchRun('small-high');
    await until(() => runs.currentId === 'small-high' && !app.loading, 'the switch back');
    expect(app.snapshot!.epoch).toBe(2);
    expect((await saved(app, hosts)).runs.map((r: { id: string }) => r.id)).toContain('small-high');

    // a redone deletion of the run now current: the experiment's run takes its place again
    app.redo();
    await until(() => runs.currentId === EXPERIMENT_RUN && !app.loading, 'the redo');
    expect(ids(app)).not.toContain('small-high');
  });
});

describe('an experiment edit after training', () => {
  it('restarts the run, and Undo brings the run back where it was, with its results (the experiment\'s own run and a saved one)', async () => {
    const { app } = await opened(points);
    for (const id of [EXPERIMENT_RUN, 'small-high']) {
      if (id !== EXPERIMENT_RUN) {
        await app.switchRun(id);
        await until(() => runs.currentId === id && !app.loading, 'the switch');
      }
      app.step('epoch');
      app.step('epoch');
      app.step('epoch');
      await until(() => app.snapshot!.epoch === 3, 'three epochs');
      const loss = [...app.history.series.train_loss!];
      const params = structuredClone(app.snapshot!.params);

      app.editExperiment((d) => { (d.optimizer as { lr: number }).lr = 0.2; });
      await until(() => !app.loading && app.experiment!.optimizer.lr === 0.2, 'the edit');
      expect(app.snapshot!.epoch).toBe(0);

      app.undo();
      await until(() => !app.loading && app.experiment!.optimizer.lr !== 0.2, 'the undo');
      expect(runs.currentId).toBe(id);
      expect(app.snapshot!.epoch).toBe(3);
      expect([...app.history.series.train_loss!]).toEqual(loss);
      expect(app.snapshot!.params).toEqual(params);

      // Redo starts it again, as the edit did
      app.redo();
      await until(() => !app.loading && app.experiment!.optimizer.lr === 0.2, 'the redo');
      expect(app.snapshot!.epoch).toBe(0);
      app.undo();
      await until(() => !app.loading && app.experiment!.optimizer.lr !== 0.2, 'the second undo');
      expect(app.snapshot!.epoch).toBe(3);
    }
  });
});

describe('an edit that leaves the experiment as it is', () => {
  it('(the activation a layer has, picked again) is no undo step, loads nothing and keeps the run where it is', async () => {
    const { app, hosts } = await opened(points);
    app.step('epoch');
    await until(() => app.snapshot!.epoch === 1, 'the step');
    expect(app.canUndo).toBe(false);
    const sent = hosts.trainer.sent.length;
    const before = app.session;
    const activation = app.experiment!.network.layers[0].activation;
    app.editExperiment((d) => void ((d.network as { layers: { activation: string }[] }).layers[0].activation = activation));
    expect([app.loading, app.canUndo]).toEqual([false, false]);
    expect(app.session).toBe(before);
    expect(hosts.trainer.sent.length).toBe(sent);
    expect(app.snapshot!.epoch).toBe(1);
    // a real change is one
    app.editExperiment((d) => void ((d.network as { layers: { activation: string }[] }).layers[0].activation = 'tanh'));
    await until(() => !app.loading, 'the edit');
    expect([app.canUndo, app.experiment!.network.layers[0].activation]).toEqual([true, 'tanh']);
  });
});
