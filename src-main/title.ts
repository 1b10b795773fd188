/** Window titles and the choice of window for a file: pure rules for main.ts. */
import path from 'node:path';

export const APP_NAME = 'NN Lab';

export interface DocState {
  /** the file on disk, or null for an untitled session */
  path: string | null;
  /** the session's own title, as the renderer reports it */
  title: string;
  dirty: boolean;
  /** true once anything was opened in the window (a file, an example, recovered work) */
  hasContent: boolean;
}

/** The name a session goes by: its title, else its file name, else "Untitled". */
export function displayName(doc: Pick<DocState, 'path' | 'title'>): string {
  const title = doc.title.trim();
  if (title) return title;
  if (doc.path) return path.basename(doc.path).replace(/\.nnlab$/i, '');
  return 'Untitled';
}

/**
 * "● Lecture 6 (lecture6.nnlab) — NN Lab": the mark says there are unsaved
 * changes (macOS also shows it in the close button via setDocumentEdited).
 */
export function windowTitle(doc: DocState): string {
  const name = displayName(doc);
  const file = doc.path ? path.basename(doc.path) : null;
  const showFile = file !== null && doc.title.trim() !== '' && file.replace(/\.nnlab$/i, '') !== name;
  return `${doc.dirty ? '● ' : ''}${name}${showFile ? ` (${file})` : ''} — ${APP_NAME}`;
}

/**
 * One window per session: a file opened from the menu, a double-click or a
 * drop goes into the focused window only when that window is untitled,
 * unchanged and empty; otherwise into a new window. So opening never
 * replaces work, and needs no "discard changes?" question.
 */
export function windowForOpen(focused: DocState | null): 'reuse' | 'new' {
  return focused && focused.path === null && !focused.dirty && !focused.hasContent ? 'reuse' : 'new';
}

/** Recent files: newest first, no duplicates (case-insensitively on Windows and macOS), at most `max`. */
export function addRecent(list: readonly string[], file: string, max = 10, caseInsensitive = process.platform !== 'linux'): string[] {
  const key = (p: string) => (caseInsensitive ? p.toLowerCase() : p);
  return [file, ...list.filter((p) => key(p) !== key(file))].slice(0, max);
}

/** The question asked when a window with unsaved changes is closed. */
export function closeQuestion(doc: DocState): { message: string; detail: string; buttons: [string, string, string] } {
  return {
    message: `Save the changes to “${displayName(doc)}” before closing?`,
    detail: 'Your changes will be lost if you don’t save them.',
    buttons: ['Save', 'Don’t Save', 'Cancel'],
  };
}

/** A file name from the renderer's suggestion: no folders, no odd characters, ends in .nnlab. */
export function sanitizeName(suggested: string, fallback: string): string {
  const base = (suggested || fallback)
    .replace(/[\\/:*?"<>|\u0000-\u001f]+|\.{2,}/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|\s+$/g, '')
    .slice(0, 120);
  const name = base || 'Untitled';
  return /\.nnlab$/i.test(name) ? name : `${name}.nnlab`;
}
