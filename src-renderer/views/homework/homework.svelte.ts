/**
 * The homework panel's state, kept here (not in app.svelte.ts): the numbers
 * the student typed, by form row or as extra "name value" lines, and the marks
 * of the last check. It is written to the session's "exercise" field on every
 * change, so Save keeps it, and read back from it when a session is opened.
 */
import type { AppState } from '../../lib/app.svelte';
import type { StepDetail } from '../../../src-core/train/types';
import type { Exercise, SavedResult } from '../../../src-core/check/exercise-schema';
import { checkAnswers, type Answer, type CheckResult } from '../../../src-core/check/check';
import { EXPERIMENT_RUN } from '../../../src-core/session/runs';
import { runs } from '../../lib/runs.svelte';
import { checkContextOf, experimentOfRun, sessionParamNames, stepOfExperiment } from '../../../src-core/check/exercise';
import { answersGivenAway, hiddenAnswers, shownNumbers, type GivenAway } from '../../../src-core/check/leaks';
import { SessionError } from '../../../src-core/session/create';
import { parseTable } from '../../../src-core/check/table';
import { Namer, quantityKey, UNKNOWN_NAME } from '../../../src-core/check/quantities';
import type { FormRow } from './form';
import { exerciseOf } from './exercise';
import { checkInWorker } from './run-check';

class Homework {
  /** form row key → the text typed */
  values = $state<Record<string, string>>({});
  /** answers that are not form rows (pasted factors such as dz4/dw7) */
  extras = $state<Answer[]>([]);
  results = $state.raw<SavedResult[]>([]);
  message = $state('');
  problems = $state<string[]>([]);
  /** a check against a saved run's step is being made (in a worker) */
  checking = $state(false);
  /** the exercise object last read or written: another one in the session means another file (or an undo) */
  private synced: Exercise | undefined | null = null;

  /** Reads the session's exercise when it is not the one this panel wrote. */
  sync(app: AppState, rows: FormRow[]): void {
    const ex = exerciseOf(app.session);
    if (ex === this.synced) return;
    this.synced = ex;
    const byName = new Map(rows.map((r) => [r.name, r.key]));
    const values: Record<string, string> = {};
    const extras: Answer[] = [];
    for (const a of ex?.answers ?? []) {
      const key = byName.get(a.name);
      if (key) values[key] = a.value;
      else extras.push({ name: a.name, value: a.value });
    }
    this.values = values;
    this.extras = extras;
    this.results = ex?.results ?? [];
    this.message = '';
    this.problems = [];
  }

  answers(rows: FormRow[]): Answer[] {
    const out: Answer[] = [];
    for (const r of rows) {
      const v = this.values[r.key]?.trim();
      if (v) out.push({ name: r.name, value: v });
    }
    return [...out, ...this.extras.filter((a) => a.value.trim())];
  }

  /** The exercise as it should be saved now. */
  private write(app: AppState, patch: Partial<Exercise>, rows: FormRow[]): void {
    const ex = exerciseOf(app.session);
    const next: Exercise = { update: 0, hidden: false, revealed: false, ...(ex ?? {}), answers: this.answers(rows), ...patch } as Exercise;
    if (!next.results?.length) delete next.results;
    this.synced = next;
    app.setSessionField('exercise', next);
  }

  changed(app: AppState, rows: FormRow[]): void {
    this.write(app, {}, rows);
  }

  /** A pasted table: rows it names are filled in, other quantities kept as extra answers. */
  /** Reads a pasted table into the boxes; returns the lines it could not read, to stay in the paste box. */
  paste(app: AppState, rows: FormRow[], text: string): string {
    const spec = app.experiment?.network;
    if (!spec) return text;
    const parsed = parseTable(text);
    const bad = new Set(parsed.badLines ?? []);
    const namer = new Namer({ spec, names: sessionParamNames(app.session) });
    const byKey = new Set(rows.map((r) => r.key));
    const values = { ...this.values };
    const extras = [...this.extras];
    const problems = [...parsed.problems];
    for (const a of parsed.answers) {
      const q = namer.quantity(a.name);
      if ('error' in q) {
        problems.push(`line ${a.line}: ${JSON.stringify(a.name)}: ${q.error === UNKNOWN_NAME ? `${q.error}: the names are those of the boxes above, such as w1, b1, dL/dw1, a4` : q.error}`);
        if (a.line !== undefined) bad.add(a.line);
        continue;
      }
      const key = quantityKey(q);
      if (byKey.has(key)) values[key] = a.value;
      else {
        const at = extras.findIndex((x) => x.name === a.name);
        if (at >= 0) extras[at] = { name: a.name, value: a.value };
        else extras.push({ name: a.name, value: a.value });
      }
    }
    this.values = values;
    this.extras = extras;
    this.problems = problems;
    const lines = text.split(/\r?\n/);
    const total = parsed.answers.length + (parsed.badLines?.length ?? 0);
    const read = total - bad.size;
    this.message = bad.size ? `Read ${read} of ${total} lines; the others stay in the box to be fixed.` : `Read ${read} line${read === 1 ? '' : 's'}.`;
    this.write(app, {}, rows);
    return lines.filter((_, k) => bad.has(k + 1)).join('\n');
  }

  /** Marks every answer against the step; the marks are saved with the session. */
  check(app: AppState, step: StepDetail, update: number, rows: FormRow[]): void {
    const exp = app.experiment;
    if (!exp) return;
    const ctx = { ...checkContextOf(exp, app.session), ...(app.data?.inputNames ? { inputNames: app.data.inputNames } : {}) };
    this.marked(app, checkAnswers(ctx, step, this.answers(rows)), update, rows);
  }

  /**
   * An exercise tied to saved run `run`: its update `update` made from the
   * run's start (in a worker), as `nnlab check FILE ANSWERS --run ID` does.
   */
  async checkRun(app: AppState, run: string, update: number, rows: FormRow[]): Promise<void> {
    const session = app.session;
    if (!session || this.checking) return;
    this.checking = true;
    this.message = 'Checking…';
    this.problems = [];
    try {
      // plain copies: the answers are state proxies, which a worker message cannot carry
      const r = await checkInWorker($state.snapshot(session) as typeof session, run, update, $state.snapshot(this.answers(rows)));
      if (app.session?.exercise !== session.exercise) {
        this.message = '';
        return; // another file (or an undo) meanwhile: these marks are not for it
      }
      if ('errors' in r) {
        this.message = '';
        this.problems = r.errors;
        return;
      }
      this.marked(app, r.result, update, rows);
    } finally {
      this.checking = false;
    }
  }

  private marked(app: AppState, result: CheckResult, update: number, rows: FormRow[]): void {
    this.results = result.answers.map((a) => ({ name: a.name, typed: a.typed, ...(a.key ? { key: a.key } : {}), mark: a.mark, text: a.text, details: a.details }));
    const s = result.summary;
    this.message = `${s.right} right, ${s.slip} rounding slip${s.slip === 1 ? '' : 's'}, ${s.wrong} wrong${s.unknown ? `, ${s.unknown} not read` : ''}.`;
    // every box of the form marked: the exercise is done, and its numbers are shown (as Reveal does)
    const done = this.checkedBoxes(rows) === rows.length;
    this.write(app, { update, results: this.results, ...(done ? { revealed: true } : {}) }, rows);
  }

  /** How many boxes of the form the last check marked (for an exercise's banner). */
  checkedBoxes(rows: FormRow[]): number {
    return rows.filter((r) => this.results.some((x) => x.name === r.name)).length;
  }

  reveal(app: AppState, rows: FormRow[]): void {
    this.write(app, { revealed: true }, rows);
  }

  /** A teacher's exercise: this update (of the run the trainer holds, when it is a saved one), hidden, no answers yet. */
  makeExercise(app: AppState, update: number, rows: FormRow[]): void {
    this.values = {};
    this.extras = [];
    this.results = [];
    const run = exerciseRun(app);
    const next = { update, hidden: true, revealed: false, answers: [], ...(run !== undefined ? { run } : {}) } as Exercise;
    this.synced = next;
    app.setSessionField('exercise', next);
  }

  /**
   * The hidden numbers of update `update` (the exercise makeExercise would make) that the session's notes
   * or a saved run's notes give away in plain text (src-core/check/leaks.ts), each with where it is.
   */
  givenAway(app: AppState, update: number, rows: FormRow[]): (GivenAway & { where: string })[] {
    const session = app.session;
    if (!session || rows.length === 0) return [];
    let step: StepDetail;
    const experiment = experimentOfRun(session, exerciseRun(app));
    try {
      step = stepOfExperiment(experiment, update);
    } catch (e) {
      if (e instanceof SessionError) return []; // no such update: the exercise says so when it is opened
      throw e;
    }
    const ctx = { ...checkContextOf(experiment, session), ...(app.data?.inputNames ? { inputNames: app.data.inputNames } : {}) };
    const answers = hiddenAnswers(ctx, step, rows);
    const shown = shownNumbers(step);
    const texts: [string, string][] = [['the notes', session.notes ?? ''], ...(session.runs ?? []).flatMap((r): [string, string][] => (r.notes ? [[`the notes of run “${r.label}”`, r.notes]] : []))];
    return texts.flatMap(([where, text]) => answersGivenAway(text, answers, shown).map((g) => ({ ...g, where })));
  }

  /** The saved result of an answer, when it is for the text typed now. */
  resultFor(name: string, typed: string | undefined): SavedResult | undefined {
    const t = typed?.trim();
    return t ? this.results.find((r) => r.name === name && r.typed === t) : undefined;
  }
}

export const homework = new Homework();

/** The saved run an exercise made now is tied to (the current one), or none for the experiment's own run. */
function exerciseRun(app: AppState): string | undefined {
  return runs.currentId !== EXPERIMENT_RUN && app.session?.runs?.some((r) => r.id === runs.currentId) ? runs.currentId : undefined;
}
