/**
 * The bundle dist-cli/nnlab.mjs run as a program (explore finding 9):
 * `node dist-cli/nnlab.mjs --help` printed nothing and exited 0, since the
 * bundle only exported main. It now runs main when it is the program, and
 * still only exports it when bin/nnlab.mjs imports it (no second run).
 * How fast it starts is the bench's to say (`npm run bench -- cli`), not a
 * timed test's.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { nnlab, root, scratch } from './test-util';
import { isProgram } from './bundle-entry';

const bundle = join(root, 'dist-cli', 'nnlab.mjs');
const node = (...args: string[]) => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NNLAB_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('node dist-cli/nnlab.mjs', () => {
  // bin/nnlab.mjs (re)builds the bundle when it is older than a source file
  beforeAll(() => void nnlab('--help'), 120_000);

  it('--help prints the usage with exit 0, as bin/nnlab.mjs does; no arguments is exit 2', () => {
    const help = node('dist-cli/nnlab.mjs', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('nnlab run FILE [--run ID]');
    expect(help.stdout).toBe(nnlab('--help').stdout);
    expect(node('dist-cli/nnlab.mjs').code).toBe(2);
  });

  it('validate prints ok once, through the bundle and through bin/nnlab.mjs (which imports it: main runs once)', () => {
    expect(node('dist-cli/nnlab.mjs', 'validate', 'src-cli/fixtures/lecture.nnlab')).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    expect(nnlab('validate', 'src-cli/fixtures/lecture.nnlab')).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
  });

  it('runs through a symlink to the bundle too', () => {
    const link = join(scratch('nnlab-bundle-').dir, 'nnlab.mjs');
    symlinkSync(bundle, link);
    expect(node(link, 'validate', 'src-cli/fixtures/lecture.nnlab').stdout).toBe('ok\n');
  });
});

describe('isProgram', () => {
  it('is the module node was started with, not one imported by it', () => {
    expect(isProgram(pathToFileURL(bundle).href, bundle)).toBe(true);
    expect(isProgram(pathToFileURL(bundle).href, join(root, 'bin', 'nnlab.mjs'))).toBe(false);
    expect(isProgram(pathToFileURL(bundle).href, undefined)).toBe(false);
    expect(isProgram('data:text/javascript,', bundle)).toBe(false);
  });
});
