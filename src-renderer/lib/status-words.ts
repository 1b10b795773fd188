/**
 * A run's status in the words every view uses (the toolbar, the runs list, the Compare and Sweep tables):
 * "finished" for the engine's "completed", "stopped early" for "stopped_early". The tables said "completed"
 * beside the runs list's "finished".
 */
const WORDS: Record<string, string> = {
  empty: 'no session', idle: 'ready', running: 'running', paused: 'paused',
  completed: 'finished', diverged: 'diverged', stopped_early: 'stopped early', error: 'error',
};

export function statusWord(status: string): string {
  return WORDS[status] ?? status;
}
