/**
 * The desktop app's menu accelerators, in one table: src-main/menu.ts builds
 * the menu from it, and the page (src-renderer/lib/shortcuts.ts) leaves
 * exactly these keys to the menu in the desktop app, so each shortcut is
 * bound once per host: by the menu in the desktop app, by the page's own
 * handler in a browser (which has no menu). Keys the menu does not bind
 * (Ctrl+Shift+Z on Linux and Windows, "?", Space ...) stay the page's
 * everywhere.
 */

/** The menu items that have an accelerator. */
export type MenuKeyItem = 'new' | 'open' | 'save' | 'save-as' | 'close' | 'undo' | 'redo' | 'shortcuts';

/** Electron's accelerator syntax; CmdOrCtrl is Cmd on macOS, Ctrl elsewhere. */
export function menuAccelerator(item: MenuKeyItem, platform: string): string {
  const mac = platform === 'darwin';
  switch (item) {
    case 'new': return 'CmdOrCtrl+N';
    case 'open': return 'CmdOrCtrl+O';
    case 'save': return 'CmdOrCtrl+S';
    case 'save-as': return 'CmdOrCtrl+Shift+S';
    case 'close': return 'CmdOrCtrl+W';
    case 'undo': return 'CmdOrCtrl+Z';
    // each platform's own redo key
    case 'redo': return mac ? 'Cmd+Shift+Z' : 'Ctrl+Y';
    case 'shortcuts': return 'CmdOrCtrl+/';
  }
}

export const MENU_KEY_ITEMS: readonly MenuKeyItem[] = ['new', 'open', 'save', 'save-as', 'close', 'undo', 'redo', 'shortcuts'];

/** A key press as the page sees it (KeyboardEvent's fields). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether `press` is the accelerator `accel` on `platform` (modifiers exactly, the key case-insensitively). */
export function matchesAccelerator(accel: string, press: KeyPress, platform: string): boolean {
  const mac = platform === 'darwin';
  const parts = accel.split('+');
  const key = parts.pop()!.toLowerCase();
  const want = { ctrl: false, meta: false, shift: false, alt: false };
  for (const m of parts) {
    if (m === 'CmdOrCtrl') want[mac ? 'meta' : 'ctrl'] = true;
    else if (m === 'Cmd' || m === 'Command') want.meta = true;
    else if (m === 'Ctrl' || m === 'Control') want.ctrl = true;
    else if (m === 'Shift') want.shift = true;
    else if (m === 'Alt' || m === 'Option') want.alt = true;
  }
  return press.key.toLowerCase() === key && press.ctrlKey === want.ctrl && press.metaKey === want.meta && press.shiftKey === want.shift && press.altKey === want.alt;
}

/** Whether the desktop menu on `platform` binds `press` (the page then leaves it alone). */
export function menuBindsKey(press: KeyPress, platform: string): boolean {
  return MENU_KEY_ITEMS.some((item) => matchesAccelerator(menuAccelerator(item, platform), press, platform));
}
