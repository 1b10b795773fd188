/**
 * `nnlab analyze`: its arguments, its JSON and text, through the CLI's main()
 * (one spawned run checks the real command line).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { main } from './main';

const root = new URL('..', import.meta.url).pathname;
const f1 = `${root}assets/examples/002-basic-network-f1-f2.nnlab`;
const xor = `${root}src-cli/fixtures/xor-004.nnlab`;

async function nnlab(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('nnlab analyze: arguments', () => {
  it('refuses what it cannot do, naming the flag', async () => {
    const err = (...a: string[]) => { const r = parseArgs(['analyze', 'f.nnlab', ...a]); return r.ok ? '' : r.error; };
    expect(err()).toBe('nnlab analyze: nothing to analyse: give --sharpness, --landscape N or both');
    expect(err('--landscape', '1')).toContain('--landscape expected an integer from 2 to 201');
    expect(err('--landscape', '500')).toContain('--landscape expected an integer from 2 to 201');
    expect(err('--sharpness', '--range', '0')).toContain('--range expected a number > 0');
    expect(err('--sharpness', '--range', '2')).toBe('nnlab analyze: --range and --directions need --landscape N');
    expect(err('--landscape', '5', '--directions', 'pca')).toContain('--directions expected "random" or "trajectory"');
    expect(err('--sharpness', '--epoch', '-1')).toContain('--epoch expected an integer >= 0, got "-1"');
    expect(err('--sharpness', '--epoch', 'x')).toContain('--epoch expected an integer >= 0');
    expect(err('--sharpness=1')).toBe('nnlab analyze: --sharpness takes no value');
    expect(err('--every', '3', '--sharpness')).toContain('unknown option --every');
    const ok = parseArgs(['analyze', 'f.nnlab', '--run', 'r', '--epoch', '7', '--sharpness', '--landscape', '11', '--range', '0.5', '--directions', 'trajectory', '--seed', '3', '--json']);
    expect(ok).toEqual({ ok: true, value: { command: 'analyze', file: 'f.nnlab', sets: {}, run: 'r', epoch: 7, sharpness: true, landscape: 11, range: 0.5, directions: 'trajectory', seed: 3, json: true } });
  });

  it('a missing run or file is refused with exit code 2', async () => {
    expect((await nnlab('analyze', f1, '--run', 'nope', '--sharpness'))).toMatchObject({ code: 2 });
    expect((await nnlab('analyze', `${root}nope.nnlab`, '--sharpness')).stderr).toContain('cannot read');
  });
});

describe('nnlab analyze: report 002 at lr 1', () => {
  it('--landscape: the grid, its directions by name, the centre = the loss, the path from the start (1, 0) to (0, 0)', async () => {
    const r = (await nnlab('analyze', f1, '--run', 'f1-h3-lr1', '--epoch', '200', '--landscape', '7', '--range', '1.5', '--directions', 'trajectory', '--json'));
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    const g = out.landscape;
    expect(g.alpha).toHaveLength(7);
    expect(g.loss).toHaveLength(7);
    expect(g.loss[3][3]).toBe(out.loss);
    expect(g.center).toBe(out.loss);
    expect(g.directions.kind).toBe('trajectory');
    expect(g.directions.d1.weights[0]).toHaveLength(2); // the session file's layout
    expect(g.path.epoch[0]).toBe(0);
    expect(g.path.alpha[0]).toBeCloseTo(1, 9);
    expect(g.path.alpha.at(-1)).toBe(0);
    expect(out.sharpness).toBeUndefined();
    // the line through the last step (199 → 200): old and new loss
    expect(out.line.epoch).toBe(199);
    expect(out.line.new).toBe(out.loss);
    expect(out.line.t).toHaveLength(101);
  });

  it('text: sharpness, 2/sharpness, the sentence and the eigenvector by name (spawned)', async () => {
    const r = spawnSync(process.execPath, ['bin/nnlab.mjs', 'analyze', f1, '--run', 'f1-h3-lr1', '--epoch', '600', '--sharpness'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sharpness \(largest Hessian eigenvalue\): 2\.10704 +converged/);
    expect(r.stdout).toContain('2/sharpness: 0.949201');
    expect(r.stdout).toContain('is past 2/lr = 2');
    expect(r.stdout).toMatch(/^ {2}(W|b)\[\d\]\[\d\](\[\d\])? +-?0\.\d+$/m);
  });

  it("Adam has no 2/lr line: report 004's XOR net with --set optimizer", async () => {
    const out = JSON.parse((await nnlab('analyze', xor, '--epoch', '10', '--set', 'optimizer={"kind":"adam","lr":0.01}', '--sharpness', '--json')).stdout);
    expect(out.sharpness_limit).toBe(null);
    expect(out.sharpness.says).toContain('Adam');
  });
});
