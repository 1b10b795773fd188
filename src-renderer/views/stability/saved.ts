/**
 * The stability view's saved results: the session's top-level `analysis`
 * field (docs/session-format.md), checked when a file is opened, and the
 * plain functions the charts use. No runes here (unit-tested as is).
 */
import { z } from 'zod';
import type { Session } from '../../../src-core/session/schema';
import {
  MAX_LANDSCAPE_RESOLUTION, MAX_SHARPNESS_POINTS, type LandscapeMessage, type LineMessage, type SharpnessMessage,
} from '../../../src-core/protocol/analysis-messages';

/** Float64Arrays as plain lists: what the session file holds. */
type Plain<T> = { [K in keyof T]: T[K] extends Float64Array ? number[] : T[K] extends object | null ? Plain<T[K]> : T[K] };

export type SavedSharpness = SharpnessMessage & { epoch: number };
export type SavedLine = Plain<LineMessage> & { at: number };
export type SavedLandscape = Plain<LandscapeMessage> & { at: number };

export interface Settings {
  resolution: number;
  range: number;
  directions: 'random' | 'trajectory';
  seed: number;
  /** recorded epochs the sharpness is computed at */
  points: number;
}

export interface SavedAnalysis {
  settings: Settings;
  sharpness?: SavedSharpness;
  line?: SavedLine;
  landscape?: SavedLandscape;
}

export const defaultSettings: Settings = { resolution: 31, range: 1, directions: 'random', seed: 0, points: 100 };

const num = z.number().nullable().transform((x) => x ?? NaN); // JSON writes NaN / Infinity as null
const nums = z.array(num);
const settingsSchema = z.object({
  resolution: z.int().min(3).max(MAX_LANDSCAPE_RESOLUTION),
  range: z.number().positive().max(1000),
  directions: z.enum(['random', 'trajectory']),
  seed: z.int().min(0).max(2 ** 31),
  points: z.int().min(1).max(MAX_SHARPNESS_POINTS),
});
const savedSchema = z.object({
  settings: settingsSchema,
  sharpness: z.object({
    part: z.literal('sharpness'), epoch: z.int().min(0), over: z.enum(['current', 'history']), lr: num, limit: z.number().nullable(), optimizer: z.enum(['sgd', 'adam']), says: z.string(),
    points: z.array(z.object({
      epoch: z.int().min(0), value: num, iterations: z.int().min(0), converged: z.boolean(), residual: num, stableLr: z.number().nullable(),
      top: z.array(z.object({ name: z.string(), value: num })),
    })).min(1),
  }).optional(),
  line: z.object({
    part: z.literal('line'), at: z.int().min(0), epoch: z.int().min(0), t: nums, loss: nums, old: num, new: num, min: z.object({ t: num, loss: num }),
    from: num, to: num, stepLength: num, lr: num,
  }).refine((l) => l.t.length === l.loss.length, { error: 't and loss need the same length' }).optional(),
  landscape: z.object({
    part: z.literal('landscape'), at: z.int().min(0), resolution: z.int().min(2), range: num, directions: z.enum(['random', 'trajectory']), seed: z.int().min(0),
    cosine: num, note: z.string().nullable(), alphas: nums, betas: nums, loss: nums, min: z.object({ alpha: num, beta: num, loss: num }), center: num,
    path: z.object({ epochs: nums, alpha: nums, beta: nums, offPlane: num }), best: z.object({ epoch: z.int().min(0), alpha: num, beta: num }).nullable(),
  }).refine((g) => g.alphas.length === g.resolution && g.betas.length === g.resolution && g.loss.length === g.resolution ** 2, { error: 'the grid needs resolution² losses' }).optional(),
});

/** each saved analysis checked once: the views ask on every session change, and a 51×51 grid is 2 601 numbers to check */
const checkedAnalyses = new WeakMap<object, { value: SavedAnalysis | null; error: string | null }>();

/** The session's saved analysis, checked; a malformed one is reported and ignored (the rest of the file is untouched). Treat the value as read-only. */
export function savedAnalysis(session: Session | null): { value: SavedAnalysis | null; error: string | null } {
  const raw = (session as (Session & { analysis?: unknown }) | null)?.analysis;
  if (raw === undefined || raw === null) return { value: null, error: null };
  const key = typeof raw === 'object' ? raw : null;
  const hit = key ? checkedAnalyses.get(key) : undefined;
  if (hit) return hit;
  const r = savedSchema.safeParse(raw);
  const issue = r.success ? null : r.error.issues[0];
  const out = r.success
    ? { value: r.data as SavedAnalysis, error: null }
    : { value: null, error: `analysis.${issue!.path.map(String).join('.')}: ${issue!.message} (the saved analysis was not shown)` };
  if (key) checkedAnalyses.set(key, out);
  return out;
}

export function plain<T extends object>(m: T): Plain<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    out[k] = v instanceof Float64Array ? Array.from(v) : v !== null && typeof v === 'object' && !Array.isArray(v) ? plain(v as object) : v;
  }
  return out as Plain<T>;
}


/**
 * The sharpness at the current point joins the curve over the epochs when it
 * continues it (same learning rate, no point past it: the same run, further on);
 * otherwise it replaces it.
 */
export function mergeSharpness(old: SavedSharpness | undefined, next: SavedSharpness): SavedSharpness {
  if (!old || next.over !== 'current' || old.lr !== next.lr || old.points.some((p) => p.epoch > next.epoch)) return next;
  const points = [...old.points.filter((p) => p.epoch !== next.epoch), ...next.points].sort((a, b) => a.epoch - b.epoch);
  return { ...next, over: old.over, points };
}

/** The epoch where a sampled series first exceeds `limit`, interpolated linearly between samples (null: never). */
export function crossing(points: { epoch: number; value: number }[], limit: number): number | null {
  for (let k = 0; k < points.length; k++) {
    if (!(points[k].value > limit)) continue;
    if (k === 0) return points[0].epoch;
    const a = points[k - 1];
    const b = points[k];
    return a.epoch + ((limit - a.value) / (b.value - a.value)) * (b.epoch - a.epoch);
  }
  return null;
}

/** The first epoch after which the loss goes up (entry k+1 > entry k), null if it never does. */
export function firstRise(loss: ArrayLike<number>): number | null {
  for (let k = 0; k + 1 < loss.length; k++) if (loss[k + 1] > loss[k]) return k;
  return null;
}
