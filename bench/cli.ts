/**
 * Issue 13's goal for the command line: `nnlab validate` starts and answers
 * in at most 0.3 s (wall time of the whole process, the bundle dist-cli/nnlab.mjs
 * run by node, as a user's shell runs it). The median of several runs, beside
 * node's own start (`node -e ''`) on the same machine at the same moment.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchCase, BenchResult } from './cases';
import { median } from './lib/timing';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = fileURLToPath(new URL('../src-cli/fixtures/lecture.nnlab', import.meta.url));

function wallMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return ms;
}

export const cliCase: BenchCase = {
  id: 'cli',
  title: 'nnlab validate: start to answer',
  async run(env): Promise<BenchResult> {
    const bundle = fileURLToPath(new URL('../dist-cli/nnlab.mjs', import.meta.url));
    if (!existsSync(bundle)) return { tables: [], notes: ['dist-cli/nnlab.mjs is not built (npm run build): not measured'], failures: [] };
    const n = env.quick ? 3 : 9;
    const validate: number[] = [];
    const bare: number[] = [];
    wallMs([bundle, 'validate', file]); // the file cache warm, as a second command in a shell is
    for (let k = 0; k < n; k++) {
      validate.push(wallMs([bundle, 'validate', file]));
      bare.push(wallMs(['-e', '']));
    }
    const v = median(validate);
    const b = median(bare);
    return {
      tables: [{
        caption: `nnlab validate (the bundle, node ${process.version}): wall time of the process, median of ${n}, interleaved with node's own start`,
        table: { headers: ['what', 'wall'], rows: [['node dist-cli/nnlab.mjs validate lecture.nnlab', `${v.toFixed(0)} ms`], ["node -e '' (node's own start)", `${b.toFixed(0)} ms`]], leftAlign: [0] },
      }],
      notes: [],
      failures: [],
      goals: [{ what: 'nnlab validate, start to answer (wall)', measured: `${(v / 1000).toFixed(2)} s`, goal: '≤ 0.3 s', met: v <= 300 }],
    };
  },
};
