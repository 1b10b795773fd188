/**
 * What a trainer host needs to bring a replaced training process (a Web
 * Worker that died, a utility process main restarted) back to where the old
 * one was, and to tell the user exactly what, if anything, was lost.
 *
 * The journal watches the commands sent and the events received:
 * - the last `load` the trainer accepted (a refused one changed nothing);
 * - a checkpoint: the trainer's full state (requestState {trainerState}),
 *   asked for when the trainer has stayed settled (not running) for
 *   CHECKPOINT_MS after a Run;
 * - the commands since that checkpoint was asked for, and every setHyper
 *   since the load (a trainer state does not hold the optimizer's settings).
 *
 * After a restart: the session is loaded again with the checkpoint as a
 * saved run (src-core/session's resume path, so optimizer moments and sample
 * order carry on exactly), the settings and the deterministic commands since
 * are replayed (steps of a phase, batch or epoch; edits; reset), and a last
 * requestState tells where the new trainer stands. Training by Run (or
 * "n epochs") since the checkpoint is not replayed — it is what may have
 * killed the process — and the message says how many epochs and updates that was.
 * Pure logic (no DOM, no timers of its own but the one passed in).
 */
import type { CommandBody, HostEvent } from '../../src-core/protocol/messages';
import type { TrainerStateJSON } from '../../src-core/train/types';

/** the id of the saved run a restored session continues (never written to the user's file) */
export const RECOVERED_RUN = 'recovered-after-restart';
/**
 * A checkpoint is taken once the trainer has been settled this long after
 * training that cannot be replayed (a Run). It costs the page a trainer
 * state with the whole history and a snapshot, so never while the user is
 * busy with the next run; steps and edits need none: they are replayed.
 */
export const CHECKPOINT_MS = 10_000;
/** commands kept since the checkpoint; past this the oldest are dropped (and the message says the replay is partial) */
const MAX_SINCE = 10_000;

type Load = Extract<CommandBody, { type: 'load' }>;
type Position = { epoch: number; updates: number };

export interface JournalTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class TrainerJournal {
  private load: Load | null = null;
  private readonly pendingLoads = new Map<string, Load>();
  private checkpoint: TrainerStateJSON | null = null;
  private since: CommandBody[] = [];
  private hypers: CommandBody[] = [];
  private dropped = false;
  private asked: { id: string; mark: number } | null = null;
  private timer: unknown = null;
  private last: Position | null = null;
  private restoring: { id: string; reason: 'crashed' | 'hung'; before: Position | null } | null = null;
  private n = 0;

  /** `send` posts a command of the journal's own (a checkpoint request) to the current trainer. */
  constructor(
    private readonly send: (command: CommandBody) => void,
    private readonly timers: JournalTimers = globalThis as unknown as JournalTimers,
  ) {}

  /** A command on its way to the trainer; returns it as it must be sent (a load gets an id, to match its answer). */
  sent(command: CommandBody): CommandBody {
    if (command.type === 'load') {
      const load = { ...command, id: command.id ?? `journal-load-${++this.n}` };
      this.pendingLoads.set(load.id, load);
      return load;
    }
    if (command.type === 'requestState' || command.type === 'requestSamples') return command;
    this.since.push(command);
    if (this.since.length > MAX_SINCE) {
      this.since.shift();
      this.dropped = true;
      if (this.asked) this.asked.mark = Math.max(0, this.asked.mark - 1);
    }
    if (command.type === 'setHyper') this.hypers.push(command);
    return command;
  }

  /** An event from the trainer; returns an event to show the user (the restore's message), if any. */
  received(e: HostEvent): HostEvent | null {
    if (e.type === 'loaded' && e.id !== undefined && this.pendingLoads.has(e.id)) {
      this.load = this.pendingLoads.get(e.id)!;
      this.pendingLoads.delete(e.id);
      this.checkpoint = null;
      this.since = [];
      this.hypers = [];
      this.dropped = false;
      this.asked = null;
    } else if (e.type === 'error' && e.id !== undefined) {
      this.pendingLoads.delete(e.id);
    } else if (e.type === 'snapshot') {
      this.last = { epoch: e.epoch, updates: e.updates };
      if (e.status !== 'running' && this.since.some((c) => !replayable(c)) && !this.asked && this.timer === null && !this.restoring) {
        this.timer = this.timers.setTimeout(() => this.askCheckpoint(), CHECKPOINT_MS);
      }
    } else if (e.type === 'status' && e.status === 'running' && this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    } else if (e.type === 'state' && this.asked && e.id === this.asked.id) {
      this.checkpoint = e.trainer;
      this.since.splice(0, this.asked.mark);
      this.asked = null;
    } else if (e.type === 'state' && this.restoring && e.id === this.restoring.id) {
      const message = restoredMessage(this.restoring.reason, this.restoring.before, { epoch: e.trainer.epoch, updates: e.trainer.updates }, this.dropped);
      this.restoring = null;
      return { v: 1, type: 'error', message };
    }
    return null;
  }

  private askCheckpoint(): void {
    this.timer = null;
    if (this.asked || this.since.length === 0 || !this.load) return;
    this.asked = { id: `journal-state-${++this.n}`, mark: this.since.length };
    this.send({ type: 'requestState', trainerState: true, id: this.asked.id });
  }

  /**
   * The trainer was replaced. Returns the events the user's page should get at
   * once (loads that were never answered are refused) and the commands that
   * bring the new trainer back; the restore's message follows as an event
   * from `received` when the new trainer has caught up.
   */
  restart(reason: 'crashed' | 'hung'): { events: HostEvent[]; commands: CommandBody[] } {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.asked = null;
    const events: HostEvent[] = [];
    for (const id of this.pendingLoads.keys()) {
      events.push({ v: 1, type: 'error', id, message: `the session was not loaded:\nthe training process ${stopped(reason)} while it was being loaded; the previous session is kept` });
    }
    this.pendingLoads.clear();
    if (!this.load) {
      events.push({ v: 1, type: 'error', message: `The training process ${stopped(reason)} and was restarted; no session had been loaded, nothing was lost.` });
      return { events, commands: [] };
    }
    const commands: CommandBody[] = [];
    const load: Load = this.checkpoint
      ? { type: 'load', session: recoveredSession(this.load.session, this.load.runId, this.checkpoint), runId: RECOVERED_RUN }
      : { type: 'load', session: this.load.session, ...(this.load.runId !== undefined ? { runId: this.load.runId } : {}) };
    commands.push(load);
    // settings changed before the checkpoint, then everything since that can be replayed exactly
    for (const h of this.hypers) if (!this.since.includes(h)) commands.push(h);
    for (const c of this.since) if (replayable(c)) commands.push(c);
    this.restoring = { id: `journal-restored-${++this.n}`, reason, before: this.last };
    commands.push({ type: 'requestState', trainerState: true, id: this.restoring.id });
    return { events, commands };
  }
}

/** Commands whose effect does not depend on timing (a run stops wherever Pause finds it). */
function replayable(c: CommandBody): boolean {
  if (c.type === 'step') return c.unit !== 'epochs';
  return c.type === 'editParam' || c.type === 'setHyper' || c.type === 'reset';
}

const stopped = (reason: 'crashed' | 'hung') => (reason === 'hung' ? 'stopped responding' : 'stopped unexpectedly');

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function restoredMessage(reason: 'crashed' | 'hung', before: Position | null, after: Position, partial = false): string {
  const head = `The training process ${stopped(reason)} and was restarted.`;
  const at = `epoch ${after.epoch}, update ${after.updates}`;
  if (partial) return `${head} Restored: ${at}; some of the many steps and edits before the restart could not be replayed.`;
  if (!before || (before.epoch === after.epoch && before.updates === after.updates)) return `${head} Nothing was lost: the run is back at ${at}, with every edit.`;
  const epochs = before.epoch - after.epoch;
  const updates = before.updates - after.updates;
  if (epochs < 0 || updates < 0) return `${head} Restored: ${at} (the run was at epoch ${before.epoch}, update ${before.updates}).`;
  return `${head} Restored: ${at}, with the parameters and edits up to then. Lost: the training since, ${plural(epochs, 'epoch')} (${plural(updates, 'update')}) — press Run to train again.`;
}

/** The loaded session with the checkpoint as one more saved run, to resume from. */
export function recoveredSession(session: unknown, runId: string | undefined, state: TrainerStateJSON): Record<string, unknown> {
  const s = (typeof session === 'string' ? JSON.parse(session) : { ...(session as object) }) as Record<string, unknown>;
  const runs = Array.isArray(s.runs) ? (s.runs as { id?: unknown; overrides?: unknown }[]) : [];
  const overrides = runId === undefined ? {} : (runs.find((r) => r.id === runId)?.overrides ?? {});
  const { history, ...rest } = state;
  const status = state.status === 'completed' || state.status === 'diverged' || state.status === 'stopped_early' ? state.status : 'paused';
  const run = { id: RECOVERED_RUN, overrides, status, epochs_run: state.epoch, history, state: rest };
  return { ...s, runs: [...runs.filter((r) => r.id !== RECOVERED_RUN), run] };
}
