import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { OpenQueue, sessionPathsFromArgv } from './argv';

describe('session paths from argv', () => {
  it('packaged (Linux/Windows double-click): the files after the executable, made absolute', () => {
    expect(sessionPathsFromArgv(['/opt/NN Lab/nnlab', 'lecture.nnlab', '/tmp/xor.NNLAB'], { isPackaged: true, cwd: '/home/s' })).toEqual([
      path.resolve('/home/s/lecture.nnlab'),
      path.resolve('/tmp/xor.NNLAB'),
    ]);
  });

  it('unpackaged: skips the app path that electron takes first', () => {
    expect(sessionPathsFromArgv(['electron', 'dist-electron/main.cjs', 'a.nnlab'], { isPackaged: false, cwd: '/w' })).toEqual([path.resolve('/w/a.nnlab')]);
    expect(sessionPathsFromArgv(['electron', '.'], { isPackaged: false, cwd: '/w' })).toEqual([]);
  });

  it('second instance: Chromium switches and other files are skipped, duplicates dropped', () => {
    const argv = ['/opt/nnlab', '--allow-file-access-from-files', '--original-process-start-time=1', 'notes.txt', 'b.nnlab', './b.nnlab', '-x'];
    expect(sessionPathsFromArgv(argv, { isPackaged: true, cwd: '/d' })).toEqual([path.resolve('/d/b.nnlab')]);
  });

  it('file:// URLs (Linux desktops with %U) become paths; other URLs are ignored', () => {
    expect(sessionPathsFromArgv(['x', 'file:///home/s/My%20Lecture.nnlab', 'https://example.com/a.nnlab'], { isPackaged: true, cwd: '/' })).toEqual([
      path.resolve('/home/s/My Lecture.nnlab'),
    ]);
  });
});

describe('OpenQueue (macOS open-file before ready)', () => {
  it('keeps files until drained, then passes them straight through', () => {
    const q = new OpenQueue();
    q.push('/a.nnlab');
    q.push('/b.nnlab');
    q.push('/a.nnlab');
    const got: string[] = [];
    expect(q.drainTo((f) => got.push(f))).toBe(2);
    q.push('/c.nnlab');
    expect(got).toEqual(['/a.nnlab', '/b.nnlab', '/c.nnlab']);
  });
});
