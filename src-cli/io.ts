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
