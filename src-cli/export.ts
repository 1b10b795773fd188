/**
 * `nnlab export FILE [--run ID] --notebook OUT.ipynb` (docs/cli.md): the
 * experiment, or a saved run, as a Jupyter notebook in Python and numpy that
 * reproduces the run's history (src-core/export/notebook.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Session } from '../src-core/session/schema';
import { SessionError } from '../src-core/session/create';
import { NotebookError, notebookText } from '../src-core/export/notebook';
import { type Io, Refused, readFlags } from './io';

export const EXPORT_USAGE = 'nnlab export FILE [--run ID] --notebook OUT.ipynb';

export function parseExportArgs(argv: readonly string[]): { file: string; run?: string; notebook: string } {
  const refuse = (why: string) => new Refused([`nnlab export: ${why} (usage: ${EXPORT_USAGE})`]);
  const { files, values } = readFlags(argv, { values: ['run', 'notebook'] }, refuse);
  if (files.length !== 1) throw refuse(files.length ? `unexpected argument ${JSON.stringify(files[1])}` : 'missing the session FILE');
  if (values.notebook === undefined) throw refuse('--notebook OUT.ipynb is required (the only export so far)');
  return { file: files[0], notebook: values.notebook, ...(values.run !== undefined ? { run: values.run } : {}) };
}

export async function exportCommand(
  argv: readonly string[], io: Io,
  shared: { readSession: (name: string, file: string) => Session; writeAtomic: (file: string, text: string) => Promise<void> },
): Promise<number> {
  const cmd = parseExportArgs(argv);
  const folder = dirname(cmd.notebook);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Refused([`nnlab export: --notebook ${cmd.notebook}: the folder ${folder} does not exist`]);
  const session = shared.readSession('export', cmd.file);
  let text: string;
  try {
    text = notebookText(session, cmd.run);
  } catch (e) {
    if (e instanceof SessionError) throw new Refused(e.errors.map((x) => `nnlab export: ${x}`));
    if (e instanceof NotebookError) throw new Refused([`nnlab export: ${e.message}`]);
    throw e;
  }
  await shared.writeAtomic(cmd.notebook, text);
  io.stdout(`wrote ${cmd.notebook}\n`);
  return 0;
}
