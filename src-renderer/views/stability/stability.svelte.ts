/**
 * The stability view's state: the running request and its progress. Results
 * live in the session itself (saved.ts), so Save writes them and Open brings
 * them back. The work is done in the trainer host (`analyze` commands,
 * src-core/protocol/analysis-messages.ts), never on this thread; this module
 * only sends the request and files the answers.
 */
import type { AppState } from '../../lib/app.svelte';
import type { Session } from '../../../src-core/session/schema';
import type { HostEvent } from '../../../src-core/protocol/messages';
import type { AnalysisPart, AnalysisResultMessage } from '../../../src-core/protocol/analysis-messages';
import { defaultSettings, mergeSharpness, plain, savedAnalysis, type SavedAnalysis, type Settings } from './saved';

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

  /** Stops the request; the view lets go of it at once (a host that restarted meanwhile has nothing to answer). */
  cancel(app: AppState): void {
    if (!this.running) return;
    app.hosts.trainer.send({ type: 'cancelAnalysis' });
    this.running = null;
    this.lastEnd = 'Stopped: cancelled';
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
    const saved: SavedAnalysis = { ...(savedAnalysis(app.session).value ?? { settings: this.settings(app) }) };
    if (result.part === 'sharpness') saved.sharpness = mergeSharpness(saved.sharpness, { ...result, epoch });
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
