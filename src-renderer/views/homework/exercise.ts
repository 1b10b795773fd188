/**
 * The session's exercise (src-core/check/exercise.ts) as the views see it.
 * While a teacher's exercise is hidden — not revealed, not yet checked — the
 * views that show a step's numbers (the math view, the weights table, the
 * readouts, the plots, the network's values and timeline) call exerciseHides(app) and show the
 * starting values only.
 */
import type { Session } from '../../../src-core/session/schema';
import type { Exercise } from '../../../src-core/check/exercise-schema';

export function exerciseOf(session: Session | null | undefined): Exercise | undefined {
  return session?.exercise;
}

/** True while the exercise's numbers must stay hidden (reads app.session: reactive in a $derived). */
export function exerciseHides(app: { session: Session | null }): boolean {
  const ex = exerciseOf(app.session);
  return !!ex && ex.hidden && !ex.revealed && !(ex.results && ex.results.length);
}

export const HIDDEN_TEXT = 'Hidden: this is an exercise. Work the step out by hand and check your numbers in the Homework panel (or reveal them there).';
