/**
 * The renderer's state and actions, in one place. Views read from it
 * (`app.snapshot`, `app.history`, `app.experiment` ...) and call its methods;
 * they never talk to the host directly. Everything the host says arrives as
 * protocol events in `onEvent`.
 */
import { parseSession, serializeSession } from '../../src-core/session/session';
import { validateExperiment } from '../../src-core/session/overrides';
import type { Experiment, SavedRun, Session } from '../../src-core/session/schema';
import type { HostEvent, HostStatus, LoadedEvent, Snapshot, StateEvent, StepUnit } from '../../src-core/protocol/messages';
import { HistoryStore } from '../../src-core/protocol/history-store';
import type { ParamRef } from '../../src-core/types';
import type { Hosts, InitialDocument, MenuCommand } from '../host';
import { defaultSession } from './default-session';
import { selection } from '../stores/selection.svelte';

/** The id under which Save stores the app's current run in session.runs. */
const CURRENT_RUN = 'current';

/**
 * One undoable edit: the session before and after it, and for a weight or
 * bias typed in by hand, the parameter's old and new value (the trainer is
 * told to set it back, so the run goes on from the restored value).
 */
interface Edit {
  before: Session;
  after: Session;
  /** the experiment changed: the run restarts from the restored experiment */
  reload: boolean;
  param?: { ref: ParamRef; before: number; after: number };
}
const UNDO_DEPTH = 200;
/** how long after an edit the recovery copy is written (main writes it to disk at most every 3 s anyway) */
const RECOVERY_MS = 2000;

export class AppState {
  /** replaced, never mutated in place (so it can be posted to the host as it is) */
  session = $state.raw<Session | null>(null);
  fileName = $state('untitled.nnlab');
  filePath = $state<string | undefined>(undefined);
  dirty = $state(false);
  /** messages of a file that failed validation (shown in a dialog; nothing else changed) */
  fileErrors = $state<{ name: string; errors: string[] } | null>(null);
  /** problems of the experiment as edited in the side panel (not sent to the trainer) */
  experimentErrors = $state<string[]>([]);
  snapshot = $state.raw<Snapshot | null>(null);
  /**
   * The last update with every chain-rule factor (StepDetail). A run's
   * progress snapshots carry none: during a run this keeps the one from
   * before it (`lastStepStale` says so), and the views that typeset
   * formulas leave them as they are until the run pauses or ends.
   */
  lastStep = $state.raw<Snapshot['lastStep']>(null);
  lastStepStale = $state(false);
  status = $state<HostStatus>('empty');
  statusMessage = $state('');
  /** the last error the trainer reported (a refused command), shown until the next action */
  hostError = $state<string | null>(null);
  data = $state.raw<LoadedEvent | null>(null);
  /** the run's history, rebuilt from chunks; `historyVersion` changes on every chunk */
  readonly history = new HistoryStore();
  historyVersion = $state(0);

  /** edits of parameters and settings, newest last (Edit ▸ Undo / Redo, Ctrl+Z / Ctrl+Shift+Z) */
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];
  canUndo = $state(false);
  canRedo = $state(false);
  /** the keyboard-shortcut sheet (Help ▸ Keyboard shortcuts, or "?") */
  showShortcuts = $state(false);

  private pendingState = new Map<string, (e: StateEvent) => void>();
  private nextId = 1;
  /** events arrive up to 30 times a second: the views see the newest once per animation frame */
  private pendingSnapshot: Snapshot | null = null;
  private pendingHistory = false;
  private publishScheduled = false;

  constructor(readonly hosts: Hosts) {
    hosts.trainer.subscribe((e) => this.onEvent(e));
    hosts.shell.onMenu((command) => this.onMenu(command));
  }

  /** The desktop app's menu; the same actions the page's own buttons and keys reach. */
  onMenu(command: MenuCommand): void {
    if (command === 'save') void this.save();
    else if (command === 'save-as') void this.save({ as: true });
    else if (command === 'undo') this.undo();
    else if (command === 'redo') this.redo();
    else if (command === 'shortcuts') this.showShortcuts = true;
  }

  /** What the window starts with (the desktop app: a file, an example, or recovered work). */
  openInitial(doc: InitialDocument): void {
    if (doc.kind === 'file') this.openText(doc.file.name, doc.file.text, { path: doc.file.path });
    else if (doc.kind === 'example') this.openText(doc.file.name, doc.file.text);
    else if (doc.kind === 'recovered') this.openText(doc.file.name, doc.file.text, { path: doc.file.path, dirty: true });
  }

  get experiment(): Experiment | null {
    return this.session?.experiment ?? null;
  }
  get running(): boolean {
    return this.status === 'running';
  }
  get title(): string {
    return this.session?.title ?? this.fileName;
  }

  // ------------------------------------------------------------ host events

  private onEvent(e: HostEvent): void {
    switch (e.type) {
      case 'snapshot':
        this.pendingSnapshot = e;
        if (e.status === 'running') return this.schedulePublish();
        // a step, pause or end: shown at once (and what came before it with it)
        return this.publish();
      case 'history':
        if (!this.history.apply(e)) this.hostError = 'history arrived out of order; press Reset to start the run again';
        this.pendingHistory = true;
        return this.schedulePublish();
      case 'status':
        this.status = e.status;
        this.statusMessage = e.message;
        return;
      case 'loaded':
        // a file being opened replaces the session only now that the trainer has accepted it
        if (this.opening && e.id === this.opening.id) this.opening.accept();
        this.data = e;
        return;
      case 'state':
        if (e.id) this.pendingState.get(e.id)?.(e);
        return;
      case 'error':
        if (this.opening && e.id === this.opening.id) return this.opening.refuse(e.message);
        this.hostError = e.message;
        return;
    }
  }

  /** Redraw at the next frame (or within 100 ms where frames are not drawn: a hidden window). */
  private schedulePublish(): void {
    if (this.publishScheduled) return;
    this.publishScheduled = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => { clearTimeout(timer); this.publish(); }) : undefined;
    timer = setTimeout(() => { if (frame !== undefined) cancelAnimationFrame(frame); this.publish(); }, 100);
  }

  /** Hands what arrived since the last frame to the views: one redraw however many events came. */
  private publish(): void {
    this.publishScheduled = false;
    if (this.pendingHistory) {
      this.pendingHistory = false;
      this.historyVersion = this.history.version;
    }
    const e = this.pendingSnapshot;
    if (!e) return;
    this.pendingSnapshot = null;
    const keep = e.lastStep === null && e.status === 'running';
    if (!keep) this.lastStep = e.lastStep;
    this.lastStepStale = keep && this.lastStep !== null;
    this.snapshot = e;
    this.status = e.status;
  }

  // ------------------------------------------------------------ files

  private async mayDiscard(): Promise<boolean> {
    if (!this.dirty) return true;
    // the recovery copy goes only when another session replaces this one (replaceSession):
    // Discard, then Cancel in the open dialog, keeps the unsaved work recoverable
    return this.hosts.files.confirmDiscard('This session has unsaved changes. Discard them?');
  }

  private markDirty(dirty: boolean): void {
    this.dirty = dirty;
    this.hosts.files.setDirty(dirty);
    if (dirty) this.scheduleRecovery();
  }

  /**
   * Unsaved work is kept where the desktop app can offer it back after a crash.
   * Serialising a session with long run histories is not free, so it happens at
   * most once per RECOVERY_MS after a burst of edits, and not at all where the
   * platform keeps no recovery copy (a browser tab).
   */
  private recoveryTimer: ReturnType<typeof setTimeout> | null = null;
  private scheduleRecovery(): void {
    if (!this.hosts.shell.keepsRecovery || this.recoveryTimer) return;
    this.recoveryTimer = setTimeout(() => {
      this.recoveryTimer = null;
      if (this.dirty && this.session) this.hosts.shell.recoveryWrite(serializeSession(this.session));
    }, RECOVERY_MS);
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

  /** a file sent to the trainer and not yet accepted (its `load` id), with what to do either way */
  private opening: { id: string; accept: () => void; refuse: (message: string) => void } | null = null;

  /**
   * Validates first: a file that fails shows its messages and nothing else
   * changes — also when the trainer refuses it after parsing (its data cannot
   * be made): the open session stays until the trainer says "loaded".
   */
  openText(name: string, text: string, o: { path?: string; dirty?: boolean } = {}): boolean {
    const parsed = parseSession(text);
    if (!parsed.ok) {
      this.fileErrors = { name, errors: parsed.errors };
      return false;
    }
    // reopen the run the file was saved with, exactly where it stopped
    const view = parsed.session.view as { currentRun?: unknown } | undefined;
    const runId = parsed.session.runs?.some((r) => r.id === view?.currentRun && r.state !== undefined) ? (view!.currentRun as string) : undefined;
    const id = `open-${this.nextId++}`;
    this.opening = {
      id,
      accept: () => {
        this.opening = null;
        this.replaceSession(name, parsed.session, o);
      },
      refuse: (message) => {
        this.opening = null;
        this.fileErrors = { name, errors: message.replace(/^the session was not loaded:\n/, '').split('\n') };
      },
    };
    this.hosts.trainer.send({ type: 'load', id, session: text, ...(runId ? { runId } : {}) });
    return true;
  }

  private replaceSession(name: string, session: Session, o: { path?: string; dirty?: boolean }): void {
    // the work it replaces was discarded (or saved): its recovery copy goes; recovered work keeps its own
    if (!o.dirty && this.dirty) this.hosts.shell.recoveryClear();
    this.fileErrors = null;
    this.session = session;
    this.fileName = name;
    this.filePath = o.path;
    this.experimentErrors = [];
    this.hostError = null;
    this.pendingSnapshot = null;
    this.snapshot = null;
    this.lastStep = null;
    this.lastStepStale = false;
    this.history.clear();
    selection.clear();
    this.undoStack = [];
    this.redoStack = [];
    this.syncUndo();
    this.markDirty(o.dirty ?? false);
  }

  /** Save (to the file it came from, where the platform can) or Save As (always asks where). */
  async save(o: { as?: boolean } = {}): Promise<void> {
    if (!this.session) return;
    const session: Record<string, unknown> = { ...this.session };
    const runs = (this.session.runs ?? []).filter((r) => r.id !== CURRENT_RUN);
    const run = await this.currentRun();
    if (run) runs.push(run);
    session.runs = runs.length ? runs : undefined;
    session.view = { ...((this.session.view as object) ?? {}), currentRun: run ? CURRENT_RUN : undefined };
    const text = serializeSession(session);
    const saved = await this.hosts.files.save(text, this.fileName, o.as ? undefined : this.filePath);
    if (!saved) return;
    this.fileName = saved.name;
    this.filePath = saved.path;
    this.markDirty(false);
  }

  /** The trainer's run as a session run (null before the first step). */
  private async currentRun(): Promise<SavedRun | null> {
    const snap = this.snapshot;
    if (!snap || (snap.updates === 0 && snap.epoch === 0)) return null;
    const status = snap.status === 'diverged' || snap.status === 'stopped_early' || snap.status === 'completed' ? snap.status : 'paused';
    // as src-core/session's runEntry writes it: the history once, the rest of the trainer state under `state`
    const { history, ...state } = (await this.request()).trainer;
    return {
      id: CURRENT_RUN,
      label: 'current run',
      overrides: {},
      status,
      epochs_run: snap.epoch,
      history: history as unknown as Record<string, unknown>,
      params: snap.params as SavedRun['params'],
      diverged_at: snap.divergence?.epoch ?? null,
      state,
    };
  }

  private request(): Promise<StateEvent> {
    const id = `state-${this.nextId++}`;
    return new Promise((resolve) => {
      this.pendingState.set(id, (e) => {
        this.pendingState.delete(id);
        resolve(e);
      });
      this.hosts.trainer.send({ type: 'requestState', trainerState: true, id });
    });
  }

  closeFileErrors(): void {
    this.fileErrors = null;
  }

  // ------------------------------------------------------------ training

  private command(body: Parameters<Hosts['trainer']['send']>[0]): void {
    this.hostError = null;
    this.hosts.trainer.send(body);
  }

  step(unit: StepUnit, n?: number): void {
    if (!this.session) return;
    this.command({ type: 'step', unit, ...(n ? { n } : {}) });
    this.markDirty(true);
  }

  run(): void {
    if (!this.session || !this.snapshot) return;
    // a finished run goes on for another `epochs` when Run is pressed again
    const target = this.snapshot.epoch >= this.snapshot.targetEpoch ? this.snapshot.epoch + (this.experiment?.epochs || 1) : undefined;
    this.command({ type: 'run', ...(target === undefined ? {} : { untilEpoch: target }) });
    this.markDirty(true);
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
    this.command({ type: 'reset' });
  }

  /** Sets one weight or bias. At the start of a run the new value also becomes the experiment's starting value. */
  editParam(ref: ParamRef, value: number): void {
    if (!this.session || !Number.isFinite(value)) return;
    const before = this.session;
    const old = this.snapshot ? paramValue(this.snapshot.params, ref) : undefined;
    this.setParam(ref, value);
    if (old !== undefined && old !== value) this.record({ before, after: this.session, reload: false, param: { ref, before: old, after: value } });
  }

  private setParam(ref: ParamRef, value: number): void {
    if (!this.session) return;
    const snap = this.snapshot;
    const atStart = snap !== null && snap.epoch === 0 && snap.updates === 0 && snap.nextPhase === 'forward';
    if (atStart) {
      const params = structuredClone(snap.params);
      if (ref.kind === 'weight') params.weights[ref.layer][ref.j][ref.i] = value;
      else params.biases[ref.layer][ref.j] = value;
      this.session = { ...this.session, experiment: { ...this.session.experiment, init: { kind: 'explicit', weights: params.weights, biases: params.biases } } };
    }
    this.command({ type: 'editParam', ref, value });
    this.markDirty(true);
  }

  /**
   * Changes the experiment (a copy is edited, validated, then kept). A valid
   * change restarts the run from the new experiment.
   */
  editExperiment(edit: (draft: Record<string, unknown>) => void): void {
    if (!this.session) return;
    const draft = structuredClone(this.session.experiment) as unknown as Record<string, unknown>;
    edit(draft);
    const checked = validateExperiment(draft);
    if (!checked.ok) {
      this.experimentErrors = checked.errors;
      return;
    }
    this.experimentErrors = [];
    const before = this.session;
    this.session = { ...this.session, experiment: checked.value };
    this.record({ before, after: this.session, reload: true });
    this.restart();
  }

  /** The experiment changed: the run starts again from it. */
  private restart(): void {
    if (!this.session) return;
    this.markDirty(true);
    this.history.clear();
    this.command({ type: 'load', session: this.session });
  }

  setTitle(title: string): void {
    if (!this.session) return;
    const before = this.session;
    this.session = { ...this.session, title };
    this.record({ before, after: this.session, reload: false });
    this.markDirty(true);
  }

  // ------------------------------------------------------------ undo / redo

  private record(edit: Edit): void {
    this.undoStack.push(edit);
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
    this.redoStack = [];
    this.syncUndo();
  }

  private syncUndo(): void {
    this.canUndo = this.undoStack.length > 0;
    this.canRedo = this.redoStack.length > 0;
  }

  undo(): void {
    const edit = this.undoStack.pop();
    if (!edit) return;
    this.redoStack.push(edit);
    this.apply(edit, 'before');
  }

  redo(): void {
    const edit = this.redoStack.pop();
    if (!edit) return;
    this.undoStack.push(edit);
    this.apply(edit, 'after');
  }

  private apply(edit: Edit, side: 'before' | 'after'): void {
    this.syncUndo();
    this.experimentErrors = [];
    this.session = edit[side];
    if (edit.reload) this.restart();
    else if (edit.param) {
      // the session already holds the right starting value; the trainer gets the parameter back
      this.command({ type: 'editParam', ref: edit.param.ref, value: edit.param[side] });
      this.markDirty(true);
    } else this.markDirty(true);
  }
}

function paramValue(params: Snapshot['params'], ref: ParamRef): number | undefined {
  return ref.kind === 'weight' ? params.weights[ref.layer]?.[ref.j]?.[ref.i] : params.biases[ref.layer]?.[ref.j];
}
