/**
 * The renderer's state and actions, in one place. Views read from it
 * (`app.snapshot`, `app.history`, `app.experiment` ...) and call its methods;
 * they never talk to the host directly. Everything the host says arrives as
 * protocol events in AppCore's `onEvent`.
 *
 * Its parts: what the trainer shows (app-feed.svelte.ts), the session and
 * how changes reach it — commands, host events, the load pipeline
 * (app-core.svelte.ts, which this extends, and app-loads.ts: a change that
 * restarts the run shows only once the trainer accepted it), undo and redo
 * (app-undo.svelte.ts), the edits themselves (app-edit.ts), files, Save and
 * the recovery copy (app-files.ts); the runs panel's list operations are
 * runs.svelte.ts, the keyboard shortcuts shortcuts.ts. This file: the
 * actions (files, training, edits, runs, undo).
 */
import type { LayerMap } from '../../src-core/session/edit';
import type { Experiment, SavedRun, Session } from '../../src-core/session/schema';
import type { StepUnit } from '../../src-core/protocol/messages';
import type { ParamRef } from '../../src-core/types';
import type { Hosts, InitialDocument, MenuCommand } from '../host';
import { defaultSession } from './default-session';
import { EXPERIMENT_RUN, putRun, runExperiment } from '../../src-core/session/runs';
import { runs, withoutRun } from './runs.svelte';
import { changedFrom, type Edit } from './app-undo.svelte';
import { atEpochZero, editExperiment, hasRun, paramValue, setStartingParam } from './app-edit';
import { openRequest, runEntry, savedText } from './app-files';
import { fieldUndo } from './shortcuts';
import { AppCore } from './app-core.svelte';


/** How long Save waits for edits still loading before it writes what the trainer has. */
const SAVE_WAITS_MS = 10_000;
export class AppState extends AppCore {
  constructor(hosts: Hosts) {
    super(hosts);
    hosts.shell.onMenu((command) => this.onMenu(command));
  }

  /**
   * The desktop app's menu (its accelerators are the shortcuts there: see
   * shortcuts.ts); the same actions the page's own buttons and keys reach.
   */
  onMenu(command: MenuCommand): void {
    if (command === 'new') void this.newSession();
    else if (command === 'open') void this.open();
    else if (command === 'save') void this.save();
    else if (command === 'save-as') void this.save({ as: true });
    else if (command === 'undo' || command === 'redo') {
      // in a text field, Ctrl+Z is the field's own undo
      if (!fieldUndo(command)) this[command]();
    } else if (command === 'shortcuts') this.showShortcuts = true;
  }

  /** What the window starts with (the desktop app: a file, an example, or recovered work). */
  openInitial(doc: InitialDocument): void {
    if (doc.kind === 'file') this.openText(doc.file.name, doc.file.text, { path: doc.file.path });
    else if (doc.kind === 'example') this.openText(doc.file.name, doc.file.text);
    else if (doc.kind === 'recovered') this.openText(doc.file.name, doc.file.text, { path: doc.file.path, dirty: true });
  }

  // ------------------------------------------------------------ files

  private async mayDiscard(): Promise<boolean> {
    if (!this.dirty) return true;
    // the recovery copy goes only when another session replaces this one (commit of an open):
    // Discard, then Cancel in the open dialog, keeps the unsaved work recoverable
    return this.hosts.files.confirmDiscard('This session has unsaved changes. Discard them?');
  }

  async newSession(): Promise<void> {
    if (!(await this.mayDiscard())) return;
    this.openText('untitled.nnlab', JSON.stringify(defaultSession()), { dirty: false });
  }

  async open(): Promise<void> {
    if (!(await this.mayDiscard())) return;
    const file = await this.hosts.files.open();
    if (file) this.openText(file.name, file.text, { path: file.path });
  }

  async openExample(name: string, text: string): Promise<void> {
    if (!(await this.mayDiscard())) return;
    this.openText(name, text);
  }

  /**
   * Validates first: a file that fails shows its messages and nothing else
   * changes. A valid file replaces the open session only once the trainer
   * has loaded it (it may still refuse it: data that cannot be built ...).
   */
  openText(name: string, text: string, o: { path?: string; dirty?: boolean } = {}): boolean {
    const r = openRequest(name, text, o);
    if (!r.ok) {
      this.fileErrors = { name, errors: r.errors };
      return false;
    }
    this.load(r.load);
    return true;
  }

  /** Save (to the file it came from, where the platform can) or Save As (always asks where). */
  async save(o: { as?: boolean } = {}): Promise<void> {
    if (!this.session) return;
    // edits still loading are in the panel: the file gets them (it got the session before them, though the
    // boxes showed them), unless the trainer does not answer for long
    await this.loads.idle(SAVE_WAITS_MS);
    if (!this.session) return;
    const session = this.session;
    const text = savedText(session, await this.currentRun(), runs.currentId);
    const saved = await this.hosts.files.save(text, this.fileName, o.as ? undefined : this.filePath);
    if (!saved) return;
    this.fileName = saved.name;
    this.filePath = saved.path;
    // an edit made while the file was written is not in it
    this.dirty = this.session !== session;
  }

  /**
   * The trainer's run as a session run; from the page's state when the trainer does not answer. Before
   * the first step: null, or a saved run taken back to its start (Reset) at epoch 0, its results gone.
   */
  private async currentRun(why: 'save' | 'switch' = 'save'): Promise<SavedRun | null> {
    const snap = this.snapshot;
    const saved = this.session?.runs?.find((r) => r.id === runs.currentId);
    if (!snap) return null;
    if (snap.updates === 0 && snap.epoch === 0) {
      const halted = snap.status === 'diverged' || snap.status === 'stopped_early';
      return saved && hasRun(saved) && !halted ? atEpochZero(saved) : null;
    }
    const page = () => this.history.seriesArrays() as Record<string, unknown>;
    try {
      return runEntry(snap, saved, runs.currentId, (await this.states.request()).trainer, page);
    } catch (e) {
      const what = why === 'save' ? 'Saved' : 'Switched runs';
      this.hostError = `${what} without the trainer's full state (${(e as Error).message}): the run reopens at its saved parameters, not exactly where it was.`;
      return runEntry(snap, saved, runs.currentId, null, page);
    }
  }

  closeFileErrors(): void {
    this.fileErrors = null;
  }

  // ------------------------------------------------------------ training

  step(unit: StepUnit, n?: number): void {
    if (!this.session) return;
    // a step trains from now: a view looking back on the timeline returns to now to show it
    this.liveRevision++;
    // while a run switch or an edit loads, a step would go to the run being replaced: it waits for the new one
    // (and behind a weight waiting for the last step's answer: in the order they were made)
    if (this.mustWait) return this.deferred.step(unit, n);
    this.command({ type: 'step', unit, ...(n ? { n } : {}) }, { answered: true });
    this.dirty = true;
  }

  run(): void {
    // while a run switch or an edit loads, the snapshot is the old trainer's (its epoch would set the new
    // run's target): Run then starts the new run once it is loaded
    if (!this.session || !this.snapshot) return;
    if (this.mustWait) return this.deferred.runLater();
    // a finished run goes on for another `epochs` when Run is pressed again
    const target = this.snapshot.epoch >= this.snapshot.targetEpoch ? this.snapshot.epoch + (this.experiment?.epochs || 1) : undefined;
    this.command({ type: 'run', ...(target === undefined ? {} : { untilEpoch: target }) }, { answered: true });
    this.dirty = true;
  }

  pause(): void {
    this.command({ type: 'pause' });
  }

  toggleRun(): void {
    if (this.running) this.pause();
    else this.run();
  }

  reset(): void {
    if (!this.session) return;
    this.command({ type: 'reset' }, { answered: true });
    this.liveRevision++;
  }

  // ------------------------------------------------------------ edits

  /**
   * Sets one weight or bias. At the start of a run the new value also becomes a starting value: the
   * experiment's for its own run, a saved run's own (its overrides) for that run.
   */
  editParam(ref: ParamRef, value: number): void {
    if (!this.session || !Number.isFinite(value)) return;
    // for the run being loaded (as a weight of its network: a layer added before it moves it), or the one
    // the step just sent leaves
    if (this.mustWait) {
      const after = this.loads.busy ? this.latestParam(ref) : ref;
      return void (after && this.deferred.param(after, value));
    }
    const before = this.session;
    const old = this.snapshot ? paramValue(this.snapshot.params, ref) : undefined;
    // a weight left as it was (Enter on the same value) is no edit: no starting value, no undo step
    // (while a run goes on the snapshot lags the trainer: the value is sent all the same)
    if (old === value && !this.running) return;
    // at the start of the run (nothing ran: 'idle'; the status can be newer than the snapshot)
    const start = this.status === 'idle' ? setStartingParam(this.session, this.snapshot, ref, value, runs.currentId) : null;
    if (start) {
      this.session = start.session;
      this.experimentNotes = [start.note];
    }
    this.command({ type: 'editParam', ref, value });
    this.liveRevision++;
    this.dirty = true;
    if (old !== undefined && old !== value) this.undoHistory.record({ before, after: this.session, reload: false, param: { ref, before: old, after: value } });
  }

  /**
   * Changes the experiment: a copy is edited and checked as a whole (see
   * app-edit.ts), then sent to the trainer; it takes effect (everything
   * redraws from it) when the trainer has loaded it, or is refused with the
   * messages beside the panel. One undo step.
   */
  editExperiment(edit: (draft: Record<string, unknown>) => void, o: { map?: LayerMap } = {}): void {
    const base = this.loads.latest(this.session);
    if (!base) return;
    const r = editExperiment(base, edit, { map: o.map, fillInit: this.fillInit, currentRun: runs.currentId });
    if (!r.ok) return this.refuseEdit(...r.errors);
    this.clearRefusals();
    if (r.ok === 'same') return;
    const record: Edit = { before: base, after: r.after, reload: true };
    this.keepRunForUndo(record, base);
    this.load({ session: r.after, record, notes: r.notes, ...(r.runId ? { runId: r.runId } : {}), ...(o.map ? { layers: o.map } : {}) });
  }

  /**
   * An edit of the experiment restarts the run the trainer holds: its undo step keeps that run with its
   * results (asked of the trainer before the edit's load is sent, so it answers for the run as it was), and
   * Undo brings it back where it was. Nothing to keep before the first step, or while another load is pending.
   */
  private keepRunForUndo(record: Edit, base: Session): void {
    if (this.loads.busy || !this.snapshot || (this.snapshot.updates === 0 && this.snapshot.epoch === 0)) return;
    void this.currentRun('switch').then((run) => {
      if (run && record.before === base) record.before = { ...base, runs: putRun(base.runs, run) };
    });
  }

  /** Sets an additive session field a view owns (the homework panel's "exercise"); marks the session unsaved. */
  setSessionField(key: string, value: unknown): void {
    if (!this.session) return;
    this.session = { ...this.session, [key]: value } as Session;
    this.dirty = true;
  }

  setTitle(title: string): void {
    if (!this.session) return;
    this.changeSession({ ...this.session, title });
  }

  /** A change of the session that leaves the trainer's run as it is (a title, a deleted run): one undo step. */
  changeSession(after: Session): void {
    if (!this.session) return;
    this.undoHistory.record({ before: this.session, after, reload: false });
    this.session = after;
    this.dirty = true;
    this.hosts.files.setDirty(true);
  }

  // ------------------------------------------------------------ runs (the runs panel: src-renderer/lib/runs.svelte.ts)

  /** The experiment the trainer runs: the session's, with the current run's overrides. */
  get runExperiment(): Experiment | null {
    return this.session ? runExperiment(this.session.experiment, this.session.runs?.find((r) => r.id === runs.currentId)) : null;
  }

  /**
   * Makes saved run `id` the trainer's run, where it stopped. The run the
   * trainer had is first put back in session.runs (not with `keep: false`:
   * Run all has just replaced it with its result).
   */
  async switchRun(id: string, o: { keep?: boolean; remove?: string } = {}): Promise<void> {
    if (!this.session || this.loads.busy || this.deferred.switching) return;
    if (this.running) this.pause();
    // from here until the new run is loaded, Step and Run wait for it (the trainer still holds the old run
    // while its state is asked for)
    this.deferred.switching = true;
    let run: SavedRun | null;
    try {
      run = o.keep === false ? null : await this.currentRun('switch');
    } finally {
      this.deferred.switching = false;
    }
    if (!this.session) return this.deferred.drop();
    const kept = run ? { ...this.session, runs: putRun(this.session.runs, run) } : this.session;
    // `remove`: the run it leaves is deleted with it, one undo step that brings it back with its results
    const session = o.remove ? withoutRun(kept, o.remove) : kept;
    const record: Edit | undefined = o.remove ? { before: kept, after: session, reload: false } : undefined;
    const saved = session.runs?.some((r) => r.id === id);
    // like every load: the views switch to the run with its first snapshot
    this.load({ session, currentRun: id, ...(saved ? { runId: id } : {}), ...(record ? { record } : {}) });
  }

  // ------------------------------------------------------------ undo / redo

  undo(): void {
    // the edit being loaded is not on the stack yet: undone once it is, in order with what else waits
    if (this.mustWait) return this.deferred.undo('undo');
    const edit = this.undoHistory.takeUndo();
    if (edit) this.apply(edit, 'before');
  }

  redo(): void {
    if (this.mustWait) return this.deferred.undo('redo');
    const edit = this.undoHistory.takeRedo();
    if (edit) this.apply(edit, 'after');
  }

  private apply(edit: Edit, side: 'before' | 'after'): void {
    this.clearRefusals();
    if (edit.reload) {
      // the session's other fields as they are now, but for what the edit changed (notes written after it
      // stay); the runs as the edit left them, with the run it restarted and its results
      const merged = changedFrom(this.loads.latest(this.session) ?? edit[side], edit[side === 'before' ? 'after' : 'before'], edit[side]);
      const { runs: _now, ...rest } = merged;
      const session = (edit[side].runs ? { ...rest, runs: edit[side].runs } : rest) as Session;
      // undone: the run as the edit found it, with its results (keepRunForUndo), the experiment's own run too;
      // redone: the experiment's own run starts again, as the edit started it
      const saved = session.runs?.find((r) => r.id === runs.currentId);
      const current = saved && (saved.id !== EXPERIMENT_RUN || (side === 'before' && hasRun(saved))) ? runs.currentId : undefined;
      return this.load({ session, ...(current ? { runId: current } : {}) });
    }
    this.session = changedFrom(this.session ?? edit[side], edit[side === 'before' ? 'after' : 'before'], edit[side]);
    // a redone deletion of the run the trainer holds: the experiment's own run takes its place
    if (runs.currentId !== EXPERIMENT_RUN && !this.session.runs?.some((r) => r.id === runs.currentId)) void this.switchRun(EXPERIMENT_RUN, { keep: false });
    // the session already holds the right starting value; the trainer gets the parameter back
    if (edit.param) {
      this.command({ type: 'editParam', ref: edit.param.ref, value: edit.param[side] });
      this.liveRevision++;
    }
    this.dirty = true;
  }
}
