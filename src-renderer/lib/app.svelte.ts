/**
 * The renderer's state and actions, in one place. Views read from it
 * (`app.snapshot`, `app.history`, `app.experiment` ...) and call its methods;
 * they never talk to the host directly. Everything the host says arrives as
 * protocol events in `onEvent`.
 */
import { parseSession, serializeSession } from '../../src-core/session/session';
import { validateExperiment } from '../../src-core/session/overrides';
import { describeRunChanges, FILL_LABELS, fitDataToNetwork, identityMap, reconcileRuns, reshapeExplicitInit, type FillKind, type LayerMap } from '../../src-core/session/edit';
import type { Experiment, SavedRun, Session } from '../../src-core/session/schema';
import type { HistoryChunk, HostEvent, HostStatus, LoadedEvent, Snapshot, StateEvent, StepUnit } from '../../src-core/protocol/messages';
import { paramName } from '../../src-core/derivation/names';
import { HistoryStore } from '../../src-core/protocol/history-store';
import type { ParamRef } from '../../src-core/types';
import type { Hosts, InitialDocument, MenuCommand } from '../host';
import { defaultSession } from './default-session';
import { selection } from '../stores/selection.svelte';
import { EXPERIMENT_RUN, EXPERIMENT_RUN_LABEL, putRun, runExperiment, unrun } from '../../src-core/session/runs';
import { runs } from './runs.svelte';

/** The id under which Save stores the app's current run in session.runs (the experiment's own; runs.currentId for another run). */
const CURRENT_RUN = EXPERIMENT_RUN;

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
/** how long a request to the trainer (its state, for Save) may take before it is given up */
const REQUEST_MS = 5000;

/** A load sent to the trainer (see AppState.pending). */
interface PendingLoad {
  id: string;
  session: Session;
  /** the file's own text, sent as it is (a file just opened) */
  text?: string;
  runId?: string;
  /** a file being opened: what the window shows once it is loaded */
  open?: { name: string; path?: string; dirty: boolean };
  /** the undo step this load makes, recorded when it is accepted */
  record?: Edit;
  /** said in the panel when it is accepted */
  notes?: string[];
  /** the run (runs.currentId) the trainer holds once this is accepted; unchanged when absent */
  currentRun?: string;
  loaded?: LoadedEvent;
  /** the new run's history chunks, applied with its first snapshot */
  history: HistoryChunk[];
}
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
  /** problems of the experiment as edited in the side panel (the edit was refused; nothing changed) */
  experimentErrors = $state<string[]>([]);
  /** what the last accepted edit did beyond itself (saved runs reset, weights drawn ...), shown in the panel */
  experimentNotes = $state<string[]>([]);
  /** bumped when an edit is refused: the panel redraws its controls from the experiment that holds */
  panelRevision = $state(0);
  /** the init new weights are drawn with when a change of shape keeps hand-set starting weights */
  fillInit = $state<FillKind>('glorot_uniform');
  /** a load (an edit, an undo, a file) the trainer has not answered yet: the app still shows the last one it accepted */
  loading = $state(false);
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

  private pendingState = new Map<string, { resolve: (e: StateEvent) => void; reject: (e: Error) => void }>();
  /**
   * The load the trainer is working on. The session it carries becomes
   * `this.session` only when the trainer has accepted it and sent the first
   * snapshot of the new run, so every view always draws the experiment the
   * trainer runs; a refused load changes nothing but the message.
   */
  private pending: PendingLoad | null = null;
  /** loads asked for while one was pending: only the newest matters */
  private queued: PendingLoad | null = null;
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
    const p = this.pending;
    switch (e.type) {
      case 'snapshot':
        if (p?.loaded) return this.commit(p, e);
        this.pendingSnapshot = e;
        if (e.status === 'running') return this.schedulePublish();
        // a step, pause or end: shown at once (and what came before it with it)
        return this.publish();
      case 'history':
        // the new run's history waits for its first snapshot, so old and new are never drawn together
        if (p?.loaded) return void p.history.push(e);
        if (!this.history.apply(e)) this.hostError = 'history arrived out of order; press Reset to start the run again';
        this.pendingHistory = true;
        return this.schedulePublish();
      case 'status':
        if (p?.loaded) return;
        this.status = e.status;
        this.statusMessage = e.message;
        return;
      case 'loaded':
        if (p && e.id === p.id) p.loaded = e;
        else if (!p) this.data = e;
        return;
      case 'state':
        if (e.id) this.pendingState.get(e.id)?.resolve(e);
        return;
      case 'error':
        if (p && e.id === p.id) return this.refuse(p, e.message);
        if (e.id && this.pendingState.has(e.id)) return this.pendingState.get(e.id)!.reject(new Error(e.message));
        this.hostError = e.message;
        return;
    }
  }

  // ------------------------------------------------------------ loads

  /** Asks the trainer to load `session`; it becomes the app's session when the trainer has it (see `pending`). */
  private load(session: Session, what: Omit<PendingLoad, 'id' | 'session' | 'history'>, runId?: string): void {
    const next: PendingLoad = { id: `load-${this.nextId++}`, session, history: [], ...what, ...(runId ? { runId } : {}) };
    if (this.pending) {
      this.queued = next;
      return;
    }
    this.send(next);
  }

  private send(p: PendingLoad): void {
    this.pending = p;
    this.loading = true;
    this.hostError = null;
    this.hosts.trainer.send({ type: 'load', id: p.id, session: p.text ?? p.session, ...(p.runId ? { runId: p.runId } : {}) });
  }

  /** The trainer accepted the load and sent the new run's first snapshot: now the app shows it. */
  private commit(p: PendingLoad, first: Snapshot): void {
    this.pending = null;
    this.session = p.session;
    if (p.currentRun !== undefined) runs.currentId = p.currentRun;
    this.data = p.loaded!;
    this.history.clear();
    for (const h of p.history) this.history.apply(h);
    this.pendingHistory = true;
    this.pendingSnapshot = first;
    this.lastStep = null;
    this.lastStepStale = false;
    if (p.open) {
      // the work it replaces was discarded (or saved): its recovery copy goes; recovered work keeps its own
      if (!p.open.dirty && this.dirty) this.hosts.shell.recoveryClear();
      this.fileName = p.open.name;
      this.filePath = p.open.path;
      this.fileErrors = null;
      this.hostError = null;
      selection.clear();
      this.undoStack = [];
      this.redoStack = [];
      this.syncUndo();
      this.markDirty(p.open.dirty);
    } else {
      this.markDirty(true);
    }
    if (p.record) this.record(p.record);
    this.experimentNotes = p.notes ?? [];
    this.experimentErrors = [];
    this.publish();
    this.next();
  }

  /** The trainer refused the load: nothing changes but the message (beside the panel, or the file's dialog). */
  private refuse(p: PendingLoad, message: string): void {
    this.pending = null;
    const errors = message.replace(/^the session was not loaded:\n?/, '').split('\n').filter((l) => l.trim() !== '');
    const list = errors.length ? errors : ['the trainer refused this session without saying why'];
    if (p.open) this.fileErrors = { name: p.open.name, errors: list };
    else {
      this.experimentErrors = list;
      this.panelRevision++;
    }
    // edits made on top of the refused one are dropped with it
    this.queued = null;
    this.next();
  }

  private next(): void {
    const q = this.queued;
    this.queued = null;
    if (q) this.send(q);
    else this.loading = false;
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
    // the recovery copy goes only when another session replaces this one (commit of an open):
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

  /**
   * Validates first: a file that fails shows its messages and nothing else
   * changes. A valid file replaces the open session only once the trainer
   * has loaded it (it may still refuse it: data that cannot be built ...).
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
    this.load(parsed.session, { text, open: { name, path: o.path, dirty: o.dirty ?? false }, currentRun: runId ?? CURRENT_RUN }, runId);
    return true;
  }

  /** Save (to the file it came from, where the platform can) or Save As (always asks where). */
  async save(o: { as?: boolean } = {}): Promise<void> {
    if (!this.session) return;
    const session: Record<string, unknown> = { ...this.session };
    const run = await this.currentRun();
    const list = run ? putRun(this.session.runs, run) : (this.session.runs ?? []);
    session.runs = list.length ? list : undefined;
    session.view = { ...((this.session.view as object) ?? {}), currentRun: run ? run.id : undefined };
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
    const saved = this.session?.runs?.find((r) => r.id === runs.currentId);
    let trainer: StateEvent['trainer'];
    try {
      trainer = (await this.request()).trainer;
    } catch (e) {
      // the trainer is gone or stuck: save what the page has (the parameters and the loss history shown)
      this.hostError = `Saved without the trainer's full state (${(e as Error).message}): the run reopens at its saved parameters, not exactly where it was.`;
      return {
        id: runs.currentId, label: saved?.label ?? EXPERIMENT_RUN_LABEL, overrides: saved?.overrides ?? {}, status, epochs_run: snap.epoch,
        history: this.history.seriesArrays() as Record<string, unknown>,
        params: snap.params as SavedRun['params'], diverged_at: snap.divergence?.epoch ?? null,
      };
    }
    const { history, ...state } = trainer;
    return {
      id: runs.currentId,
      label: saved?.label ?? EXPERIMENT_RUN_LABEL,
      overrides: saved?.overrides ?? {},
      status,
      epochs_run: snap.epoch,
      history: history as unknown as Record<string, unknown>,
      params: snap.params as SavedRun['params'],
      diverged_at: snap.divergence?.epoch ?? null,
      state,
    };
  }

  /** The trainer's full state; refused with a message when it answers with an error or not within REQUEST_MS. */
  private request(): Promise<StateEvent> {
    const id = `state-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.pendingState.delete(id);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the trainer did not answer within ${REQUEST_MS / 1000} s`));
      }, REQUEST_MS);
      this.pendingState.set(id, { resolve: (e) => { done(); resolve(e); }, reject: (e) => { done(); reject(e); } });
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
    if (!this.session || this.pending || !Number.isFinite(value)) return;
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
      // the trainer's Reset returns to it too (TrainerService keeps edits made at the start)
      this.experimentNotes = [`${paramName(ref)} was set before the first step: it is a starting weight now (Save writes it, Reset returns to it).`];
    }
    this.command({ type: 'editParam', ref, value });
    this.markDirty(true);
  }

  /**
   * Changes the experiment: a copy is edited and validated as a whole, then
   * sent to the trainer; it takes effect (everything redraws from it) when
   * the trainer has loaded it, or is refused with the messages beside the
   * panel. A change of the network's shape keeps the hand-set starting
   * weights that still fit (`map` says which old layer each new one
   * continues) and draws the others with `fillInit`. Saved runs follow
   * (reconcileRuns). One undo step.
   */
  editExperiment(edit: (draft: Record<string, unknown>) => void, o: { map?: LayerMap } = {}): void {
    const base = this.queued?.session ?? this.pending?.session ?? this.session;
    if (!base) return;
    const draft = structuredClone(base.experiment) as unknown as Record<string, unknown>;
    edit(draft);
    const notes: string[] = [];
    const prev = base.experiment;
    const d = draft as unknown as Experiment;
    if (prev.init.kind === 'explicit' && d.init?.kind === 'explicit' && shapeChanged(prev.network, d.network)) {
      try {
        const r = reshapeExplicitInit(prev, d, o.map ?? identityMap(d.network.layers.length), this.fillInit);
        d.init = r.init as Experiment['init'];
        if (r.drawn) notes.push(`Starting weights: ${r.kept} kept, ${r.drawn} new drawn with ${FILL_LABELS[this.fillInit]}.`);
      } catch {
        // the new shape is not valid: validateExperiment below says why
      }
    }
    if (d.network && d.data) notes.push(...fitDataToNetwork(prev, d));
    const checked = validateExperiment(draft);
    if (!checked.ok) {
      this.experimentErrors = checked.errors;
      this.panelRevision++;
      return;
    }
    const { runs: reconciled, changes } = reconcileRuns(base, checked.value);
    notes.push(...describeRunChanges(changes));
    let after: Session = { ...base, experiment: checked.value, ...(reconciled ? { runs: reconciled } : {}) };
    // a saved run the trainer holds starts again too: from the new experiment with its own overrides
    const current = after.runs?.find((r) => r.id === runs.currentId && r.id !== CURRENT_RUN);
    if (current) after = { ...after, runs: putRun(after.runs, unrun(current)) };
    this.experimentErrors = [];
    this.load(after, { record: { before: base, after, reload: true }, notes }, current?.id);
  }

  /** An edit the panel could not even make (a field left empty, a word where a number goes): said, nothing changes. */
  refuseEdit(message: string): void {
    this.experimentErrors = [message];
    this.panelRevision++;
  }

  /** Sets an additive session field a view owns (the homework panel's "exercise"); marks the session unsaved. */
  setSessionField(key: string, value: unknown): void {
    if (!this.session) return;
    this.session = { ...this.session, [key]: value } as Session;
    this.markDirty(true);
  }

  setTitle(title: string): void {
    if (!this.session) return;
    const before = this.session;
    this.session = { ...this.session, title };
    this.record({ before, after: this.session, reload: false });
    this.markDirty(true);
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
  async switchRun(id: string, o: { keep?: boolean } = {}): Promise<void> {
    if (!this.session || this.pending) return;
    if (this.running) this.pause();
    const run = o.keep === false ? null : await this.currentRun();
    if (!this.session) return;
    const session = run ? { ...this.session, runs: putRun(this.session.runs, run) } : this.session;
    const saved = session.runs?.some((r) => r.id === id);
    // like every load: the views switch to the run with its first snapshot (see `pending`)
    this.load(session, { currentRun: id }, saved ? id : undefined);
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
    if (this.pending) return; // the edit being loaded is not on the stack yet
    const edit = this.undoStack.pop();
    if (!edit) return;
    this.redoStack.push(edit);
    this.apply(edit, 'before');
  }

  redo(): void {
    if (this.pending) return;
    const edit = this.redoStack.pop();
    if (!edit) return;
    this.undoStack.push(edit);
    this.apply(edit, 'after');
  }

  private apply(edit: Edit, side: 'before' | 'after'): void {
    this.syncUndo();
    this.experimentErrors = [];
    if (edit.reload) {
      const session = edit[side];
      const current = session.runs?.some((r) => r.id === runs.currentId && r.id !== CURRENT_RUN) ? runs.currentId : undefined;
      return this.load(session, {}, current);
    }
    this.session = edit[side];
    if (edit.param) {
      // the session already holds the right starting value; the trainer gets the parameter back
      this.command({ type: 'editParam', ref: edit.param.ref, value: edit.param[side] });
    }
    this.markDirty(true);
  }
}

/** Inputs, units or biases differ: explicit starting weights no longer fit as they are. */
function shapeChanged(a: Experiment['network'], b: Experiment['network']): boolean {
  if (a.inputs !== b?.inputs || a.layers.length !== b.layers?.length) return true;
  return a.layers.some((l, k) => l.units !== b.layers[k]?.units || l.bias !== b.layers[k]?.bias);
}

function paramValue(params: Snapshot['params'], ref: ParamRef): number | undefined {
  return ref.kind === 'weight' ? params.weights[ref.layer]?.[ref.j]?.[ref.i] : params.biases[ref.layer]?.[ref.j];
}
