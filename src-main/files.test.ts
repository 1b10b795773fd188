import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import { mkdtempSync, promises as fsp, readFileSync, readdirSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSession, serializeSession } from '../src-core/session/session';
import { atomicWriteFile, isSessionPath, readSessionFile, saveSessionFile, type SessionParser } from './files';

const parse: SessionParser = (text) => parseSession(text);
const here = path.dirname(fileURLToPath(import.meta.url));

/** The lecture net of report 000: 2-2-1 ReLU, input (1,0), target 2. */
const lecture = {
  format: 'nnlab',
  version: 1,
  title: 'Lecture 6: three-node ReLU network',
  experiment: {
    network: { inputs: 2, layers: [{ units: 2, activation: 'relu', bias: true }, { units: 1, activation: 'relu', bias: true }] },
    loss: 'squared_error',
    reduction: 'mean',
    init: { kind: 'explicit', weights: [[[1, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] },
    data: { kind: 'inline', train: { x: [[1, 0]], y: [[2]] } },
    optimizer: { kind: 'sgd', lr: 0.005 },
    batch_size: 'full',
    epochs: 10,
    seed: 42,
  },
  view: { unknownField: 'kept' },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nnlab-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('session files', () => {
  it('round trip: save, open, same session and same text, unknown fields kept, no temp file left', async () => {
    const file = path.join(dir, 'lecture.nnlab');
    const text = serializeSession(lecture);
    expect(await saveSessionFile(file, text, parse)).toEqual({ ok: true });
    const read = await readSessionFile(file, parse);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.text).toBe(text);
    const s = read.session as typeof lecture;
    expect(s.experiment.init.weights[0][1]).toEqual([0.5, -1]);
    expect(s.experiment.optimizer.lr).toBe(0.005);
    expect(s.view.unknownField).toBe('kept');
    expect(readdirSync(dir)).toEqual(['lecture.nnlab']);
  });

  it('overwrites in place and keeps the old file mode', async () => {
    const file = path.join(dir, 'private.nnlab');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await atomicWriteFile(file, 'new text');
    expect(readFileSync(file, 'utf8')).toBe('new text');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a session killed mid-write leaves the old file whole', async () => {
    const file = path.join(dir, 'work.nnlab');
    const oldText = serializeSession(lecture);
    writeFileSync(file, oldText);
    const size = 48 * 1024 * 1024; // ~190 chunks of 256 KiB at 20 ms each: ~4 s if not killed
    const child = fork(path.join(here, 'test-util/slow-writer.ts'), [file, String(size)], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
    const progress = await new Promise<{ written: number; total: number; tmpPath: string }>((resolve, reject) => {
      child.on('message', (m: { written?: number; total?: number; tmpPath?: string; done?: boolean }) => {
        if (m.done) reject(new Error('the writer finished before it was killed'));
        else if (m.written! > m.total! / 4) resolve(m as { written: number; total: number; tmpPath: string });
      });
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // The target is byte for byte the old file and still opens.
    expect(readFileSync(file, 'utf8')).toBe(oldText);
    const read = await readSessionFile(file, parse);
    expect(read.ok).toBe(true);
    // The half-written temporary file is beside it, cut short: the kill did land mid-write.
    expect(path.dirname(progress.tmpPath)).toBe(dir);
    expect(path.basename(progress.tmpPath)).toMatch(/^work\.nnlab\.tmp-\d+-\d+$/);
    const partial = statSync(progress.tmpPath).size;
    expect(partial).toBeGreaterThan(progress.total / 4);
    expect(partial).toBeLessThan(progress.total);
  });

  it('refuses a bad file with the parser messages and names the JSON path', async () => {
    const file = path.join(dir, 'bad.nnlab');
    const bad = structuredClone(lecture) as { experiment: { network: { layers: { units: number }[] } } };
    bad.experiment.network.layers[1].units = 0;
    writeFileSync(file, JSON.stringify(bad));
    const read = await readSessionFile(file, parse);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.some((e) => e.startsWith('experiment.network.layers[1].units'))).toBe(true);
  });

  it('refuses a newer version politely, with the parser message', async () => {
    const file = path.join(dir, 'future.nnlab');
    writeFileSync(file, JSON.stringify({ ...lecture, version: 7 }));
    const read = await readSessionFile(file, parse);
    expect(read).toEqual({ ok: false, errors: [expect.stringMatching(/newer NN Lab \(format version 7\).*please update/)] });
  });

  it('refuses text that is not JSON with a line and column', async () => {
    const file = path.join(dir, 'broken.nnlab');
    writeFileSync(file, '{\n  "format": "nnlab",\n  "version": 1,,\n}');
    const read = await readSessionFile(file, parse);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[0]).toMatch(/line 3/);
  });

  it('refuses missing files, folders and binary files with a sentence', async () => {
    const missing = path.join(dir, 'nope.nnlab');
    expect(await readSessionFile(missing, parse)).toEqual({ ok: false, errors: [`${missing}: no such file`] });
    expect(await readSessionFile(dir, parse)).toEqual({ ok: false, errors: [`${dir}: is a folder, not a session file`] });
    const bin = path.join(dir, 'image.nnlab');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]));
    expect(await readSessionFile(bin, parse)).toEqual({ ok: false, errors: [`${bin}: not a text file (a session file is UTF-8 JSON)`] });
  });

  it('does not save text the parser refuses, and leaves the old file alone', async () => {
    const file = path.join(dir, 'keep.nnlab');
    writeFileSync(file, 'old');
    const r = await saveSessionFile(file, '{"format":"nnlab","version":1}', parse);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toBe('The session was not saved because it is not valid:');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['keep.nnlab']);
  });

  it('a failed write reports the cause and leaves no temp file', async () => {
    const file = path.join(dir, 'no-such-folder', 'x.nnlab');
    const r = await saveSessionFile(file, serializeSession(lecture), parse);
    expect(r).toEqual({ ok: false, errors: [`${file}: no such file`] });
    await expect(fsp.readdir(dir)).resolves.toEqual([]);
  });

  it('recognises .nnlab paths', () => {
    expect(isSessionPath('/a/b/Lecture.NNLAB')).toBe(true);
    expect(isSessionPath('C:\\x\\y.nnlab')).toBe(true);
    expect(isSessionPath('/a/b.nnlab.tmp-1-2')).toBe(false);
    expect(isSessionPath('--flag')).toBe(false);
  });
});
