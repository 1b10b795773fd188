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
 *   "?" the shortcut sheet
 *
 * Not while typing in a field, where Ctrl+Z is the field's own undo.
 */
import type { AppState } from './app.svelte';

/** A text field (or other control that takes typing) has the key. */
export function isTyping(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/**
 * The menu's Undo / Redo while a text field is focused: the field's own
 * undo, as Ctrl+Z does in the browser. False when no field has the focus
 * (the session's undo applies then).
 */
export function fieldUndo(command: 'undo' | 'redo'): boolean {
  if (typeof document === 'undefined' || !isTyping(document.activeElement)) return false;
  document.execCommand(command);
  return true;
}

export function onShortcutKey(app: AppState, e: KeyboardEvent): void {
  // the desktop menu has this key: its accelerator does it (once)
  if (app.hosts.shell.menuBindsKey(e)) return;
  const t = e.target as HTMLElement | null;
  const typing = isTyping(t);
  if ((e.ctrlKey || e.metaKey) && !e.altKey) {
    const key = e.key.toLowerCase();
    if (key === 'o' && !e.shiftKey) { e.preventDefault(); void app.open(); }
    else if (key === 's') { e.preventDefault(); void app.save({ as: e.shiftKey }); }
    else if (!typing && key === 'z') { e.preventDefault(); if (e.shiftKey) app.redo(); else app.undo(); }
    else if (!typing && key === 'y') { e.preventDefault(); app.redo(); }
    return;
  }
  if (!typing && e.key === '?') { app.showShortcuts = true; return; }
  if (typing || e.altKey || !app.session || !app.snapshot) return;
  const halted = app.status === 'diverged' || app.status === 'stopped_early';
  if (e.key === ' ' && !(t && t.tagName === 'BUTTON')) { e.preventDefault(); if (!halted || app.running) app.toggleRun(); }
  else if (e.key === '.' && !app.running && !halted) app.step('phase');
  else if ((e.key === 'e' || e.key === 'E') && !app.running && !halted) app.step('epoch');
}
