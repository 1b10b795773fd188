/**
 * The session's exercise (src-core/check/exercise.ts) as the views see it.
 * While a teacher's exercise is hidden — not revealed, not every box checked — the
 * views that show a step's numbers (the math view, the weights table, the
 * readouts, the plots, the network's values and timeline) call exerciseHides(app) and show the
 * starting values only.
 */
import type { Session } from '../../../src-core/session/schema';
import type { Exercise } from '../../../src-core/check/exercise-schema';

export function exerciseOf(session: Session | null | undefined): Exercise | undefined {
  return session?.exercise;
}

/**
 * True while the exercise's numbers must stay hidden (reads app.session: reactive in a $derived): until
 * the student reveals them, or a check has marked an answer in every box of the form (both set
 * `revealed`). One box checked had shown every number of the update, the other answers among them.
 */
export function exerciseHides(app: { session: Session | null }): boolean {
  const ex = exerciseOf(app.session);
  return !!ex && ex.hidden && !ex.revealed;
}

export const HIDDEN_TEXT = 'Hidden: this is an exercise. Work the step out by hand and check your numbers in the Homework panel (or reveal them there).';
