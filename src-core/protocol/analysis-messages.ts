/**
 * The protocol's analysis messages (issue 14; part of protocol 1, added
 * later): the renderer asks the trainer host for the sharpness (now, or at
 * the recorded epochs), the last step's line and the loss landscape of the
 * current point; the host computes them in slices (analysis-runner.ts) and
 * answers with progress, one result per part, and an end.
 *
 *   → analyze { id, sharpness?, line?, landscape? }   (a new one replaces a running one)
 *   → cancelAnalysis { id? }
 *   ← analysisProgress { id, part, done, total }      (at most ~10 a second)
 *   ← analysisResult { id, epoch, updates, result }   (one per part, as it completes)
 *   ← analysisEnd { id, outcome: done | cancelled | failed, message }
 *
 * Grids and lines travel as Float64Arrays (one copy across the thread boundary).
 */
import { z } from 'zod';
import type { SharpnessPoint } from '../analysis';

const v = z.literal(1, { error: 'protocol version 1' });
const id = z.string().max(200).optional();
const finite = z.number().refine(Number.isFinite, { error: 'a finite number' });
// results may hold NaN / ±Infinity (a loss overflowing far out on the grid): z.number() refuses those
const anyNum = z.custom<number>((x) => typeof x === 'number', { error: 'a number' });
const f64 = z.instanceof(Float64Array, { error: 'a Float64Array' });

export const analysisParts = ['sharpness', 'line', 'landscape'] as const;
export type AnalysisPart = (typeof analysisParts)[number];

export const MAX_LANDSCAPE_RESOLUTION = 101;
export const MAX_SHARPNESS_POINTS = 200;

export const landscapeRequestSchema = z.object({
  /** grid points per side */
  resolution: z.int().min(3).max(MAX_LANDSCAPE_RESOLUTION),
  /** α, β from −range to range */
  range: finite.refine((r) => r > 0 && r <= 1000, { error: 'a number > 0 and ≤ 1000' }),
  directions: z.enum(['random', 'trajectory']),
  seed: z.int().min(0).max(2 ** 31),
});
export type LandscapeRequest = z.infer<typeof landscapeRequestSchema>;

export const analysisCommandSchemas = [
  z.object({
    v, id, type: z.literal('analyze'),
    /** λ_max at the current point, or at up to `points` recorded epochs (evenly spaced, the current one last) */
    sharpness: z.object({ over: z.enum(['current', 'history']), points: z.int().min(1).max(MAX_SHARPNESS_POINTS).optional(), seed: z.int().min(0).max(2 ** 31).optional() }).optional(),
    /** the loss along the last update's line */
    line: z.boolean().optional(),
    landscape: landscapeRequestSchema.optional(),
  }).refine((c) => c.sharpness || c.line || c.landscape, { error: 'analyze: ask for sharpness, line or landscape' }),
  /** Stops the running analysis (answered by analysisEnd "cancelled"). */
  z.object({ v, id, type: z.literal('cancelAnalysis') }),
] as const;

export type { SharpnessPoint };

export interface SharpnessMessage {
  part: 'sharpness';
  over: 'current' | 'history';
  /** the learning rate in force and the sharpness limit it sets (2/lr; momentum (2 + 2μ)/lr; null for Adam) */
  lr: number;
  limit: number | null;
  optimizer: 'sgd' | 'adam';
  points: SharpnessPoint[];
  /** the sentence for the current (last) point */
  says: string;
}

export interface LineMessage {
  part: 'line';
  /** the epoch the update belonged to */
  epoch: number;
  t: Float64Array;
  loss: Float64Array;
  old: number;
  new: number;
  min: { t: number; loss: number };
  from: number;
  to: number;
  stepLength: number;
  lr: number;
}

export interface LandscapeMessage {
  part: 'landscape';
  resolution: number;
  range: number;
  directions: 'random' | 'trajectory';
  seed: number;
  cosine: number;
  note: string | null;
  alphas: Float64Array;
  betas: Float64Array;
  /** loss[r · resolution + c] at (alphas[c], betas[r]) */
  loss: Float64Array;
  min: { alpha: number; beta: number; loss: number };
  center: number;
  path: { epochs: Float64Array; alpha: Float64Array; beta: Float64Array; offPlane: number };
  best: { epoch: number; alpha: number; beta: number } | null;
}

export type AnalysisResultMessage = SharpnessMessage | LineMessage | LandscapeMessage;

export interface AnalysisProgressEvent { v: 1; type: 'analysisProgress'; id?: string; part: AnalysisPart; done: number; total: number }
export interface AnalysisResultEvent { v: 1; type: 'analysisResult'; id?: string; epoch: number; updates: number; result: AnalysisResultMessage }
export interface AnalysisEndEvent { v: 1; type: 'analysisEnd'; id?: string; outcome: 'done' | 'cancelled' | 'failed'; message: string }
export type AnalysisEvent = AnalysisProgressEvent | AnalysisResultEvent | AnalysisEndEvent;

const index = z.int().min(0);
const sharpnessPoint = z.object({
  epoch: index, value: anyNum, iterations: index, converged: z.boolean(), residual: anyNum, stableLr: anyNum.nullable(),
  top: z.array(z.object({ name: z.string(), value: anyNum })),
});
const resultSchema = z.discriminatedUnion('part', [
  z.object({
    part: z.literal('sharpness'), over: z.enum(['current', 'history']), lr: anyNum, limit: anyNum.nullable(), optimizer: z.enum(['sgd', 'adam']),
    points: z.array(sharpnessPoint).min(1), says: z.string(),
  }),
  z.object({
    part: z.literal('line'), epoch: index, t: f64, loss: f64, old: anyNum, new: anyNum, min: z.object({ t: anyNum, loss: anyNum }),
    from: anyNum, to: anyNum, stepLength: anyNum, lr: anyNum,
  }).refine((l) => l.t.length === l.loss.length, { error: 'line: t and loss need the same length' }),
  z.object({
    part: z.literal('landscape'), resolution: z.int().min(2), range: anyNum, directions: z.enum(['random', 'trajectory']), seed: index,
    cosine: anyNum, note: z.string().nullable(), alphas: f64, betas: f64, loss: f64,
    min: z.object({ alpha: anyNum, beta: anyNum, loss: anyNum }), center: anyNum,
    path: z.object({ epochs: f64, alpha: f64, beta: f64, offPlane: anyNum }).refine((p) => p.alpha.length === p.epochs.length && p.beta.length === p.epochs.length, { error: 'path: one α and β per epoch' }),
    best: z.object({ epoch: index, alpha: anyNum, beta: anyNum }).nullable(),
  }).refine((g) => g.alphas.length === g.resolution && g.betas.length === g.resolution && g.loss.length === g.resolution * g.resolution, {
    error: 'landscape: resolution alphas and betas, resolution² losses',
  }),
]);

export const analysisEventSchemas = [
  z.object({ v, id, type: z.literal('analysisProgress'), part: z.enum(analysisParts), done: anyNum, total: anyNum }),
  z.object({ v, id, type: z.literal('analysisResult'), epoch: index, updates: index, result: resultSchema }),
  z.object({ v, id, type: z.literal('analysisEnd'), outcome: z.enum(['done', 'cancelled', 'failed']), message: z.string() }),
] as const;
