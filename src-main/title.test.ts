import { describe, expect, it } from 'vitest';
import { addRecent, closeQuestion, displayName, sanitizeName, windowForOpen, windowTitle, type DocState } from './title';

const doc = (o: Partial<DocState>): DocState => ({ path: null, title: '', dirty: false, hasContent: false, ...o });

describe('window title', () => {
  it('shows the title, the file when it differs, and the unsaved mark', () => {
    expect(windowTitle(doc({}))).toBe('Untitled — NN Lab');
    expect(windowTitle(doc({ path: '/x/lecture6.nnlab' }))).toBe('lecture6 — NN Lab');
    expect(windowTitle(doc({ path: '/x/lecture6.nnlab', title: 'Lecture 6', dirty: true }))).toBe('● Lecture 6 (lecture6.nnlab) — NN Lab');
    expect(windowTitle(doc({ path: '/x/xor.nnlab', title: 'xor' }))).toBe('xor — NN Lab');
    expect(displayName(doc({ title: '   ' }))).toBe('Untitled');
  });

  it('asks before closing with the session name', () => {
    expect(closeQuestion(doc({ title: 'XOR sweep' })).message).toBe('Save the changes to “XOR sweep” before closing?');
  });
});

describe('which window a file opens in', () => {
  it('reuses only an untitled, unchanged, empty window', () => {
    expect(windowForOpen(null)).toBe('new');
    expect(windowForOpen(doc({}))).toBe('reuse');
    expect(windowForOpen(doc({ dirty: true }))).toBe('new');
    expect(windowForOpen(doc({ path: '/a.nnlab' }))).toBe('new');
    expect(windowForOpen(doc({ hasContent: true }))).toBe('new');
  });
});

describe('recent files', () => {
  it('newest first, no duplicates, at most max', () => {
    expect(addRecent(['/a', '/b', '/c'], '/b', 3, false)).toEqual(['/b', '/a', '/c']);
    expect(addRecent(['/a', '/b', '/c'], '/d', 3, false)).toEqual(['/d', '/a', '/b']);
    expect(addRecent(['C:\\A.nnlab'], 'c:\\a.nnlab', 10, true)).toEqual(['c:\\a.nnlab']);
    expect(addRecent(['/A.nnlab'], '/a.nnlab', 10, false)).toEqual(['/a.nnlab', '/A.nnlab']);
  });
});

describe('save-as file names', () => {
  it('strips folders and odd characters and adds .nnlab', () => {
    expect(sanitizeName('../../etc/passwd', 'x')).toBe('etc passwd.nnlab');
    expect(sanitizeName('Lecture 6: ReLU?', 'x')).toBe('Lecture 6 ReLU.nnlab');
    expect(sanitizeName('xor.nnlab', 'x')).toBe('xor.nnlab');
    expect(sanitizeName('', 'Untitled')).toBe('Untitled.nnlab');
    expect(sanitizeName('...', '')).toBe('Untitled.nnlab');
  });
});
