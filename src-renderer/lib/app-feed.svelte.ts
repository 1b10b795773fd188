/**
 * What the trainer shows, as the views read it: the newest snapshot, the
 * last update's chain-rule detail, the status, the data and the history.
 * Events arrive up to 30 times a second; the views see the newest once per
 * animation frame. AppState (app.svelte.ts) extends this with the session
 * and the actions, and decides which events reach it (a run being replaced
 * by a load keeps its events out: see AppState.onEvent).
 */
import type { HistoryChunk, HostStatus, LoadedEvent, Snapshot } from '../../src-core/protocol/messages';
import { HistoryStore } from '../../src-core/protocol/history-store';

export class TrainerFeed {
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
  /**
   * Bumped when the run changes under the views other than by a run: a
   * new run (a load, a switch), Reset, a step pressed, a weight set by
   * hand, an undo. A view looking back on the timeline returns to "now" then.
   */
  liveRevision = $state(0);

  private pendingSnapshot: Snapshot | null = null;
  private pendingHistory = false;
  private publishScheduled = false;

  get running(): boolean {
    return this.status === 'running';
  }

  protected receiveSnapshot(e: Snapshot): void {
    this.pendingSnapshot = e;
    if (e.status === 'running') this.schedulePublish();
    // a step, pause or end: shown at once (and what came before it with it)
    else this.publish();
  }

  protected receiveHistory(e: HistoryChunk): void {
    if (!this.history.apply(e)) this.hostError = 'history arrived out of order; press Reset to start the run again';
    this.pendingHistory = true;
    this.schedulePublish();
  }

  /** A new run (an accepted load): its data, its history so far and its first snapshot replace the old run's at once. */
  protected replaceRun(data: LoadedEvent, history: readonly HistoryChunk[], first: Snapshot): void {
    this.data = data;
    this.history.clear();
    for (const h of history) this.history.apply(h);
    this.pendingHistory = true;
    this.pendingSnapshot = first;
    this.lastStep = null;
    this.lastStepStale = false;
    this.liveRevision++;
    this.publish();
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
}
