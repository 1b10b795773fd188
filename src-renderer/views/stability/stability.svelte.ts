/**
 * The stability view's state. Results live in the session itself (the
 * top-level `analysis` field, docs/session-format.md), so Save writes them
 * and Open brings them back; progress and the running request live here.
 * The work is done in the trainer host (`analyze` commands, src-core/protocol/
 * analysis-messages.ts), never on this thread; this module only sends the
 * request and files the answers.
 */
import { z } from 'zod';
import type { AppState } from '../../lib/app.svelte';
import type { Session } from '../../../src-core/session/schema';
import type { HostEvent } from '../../../src-core/protocol/messages';
import {
  MAX_LANDSCAPE_RESOLUTION, MAX_SHARPNESS_POINTS, type AnalysisPart, type AnalysisResultMessage, type LandscapeMessage, type LineMessage, type SharpnessMessage,
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

/** The session's saved analysis, checked; a malformed one is reported and ignored (the rest of the file is untouched). */
export function savedAnalysis(session: Session | null): { value: SavedAnalysis | null; error: string | null } {
  const raw = (session as (Session & { analysis?: unknown }) | null)?.analysis;
  if (raw === undefined || raw === null) return { value: null, error: null };
  const r = savedSchema.safeParse(raw);
  if (r.success) return { value: r.data as SavedAnalysis, error: null };
  const issue = r.error.issues[0];
  return { value: null, error: `analysis.${issue.path.map(String).join('.')}: ${issue.message} (the saved analysis was not shown)` };
}

function plain<T extends object>(m: T): Plain<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    out[k] = v instanceof Float64Array ? Array.from(v) : v !== null && typeof v === 'object' && !Array.isArray(v) ? plain(v as object) : v;
  }
  return out as Plain<T>;
}

class StabilityState {
  /** the request in the trainer host, with its progress */
  running = $state<{ id: string; parts: AnalysisPart[]; part: AnalysisPart | null; done: number; total: number } | null>(null);
  /** the last analysis that failed or was cancelled, and why */
  lastEnd = $state<string | null>(null);
  private nextId = 1;
  private unsubscribe: (() => void) | null = null;

  /** Listens to the trainer host (the view calls this once mounted; returns the detach). */
  attach(app: AppState): () => void {
    this.unsubscribe?.();
    const off = app.hosts.trainer.subscribe((e) => this.onEvent(app, e));
    this.unsubscribe = off;
    return () => {
      off();
      if (this.unsubscribe === off) this.unsubscribe = null;
    };
  }

  settings(app: AppState): Settings {
    return savedAnalysis(app.session).value?.settings ?? defaultSettings;
  }

  setSettings(app: AppState, s: Partial<Settings>): void {
    const saved = savedAnalysis(app.session).value;
    this.update(app, { ...(saved ?? {}), settings: { ...this.settings(app), ...s } });
  }

  /** Asks the trainer host for the parts (a running analysis is replaced). */
  start(app: AppState, parts: { sharpness?: 'current' | 'history'; line?: boolean; landscape?: boolean }): void {
    if (!app.session) return;
    const s = this.settings(app);
    const id = `analysis-${this.nextId++}`;
    const list: AnalysisPart[] = [];
    if (parts.sharpness) list.push('sharpness');
    if (parts.line) list.push('line');
    if (parts.landscape) list.push('landscape');
    this.running = { id, parts: list, part: list[0] ?? null, done: 0, total: 1 };
    this.lastEnd = null;
    app.hosts.trainer.send({
      type: 'analyze', id,
      ...(parts.sharpness ? { sharpness: { over: parts.sharpness, points: s.points, seed: s.seed } } : {}),
      ...(parts.line ? { line: true } : {}),
      ...(parts.landscape ? { landscape: { resolution: s.resolution, range: s.range, directions: s.directions, seed: s.seed } } : {}),
    });
  }

  cancel(app: AppState): void {
    if (this.running) app.hosts.trainer.send({ type: 'cancelAnalysis' });
  }

  private onEvent(app: AppState, e: HostEvent): void {
    if (e.type !== 'analysisProgress' && e.type !== 'analysisResult' && e.type !== 'analysisEnd') return;
    const r = this.running;
    if (!r || e.id !== r.id) return;
    if (e.type === 'analysisProgress') {
      this.running = { ...r, part: e.part, done: e.done, total: e.total };
    } else if (e.type === 'analysisResult') {
      this.file(app, e.epoch, e.result);
    } else {
      this.running = null;
      this.lastEnd = e.outcome === 'done' ? null : `${e.outcome === 'failed' ? 'The analysis failed' : 'Stopped'}: ${e.message}`;
    }
  }

  private file(app: AppState, epoch: number, result: AnalysisResultMessage): void {
    const saved: SavedAnalysis = savedAnalysis(app.session).value ?? { settings: this.settings(app) };
    if (result.part === 'sharpness') saved.sharpness = { ...result, epoch };
    else if (result.part === 'line') saved.line = { ...plain(result), at: epoch };
    else saved.landscape = { ...plain(result), at: epoch };
    this.update(app, saved);
  }

  private update(app: AppState, analysis: SavedAnalysis): void {
    if (!app.session) return;
    app.session = { ...app.session, analysis } as Session;
    app.dirty = true;
    app.hosts.files.setDirty(true);
  }
}

export const stability = new StabilityState();

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
