/**
 * The page's keyboard shortcuts (App.svelte's window keydown). Each is bound
 * once per host: in the desktop app the menu's accelerators own the keys the
 * menu binds (src-core/protocol/menu-keys.ts; the host says which, through
 * ShellHost.menuBindsKey) and reach the page as menu commands
 * (AppState.onMenu); in a browser, which has no menu, this handler owns them
 * all. Either way a key does the same thing:
 *
 *   Space run/pause · "." step a phase · E step an epoch · Ctrl+O open ·
 *   Ctrl+S save (Shift: save as) · Ctrl+Z undo · Ctrl+Shift+Z / Ctrl+Y redo ·
 *   "?" the shortcut sheet · Escape in a field: take back what was typed
 *
 * Not while typing in a field, where Ctrl+Z is the field's own undo — as long
 * as it holds text not yet committed (typed since its last change event). A
 * field whose value was committed (Enter, a select's choice) or not typed in
 * leaves Ctrl+Z to the session: "type 0.2, Enter, Ctrl+Z" undoes the edit.
 */
import { flushSync } from 'svelte';
import type { AppState } from './app.svelte';

/** A text field (or other control that takes typing) has the key. */
export function isTyping(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/** Fields typed in since their last change event (App.svelte's window focusin, input and change events), and the text each had then. */
const uncommitted = new WeakSet<EventTarget>();
const committedText = new WeakMap<EventTarget, string>();

/**
 * An input event: the field holds typing of its own, unless its text is back to what it was committed
 * with (its own undo went all the way back: a further Ctrl+Z is the session's, never the browser's undo
 * of another field). A change event or the focus: what it holds is committed.
 */
export function noteFieldEvent(e: Event): void {
  const t = e.target as (EventTarget & { value?: unknown }) | null;
  if (!t) return;
  const text = typeof t.value === 'string' ? t.value : undefined;
  if (e.type === 'input' && (text === undefined || text !== committedText.get(t))) uncommitted.add(t);
  else {
    uncommitted.delete(t);
    if (text !== undefined) committedText.set(t, text);
  }
}

/**
 * Makes `change` (a change the page shows that the user did not make just now: an edit's load committing
 * while they type the next one) without touching what they are typing: while the page is redrawn, a
 * field they typed in since its last commit ignores the values the redraw sets, so its text, caret and
 * selection stay as they were and Enter then commits what they typed. Typing "0.125", Enter, "0.25"
 * while the first edit loaded had turned into "0.125" when it committed, and the second Enter was lost.
 * (Setting the text back afterwards cannot work: a number box reads "0." as "0", and "0.5" became "05".)
 */
export function keepingTyping(change: () => void): void {
  const field = typeof document === 'undefined' ? null : document.activeElement;
  if (!field || !ownsUndo(field) || !(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return change();
  const proto = Object.getPrototypeOf(field) as object;
  const value = Object.getOwnPropertyDescriptor(proto, 'value');
  if (!value?.get || !value.set) return change();
  const get = value.get;
  Object.defineProperty(field, 'value', { configurable: true, get() { return get.call(field); }, set() { /* the user's typing stays */ } });
  try {
    change();
    flushSync();
  } finally {
    delete (field as { value?: unknown }).value;
  }
}

/** Ctrl+Z in this element is its own text undo: a field with typing not yet committed. */
export function ownsUndo(target: EventTarget | null): boolean {
  return isTyping(target) && uncommitted.has(target!);
}

/**
 * The menu's Undo / Redo while a text field with uncommitted typing is
 * focused: the field's own undo, as Ctrl+Z does in the browser. False
 * otherwise (the session's undo applies then).
 */
export function fieldUndo(command: 'undo' | 'redo'): boolean {
  if (typeof document === 'undefined' || !ownsUndo(document.activeElement)) return false;
  document.execCommand(command);
  return true;
}

/**
 * Escape in a one-line field typed in since its last commit: the typing is taken back (the field shows
 * what it held, and leaving it commits nothing), as the graph's weight editor does. A weight typed into
 * the table, then Escape, then Tab had committed the typing. A field that handles Escape itself (and
 * prevents the default) and a text area (the notes: Escape is no way to lose a paragraph) are left alone.
 */
export function cancelTyping(e: KeyboardEvent): boolean {
  const t = e.target;
  if (e.key !== 'Escape' || e.defaultPrevented || !(t instanceof HTMLInputElement) || !ownsUndo(t)) return false;
  const text = committedText.get(t);
  if (text === undefined) return false;
  t.value = text;
  uncommitted.delete(t);
  // for a field bound to the page's state (the parameter finder): it follows the text back
  t.dispatchEvent(new Event('input', { bubbles: true }));
  e.preventDefault();
  return true;
}

export function onShortcutKey(app: AppState, e: KeyboardEvent): void {
  // the desktop menu has this key: its accelerator does it (once)
  if (app.hosts.shell.menuBindsKey(e)) return;
  if (cancelTyping(e)) return;
  const t = e.target as HTMLElement | null;
  const typing = isTyping(t);
  if ((e.ctrlKey || e.metaKey) && !e.altKey) {
    const key = e.key.toLowerCase();
    if (key === 'o' && !e.shiftKey) { e.preventDefault(); void app.open(); }
    else if (key === 's') { e.preventDefault(); void app.save({ as: e.shiftKey }); }
    else if (!ownsUndo(t) && key === 'z') { e.preventDefault(); if (e.shiftKey) app.redo(); else app.undo(); }
    else if (!ownsUndo(t) && key === 'y') { e.preventDefault(); app.redo(); }
    return;
  }
  if (!typing && e.key === '?') { app.showShortcuts = true; return; }
  if (typing || e.altKey || !app.session || !app.snapshot) return;
  const halted = app.status === 'diverged' || app.status === 'stopped_early';
  if (e.key === ' ' && !(t && t.tagName === 'BUTTON')) { e.preventDefault(); if (!halted || app.running) app.toggleRun(); }
  else if (e.key === '.' && !app.running && !halted) app.step('phase');
  else if ((e.key === 'e' || e.key === 'E') && !app.running && !halted) app.step('epoch');
}
