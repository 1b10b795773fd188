/**
 * Hostile files (issue 11): each is refused with exit 2 and a message that
 * starts with its JSON path (or the file's line and column), never a crash
 * (exit 1), a stack trace or a hang; nothing reaches Object.prototype.
 * In-process (main with captured output) except where a child process is
 * the point.
 */
import { chmodSync, closeSync, ftruncateSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

const root = new URL('..', import.meta.url).pathname;
const lectureText = readFileSync(join(root, 'src-cli/fixtures/lecture.nnlab'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'nnlab-hostile-'));

async function nnlab(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} });
  return { code, stdout, stderr };
}

let files = 0;
function file(text: string): string {
  const f = join(tmp, `f${files++}.nnlab`);
  writeFileSync(f, text);
  return f;
}

/** The lecture session with `edit` applied. */
function lecture(edit: (s: Record<string, any>) => void): string {
  const s = JSON.parse(lectureText);
  edit(s);
  return file(JSON.stringify(s));
}

async function refused(f: string, pattern: RegExp, command: string[] = ['validate']) {
  const r = await nnlab(...command.slice(0, 1), f, ...command.slice(1));
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |NNLAB_DEBUG/);
  expect(r.code).toBe(2);
  return r;
}

const protoClean = () => {
  expect(({} as Record<string, unknown>).momentum).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'momentum')).toBe(false);
};

describe('paths never reach a prototype', () => {
  let before: { stdout: string };
  beforeAll(async () => {
    before = await nnlab('run', join(root, 'src-cli/fixtures/lecture.nnlab'), '--json');
  });
  it('a run override "__proto__.momentum" in the file is refused, naming the run and the path', async () => {
    const f = lecture((s) => {
      s.runs = [{ id: 'evil', overrides: { '__proto__.momentum': 0.9 }, status: 'completed', epochs_run: 0 }];
    });
    await refused(f, /^runs\[0\]\.overrides: __proto__\.momentum: "__proto__" is not a field/);
    protoClean();
  });
  it.each(['__proto__.momentum=0.9', 'constructor.prototype.momentum=0.9', 'optimizer.__proto__={"momentum":0.9}', '__proto__={"momentum":0.9}', 'optimizer.constructor=1'])(
    '--set %s is refused and another run keeps its numbers',
    async (set) => {
      const r = await nnlab('run', join(root, 'src-cli/fixtures/lecture.nnlab'), '--set', set);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not a field of the experiment \(a path may not name __proto__, prototype or constructor\)/);
      protoClean();
      expect((await nnlab('run', join(root, 'src-cli/fixtures/lecture.nnlab'), '--json')).stdout).toBe(before.stdout);
    },
  );
  it('the expression language does not see Object.prototype names as constants or functions', async () => {
    for (const expr of ['constructor', 'x + constructor', 'toString(x)', '__proto__', 'hasOwnProperty(x)']) {
      const f = lecture((s) => {
        s.experiment.network.inputs = 1;
        s.experiment.init = { kind: 'zeros' };
        s.experiment.data = { kind: 'function', expr, interval: [0, 1], n_train: 4 };
      });
      await refused(f, /^experiment\.data\.expr: unknown name/);
    }
  });
});

describe('deep nesting and big files', () => {
  it('5 000 levels of nesting: refused with the line and column, no stack overflow', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const f = file(lectureText.replace(/"runs":/, `"view": ${deep}, "runs":`));
    for (const command of ['validate', 'run', 'step']) await refused(f, /^line \d+, column \d+: lists and objects nested more than 64 levels deep/, [command]);
    // in a string it is text, not nesting
    await refused(file(`{"format": "nnlab", "version": 1, "notes": "${'['.repeat(5000)}"}`), /^experiment: expected an object/);
  });
  it('a file of 300 MB is refused before it is read', async () => {
    const f = join(tmp, 'huge.nnlab');
    const fd = openSync(f, 'w');
    ftruncateSync(fd, 300 * 1024 * 1024);
    closeSync(fd);
    await refused(f, /huge\.nnlab: 314572800 bytes is more than a session file can be \(at most 268435456\)/);
  });
  it('a file that is not JSON says so and names the file', async () => {
    const f = file('hello, this is not a session\n');
    await refused(f, new RegExp(`^${f.replace(/[.]/g, '\\.')}: not a session file: it is not JSON \\(line 1, column 1: expected a value, found "h"\\)`));
  });
});

describe('limits: each refused with its JSON path and the limit', () => {
  const cases: [string, (s: Record<string, any>) => void, RegExp][] = [
    ['units per layer', (s) => (s.experiment.network.layers[0].units = 100_001), /^experiment\.network\.layers\[0\]\.units: expected at most 100000 \(NN Lab's limit\), got 100001/],
    ['inputs', (s) => (s.experiment.network.inputs = 10_000_000), /^experiment\.network\.inputs: expected at most 100000/],
    ['layers', (s) => (s.experiment.network.layers = Array.from({ length: 101 }, () => ({ units: 1, activation: 'relu' }))), /^experiment\.network\.layers: expected at most 100 layers/],
    [
      'parameters',
      (s) => {
        s.experiment.network = { inputs: 5000, layers: [{ units: 5000, activation: 'relu' }, { units: 1, activation: 'linear' }] };
        s.experiment.init = { kind: 'zeros' };
        s.experiment.data = { kind: 'function', expr: 'x', interval: [0, 1], n_train: 1 };
      },
      /^experiment\.network: expected a network of at most 10 000 000 weights and biases, got 25 010 001/,
    ],
    ['samples', (s) => (s.experiment.data = { kind: 'function', expr: 'x', interval: [0, 1], n_train: 100_000_000 }), /^experiment\.data\.n_train: expected at most 1000000/],
    ['truth-table rows', (s) => (s.experiment.data = { kind: 'truth_table', function: 'xor', inputs: 40 }), /^experiment\.data\.inputs: expected at most 19 inputs/],
    [
      'data numbers',
      (s) => {
        s.experiment.network = { inputs: 200, layers: [{ units: 1, activation: 'linear' }] };
        s.experiment.init = { kind: 'zeros' };
        s.experiment.data = { kind: 'expression', inputs: {}, target: '1', n_train: 1_000_000 };
      },
      /^experiment\.data: expected at most 100 000 000 numbers of data/,
    ],
    ['epochs', (s) => (s.experiment.epochs = 1e15), /^experiment\.epochs: expected at most 1000000 \(NN Lab's limit\), got 1000000000000000/],
    ['seed length', (s) => (s.experiment.seed = '7'.repeat(1001)), /^experiment\.seed: expected a seed of at most 1000 characters/],
    [
      'batch size × units',
      (s) => {
        s.experiment.network = { inputs: 1, layers: [{ units: 300, activation: 'relu' }, { units: 1, activation: 'linear' }] };
        s.experiment.init = { kind: 'zeros' };
        s.experiment.data = { kind: 'function', expr: 'x', interval: [0, 1], n_train: 100_000 };
      },
      /^experiment\.batch_size: expected a batch of at most 66 225 samples for this network/,
    ],
    [
      'expression length',
      (s) => {
        s.experiment.network.inputs = 1;
        s.experiment.init = { kind: 'zeros' };
        s.experiment.data = { kind: 'function', expr: 'x+'.repeat(600) + 'x', interval: [0, 1], n_train: 2 };
      },
      /^experiment\.data\.expr: longer than 1000 characters/,
    ],
  ];
  it.each(cases)('%s', async (_name, edit, pattern) => {
    const f = lecture(edit);
    await refused(f, pattern, ['validate']);
    await refused(f, pattern, ['run']);
  });
  it('a 10¹⁵-epoch run from the command line is refused', async () => {
    const r = await nnlab('run', join(root, 'src-cli/fixtures/lecture.nnlab'), '--epochs', '1000000000000000');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^epochs: expected at most 1000000 \(NN Lab's limit\), got 1000000000000000/);
  });
  it('a million-digit numpy seed is refused at once (no quadratic parsing)', async () => {
    const f = lecture((s) => {
      s.experiment.rng = 'numpy_default_rng';
      s.experiment.seed = '9'.repeat(1_000_000);
    });
    const t0 = Date.now();
    await refused(f, /^experiment\.seed: expected a seed of at most 1000 characters/);
    expect(Date.now() - t0).toBeLessThan(20_000); // generous: it takes milliseconds
  });
});

describe('validate says ok exactly when run can start', () => {
  it('a random function refusing its arguments while the data is made: validate refuses it too, with the path', async () => {
    const f = lecture((s) => {
      s.experiment.network.inputs = 1;
      s.experiment.init = { kind: 'zeros' };
      s.experiment.data = { kind: 'expression', inputs: { x: { low: 0, high: 1 } }, target: 'x + randint(5, 1)', n_train: 3 };
    });
    const v = await refused(f, /^experiment\.data/);
    const r = await refused(f, /^experiment\.data/, ['run', '--epochs', '1']);
    expect(r.stderr).toBe(v.stderr);
  });
  it('a valid file: ok, and run starts', async () => {
    expect(await nnlab('validate', join(root, 'src-cli/fixtures/lecture.nnlab'))).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    expect((await nnlab('run', join(root, 'src-cli/fixtures/lecture.nnlab'), '--epochs', '1')).code).toBe(0);
  });
});

describe('big nets', () => {
  it('run and step print their text reports for a net of 127 446 parameters (was: Math.max(...rows) overflowed)', async () => {
    const f = lecture((s) => {
      s.experiment.network = { inputs: 1, layers: [{ units: 355, activation: 'relu' }, { units: 355, activation: 'relu' }, { units: 1, activation: 'linear' }] };
      s.experiment.init = { kind: 'he_normal' };
      s.experiment.data = { kind: 'function', expr: 'x', interval: [0, 1], n_train: 4 };
      s.runs = [];
    });
    const out = join(tmp, 'big-out.nnlab');
    const r = await nnlab('run', f, '--epochs', '1', '--write', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/W\[2\]\[0\]\[354\]/);
    expect(readFileSync(out, 'utf8')).toMatch(/"epochs_run": 1/);
    const s = await nnlab('step', f);
    expect(s.code).toBe(0);
    expect(s.stdout.split('\n').length).toBeGreaterThan(127_446);
  });
});

describe('--write is atomic like the app\'s save', () => {
  it('keeps the mode (600 stays 600), writes a symlink\'s target (the link stays), removes a killed save\'s temp file', async () => {
    const dir = mkdtempSync(join(tmp, 'write-'));
    const real = join(dir, 'real.nnlab');
    writeFileSync(real, lectureText);
    chmodSync(real, 0o600);
    const link = join(dir, 'link.nnlab');
    symlinkSync(real, link);
    // what a save killed mid-write leaves: a temp file of a process that is gone
    const stale = join(dir, 'real.nnlab.tmp-999999999-1');
    writeFileSync(stale, '{"half": ');
    const r = await nnlab('run', join(root, 'src-cli/fixtures/lecture.nnlab'), '--epochs', '2', '--write', link);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(real, 'utf8')).runs.at(-1).epochs_run).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['link.nnlab', 'real.nnlab']);
  });
  it('a folder it cannot write to: exit 2, the old file unchanged', async () => {
    const dir = mkdtempSync(join(tmp, 'ro-'));
    const out = join(dir, 'out.nnlab');
    writeFileSync(out, 'old');
    chmodSync(dir, 0o500);
    try {
      const r = await nnlab('run', join(root, 'src-cli/fixtures/lecture.nnlab'), '--epochs', '1', '--write', out);
      if (process.getuid?.() === 0) return; // root writes anywhere
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--write .*out\.nnlab: EACCES \(the file was not changed\)/);
      expect(readFileSync(out, 'utf8')).toBe('old');
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
