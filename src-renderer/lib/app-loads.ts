/**
 * The load pipeline of AppState: every change that restarts the run (an
 * edit of the experiment, an undo of one, a file opened, another run made
 * current) is a `load` the trainer must accept before the app shows it.
 * One load is with the trainer at a time (`pending`); loads asked for
 * meanwhile wait in `queued`, where a newer one replaces an older one, so
 * only the newest runs. AppState applies an accepted load (commit) or a
 * refused one (refuse); this class only keeps the order.
 */
import type { Session } from '../../src-core/session/schema';
import { composeMaps, type LayerMap } from '../../src-core/session/edit';
import type { CommandBody, HistoryChunk, LoadedEvent } from '../../src-core/protocol/messages';
import type { Edit } from './app-undo.svelte';

/** A load sent to the trainer, or waiting to be. */
export interface PendingLoad {
  id: string;
  session: Session;
  /** the file's own text, sent as it is (a file just opened) */
  text?: string;
  runId?: string;
  /** a file being opened: what the window shows once it is loaded */
  open?: { name: string; path?: string; dirty: boolean };
  /** the undo step this load makes, recorded when it is accepted */
  record?: Edit;
  /** the undo history's depth when it was asked for: its steps go there (UndoHistory.record's `at`) */
  undoAt?: number;
  /**
   * The undo steps of the queued loads this one replaced, oldest first: recorded before its own, so
   * each edit made while another loaded is its own step (0.125, 0.25, 0.5 typed quickly: three Undos)
   */
  earlier?: Edit[];
  /** said in the panel when it is accepted */
  notes?: string[];
  /** the run (runs.currentId) the trainer holds once this is accepted; unchanged when absent */
  currentRun?: string;
  /**
   * Which layer of the session this load replaces (the one shown, or the
   * load before it) each of its layers is (LayerMap: new → old, null for a
   * layer added); absent when that cannot be told (another file)
   */
  layers?: LayerMap;
  /**
   * The session this load changes (the newest one asked for when it was): at commit only what changed
   * from it to `session` is put in the session shown, so a change made meanwhile that needs no trainer
   * (notes, a run's name) stays. Absent for a file opened: its session replaces the window's.
   */
  base?: Session;
  /** the trainer's `loaded` answer: the load is accepted, the new run's first snapshot is next */
  loaded?: LoadedEvent;
  /** the new run's history chunks, applied with its first snapshot */
  history: HistoryChunk[];
}

/** What a load asks for, before it has an id. */
export type LoadRequest = Omit<PendingLoad, 'id' | 'history' | 'loaded'>;

export class LoadQueue {
  /** the load the trainer is working on */
  pending: PendingLoad | null = null;
  /** the newest load asked for while one was pending */
  queued: PendingLoad | null = null;
  private nextId = 1;
  /** who waits for no load to be pending (idle) */
  private waiters: (() => void)[] = [];

  /** @param send posts a `load` command to the trainer */
  constructor(private readonly send: (command: CommandBody) => void) {}

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Resolves once no load is pending (at once when none is), or after `ms` when the trainer does not answer. */
  idle(ms: number): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const waiters = this.waiters;
      function done() {
        clearTimeout(timer);
        const k = waiters.indexOf(done);
        if (k >= 0) waiters.splice(k, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  private settled(): void {
    if (this.pending) return;
    for (const w of this.waiters.splice(0)) w();
  }

  /** The undo steps the loads pending and queued will record once accepted (a new one's place is after them). */
  unrecorded(): number {
    const steps = (p: PendingLoad | null) => (p ? (p.earlier?.length ?? 0) + (p.record ? 1 : 0) : 0);
    return steps(this.pending) + steps(this.queued);
  }

  /** The session the next edit builds on: the newest asked for, else the one shown. */
  latest(shown: Session | null): Session | null {
    return this.queued?.session ?? this.pending?.session ?? shown;
  }

  /**
   * Sends `request` now, or queues it while another load is pending. A
   * queued load it replaces never runs, but its undo step is kept
   * (`earlier`): Undo goes back through it, loading its session then.
   */
  push(request: LoadRequest): void {
    const next: PendingLoad = { ...request, id: `load-${this.nextId++}`, history: [] };
    if (!this.pending) return this.start(next);
    const replaced = this.queued;
    if (replaced && next.record) next.earlier = [...(replaced.earlier ?? []), ...(replaced.record ? [replaced.record] : [])];
    if (replaced && replaced.undoAt !== undefined) next.undoAt = Math.min(replaced.undoAt, next.undoAt ?? Infinity);
    // the load it replaces never ran: it changes what that one would have changed
    if (this.queued && next.base) next.base = this.queued.base;
    // its layers, from those of the load it replaces to those of the one before that
    if (this.queued) {
      const older = this.queued.layers;
      const { layers: _, ...rest } = next;
      const layers = older && next.layers ? composeMaps(next.layers, older) : undefined;
      this.queued = { ...rest, ...(layers ? { layers } : {}) };
    } else this.queued = next;
  }

  /**
   * The layers of the newest session asked for, as layers of the one shown
   * (new → shown, null for a layer added); null when no load is pending,
   * undefined when a load cannot say (another file).
   */
  layerMap(): LayerMap | null | undefined {
    if (!this.pending) return null;
    const p = this.pending.layers;
    if (!p || !this.queued) return p;
    const q = this.queued.layers;
    return q && composeMaps(q, p);
  }

  /** The pending load, when `id` names it. */
  match(id: string | undefined): PendingLoad | null {
    return this.pending && id === this.pending.id ? this.pending : null;
  }

  /** The pending load was accepted: the queued one (if any) goes next. */
  accepted(): void {
    this.pending = null;
    this.startQueued();
    this.settled();
  }

  /** The pending load was refused: edits made on top of it are dropped with it. */
  refused(): void {
    this.pending = null;
    this.queued = null;
    this.settled();
  }

  private startQueued(): void {
    const q = this.queued;
    this.queued = null;
    if (q) this.start(q);
  }

  private start(p: PendingLoad): void {
    this.pending = p;
    this.send({ type: 'load', id: p.id, session: p.text ?? p.session, ...(p.runId ? { runId: p.runId } : {}) });
  }
}
