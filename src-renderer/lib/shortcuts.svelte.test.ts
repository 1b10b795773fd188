/**
 * Each shortcut bound once per host (issue 12, item 7), the page's side: in a
 * browser the page's keydown handler owns every shortcut; in the desktop app
 * it leaves the keys the menu binds (menu-keys.ts) to the menu's accelerators
 * (they arrive as menu commands: app.svelte.test.ts), and keeps the others.
 */
import { describe, expect, it, vi } from 'vitest';
import { AppState } from './app.svelte';
import { noteFieldEvent, onShortcutKey } from './shortcuts';
import { fakeHosts } from '../host/fake-hosts.test-util';

type Press = { key: string; ctrl?: boolean; meta?: boolean; shift?: boolean };

function page(platform: string | null) {
  const app = new AppState(fakeHosts({ platform }));
  const did: string[] = [];
  vi.spyOn(app, 'open').mockImplementation(async () => void did.push('open'));
  vi.spyOn(app, 'save').mockImplementation(async (o = {}) => void did.push(o.as ? 'save-as' : 'save'));
  vi.spyOn(app, 'undo').mockImplementation(() => void did.push('undo'));
  vi.spyOn(app, 'redo').mockImplementation(() => void did.push('redo'));
  /** presses a key on the page (no field focused): what the page did, and whether it took the key from the browser/menu */
  const press = (p: Press) => {
    did.length = 0;
    app.showShortcuts = false;
    let prevented = false;
    const e = { key: p.key, ctrlKey: !!p.ctrl, metaKey: !!p.meta, shiftKey: !!p.shift, altKey: false, target: null, preventDefault: () => (prevented = true) };
    onShortcutKey(app, e as unknown as KeyboardEvent);
    if (app.showShortcuts) did.push('shortcuts');
    return { did: [...did], prevented };
  };
  return press;
}

const ctrl = (key: string, shift = false): Press => ({ key: shift ? key.toUpperCase() : key, ctrl: true, shift });
const cmd = (key: string, shift = false): Press => ({ key: shift ? key.toUpperCase() : key, meta: true, shift });

describe('page shortcuts', () => {
  it('in a browser the page owns every shortcut', () => {
    const press = page(null);
    expect(press(ctrl('o'))).toEqual({ did: ['open'], prevented: true });
    expect(press(ctrl('s'))).toEqual({ did: ['save'], prevented: true });
    expect(press(ctrl('s', true))).toEqual({ did: ['save-as'], prevented: true });
    expect(press(ctrl('z'))).toEqual({ did: ['undo'], prevented: true });
    expect(press(ctrl('z', true))).toEqual({ did: ['redo'], prevented: true });
    expect(press(ctrl('y'))).toEqual({ did: ['redo'], prevented: true });
    expect(press({ key: '?', shift: true }).did).toEqual(['shortcuts']);
  });

  it('in the desktop app (Linux, Windows) the menu’s keys are left to the menu; Ctrl+Shift+Z and "?" stay the page’s', () => {
    for (const platform of ['linux', 'win32']) {
      const press = page(platform);
      for (const k of [ctrl('o'), ctrl('s'), ctrl('s', true), ctrl('z'), ctrl('y'), ctrl('n'), ctrl('/')]) expect(press(k), `${platform} ${JSON.stringify(k)}`).toEqual({ did: [], prevented: false });
      expect(press(ctrl('z', true))).toEqual({ did: ['redo'], prevented: true });
      expect(press({ key: '?', shift: true }).did).toEqual(['shortcuts']);
    }
  });

  it('in the desktop app on macOS the menu has Cmd+O … Cmd+Shift+Z; Cmd+Y stays the page’s', () => {
    const press = page('darwin');
    for (const k of [cmd('o'), cmd('s'), cmd('s', true), cmd('z'), cmd('z', true), cmd('/')]) expect(press(k), JSON.stringify(k)).toEqual({ did: [], prevented: false });
    expect(press(cmd('y'))).toEqual({ did: ['redo'], prevented: true });
  });
});

describe('the menu’s Undo in a text field', () => {
  it('is the field’s own undo while it holds typing not yet committed (as Ctrl+Z is in a browser); else the session’s', () => {
    const hosts = fakeHosts({ platform: 'linux' });
    const app = new AppState(hosts);
    const undo = vi.spyOn(app, 'undo').mockImplementation(() => {});
    const execCommand = vi.fn();
    const field = { tagName: 'INPUT' };
    const doc = { activeElement: field as unknown, execCommand };
    vi.stubGlobal('document', doc);
    try {
      noteFieldEvent({ type: 'input', target: field } as unknown as Event);
      hosts.shell.menu('undo');
      expect(execCommand).toHaveBeenCalledWith('undo');
      expect(undo).not.toHaveBeenCalled();
      // committed (Enter: a change event): the session's undo, the edit it made
      noteFieldEvent({ type: 'change', target: field } as unknown as Event);
      hosts.shell.menu('undo');
      expect(undo).toHaveBeenCalledTimes(1);
      doc.activeElement = { tagName: 'BUTTON' };
      hosts.shell.menu('undo');
      expect(undo).toHaveBeenCalledTimes(2);
      expect(execCommand).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
