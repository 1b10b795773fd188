import { describe, expect, it } from 'vitest';
import { matchesAccelerator, menuAccelerator, menuBindsKey, type KeyPress } from './menu-keys';

const press = (key: string, m: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...m });

describe('menu accelerators', () => {
  it('CmdOrCtrl is Cmd on macOS and Ctrl elsewhere; modifiers match exactly, keys in any case', () => {
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { ctrlKey: true }), 'linux')).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { metaKey: true }), 'linux')).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { metaKey: true }), 'darwin')).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { ctrlKey: true }), 'darwin')).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+S', press('S', { ctrlKey: true, shiftKey: true }), 'linux')).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+Shift+S', press('S', { ctrlKey: true, shiftKey: true }), 'linux')).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+O', press('o', { ctrlKey: true, altKey: true }), 'linux')).toBe(false);
  });

  it('each platform’s redo key', () => {
    expect([menuAccelerator('redo', 'linux'), menuAccelerator('redo', 'win32'), menuAccelerator('redo', 'darwin')]).toEqual(['Ctrl+Y', 'Ctrl+Y', 'Cmd+Shift+Z']);
    expect(menuBindsKey(press('Z', { ctrlKey: true, shiftKey: true }), 'linux')).toBe(false);
    expect(menuBindsKey(press('Z', { metaKey: true, shiftKey: true }), 'darwin')).toBe(true);
    expect(menuBindsKey(press('y', { metaKey: true }), 'darwin')).toBe(false);
    expect(menuBindsKey(press('?', { shiftKey: true }), 'linux')).toBe(false);
  });
});
