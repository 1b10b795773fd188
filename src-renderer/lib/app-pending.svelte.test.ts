/**
 * A change of the session that needs no trainer (the session's notes, a
 * run's name, the homework's exercise) made while an edit of the experiment
 * is still loading stays when that edit commits: the commit put the session
 * the edit was built from in place, and what was made meanwhile was lost.
 * Report 000's lecture net (lr 0.005).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppState } from './app.svelte';
import { runs } from './runs.svelte';
import { EXPERIMENT_RUN } from '../../src-core/session/runs';
import { fakeHosts, until } from '../host/fake-hosts.test-util';
import type { Session } from '../../src-core/session/schema';

const lecture = readFileSync(fileURLToPath(new URL('../../e2e/fixtures/lecture-000.nnlab', import.meta.url)), 'utf8');

const setLr = (value: number) => (d: Record<string, unknown>) => void ((d.optimizer as { lr: number }).lr = value);
const lr = (app: AppState) => (app.experiment!.optimizer as { lr: number }).lr;

async function opened() {
  const hosts = fakeHosts();
  const app = new AppState(hosts);
  expect(app.openText('lecture.nnlab', lecture)).toBe(true);
  await until(() => app.snapshot !== null && !app.loading, 'the lecture to load');
  return { app, trainer: hosts.trainer };
}

/** The session's notes set as the notes view sets them (one undo step). */
function setNotes(app: AppState, notes: string) {
  app.changeSession({ ...app.session!, notes } as Session);
}

beforeEach(() => {
  runs.currentId = EXPERIMENT_RUN;
});

describe('a session change made while an edit loads', () => {
  it('the notes written meanwhile stay when the edit commits, and each undoes on its own, newest first', async () => {
    const { app, trainer } = await opened();
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    setNotes(app, 'my notes');
    app.setSessionField('exercise', { answers: [{ name: 'w1', value: '1' }] });
    trainer.release();
    await until(() => !app.loading, 'the edit to load');
    expect(lr(app)).toBe(0.01);
    expect(app.session!.notes).toBe('my notes');
    expect((app.session as Record<string, unknown>).exercise).toEqual({ answers: [{ name: 'w1', value: '1' }] });
    // in the order they were made: the notes, written last, are undone first (the edit's step, recorded
    // when its load was accepted, had gone on top of them), then the learning rate
    app.undo();
    await until(() => !app.loading, 'the undo');
    expect(app.session!.notes).toBeUndefined();
    expect(lr(app)).toBe(0.01);
    app.undo();
    await until(() => !app.loading && lr(app) === 0.005, 'the second undo');
    expect(app.session!.notes).toBeUndefined();
    // the exercise is no undo step of its own: the edit's undo puts back only what the edit changed
    expect((app.session as Record<string, unknown>).exercise).toEqual({ answers: [{ name: 'w1', value: '1' }] });
    // and redo in the same order: the learning rate, then the notes
    app.redo();
    await until(() => !app.loading && lr(app) === 0.01, 'the redo');
    expect(app.session!.notes).toBeUndefined();
    app.redo();
    await until(() => !app.loading && app.session!.notes === 'my notes', 'the second redo');
  });

  it('a run renamed while two edits load keeps its name through both', async () => {
    const { app, trainer } = await opened();
    trainer.hold = true;
    app.editExperiment(setLr(0.01));
    app.editExperiment(setLr(0.02));
    runs.rename(app, EXPERIMENT_RUN, 'my run');
    trainer.release();
    await until(() => !app.loading, 'the edits to load');
    expect(lr(app)).toBe(0.02);
    expect(runs.list(app.session).find((r) => r.id === EXPERIMENT_RUN)?.label).toBe('my run');
  });

  it('Save pressed while edits load writes them, once the trainer has them (it wrote the session before them)', async () => {
    const hosts = fakeHosts();
    const app = new AppState(hosts);
    expect(app.openText('lecture.nnlab', lecture)).toBe(true);
    await until(() => app.snapshot !== null && !app.loading, 'the lecture to load');
    hosts.trainer.hold = true;
    app.editExperiment(setLr(0.01));
    app.editExperiment(setLr(0.02));
    const saving = app.save();
    await new Promise((r) => setTimeout(r, 30));
    expect(hosts.files.saves).toHaveLength(0);
    hosts.trainer.release();
    await saving;
    expect(JSON.parse(hosts.files.saves[0].text).experiment.optimizer.lr).toBe(0.02);
    expect(app.dirty).toBe(false);
  });

  it('opening another file meanwhile is not merged: the file opened is the session', async () => {
    const { app, trainer } = await opened();
    setNotes(app, 'old notes');
    trainer.hold = true;
    app.openText('other.nnlab', lecture);
    trainer.release();
    await until(() => !app.loading, 'the file to load');
    expect(app.session!.notes).toBe(JSON.parse(lecture).notes);
  });
});
