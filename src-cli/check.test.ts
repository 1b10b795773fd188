/**
 * `nnlab check`, spawned as a user runs it, on report 003's example with the
 * student's own tables (src-core/check/fixtures, from ../shared/seeds/003_*.txt).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nnlab, root, scratch } from './test-util';
import { parseCheckArgs } from './check';

const homework = 'assets/examples/003-homework-2-3-1-sigmoid-step.nnlab';
const tableA = 'src-core/check/fixtures/report003-a.txt';
const jsonB = 'src-core/check/fixtures/report003-b.json';
const tmp = scratch('nnlab-check-');

describe('nnlab check', () => {
  it("--json on report 003 (b): the student's table marked, dE/dw9 = 0.0077 wrong", () => {
    const r = nnlab('check', homework, jsonB, '--run', 'b', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.run).toBe('b');
    expect(out.update).toBe(0);
    expect(out.summary).toEqual({ right: 23, slip: 5, wrong: 2, unknown: 0 });
    const by = Object.fromEntries(out.answers.map((a: { name: string }) => [a.name, a]));
    expect(by['dE/dw9']).toMatchObject({ typed: '0.0077', key: 'dL/dW[1][0][2]', mark: 'wrong' });
    expect(by['dE/dw9'].correct).toBeCloseTo(-0.07648367721103598, 15);
    expect(by['dE/dw9'].details[0]).toContain('the multiplication is at fault');
    expect(by['da4/dz4']).toMatchObject({ typed: '0.250', mark: 'slip' }); // the string keeps its trailing zero
    expect(by.w8).toMatchObject({ key: 'W[1][0][1]', mark: 'right' });
  });

  it("prints a table for report 003 (a), b1 = 2.0000065 marked WRONG with the arithmetic at fault", () => {
    const r = nnlab('check', homework, tableA);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^the experiment: update 1 \(epoch 1, batch 1; --update 0\)\n/);
    expect(r.stdout).toMatch(/\nb1 +2\.0000065 +WRONG +\[b\[0\]\[0\]\] wrong: it is 1\.0000067\n +the update's arithmetic is at fault/);
    expect(r.stdout).toMatch(/\nw7 +1\.00005 +slip +\[W\[1\]\[0\]\[0\]\] rounding slip: cut off at 5 decimals instead of rounded \(rounded: 1\.00006\)/);
    expect(r.stdout).toContain('11 right, 14 rounding slips, 1 wrong');
  });

  it('reads a JSON number as written in the file (0.250 keeps its third decimal), and W[l][j][i] and grad forms', () => {
    const f = tmp.write('numbers.json', '{ "da4/dz4": 0.250, "grad W[1][0][2]": -0.0765, "W[0][0][0] new": 0.50271, "a[0][0]": 0.6457 }');
    const r = nnlab('check', homework, f, '--run', 'b', '--json');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.answers.map((a: { typed: string; mark: string }) => [a.typed, a.mark])).toEqual([['0.250', 'slip'], ['-0.0765', 'right'], ['0.50271', 'right'], ['0.6457', 'right']]);
  });

  it("uses the session's exercise step when no --run is given", () => {
    const session = JSON.parse(readFileSync(join(root, homework), 'utf8'));
    session.exercise = { run: 'b', update: 0, hidden: true };
    const f = tmp.write('exercise.nnlab', JSON.stringify(session));
    const r = nnlab('check', f, tmp.write('b1.txt', 'b1 0.1027\n'), '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ run: 'b', update: 0, summary: { right: 1 } });
  });

  it('refuses what it cannot read with exit code 2, naming the line or the key', () => {
    const bad = nnlab('check', homework, tmp.write('bad.txt', 'w1 = 1.0000065\nw99 = 1\nthis line has no number\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 3: expected a name and a number');
    // the lines that could be read are marked all the same (the app's panel reads them; the file was refused whole)
    expect(bad.stdout).toMatch(/^w1 +1\.0000065 +slip /m);
    expect(bad.stdout).not.toContain('w99');
    expect(bad.stderr).toContain('2 answers not read; the other 1 marked above');
    const unknown = nnlab('check', homework, tmp.write('unknown.txt', 'w1 = 1.0000065\nw99 = 1\n'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown\.txt:2: "w99": not a name this check knows/);
    const unknownJson = nnlab('check', homework, tmp.write('unknown2.txt', 'w1 = 1.0000065\nw99 = 1\n'), '--json');
    expect(unknownJson.code).toBe(2);
    expect(JSON.parse(unknownJson.stdout)).toMatchObject({ summary: { slip: 1, unknown: 1 }, answers: [{ name: 'w1', mark: 'slip' }], not_read: [expect.stringMatching(/"w99"/)] });
    // nothing readable: nothing on stdout
    const none = nnlab('check', homework, tmp.write('none.txt', 'w99 = 1\n'));
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    const json = nnlab('check', homework, tmp.write('bad.json', '{ "w1": [1] }'));
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('answers["w1"]: expected a number or a string like "0.250", got [1]');
    const run = nnlab('check', homework, tableA, '--run', 'c');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run "c": no such run in the file (its runs: "b")');
    expect(nnlab('check', homework).stderr).toContain('expected the session FILE and the ANSWERS file');
    expect(nnlab('check', 'nope.nnlab', tableA).stderr).toContain('cannot read nope.nnlab: no such file');
  });
});

describe('parseCheckArgs', () => {
  it('reads the flags in any order, --flag=value too', () => {
    expect(parseCheckArgs(['--json', 'a.nnlab', '--run=b', 'x.json', '--update', '3'])).toEqual({ file: 'a.nnlab', answers: 'x.json', run: 'b', update: 3, json: true });
    expect(() => parseCheckArgs(['a', 'b', '--update', '-1'])).toThrow('--update expected an integer >= 0, got "-1"');
    expect(() => parseCheckArgs(['a', 'b', '--epochs', '1'])).toThrow('unknown option --epochs');
  });
});
