/** What every command shares: the output streams and refusals (exit code 2, the reason on stderr). */

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

/** Input refused: exit code 2, the lines on stderr. */
export class Refused extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/**
 * A subcommand's arguments: the FILE arguments in order, `--flag VALUE` or
 * `--flag=VALUE` for the flags that take a value, a bare `--flag` for the
 * switches. An unknown flag, a missing value, a value given to a switch and
 * a value given twice are refused with `refuse`'s message.
 */
export function readFlags<V extends string, S extends string = never>(
  argv: readonly string[],
  flags: { values: readonly V[]; switches?: readonly S[] },
  refuse: (why: string) => Refused,
): { files: string[]; values: Partial<Record<V, string>>; switches: Set<S> } {
  const switchNames: readonly string[] = flags.switches ?? [];
  const valueNames: readonly string[] = flags.values;
  const files: string[] = [];
  const values: Partial<Record<V, string>> = {};
  const switches = new Set<S>();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (switchNames.includes(flag)) {
      if (eq >= 0) throw refuse(`--${flag} takes no value`);
      switches.add(flag as S);
      continue;
    }
    if (!valueNames.includes(flag)) throw refuse(`unknown option --${flag} (its options: ${[...valueNames, ...switchNames].map((f) => `--${f}`).join(', ')})`);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (k + 1 >= argv.length || argv[k + 1].startsWith('--')) throw refuse(`--${flag} needs a value`);
      value = argv[++k];
    }
    if (values[flag as V] !== undefined) throw refuse(`--${flag} given twice`);
    values[flag as V] = value;
  }
  return { files, values, switches };
}
