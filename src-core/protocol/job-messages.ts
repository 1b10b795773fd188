/**
 * The job protocol (part of protocol 1, added later): how a sweep or "Run
 * all" hands one run to a job worker — a Web Worker in the browser, an
 * Electron utility process in the desktop app (src-main/supervisor-jobs.ts) —
 * and what the worker answers. Both ends validate what arrives with these
 * schemas: the worker each command (serveJobs), the renderer's pool each
 * event (src-core/sweep/pool.ts). A message that does not fit is a clear
 * failure of the job it concerns, never a crash or a hang.
 *
 *   → runJob   { job }                         one at a time per worker
 *   ← jobProgress { index, epoch, epochs }     about every 100 ms
 *   ← jobDone  { index, run, ms }              the run as a saved run, long lists packed (job.ts packRun)
 *   ← jobFailed { index, errors }              index −1: a command the worker refused
 */
import { z } from 'zod';
import { experimentSchema, runSchema } from '../session/schema';
import { describeIssues, messageType, type Parsed } from './messages';

const v = z.literal(1, { error: 'protocol version 1' });
const index = z.int().min(0);
// a diverged run holds NaN and ±Infinity: z.number() refuses those
const anyNum = z.custom<number>((x) => typeof x === 'number', { error: 'a number' });
const f64 = z.instanceof(Float64Array, { error: 'a Float64Array' });
const jsonRecord = z.record(z.string(), z.unknown(), { error: 'an object of "path": value' });

/** A list nested `depth` deep whose leaves are numbers (checked with a loop: params have thousands). */
const numbersDeep = (depth: number) => {
  const ok = (x: unknown, d: number): boolean => {
    if (!Array.isArray(x)) return false;
    for (let k = 0; k < x.length; k++) if (d === 1 ? typeof x[k] !== 'number' : !ok(x[k], d - 1)) return false;
    return true;
  };
  return z.custom<unknown[]>((x) => ok(x, depth), { error: `a list of numbers ${depth} deep` });
};

export const sweepPointSchema = z.object({
  id: z.string().min(1).max(500),
  label: z.string().max(500),
  overrides: jsonRecord,
  coords: z.array(index),
  axisLabels: z.array(z.string()),
});

export const sweepJobSchema = z.object({
  index,
  point: sweepPointSchema,
  experiment: experimentSchema,
  maxHistoryParamNumbers: z.int().min(0).optional(),
  resume: runSchema.optional(),
});

export const jobCommandSchema = z.discriminatedUnion('type', [
  /** Train one run; the worker answers with progress, then jobDone or jobFailed with the job's index. */
  z.object({ v, type: z.literal('runJob'), job: sweepJobSchema }),
]);

/**
 * A list of epochs, checked with a plain loop: a finished run of 60 000 epochs
 * carries thousands, and zod per element on the page's thread cost ~20 ms a
 * message (seven runs ending together were a 128 ms task).
 */
const epochList = z.custom<number[]>((x) => {
  if (!Array.isArray(x)) return false;
  for (let k = 0; k < x.length; k++) if (!Number.isInteger(x[k]) || x[k] < 0) return false;
  return true;
}, { error: 'a list of epochs (integers >= 0)' });

/** A finished run's history as it crosses threads: number series as Float64Arrays (job.ts packRun). */
export const packedHistorySchema = z.object({
  series: z.record(z.string(), f64),
  params: z
    .object({ epochs: epochList, stride: z.int().min(1), size: index, values: f64 })
    .refine((p) => p.values.length === p.size * p.epochs.length, { error: 'values: expected size × epochs.length numbers' })
    .optional(),
  rest: z.record(z.string(), z.unknown()),
});

const packedRunSchema = runSchema.extend({
  history: z.object({ __packed: packedHistorySchema }, { error: 'a packed history' }),
  params: z.object({ weights: numbersDeep(3), biases: numbersDeep(2) }).optional(),
});

export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ v, type: z.literal('jobProgress'), index, epoch: index, epochs: index }),
  z.object({ v, type: z.literal('jobDone'), index, run: packedRunSchema, ms: anyNum }),
  z.object({ v, type: z.literal('jobFailed'), index: z.int().min(-1), errors: z.array(z.string()).min(1) }),
]);

export type JobCommand = z.infer<typeof jobCommandSchema>;
export type JobEvent = z.infer<typeof jobEventSchema>;

/** Validates a command that arrived at a job worker. */
export function parseJobCommand(msg: unknown): Parsed<JobCommand> {
  const r = jobCommandSchema.safeParse(msg);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: `invalid job command ${messageType(msg)}: ${describeIssues(r.error.issues)}` };
}

/** Validates an event that arrived from a job worker. */
export function parseJobEvent(msg: unknown): Parsed<JobEvent> {
  const r = jobEventSchema.safeParse(msg);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: `invalid job event ${messageType(msg)}: ${describeIssues(r.error.issues)}` };
}
