import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, exampleLabel, type MenuActions, type MenuState } from './menu';

const actions = (): MenuActions => ({
  newSession: vi.fn(), open: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), openExample: vi.fn(),
  save: vi.fn(), saveAs: vi.fn(), close: vi.fn(), undo: vi.fn(), redo: vi.fn(), about: vi.fn(), shortcuts: vi.fn(),
});
const state = (o: Partial<MenuState> = {}): MenuState => ({ platform: 'linux', recent: [], examples: [], hasWindow: true, dev: false, ...o });

const sub = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) => {
  const hit = items.find((i) => i.label?.replace(/&/g, '') === label);
  if (!hit) throw new Error(`no menu item "${label}" in ${items.map((i) => i.label ?? i.role).join(', ')}`);
  return hit;
};
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('application menu', () => {
  it('Linux/Windows: File, Edit, View, Help with the listed items and shortcuts', () => {
    const t = buildMenuTemplate(state(), actions());
    expect(t.map((m) => m.label?.replace(/&/g, ''))).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = sub(t[0]);
    expect(file.filter((i) => i.label).map((i) => [i.label!.replace(/&/g, ''), i.accelerator ?? null])).toEqual([
      ['New Session', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Open Recent', null],
      ['Examples', null],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'CmdOrCtrl+Shift+S'],
      ['Close Window', 'CmdOrCtrl+W'],
      ['Exit', null],
    ]);
    const edit = sub(t[1]);
    expect(edit.slice(0, 2).map((i) => [i.label, i.accelerator])).toEqual([['&Undo', 'CmdOrCtrl+Z'], ['&Redo', 'Ctrl+Y']]);
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['cut', 'copy', 'paste', 'delete', 'selectAll']);
    expect(sub(t[2]).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(sub(t[3]).filter((i) => i.label).map((i) => i.label!.replace(/&/g, ''))).toEqual(['Keyboard Shortcuts', 'About NN Lab']);
  });

  it('every item calls its action', () => {
    const a = actions();
    const t = buildMenuTemplate(state({ recent: ['/s/lecture.nnlab'], examples: ['xor-sweep'] }), a);
    const file = sub(t[0]);
    for (const [label, fn] of [['New Session', a.newSession], ['Open…', a.open], ['Save', a.save], ['Save As…', a.saveAs], ['Close Window', a.close]] as const) {
      click(find(file, label));
      expect(fn).toHaveBeenCalledTimes(1);
    }
    click(sub(find(file, 'Open Recent'))[0]);
    expect(a.openRecent).toHaveBeenCalledWith('/s/lecture.nnlab');
    click(find(sub(find(file, 'Open Recent')), 'Clear Menu'));
    expect(a.clearRecent).toHaveBeenCalled();
    const ex = sub(find(file, 'Examples'))[0];
    expect(ex.label).toBe('xor sweep');
    click(ex);
    expect(a.openExample).toHaveBeenCalledWith('xor-sweep');
    click(find(sub(t[1]), 'Undo'));
    click(find(sub(t[1]), 'Redo'));
    click(find(sub(t[3]), 'Keyboard Shortcuts'));
    click(find(sub(t[3]), 'About NN Lab'));
    expect([a.undo, a.redo, a.shortcuts, a.about].map((f) => (f as ReturnType<typeof vi.fn>).mock.calls.length)).toEqual([1, 1, 1, 1]);
  });

  it('empty recent list and no examples show greyed placeholders', () => {
    const file = sub(buildMenuTemplate(state(), actions())[0]);
    const recent = sub(find(file, 'Open Recent'));
    expect(recent[0]).toEqual({ label: 'No Recent Sessions', enabled: false });
    expect(find(recent, 'Clear Menu').enabled).toBe(false);
    expect(sub(find(file, 'Examples'))).toEqual([{ label: 'No Examples Installed', enabled: false }]);
  });

  it('without a window, Save/Close/Undo are greyed', () => {
    const t = buildMenuTemplate(state({ hasWindow: false }), actions());
    expect(find(sub(t[0]), 'Save').enabled).toBe(false);
    expect(find(sub(t[0]), 'Close Window').enabled).toBe(false);
    expect(find(sub(t[1]), 'Undo').enabled).toBe(false);
  });

  it('macOS: app menu first with About and Quit, Window menu, Cmd+Shift+Z redo, no Exit', () => {
    const t = buildMenuTemplate(state({ platform: 'darwin', dev: true }), actions());
    expect(t.map((m) => m.label?.replace(/&/g, '') ?? m.role)).toEqual(['NN Lab', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(sub(t[0]).map((i) => i.label ?? i.role ?? i.type)).toContain('quit');
    expect(sub(t[1]).some((i) => i.label === 'E&xit')).toBe(false);
    expect(find(sub(t[2]), 'Redo').accelerator).toBe('Cmd+Shift+Z');
    expect(sub(t[3]).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('example labels read as words', () => {
    expect(exampleLabel('002_sin-fit')).toBe('002 sin fit');
    // a session title, where the example has one, is the label
    const t = buildMenuTemplate(state({ examples: ['004-xor'], exampleTitles: { '004-xor': 'XOR at seven learning rates' } }), actions());
    const file = t.find((m) => m.label === '&File')!;
    const ex = (file.submenu as { label?: string; submenu?: { label?: string }[] }[]).find((m) => m.label === '&Examples')!;
    expect(ex.submenu!.map((m) => m.label)).toEqual(['XOR at seven learning rates']);
  });
});

describe('the menu’s accelerators are the keys the page leaves to it', () => {
  it('every accelerator in the menu is one menuBindsKey knows, on every platform', async () => {
    const { menuBindsKey } = await import('../src-core/protocol/menu-keys');
    for (const platform of ['linux', 'win32', 'darwin']) {
      const items = buildMenuTemplate(state({ platform: platform as NodeJS.Platform }), actions()).flatMap((m) => (m.submenu as MenuItemConstructorOptions[] | undefined) ?? []).filter((i) => i.accelerator);
      expect(items.length).toBeGreaterThanOrEqual(8);
      for (const i of items) {
        const parts = String(i.accelerator).split('+');
        const key = parts.pop()!;
        const has = (m: string) => parts.includes(m) || (m === (platform === 'darwin' ? 'Cmd' : 'Ctrl') && parts.includes('CmdOrCtrl'));
        const press = { key: key.toLowerCase(), ctrlKey: has('Ctrl'), metaKey: has('Cmd'), shiftKey: has('Shift'), altKey: false };
        expect(menuBindsKey(press, platform), `${platform} ${i.label} ${i.accelerator}`).toBe(true);
      }
    }
  });
});
