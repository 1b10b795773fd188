/**
 * `nnlab check FILE ANSWERS [--run ID] [--update N] [--json]` (docs/cli.md):
 * marks a student's numbers for one update of the session (by default the
 * session's exercise step, else the first update of the experiment or of
 * --run's saved run) right, a rounding slip or wrong, and says why.
 *
 * ANSWERS is a JSON object {"w1": "1.0000065", "dE/dw9": "0.0077", …} or a
 * table, one "name value" a line (src-core/check/table.ts). Exit code 0 when
 * every answer could be checked, whatever the marks; 2 when the input is
 * refused (a bad flag, file, name or number), with each problem on stderr —
 * the answers that could be read are marked on stdout all the same.
 */
import { readFileSync } from 'node:fs';
import type { Session } from '../src-core/session/schema';
import { SessionError } from '../src-core/session/create';
import type { CheckResult } from '../src-core/check/check';
import { checkRunStep } from '../src-core/check/exercise';
import { parseAnswersFile } from '../src-core/check/table';
import { UNKNOWN_NAME } from '../src-core/check/quantities';
import { type Io, Refused, readFlags } from './io';

export interface CheckCommand {
  file: string;
  answers: string;
  run?: string;
  update?: number;
  json: boolean;
}

export const CHECK_USAGE = 'nnlab check FILE ANSWERS [--run ID] [--update N] [--json]';

export function parseCheckArgs(argv: readonly string[]): CheckCommand {
  const refuse = (why: string) => new Refused([`nnlab check: ${why} (usage: ${CHECK_USAGE})`]);
  const { files, values, switches } = readFlags(argv, { values: ['run', 'update'], switches: ['json'] }, refuse);
  const cmd: CheckCommand = { file: files[0], answers: files[1], json: switches.has('json') };
  if (values.run !== undefined) cmd.run = values.run;
  if (values.update !== undefined) {
    const update = values.update;
    if (!/^\d+$/.test(update) || !Number.isSafeInteger(Number(update))) throw refuse(`--update expected an integer >= 0, got ${JSON.stringify(update)}`);
    cmd.update = Number(update);
  }
  if (files.length !== 2) throw refuse(files.length < 2 ? 'expected the session FILE and the ANSWERS file' : `unexpected argument ${JSON.stringify(files[2])}`);
  return cmd;
}

function readAnswers(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Refused([`nnlab check: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? e)}`]);
  }
  const parsed = parseAnswersFile(text);
  const problems = parsed.problems.map((p) => `${file}: ${p}`);
  if (!parsed.answers.length) {
    throw new Refused(problems.length ? problems : [`${file}: no answers in it (expected {"name": "value", …} or lines like "w1 = 1.0000065")`]);
  }
  return { answers: parsed.answers, problems };
}

const MARK: Record<string, string> = { right: 'right', slip: 'slip', wrong: 'WRONG', unknown: '?' };

export function checkText(result: CheckResult, where: string): string {
  const w = Math.max(4, ...result.answers.map((a) => a.name.length));
  const v = Math.max(5, ...result.answers.map((a) => a.typed.length));
  const lines = [`${where}`, `${'name'.padEnd(w)}  ${'typed'.padEnd(v)}  mark   why`];
  for (const a of result.answers) {
    lines.push(`${a.name.padEnd(w)}  ${a.typed.padEnd(v)}  ${MARK[a.mark].padEnd(5)}  ${a.key && a.key !== a.name ? `[${a.key}] ` : ''}${a.text}`);
    for (const d of a.details) lines.push(`${''.padEnd(w + v + 11)}${d}`);
  }
  const s = result.summary;
  lines.push(`${s.right} right, ${s.slip} rounding slip${s.slip === 1 ? '' : 's'}, ${s.wrong} wrong`);
  return lines.join('\n');
}

export function checkCommand(argv: readonly string[], io: Io, shared: { readSession: (name: string, file: string) => Session }): number {
  try {
    const cmd = parseCheckArgs(argv);
    const session = shared.readSession('check', cmd.file);
    const { answers, problems } = readAnswers(cmd.answers);
    const exercise = session.exercise;
    const run = cmd.run ?? (cmd.update === undefined ? exercise?.run : undefined);
    const update = cmd.update ?? (cmd.run === undefined ? (exercise?.update ?? 0) : 0);
    const { step, result } = checkRunStep(session, run, update, answers);
    const unknown = result.answers.filter((a) => a.mark === 'unknown');
    problems.push(...unknown.map((a) => `${cmd.answers}${a.line !== undefined ? `:${a.line}` : ''}: ${JSON.stringify(a.name)}: ${a.text}${a.text === UNKNOWN_NAME ? ' (see docs/cli.md, "nnlab check")' : ''}`));
    // counted as the app counts (update 1 is the first), with the flag that picks it: "update 0 (epoch 0,
    // batch 0)" here was "Update 1 (epoch 1, batch 1)" in the app's Homework panel
    const where = `${run === undefined ? 'the experiment' : `run ${JSON.stringify(run)}`}: update ${update + 1} (epoch ${step.epoch + 1}, batch ${step.batch + 1}; --update ${update})`;
    // what could be read is marked even when some lines could not (as the app's Homework panel reads a
    // pasted table); those are on stderr, and the exit code stays 2 (the whole file had been refused)
    const read = { ...result, answers: result.answers.filter((a) => a.mark !== 'unknown') };
    if (read.answers.length) {
      if (cmd.json) {
        const answersOut = read.answers.map(({ grade: _g, ...a }) => a);
        io.stdout(`${JSON.stringify({ run: run ?? null, update, summary: result.summary, answers: answersOut, ...(problems.length ? { not_read: problems } : {}) }, null, 2)}\n`);
      } else io.stdout(`${checkText(read, where)}\n`);
    }
    if (problems.length) throw new Refused([...problems, `${problems.length} answer${problems.length === 1 ? '' : 's'} not read${read.answers.length ? `; the other ${read.answers.length} marked above` : ''}`]);
    return 0;
  } catch (e) {
    if (e instanceof SessionError) throw new Refused(e.errors.map((x) => `nnlab check: ${x}`));
    throw e;
  }
}
