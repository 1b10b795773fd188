/**
 * The command line's arguments (CLI.md):
 *
 *   nnlab run FILE [--run ID] [--epochs N] [--set PATH=VALUE]... [--every K] [--json] [--write OUT]
 *   nnlab step FILE [--run ID] [--set PATH=VALUE]... [--json]
 *   nnlab validate FILE
 *   nnlab analyze FILE [--run ID] [--epoch K] [--set PATH=VALUE]... --sharpness [--landscape N] [--range R]
 *                 [--directions random|trajectory] [--seed S] [--json]
 *
 * Hand-written rather than node:util parseArgs so that every refusal reads
 * the same way and names the flag.
 */
import { parseNumber } from '../src-core/derivation/format';
import { forbiddenSegment, parseOverrideValue, parsePath } from '../src-core/session/overrides';

export type Command =
  | { command: 'help' }
  | {
      command: 'run';
      file: string;
      run?: string;
      epochs?: number;
      sets: Record<string, unknown>;
      every?: number;
      json: boolean;
      write?: string;
    }
  | { command: 'step'; file: string; run?: string; sets: Record<string, unknown>; json: boolean }
  | { command: 'validate'; file: string }
  | AnalyzeCommand;

/** nnlab analyze (src-cli/analyze.ts) */
export interface AnalyzeCommand {
  command: 'analyze';
  file: string;
  run?: string;
  /** analyse the parameters after this many epochs (default: the experiment's epochs) */
  epoch?: number;
  sets: Record<string, unknown>;
  sharpness: boolean;
  /** grid points per side of the loss landscape */
  landscape?: number;
  range?: number;
  directions?: 'random' | 'trajectory';
  seed?: number;
  json: boolean;
}

export type ParsedArgs = { ok: true; value: Command } | { ok: false; error: string };

export const USAGE = `nnlab — run NN Lab sessions from the command line

usage:
  nnlab run FILE [--run ID] [--epochs N] [--set PATH=VALUE]... [--every K] [--json] [--write OUT]
  nnlab step FILE [--run ID] [--set PATH=VALUE]... [--json]
  nnlab validate FILE
  nnlab check FILE ANSWERS [--run ID] [--update N] [--json]
  nnlab export FILE [--run ID] --notebook OUT.ipynb
  nnlab analyze FILE [--run ID] [--epoch K] [--set PATH=VALUE]... --sharpness [--landscape N] [--range R]
                [--directions random|trajectory] [--seed S] [--json]

  run       train the session's experiment and print the history and final parameters
  step      make one update (one batch) and print forward values, loss, gradients, old and new parameters
  validate  print "ok", or the file's problems one per line
  check     mark a student's numbers (ANSWERS: JSON or "name value" lines) for one update
  export    write the run as a Jupyter notebook (Python, numpy) that reproduces its history
  analyze   train to an epoch, then print the sharpness (largest Hessian eigenvalue) against 2/lr,
            the loss along the last step's line and, with --landscape N, the loss on an N×N grid

options:
  --run ID          start from a saved run's overrides
  --epochs N        train N epochs (default: the experiment's "epochs")
  --set PATH=VALUE  override one experiment field, e.g. --set optimizer.lr=0.25 (VALUE is JSON, else a string)
  --every K         report every K-th epoch (and the last)
  --json            print one JSON object
  --write OUT       save the session with the run added to OUT
  --epoch K         (analyze) the parameters after K epochs (default: the experiment's "epochs")
  --sharpness       (analyze) the sharpness by power iteration, its eigenvector's largest components
  --landscape N     (analyze) the loss landscape on an N×N grid (2 to 201)
  --range R         (analyze) the grid spans [−R, R] along both directions (default 1)
  --directions D    (analyze) "random" (filter-normalised, default) or "trajectory" (start, current, best)
  --seed S          (analyze) seed of the random start vector and directions (default 0)
  --help            this text

exit codes: 0 done (a diverged run is a result), 2 input refused, 1 anything else.
See docs/cli.md.`;

type Flag = 'run' | 'epochs' | 'set' | 'every' | 'json' | 'write' | AnalyzeFlag;
type AnalyzeFlag = 'epoch' | 'sharpness' | 'landscape' | 'range' | 'directions' | 'seed';
const flagsOf: Record<'run' | 'step' | 'validate' | 'analyze', readonly Flag[]> = {
  run: ['run', 'epochs', 'set', 'every', 'json', 'write'],
  step: ['run', 'set', 'json'],
  validate: [],
  analyze: ['run', 'epoch', 'set', 'sharpness', 'landscape', 'range', 'directions', 'seed', 'json'],
};
const takesValue: Record<Flag, boolean> = {
  run: true, epochs: true, set: true, every: true, json: false, write: true,
  epoch: true, sharpness: false, landscape: true, range: true, directions: true, seed: true,
};

function integer(text: string, min: number): number | null {
  return /^\d+$/.test(text) && Number(text) >= min && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { ok: true, value: { command: 'help' } };
  const [name, ...rest] = argv;
  if (name !== 'run' && name !== 'step' && name !== 'validate' && name !== 'analyze') {
    return { ok: false, error: `nnlab: unknown command ${JSON.stringify(name)} (expected run, step, validate or analyze; see nnlab --help)` };
  }
  const refuse = (why: string): ParsedArgs => ({ ok: false, error: `nnlab ${name}: ${why}` });
  const allowed = flagsOf[name];

  let file: string | undefined;
  const values: Partial<Record<Flag, string>> = {};
  // a null-prototype object: no path, however named, reaches Object.prototype
  const sets: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let json = false;
  let sharpness = false;

  for (let k = 0; k < rest.length; k++) {
    const arg = rest[k];
    if (!arg.startsWith('--') || arg === '--') {
      if (arg === '--') continue;
      if (file !== undefined) return refuse(`unexpected argument ${JSON.stringify(arg)} (one FILE only)`);
      file = arg;
      continue;
    }
    // --flag value, or --flag=value
    const eq = arg.indexOf('=');
    const flag = (eq < 0 ? arg.slice(2) : arg.slice(2, eq)) as Flag;
    if (!allowed.includes(flag)) {
      const known = allowed.length ? ` (its options: ${allowed.map((f) => `--${f}`).join(', ')})` : ' (it takes no options)';
      return refuse(`unknown option --${flag}${known}`);
    }
    if (!takesValue[flag]) {
      if (eq >= 0) return refuse(`--${flag} takes no value`);
      if (flag === 'sharpness') sharpness = true;
      else json = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (k + 1 >= rest.length || rest[k + 1].startsWith('--')) return refuse(`--${flag} needs a value`);
      value = rest[++k];
    }
    if (flag === 'set') {
      const at = value.indexOf('=');
      if (at <= 0) return refuse(`--set expected PATH=VALUE, got ${JSON.stringify(value)}`);
      const path = value.slice(0, at);
      const parts = parsePath(path);
      if (!parts) return refuse(`--set ${path}: not a field path (write it like optimizer.lr or network.layers[0].units)`);
      const forbidden = forbiddenSegment(path, parts);
      if (forbidden) return refuse(`--set ${forbidden}`);
      sets[path] = parseOverrideValue(value.slice(at + 1));
      continue;
    }
    if (values[flag] !== undefined) return refuse(`--${flag} given twice`);
    values[flag] = value;
  }
  if (file === undefined) return refuse('missing the session FILE (see nnlab --help)');

  if (name === 'validate') return { ok: true, value: { command: 'validate', file } };
  if (name === 'step') return { ok: true, value: { command: 'step', file, sets, json, ...(values.run !== undefined ? { run: values.run } : {}) } };
  if (name === 'analyze') return analyzeArgs(file, values, sets, sharpness, json, refuse);

  const cmd: Command = { command: 'run', file, sets, json };
  if (values.epochs !== undefined) {
    const n = integer(values.epochs, 0);
    if (n === null) return refuse(`--epochs expected an integer >= 0, got ${JSON.stringify(values.epochs)}`);
    cmd.epochs = n;
  }
  if (values.every !== undefined) {
    const n = integer(values.every, 1);
    if (n === null) return refuse(`--every expected an integer >= 1, got ${JSON.stringify(values.every)}`);
    cmd.every = n;
  }
  if (values.run !== undefined) cmd.run = values.run;
  if (values.write !== undefined) cmd.write = values.write;
  return { ok: true, value: cmd };
}

function analyzeArgs(
  file: string, values: Partial<Record<Flag, string>>, sets: Record<string, unknown>, sharpness: boolean, json: boolean,
  refuse: (why: string) => ParsedArgs,
): ParsedArgs {
  const cmd: AnalyzeCommand = { command: 'analyze', file, sets, sharpness, json };
  if (values.run !== undefined) cmd.run = values.run;
  if (values.epoch !== undefined) {
    const n = integer(values.epoch, 0);
    if (n === null) return refuse(`--epoch expected an integer >= 0, got ${JSON.stringify(values.epoch)}`);
    cmd.epoch = n;
  }
  if (values.landscape !== undefined) {
    const n = integer(values.landscape, 2);
    if (n === null || n > 201) return refuse(`--landscape expected an integer from 2 to 201 (grid points per side), got ${JSON.stringify(values.landscape)}`);
    cmd.landscape = n;
  }
  if (values.range !== undefined) {
    const r = parseNumber(values.range);
    if (r === null || r <= 0) return refuse(`--range expected a number > 0, got ${JSON.stringify(values.range)}`);
    cmd.range = r;
  }
  if (values.directions !== undefined) {
    if (values.directions !== 'random' && values.directions !== 'trajectory') return refuse(`--directions expected "random" or "trajectory", got ${JSON.stringify(values.directions)}`);
    cmd.directions = values.directions;
  }
  if (values.seed !== undefined) {
    const n = integer(values.seed, 0);
    if (n === null) return refuse(`--seed expected an integer >= 0, got ${JSON.stringify(values.seed)}`);
    cmd.seed = n;
  }
  if (!sharpness && cmd.landscape === undefined) return refuse('nothing to analyse: give --sharpness, --landscape N or both');
  if (cmd.landscape === undefined && (cmd.range !== undefined || cmd.directions !== undefined)) return refuse('--range and --directions need --landscape N');
  return { ok: true, value: cmd };
}
