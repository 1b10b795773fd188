/**
 * The trainer protocol, version 1: commands the renderer sends to a trainer
 * host (Web Worker or Electron utility process) and events the host sends
 * back. Every message carries `v: 1`. Both sides validate what arrives with
 * the zod schemas below (`parseCommand`, `parseEvent`): a message that does
 * not fit becomes an `error` event, never a crash.
 *
 * Messages travel by structured clone (postMessage), so typed arrays
 * (Float64Array inside `lastStep`) arrive as typed arrays.
 */
import { z } from 'zod';
import type { Divergence, OptimizerConfig, ParamRef, ParamsJSON, Phase, RunStatus } from '../types';
import type { Metrics, StepDetail, TrainerStateJSON } from '../train/types';
import { analysisCommandSchemas, analysisEventSchemas, type AnalysisEvent } from './analysis-messages';

export const PROTOCOL_VERSION = 1 as const;

/** requestSamples: at most this many samples per answer, and this many rows looked at per request */
export const MAX_SAMPLE_LIMIT = 200;
export const MAX_SAMPLE_SCAN = 2000;

// ------------------------------------------------------------------ commands

const v = z.literal(PROTOCOL_VERSION, { error: `protocol version ${PROTOCOL_VERSION}` });
const id = z.string().max(200).optional();
const index = z.int().min(0);
const finite = z.number().refine(Number.isFinite, { error: 'a finite number' });

export const paramRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weight'), layer: index, j: index, i: index }),
  z.object({ kind: z.literal('bias'), layer: index, j: index }),
]);

export const stepUnits = ['phase', 'batch', 'epoch', 'epochs'] as const;
export type StepUnit = (typeof stepUnits)[number];

// ---- charts and diagnoses (issue 16): requestEvaluation → evaluation. Kept apart from the other commands.
/**
 * (added in protocol 1, later) The confusion matrices of a classifier on the
 * training and the test set and the hidden units' activation correlations,
 * with the current parameters (src-core/metrics/evaluate.ts). Answered by an
 * `evaluation` event with the same id.
 */
const requestEvaluationSchema = z.object({ v, id, type: z.literal('requestEvaluation') });
// ---- end of charts and diagnoses

export const commandSchema = z.discriminatedUnion('type', [
  /** Replace the trainer with a fresh one for this session (its experiment, or one saved run of it). */
  z.object({ v, id, type: z.literal('load'), session: z.unknown(), runId: z.string().optional() }),
  /** One phase, one batch (update), one epoch, or n epochs (time-sliced, pausable). */
  z.object({ v, id, type: z.literal('step'), unit: z.enum(stepUnits), n: z.int().min(1).max(1e9).optional() }),
  /** Train until the epoch counter reaches untilEpoch (default: the experiment's `epochs`). */
  z.object({ v, id, type: z.literal('run'), untilEpoch: z.int().min(0).max(1e9).optional() }),
  z.object({ v, id, type: z.literal('pause') }),
  /** Back to the session's starting parameters, epoch 0. */
  z.object({ v, id, type: z.literal('reset') }),
  z.object({ v, id, type: z.literal('editParam'), ref: paramRefSchema, value: finite }),
  /** Change a hyper-parameter of the live trainer: "optimizer.lr", "optimizer.momentum", ... */
  z.object({ v, id, type: z.literal('setHyper'), path: z.string().min(1).max(100), value: z.unknown() }),
  /** Ask for a fresh snapshot; with `trainerState: true` also a `state` event (for Save). */
  z.object({ v, id, type: z.literal('requestState'), trainerState: z.boolean().optional() }),
  /**
   * (added in protocol 1, later) Samples of a classifier with what the current
   * parameters predict: the misclassified ones (or all), optionally of one
   * true/predicted class index, scanning from `scanFrom` on. Answered by a
   * `samples` event with the same id. One request scans at most
   * MAX_SAMPLE_SCAN rows; the answer's `next` says where to go on.
   */
  z.object({
    v, id, type: z.literal('requestSamples'), set: z.enum(['train', 'test']), filter: z.enum(['misclassified', 'all']),
    trueClass: index.optional(), predictedClass: index.optional(),
    scanFrom: index, limit: z.int().min(1).max(MAX_SAMPLE_LIMIT),
  }),
  requestEvaluationSchema,
  // issue 14: analyze / cancelAnalysis (analysis-messages.ts)
  ...analysisCommandSchemas,
]);

export type Command = z.infer<typeof commandSchema>;
/** A command without the envelope fields, as callers write it: `{ type: 'step', unit: 'epoch' }`. */
export type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'v' | 'id'> & { id?: string } : never) : never;

// ------------------------------------------------------------------ events
//
// Each event's type is inferred from its schema (z.infer), so the two cannot
// drift apart. The schemas check the envelope and the fields the renderer
// relies on; big nested payloads (lastStep, trainer state) are checked for
// their kind only. z.object keeps exactly the fields below: a field sent but
// not listed here would not reach the renderer.

/** The host's state: RunStatus of the trainer, or 'empty' before a session is loaded. */
export type HostStatus = RunStatus | 'empty';
export const hostStatuses = ['empty', 'idle', 'running', 'paused', 'completed', 'diverged', 'stopped_early', 'error'] as const satisfies readonly HostStatus[];

export const historySeriesNames = ['train_loss', 'test_loss', 'train_mae', 'test_mae', 'train_accuracy', 'test_accuracy'] as const;
export type HistorySeriesName = (typeof historySeriesNames)[number];

// zod's z.number() refuses NaN and ±Infinity, but a diverged run reports exactly those.
const anyNum = z.custom<number>((x) => typeof x === 'number', { error: 'a number' });
// History chunks carry tens of thousands of numbers 15 times a second: checked
// with a plain loop (zod per element costs ~10 ms a chunk on the UI thread).
const isNumberList = (x: unknown): x is number[] => {
  if (!Array.isArray(x)) return false;
  for (let k = 0; k < x.length; k++) if (typeof x[k] !== 'number') return false;
  return true;
};
// (custom, not z.instanceof: a typed array over any buffer, as the interfaces had it)
const f64 = z.custom<Float64Array>((x) => x instanceof Float64Array, { error: 'a Float64Array' });
const f32 = z.custom<Float32Array>((x) => x instanceof Float32Array, { error: 'a Float32Array' });
const i32 = z.custom<Int32Array>((x) => x instanceof Int32Array, { error: 'an Int32Array' });
const numRows = z.custom<number[][]>((x) => Array.isArray(x) && x.every(isNumberList), { error: 'a list of lists of numbers' });
const phases = ['forward', 'backward', 'update'] as const satisfies readonly Phase[];
const divergenceSchema = z
  .object({ epoch: index, what: z.string(), phase: z.enum([...phases, 'evaluate']), became: z.enum(['NaN', 'Infinity', '-Infinity']).optional(), update: index.optional(), batch: index.optional() })
  .nullable() satisfies z.ZodType<Divergence | null>;
const paramsJSONSchema = z.object({ weights: z.array(numRows), biases: numRows }) satisfies z.ZodType<ParamsJSON>;
const setMetrics = z.object({ loss: anyNum, mae: anyNum, accuracy: anyNum.optional() });

export const snapshotSchema = z.object({
  v, type: z.literal('snapshot'),
  /** completed epochs and updates */
  epoch: index, updates: index,
  /** which phase "Step phase" runs next */
  nextPhase: z.enum(phases),
  status: z.enum(hostStatuses),
  /** the epoch "Run" trains to */
  targetEpoch: index,
  params: paramsJSONSchema,
  /**
   * The current/last update with every chain-rule factor (see StepDetail).
   * null before the first step and in the progress snapshots of a run (it
   * is sent again as soon as the run pauses or ends).
   */
  lastStep: z.custom<StepDetail>((x) => x === null || (typeof x === 'object' && Array.isArray((x as StepDetail).z))).nullable(),
  /** loss/MAE/accuracy with the current parameters */
  metrics: z.object({ train: setMetrics, test: setMetrics.optional() }) satisfies z.ZodType<Metrics>,
  divergence: divergenceSchema,
  /** the lr etc. in force (setHyper changes it) */
  optimizer: z.custom<OptimizerConfig>((x) => typeof x === 'object' && x !== null && 'kind' in x && 'lr' in x),
  /** early stopping put back the parameters of this epoch (restore_best): `params` and `metrics` are theirs */
  restoredEpoch: index.optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/**
 * History: entries [from, from + n) of each series (entry k is measured
 * after k epochs), replacing any stored from `from` on (an edit at an epoch
 * boundary re-records entry `from`). `from: 0` starts a new history (load/reset).
 * `params` is the thinned parameter record: either new snapshots to append
 * (flattened: snapshot k is values[k·size .. (k+1)·size), in the order W[0]
 * row by row, b[0], W[1], b[1], ...) or, when the record was thinned (stride
 * doubled), the whole record to replace the old one. Numbers travel as
 * Float64Arrays: they cross the thread boundary as one copy, where lists of
 * numbers cost the UI thread a per-element deserialisation.
 */
export const historyChunkSchema = z.object({
  v, type: z.literal('history'), from: index,
  /** entries [from, from + n) of each series the run records */
  series: z.partialRecord(z.enum(historySeriesNames), f64),
  params: z
    .object({ mode: z.enum(['append', 'replace']), from: index.optional(), stride: z.int().min(1), size: index, epochs: f64, values: f64 })
    .refine((p) => p.values.length === p.size * p.epochs.length, { error: 'values: expected size × epochs.length numbers' }),
  best: z.object({ epoch: index, metric: z.string(), value: anyNum }).nullable(),
  /**
   * Gradient norms per layer (History.grad_norm): entries [from, from + n) of
   * layers[l], one per completed epoch. Its `from` is its own: the series has
   * one entry fewer than train_loss. Absent when the trainer records none.
   */
  gradNorm: z.object({ from: index, layers: z.array(f64) }).optional(),
  /**
   * A thinned history (train/thinning.ts): the epoch of each entry
   * [from, from + n), and the rule. Absent: entry k is epoch k.
   */
  epochs: f64.optional(),
  thinning: z.object({ dense: index, budget: index, stride: z.int().min(1) }).optional(),
});
export type HistoryChunk = z.infer<typeof historyChunkSchema>;

export const statusEventSchema = z.object({
  v, type: z.literal('status'), status: z.enum(hostStatuses), epoch: index, divergence: divergenceSchema,
  /**
   * (added in protocol 1, later) The id of the step, run or reset this event
   * answers, when the command had one: it is sent, changed status or not,
   * once the command was handled (after the step's snapshot). A command
   * refused is answered by an error with its id instead.
   */
  id,
  /** e.g. "diverged at epoch 37: W[1][0][2] became Infinity" */
  message: z.string(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;

export const errorEventSchema = z.object({
  v, type: z.literal('error'),
  /** the id of the command that failed, when it had one */
  id,
  message: z.string(),
});
export type ErrorEvent = z.infer<typeof errorEventSchema>;

/** Answer to requestState {trainerState: true}: enough to save and continue the run exactly. */
export const stateEventSchema = z.object({
  v, type: z.literal('state'), id,
  trainer: z.custom<TrainerStateJSON>((x) => typeof x === 'object' && x !== null && (x as TrainerStateJSON).format === 'nnlab-trainer'),
});
export type StateEvent = z.infer<typeof stateEventSchema>;

/** Sent once after load: the session accepted, with the resolved data's names for display. */
export const loadedEventSchema = z.object({
  v, type: z.literal('loaded'), id, inputNames: z.array(z.string()), outputNames: z.array(z.string()), trainSize: index, testSize: index,
  /** classification data: the class label of each output unit (MNIST [5, 6]); absent otherwise */
  classes: z.array(z.union([z.string(), z.number()])).optional(),
  /** image inputs: the picture's shape (MNIST 28×28) */
  image: z.object({ width: z.int().min(1), height: z.int().min(1) }).optional(),
});
export type LoadedEvent = z.infer<typeof loadedEventSchema>;

/**
 * Answer to requestSamples: the matches among rows [scanFrom, next ?? size)
 * of the set, computed with the parameters of (epoch, updates). Classes are
 * indices into LoadedEvent.classes.
 */
export const samplesEventSchema = z.object({
  v, type: z.literal('samples'), id, set: z.enum(['train', 'test']), epoch: index, updates: index,
  scanFrom: index,
  /** first row not looked at; null: the end of the set was reached */
  next: index.nullable(),
  /** rows in the set */
  size: index,
  inputs: z.int().min(1), outputs: z.int().min(1),
  /** dataset row of each sample */
  indices: i32,
  /** inputs, n × inputs, as the network sees them */
  x: f32,
  /** true class index */
  y: i32,
  /** predicted class index */
  predicted: i32,
  /** output activations, n × outputs */
  activations: f32,
}).refine(
  (e) => e.y.length === e.indices.length && e.predicted.length === e.indices.length
    && e.x.length === e.indices.length * e.inputs && e.activations.length === e.indices.length * e.outputs,
  { error: 'samples: y, predicted need one entry per index, x inputs and activations outputs numbers per index' },
);
export type SamplesEvent = z.infer<typeof samplesEventSchema>;

// ---- charts and diagnoses (issue 16). Kept apart from the other events.
/**
 * Answer to requestEvaluation, computed with the parameters of (epoch, updates).
 * `confusion`: counts[true][predicted] (class indices into LoadedEvent.classes;
 * one sigmoid output: 0 and 1), absent when the output layer is not a
 * classifier. `correlations`: per hidden layer of 2–256 units, the Pearson
 * correlation of each pair of units' activations over the training set
 * (r[j·units + k]; NaN for a constant unit).
 */
const countsSchema = z.array(z.array(index)).refine((m) => m.every((row) => row.length === m.length), { error: 'a square matrix of counts' });
export const evaluationEventSchema = z.object({
  v, type: z.literal('evaluation'), id, epoch: index, updates: index,
  confusion: z.object({ train: countsSchema, test: countsSchema.optional() }).optional(),
  correlations: z.array(
    z.object({ layer: index, units: z.int().min(1), r: f64, samples: index })
      .refine((c) => c.r.length === c.units * c.units, { error: 'r: expected units × units numbers' }),
  ),
});
export type EvaluationEvent = z.infer<typeof evaluationEventSchema>;
// ---- end of charts and diagnoses

export type HostEvent = Snapshot | HistoryChunk | StatusEvent | ErrorEvent | StateEvent | LoadedEvent | SamplesEvent | EvaluationEvent | AnalysisEvent;

export const eventSchema = z.discriminatedUnion('type', [
  snapshotSchema,
  historyChunkSchema,
  statusEventSchema,
  errorEventSchema,
  stateEventSchema,
  loadedEventSchema,
  samplesEventSchema,
  evaluationEventSchema,
  // issue 14: analysisProgress / analysisResult / analysisEnd (analysis-messages.ts)
  ...analysisEventSchemas,
]);

// ------------------------------------------------------------------ parsing

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}

function typeOf(msg: unknown): string {
  return msg !== null && typeof msg === 'object' && typeof (msg as { type?: unknown }).type === 'string'
    ? `"${(msg as { type: string }).type}"`
    : 'a message';
}

/** Validates a command that arrived at a host. */
export function parseCommand(msg: unknown): Parsed<Command> {
  const r = commandSchema.safeParse(msg);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: `invalid command ${typeOf(msg)}: ${describe(r.error.issues)}` };
}

/** Validates an event that arrived at the renderer. */
export function parseEvent(msg: unknown): Parsed<HostEvent> {
  const r = eventSchema.safeParse(msg);
  return r.success ? { ok: true, value: r.data as HostEvent } : { ok: false, message: `invalid event ${typeOf(msg)}: ${describe(r.error.issues)}` };
}

/** Adds the envelope to a command body. */
export function command(body: CommandBody): Command {
  return { v: PROTOCOL_VERSION, ...body } as Command;
}

export type { ParamRef };
/** For the other message families' parsers (job-messages.ts): the same wording of what did not fit. */
export { describe as describeIssues, typeOf as messageType };
