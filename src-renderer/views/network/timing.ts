/** Render timings for the benchmark e2e test: kept on window.__nnlabTimings (name → ms list). */
export function recordTiming(name: string, ms: number): void {
  const w = window as unknown as { __nnlabTimings?: Record<string, number[]> };
  const t = (w.__nnlabTimings ??= {});
  (t[name] ??= []).push(ms);
}
