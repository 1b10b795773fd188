/**
 * `nnlab`: run, step and validate sessions without the window (CLI.md).
 * Exit codes: 0 done (a diverged run is a result), 2 input refused (bad file,
 * bad flag) with the reason on stderr, 1 anything else. No stack traces
 * unless NNLAB_DEBUG=1.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { atomicWriteFile } from '../src-node/atomic-write';
import { performance } from 'node:perf_hooks';
import { applyOverrides } from '../src-core/session/overrides';
import { createTrainer, runEntry, SessionError } from '../src-core/session/create';
import type { Experiment, Session } from '../src-core/session/schema';
import { LIMITS } from '../src-core/session/limits';
import { parseSession, serializeSession } from '../src-core/session/session';
import { type Command, parseArgs, USAGE } from './args';
import { installNodeDigits } from '../src-node/mnist-digits';
import { analyze } from './analyze';
import { divergenceText, runReport, runText, stepReport, stepText } from './report';
import { type Io, processIo, Refused } from './io';
import { checkCommand } from './check';
import { exportCommand } from './export';

export type { Io };

// MNIST data kinds read the mnist package's digits (lazily, only when a session asks for them)
installNodeDigits();

/** A refusal's lines, each starting with a JSON path (or a file's line and column); a builder's bare message gets "experiment: ". */
function withPaths(lines: readonly string[]): string[] {
  return lines.flatMap((l) => l.split('\n')).map((l) => (/^(experiment|runs|format|version|title|notes|view|param_names|exercise|analysis|line \d|\(the whole file\))\b/.test(l) ? l : `experiment: ${l}`));
}

function readSession(name: string, file: string): Session {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > LIMITS.fileSize) throw new Refused([`nnlab ${name}: ${file}: ${size} bytes is more than a session file can be (at most ${LIMITS.fileSize})`]);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof Refused) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? e);
    throw new Refused([`nnlab ${name}: cannot read ${file}: ${why}`]);
  }
  const parsed = parseSession(text);
  if (!parsed.ok) {
    // not JSON at all (a text file, a picture): say so and name it, rather than "line 1, column 1: expected a value"
    const first = text.replace(/^\uFEFF/, '').trimStart()[0];
    if (first !== '{' && first !== '[' && /^line \d+, column \d+:/.test(parsed.errors[0] ?? '')) {
      throw new Refused([`${file}: not a session file: it is not JSON (${parsed.errors[0]})`]);
    }
    throw new Refused(parsed.errors);
  }
  return parsed.session;
}

/** The experiment with a saved run's overrides (if any) and then the --set ones; also the overrides applied. */
function experimentFor(session: Session, cmd: { command: string; sets: Record<string, unknown>; run?: string; epochs?: number }) {
  let overrides: Record<string, unknown> = {};
  if (cmd.run !== undefined) {
    const run = session.runs?.find((r) => r.id === cmd.run);
    if (!run) {
      const ids = (session.runs ?? []).map((r) => JSON.stringify(r.id)).join(', ') || 'none';
      throw new Refused([`nnlab ${cmd.command}: --run ${JSON.stringify(cmd.run)}: no such run in the file (its runs: ${ids})`]);
    }
    overrides = { ...run.overrides };
  }
  overrides = { ...overrides, ...cmd.sets, ...(cmd.epochs !== undefined ? { epochs: cmd.epochs } : {}) };
  const applied = applyOverrides(session.experiment, overrides);
  if (!applied.ok) throw new Refused(applied.errors);
  return { experiment: applied.value, overrides };
}

function trainerFor(experiment: Experiment) {
  try {
    return createTrainer(experiment);
  } catch (e) {
    if (e instanceof SessionError) throw new Refused(withPaths(e.errors));
    throw e;
  }
}

/** A new run id: from the overrides ("lr-0.25"), unique in the session. */
function newRunId(session: Session, overrides: Record<string, unknown>): string {
  const parts = Object.entries(overrides).map(([path, v]) => `${path.split('.').pop()}-${typeof v === 'object' ? 'custom' : String(v)}`);
  const base = parts.join('_') || 'run';
  const taken = new Set((session.runs ?? []).map((r) => r.id));
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}-${k}`)) k++;
  return `${base}-${k}`;
}

async function run(cmd: Extract<Command, { command: 'run' }>, io: Io): Promise<number> {
  if (cmd.write !== undefined) {
    const folder = dirname(cmd.write);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Refused([`nnlab run: --write ${cmd.write}: the folder ${folder} does not exist`]);
    if (existsSync(cmd.write) && statSync(cmd.write).isDirectory()) throw new Refused([`nnlab run: --write ${cmd.write}: that is a folder, expected a file name`]);
  }
  const session = readSession('run', cmd.file);
  const { experiment, overrides } = experimentFor(session, cmd);
  const trainer = trainerFor(experiment);

  const t0 = performance.now();
  for (let left = experiment.epochs; left > 0; ) {
    const done = trainer.runEpochs(left);
    if (done === 0) break; // diverged or stopped early
    left -= done;
  }
  const seconds = (performance.now() - t0) / 1000;

  const report = runReport(trainer, cmd.every ?? (cmd.json ? 1 : Math.max(1, Math.ceil(trainer.epoch / 10))));
  if (cmd.json) io.stdout(serializeSession(report));
  else io.stdout(`${runText(report, trainer.opts.network, seconds, divergenceText(trainer), session.param_names)}\n`);

  if (cmd.write !== undefined) {
    const label = Object.entries(overrides).map(([p, v]) => `${p} = ${JSON.stringify(v)}`).join(', ') || 'as the experiment says';
    const entry = runEntry(trainer, { id: newRunId(session, overrides), label, overrides });
    // as the app saves (src-node/atomic-write.ts): temp file, fsync, rename; mode kept, a symlink's target written
    try {
      await atomicWriteFile(cmd.write, serializeSession({ ...session, runs: [...(session.runs ?? []), entry] }));
    } catch (e) {
      throw new Refused([`nnlab run: --write ${cmd.write}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (the file was not changed)`]);
    }
    if (!cmd.json) io.stdout(`wrote ${cmd.write} (run ${JSON.stringify(entry.id)})\n`);
  }
  return 0;
}

function step(cmd: Extract<Command, { command: 'step' }>, io: Io): number {
  const session = readSession('step', cmd.file);
  const { experiment } = experimentFor(session, cmd);
  const trainer = trainerFor(experiment);
  const report = stepReport(trainer);
  io.stdout(cmd.json ? serializeSession(report) : `${stepText(report, trainer.opts.network, session.param_names)}\n`);
  return 0;
}

/** Every check `run` makes before its first epoch: the file, then the data built and every shape checked (a trainer made). */
function validate(cmd: Extract<Command, { command: 'validate' }>, io: Io): number {
  const session = readSession('validate', cmd.file);
  trainerFor(session.experiment);
  io.stdout('ok\n');
  return 0;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    // commands in their own files (they parse their own flags), given what they share with the others
    if (argv[0] === 'check' && !argv.slice(1).some((a) => a === '--help' || a === '-h')) return checkCommand(argv.slice(1), io, { readSession });
    if (argv[0] === 'export' && !argv.slice(1).some((a) => a === '--help' || a === '-h')) return await exportCommand(argv.slice(1), io, { readSession, writeAtomic: (file, text) => atomicWriteFile(file, text) });
    const args = parseArgs(argv);
    if (!args.ok) throw new Refused([args.error]);
    const cmd = args.value;
    if (cmd.command === 'help') {
      io.stdout(`${USAGE}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    if (cmd.command === 'run') return await run(cmd, io);
    if (cmd.command === 'step') return step(cmd, io);
    if (cmd.command === 'analyze') return analyze(cmd, io, { readSession, experimentFor, trainerFor }); // issue 14, src-cli/analyze.ts
    return validate(cmd, io);
  } catch (e) {
    if (e instanceof Refused) {
      io.stderr(`${e.lines.join('\n')}\n`);
      return 2;
    }
    const debug = io.env.NNLAB_DEBUG === '1';
    const message = e instanceof Error ? (debug ? (e.stack ?? e.message) : e.message) : String(e);
    io.stderr(`nnlab: ${message}${debug ? '' : '\n(set NNLAB_DEBUG=1 for the stack trace)'}\n`);
    return 1;
  }
}
