/**
 * The core of AppState (app.svelte.ts, which extends this): the session as
 * the window shows it, and the way every change reaches it — commands to the
 * trainer, its events, and the load pipeline (app-loads.ts: a change that
 * restarts the run shows only once the trainer accepted it). Step, Run, a
 * weight typed, Undo and Redo, while the trainer is about to hold another
 * run or before it has answered a Step, Run or Reset, wait (app-deferred.ts)
 * and are made by AppState, in order, when it is free.
 */
import { serializeSession } from '../../src-core/session/session';
import { identityMap, type FillKind, type LayerMap } from '../../src-core/session/edit';
import { paramName } from '../../src-core/derivation/names';
import type { Experiment, Session } from '../../src-core/session/schema';
import type { CommandBody, HostEvent, Snapshot, StepUnit } from '../../src-core/protocol/messages';
import type { ParamRef } from '../../src-core/types';
import type { Hosts } from '../host';
import { selection } from '../stores/selection.svelte';
import { runs } from './runs.svelte';
import { LoadQueue, type LoadRequest, type PendingLoad } from './app-loads';
import { DeferredActions } from './app-deferred';
import { UndoHistory, changedFrom } from './app-undo.svelte';
import { RecoveryCopy, StateRequests } from './app-files';
import { TrainerFeed } from './app-feed.svelte';
import { layerAfter, paramAfter } from './app-edit';
import { withoutField } from './field-input';
import { keepingTyping } from './shortcuts';

/** Why a weight typed while a change of the network loads was not set. */
function notSet(ref: ParamRef, map: LayerMap | null | undefined): string {
  const where = layerAfter(map, ref.layer);
  const why = 'gone' in where ? where.gone : 'the change still loading gives its layer other inputs or units';
  return `${paramName(ref)} was not set: ${why}, and it has no such weight there. Type it again once the change has loaded.`;
}

export abstract class AppCore extends TrainerFeed {
  /** replaced, never mutated in place (so it can be posted to the host as it is) */
  session = $state.raw<Session | null>(null);
  fileName = $state('untitled.nnlab');
  filePath = $state<string | undefined>(undefined);
  /** messages of a file that failed validation (shown in a dialog; nothing else changed) */
  fileErrors = $state<{ name: string; errors: string[] } | null>(null);
  /** problems of the experiment as edited in the side panel (the edit was refused; nothing changed) */
  experimentErrors = $state<string[]>([]);
  /** what the last accepted edit did beyond itself (saved runs reset, weights drawn ...), shown in the panel */
  experimentNotes = $state<string[]>([]);
  /** an output activation refused because the loss needs another (shown at the output layer's select) */
  refusedOutput = $state<{ activation: string } | null>(null);
  /** bumped when an edit is refused: the panel redraws its controls from the experiment that holds */
  panelRevision = $state(0);
  /** the init new weights are drawn with when a change of shape keeps hand-set starting weights */
  fillInit = $state<FillKind>('glorot_uniform');
  /** a load (an edit, an undo, a file) the trainer has not answered yet: the app still shows the last one it accepted */
  loading = $state(false);
  /** what waits for the trainer (app-deferred.ts) */
  protected readonly deferred = new DeferredActions();
  /** the keyboard-shortcut sheet (Help ▸ Keyboard shortcuts, or "?") */
  showShortcuts = $state(false);

  private dirtyFlag = $state(false);
  protected readonly undoHistory = new UndoHistory();
  /**
   * The loads (see app-loads.ts). The session a load carries becomes
   * `this.session` only when the trainer has accepted it and sent the first
   * snapshot of the new run, so every view always draws the experiment the
   * trainer runs; a refused load changes nothing but the message.
   */
  protected readonly loads: LoadQueue;
  protected readonly states: StateRequests;
  protected readonly recovery: RecoveryCopy;

  constructor(readonly hosts: Hosts) {
    super();
    this.loads = new LoadQueue((c) => this.command(c));
    this.states = new StateRequests((c) => hosts.trainer.send(c));
    this.recovery = new RecoveryCopy(hosts.shell, () => (this.dirty && this.session ? serializeSession(this.session) : null));
    hosts.trainer.subscribe((e) => this.onEvent(e));
  }

  abstract step(unit: StepUnit, n?: number): void;
  abstract run(): void;
  abstract editParam(ref: ParamRef, value: number): void;
  abstract undo(): void;
  abstract redo(): void;


  get experiment(): Experiment | null {
    return this.session?.experiment ?? null;
  }
  /** The experiment as it will be once the edits still loading are in (the shown one when none is): the one an edit changes. */
  get latestExperiment(): Experiment | null {
    return this.loads.latest(this.session)?.experiment ?? null;
  }
  get title(): string {
    return this.session?.title ?? this.fileName;
  }
  /** unsaved changes; setting it tells the platform (the close question) and schedules the recovery copy */
  get dirty(): boolean {
    return this.dirtyFlag;
  }
  set dirty(dirty: boolean) {
    this.dirtyFlag = dirty;
    this.hosts.files.setDirty(dirty);
    if (dirty) this.recovery.schedule();
  }
  get canUndo(): boolean {
    return this.undoHistory.canUndo;
  }
  get canRedo(): boolean {
    return this.undoHistory.canRedo;
  }

  // ------------------------------------------------------------ host events

  private onEvent(e: HostEvent): void {
    // an edit committing, a step's snapshot: what the user is typing meanwhile stays in its field
    keepingTyping(() => this.handle(e));
    // the step, run or reset the trainer was answering: what waited for it is made now
    if ((e.type === 'status' || e.type === 'error') && this.awaiting !== null && e.id === this.awaiting) {
      this.awaiting = null;
      this.whenFree();
    }
  }

  private handle(e: HostEvent): void {
    const p = this.loads.pending;
    switch (e.type) {
      case 'snapshot':
        if (p?.loaded) return this.commit(p, e);
        return this.receiveSnapshot(e);
      case 'history':
        // the new run's history waits for its first snapshot, so old and new are never drawn together
        if (p?.loaded) return void p.history.push(e);
        return this.receiveHistory(e);
      case 'status':
        if (p?.loaded) return;
        this.status = e.status;
        this.statusMessage = e.message;
        return;
      case 'loaded':
        if (this.loads.match(e.id)) p!.loaded = e;
        else if (!p) this.data = e;
        return;
      case 'state':
        this.states.answered(e);
        return;
      case 'error':
        if (this.loads.match(e.id)) return this.refuse(p!, e.message);
        if (!this.states.failed(e.id, e.message)) this.hostError = e.message;
        return;
    }
  }

  // ------------------------------------------------------------ loads

  /** Asks the trainer to load a session; it becomes the app's session when the trainer has it. */
  protected load(request: LoadRequest): void {
    const base = this.loads.latest(this.session);
    // which layer is which across it: an experiment edit of the same number of layers keeps them (a "+ layer"
    // or "✕" says its own map); another file cannot say
    const count = (s: Session | null) => s?.experiment.network.layers.length;
    const layers = request.layers ?? (!request.open && count(base) === count(request.session) ? identityMap(count(base)!) : undefined);
    const next = { ...request, ...(layers ? { layers } : {}), ...(request.open || !base ? {} : { base }), ...(request.record ? { undoAt: this.undoHistory.depth + this.loads.unrecorded() } : {}) };
    // weights typed while the loads before it were pending: in this one's layers
    const dropped = this.deferred.remap((ref) => paramAfter(ref, layers, next.session.experiment.network));
    if (dropped.length) this.refuseEdit(...dropped.map((ref) => notSet(ref, layers)));
    this.loads.push(next);
    this.loading = true;
  }

  /** Layer `l` of the experiment shown, in the experiment the edits still loading make (layerAfter). */
  latestLayer(l: number): { at: number } | { gone: string } {
    return layerAfter(this.loads.layerMap(), l);
  }

  /** A weight of the network shown, in the run the edits still loading make: null (and said) when it has none there. */
  protected latestParam(ref: ParamRef): ParamRef | null {
    const map = this.loads.layerMap();
    const next = this.loads.latest(this.session)?.experiment.network;
    const after = next ? paramAfter(ref, map, next) : null;
    if (!after) this.refuseEdit(notSet(ref, map));
    return after;
  }

  /** An edit the panel could not even make (a field left empty, a word where a number goes): said, nothing changes. */
  refuseEdit(...messages: string[]): void {
    this.experimentErrors = messages;
    this.panelRevision++;
    // refused while an edit loads (a layer it removes ...): said still when it has loaded
    if (this.loads.busy) this.refusedMeanwhile = messages;
  }
  private refusedMeanwhile: string[] = [];

  /** Field `path` holds an accepted value (typed again as it was): its refusals are stale and go. */
  acceptField(path: string): void {
    const left = withoutField(this.experimentErrors, path);
    if (left.length !== this.experimentErrors.length) this.experimentErrors = left;
    this.refusedMeanwhile = withoutField(this.refusedMeanwhile, path);
  }

  /** A new edit was made: the refusals before it are stale. */
  protected clearRefusals(): void {
    this.experimentErrors = [];
    this.refusedOutput = null;
    this.refusedMeanwhile = [];
  }

  /** The trainer accepted the load and sent the new run's first snapshot: now the app shows it. */
  private commit(p: PendingLoad, first: Snapshot): void {
    // what was changed meanwhile without the trainer (notes, a run's name) stays: only the load's own change is made
    this.session = p.base && this.session ? changedFrom(this.session, p.base, p.session) : p.session;
    if (p.currentRun !== undefined) runs.currentId = p.currentRun;
    this.replaceRun(p.loaded!, p.history, first);
    if (p.open) {
      // the work it replaces was discarded (or saved): its recovery copy goes; recovered work keeps its own
      if (!p.open.dirty && this.dirty) this.hosts.shell.recoveryClear();
      this.fileName = p.open.name;
      this.filePath = p.open.path;
      if (p.open.path === undefined) this.hosts.files.forgetFile();
      this.fileErrors = null;
      this.hostError = null;
      selection.clear();
      this.undoHistory.clear();
      this.dirty = p.open.dirty;
    } else {
      this.dirty = true;
    }
    // in the place they were asked for: what was recorded meanwhile (notes written) comes after them
    let at = p.open ? undefined : p.undoAt;
    for (const r of [...(p.earlier ?? []), ...(p.record ? [p.record] : [])]) {
      this.undoHistory.record(r, at);
      if (at !== undefined) at++;
    }
    this.experimentNotes = p.notes ?? [];
    this.experimentErrors = this.refusedMeanwhile;
    this.loads.accepted();
    this.loading = this.loads.busy;
    if (!this.loading) this.refusedMeanwhile = [];
    // Step or Run pressed, or a weight typed, while this was loading: now the snapshot is the new run's
    this.whenFree();
  }

  /**
   * Step, Run and a weight typed wait while the trainer is about to hold
   * another run (a load, a run switch) or has not answered the last Step, Run
   * or Reset: till then the snapshot is not of the run they would act on (a
   * weight typed right after Step, the snapshot still at epoch 0, was taken
   * for a starting weight while the trainer set it after the step). Also
   * while others wait, so they are made in order.
   */
  protected get mustWait(): boolean {
    return this.loads.busy || this.deferred.switching || this.awaiting !== null || this.deferred.pending;
  }

  /** The actions that waited, in order, once nothing holds them (each may wait again, for the step before it). */
  private whenFree(): void {
    if (this.loads.busy || this.deferred.switching || this.awaiting !== null) return;
    const { actions, run } = this.deferred.take();
    for (const a of actions) {
      if (a.kind === 'step') this.step(a.unit, a.n);
      else if (a.kind === 'param') this.editParam(a.ref, a.value);
      else this[a.kind]();
    }
    if (run) this.run();
  }

  /** The trainer refused the load: nothing changes but the message (beside the panel, or the file's dialog). */
  private refuse(p: PendingLoad, message: string): void {
    const errors = message.replace(/^the session was not loaded:\n?/, '').split('\n').filter((l) => l.trim() !== '');
    const list = errors.length ? errors : ['the trainer refused this session without saying why'];
    if (p.open) this.fileErrors = { name: p.open.name, errors: list };
    else {
      this.experimentErrors = list;
      this.panelRevision++;
    }
    this.loads.refused();
    this.loading = false;
    this.refusedMeanwhile = [];
    this.deferred.drop();
  }

  // ------------------------------------------------------------ commands

  /** the id of the last step, run or reset sent (`answered` commands), until the trainer answers it */
  private awaiting: string | null = null;
  private nextCommand = 1;

  /** Sends a command; an `answered` one (step, run, reset) carries an id, and Step, Run and weights wait for its answer. */
  protected command(body: CommandBody, o: { answered?: boolean } = {}): void {
    this.hostError = null;
    if (!o.answered) return this.hosts.trainer.send(body);
    const id = `command-${this.nextCommand++}`;
    this.awaiting = id;
    this.hosts.trainer.send({ ...body, id });
  }
}
