/**
 * `npm run bench [-- --quick] [-- --engine-only] [-- <case id> ...]`: times the NN Lab engine on
 * the reports' runs against independent implementations and prints tables.
 * Exits 1 when implementations disagree on the numbers (then the timings
 * compare different work and mean nothing).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchCases, type BenchEnv, type Goal } from './cases';
import { formatTable } from './lib/table';
import { nowMs } from './lib/timing';

function findPython(): { python: string | null; note: string } {
  const r = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (r.error) return { python: null, note: 'python3 not found' };
  if (r.status !== 0) return { python: null, note: `numpy not importable: ${r.stderr.trim().split('\n').pop()}` };
  return { python: 'python3', note: `numpy ${r.stdout.trim()}` };
}

function compileC(outDir: string): { cFit: string | null; note: string } {
  const exe = join(outDir, 'c_fit');
  const src = join(import.meta.dirname, 'c_fit.c');
  const r = spawnSync('cc', ['-O2', '-o', exe, src, '-lm'], { encoding: 'utf8' });
  if (r.error) return { cFit: null, note: 'cc not found' };
  if (r.status !== 0) return { cFit: null, note: `cc -O2 failed: ${r.stderr.trim()}` };
  const v = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  return { cFit: exe, note: `${(v.stdout ?? '').split('\n')[0]} -O2` };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const unknown = only.filter((id) => !benchCases.some((c) => c.id === id));
  if (unknown.length) {
    console.error(`unknown bench case ${unknown.join(', ')}; known: ${benchCases.map((c) => c.id).join(', ')}`);
    return 2;
  }
  const outDir = join(import.meta.dirname, 'out');
  mkdirSync(outDir, { recursive: true });
  // --engine-only: no references (e.g. under `node --cpu-prof`, to profile the engine alone)
  const engineOnly = args.includes('--engine-only');
  const py = engineOnly ? { python: null, note: 'references off (--engine-only)' } : findPython();
  const c = engineOnly ? { cFit: null, note: 'references off (--engine-only)' } : compileC(outDir);
  const env: BenchEnv = { outDir, quick, python: py.python, pythonNote: py.note, cFit: c.cFit, cNote: c.note };

  console.log(`NN Lab bench — node ${process.version}, ${py.note}, ${c.note}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), load average ${loadavg()[0].toFixed(1)}\n`);
  const failures: string[] = [];
  const goals: Goal[] = [];
  const t0 = nowMs();
  for (const bc of benchCases.filter((bc) => only.length === 0 || only.includes(bc.id))) {
    console.log(`== ${bc.title} [${bc.id}]`);
    const result = await bc.run(env);
    for (const { caption, table } of result.tables) console.log(`${caption}\n${formatTable(table)}\n`);
    for (const note of result.notes) console.log(`note: ${note}`);
    for (const f of result.failures) console.log(`FAIL: ${f}`);
    failures.push(...result.failures);
    goals.push(...(result.goals ?? []));
    console.log('');
  }
  if (goals.length) {
    const rows = goals.map((g) => [g.what, g.measured, g.goal, g.met ? 'met' : 'MISSED']);
    console.log(`== issue 13's goals (CPU time): ${goals.filter((g) => g.met).length} of ${goals.length} met\n${formatTable({ headers: ['what', 'measured', 'goal', ''], rows, leftAlign: [0] })}\n`);
  }
  console.log(`total ${((nowMs() - t0) / 1000).toFixed(1)} s${failures.length ? `; ${failures.length} disagreement(s): the timings above compare different work` : ''}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
