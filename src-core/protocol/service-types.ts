/**
 * What the trainer service (service.ts) is given: the trainer it drives
 * (TrainerLike: the engine's Trainer, or a stand-in in tests), the loader
 * that builds one from a session, its options, and the platform's fastest
 * way to yield to the event loop.
 */
import type { Divergence, OptimizerConfig, ParamRef, Params, Phase, RunStatus } from '../types';
import type { History, HistoryChanges, Metrics, StepDetail, TrainerOptions, TrainerStateJSON } from '../train/types';
import type { HostEvent } from './messages';

/** The part of the engine's Trainer the service drives. */
export interface TrainerLike {
  readonly opts: TrainerOptions;
  epoch: number;
  updates: number;
  status: RunStatus;
  nextPhase: Phase;
  divergence: Divergence | null;
  /** the epoch whose parameters early stopping put back (restore_best), else null */
  readonly restoredEpoch?: number | null;
  lastStep: StepDetail | null;
  readonly params: Params;
  readonly history: History;
  /** the history's change log: the first entry, snapshot and gradient norm changed since the last call (train/history.ts) */
  takeHistoryChanges(): HistoryChanges;
  /** history.params.values[from ..] end to end (the trainer's, without a view per snapshot; else read from `history`) */
  historySnapshotsFlat?(from: number): Float64Array;
  stepPhase(): void;
  stepBatch(): void;
  stepEpoch(): void;
  runEpochs(n: number, deadline?: number): number;
  setParam(ref: ParamRef, value: number): void;
  setOptimizer(cfg: OptimizerConfig): void;
  evaluate(): Metrics;
  toState(): TrainerStateJSON;
}

/** What loading a session yields: a way to build the trainer (again, for Reset). */
export type LoadResult =
  | {
      ok: true;
      /** the trainer to start with (a saved run's state when runId named one) */
      trainer: TrainerLike;
      /** a fresh trainer at epoch 0 (Reset) */
      fresh: () => TrainerLike;
    }
  | { ok: false; errors: string[] };

export type SessionLoader = (session: unknown, runId?: string) => LoadResult;

export interface ServiceOptions {
  post: (event: HostEvent) => void;
  /** turns a `load` command's session into a trainer (default: src-core/session) */
  load: SessionLoader;
  /** ms of training per slice before yielding (default 10) */
  sliceMs?: number;
  /** ms between progress events during a run (default 1000/15: snapshot + history = 30 messages a second) */
  eventIntervalMs?: number;
  /**
   * ...at least this many ms per parameter of the net (default 0.005: up to
   * 13 300 parameters 15 events a second, 784-64-10 = 50 890 parameters ~4 a second)
   */
  eventMsPerParam?: number;
  now?: () => number;
  /** runs fn after pending messages were handled (default: setImmediate, MessageChannel or setTimeout) */
  yieldThen?: (fn: () => void) => void;
}

interface Timers {
  setImmediate?: (fn: () => void) => unknown;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(m: unknown): void } };
}

/** The fastest way the platform offers to continue after queued messages. */
export function defaultYield(): (fn: () => void) => void {
  const g = globalThis as unknown as Timers;
  if (g.setImmediate) return (fn) => void g.setImmediate!(fn);
  if (g.MessageChannel) {
    // Browsers clamp nested setTimeout to 4 ms; a MessageChannel round trip is not clamped.
    const channel = new g.MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (fn) => {
      queue.push(fn);
      channel.port2.postMessage(0);
    };
  }
  return (fn) => void g.setTimeout!(fn, 0);
}
