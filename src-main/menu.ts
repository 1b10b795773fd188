/**
 * The application menu as a pure function of the app's state, so its shape,
 * labels and shortcuts are tested without Electron. main.ts turns the template
 * into a Menu and rebuilds it when the recent files or the focused window change.
 */
import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { APP_NAME } from './title';
import { menuAccelerator } from '../src-core/protocol/menu-keys';

/**
 * New and Open act in the focused window, as the page's own New and Open do
 * (main.ts sends them to its page, which asks before discarding unsaved
 * changes); with no window, they open one. The accelerators are the
 * shortcuts in the desktop app: the page leaves these keys to the menu
 * (src-core/protocol/menu-keys.ts), so each is bound once.
 */
export interface MenuActions {
  newSession(): void;
  open(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  openExample(name: string): void;
  save(): void;
  saveAs(): void;
  close(): void;
  undo(): void;
  redo(): void;
  about(): void;
  shortcuts(): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  recent: readonly string[];
  /** names of assets/examples/*.nnlab without the extension */
  examples: readonly string[];
  /** each example's session title, where it has one (the label the start screen shows too) */
  exampleTitles?: Readonly<Record<string, string>>;
  /** false when no NN Lab window is focused: Save, Close... are greyed */
  hasWindow: boolean;
  /** developer tools and reload, for unpackaged runs only */
  dev: boolean;
}

/** "lecture-6_relu" → "lecture 6 relu": example file names as menu labels. */
export function exampleLabel(name: string): string {
  return name.replace(/[-_]+/g, ' ');
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const key = (item: Parameters<typeof menuAccelerator>[0]) => menuAccelerator(item, state.platform);
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: '&New Session', accelerator: key('new'), click: () => actions.newSession() },
      { label: '&Open…', accelerator: key('open'), click: () => actions.open() },
      {
        label: 'Open &Recent',
        submenu: [
          ...(state.recent.length
            ? state.recent.map((f): MenuItemConstructorOptions => ({ label: path.basename(f), sublabel: f, toolTip: f, click: () => actions.openRecent(f) }))
            : [{ label: 'No Recent Sessions', enabled: false }]),
          sep,
          { label: 'Clear Menu', enabled: state.recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      {
        label: '&Examples',
        submenu: state.examples.length
          ? state.examples.map((name): MenuItemConstructorOptions => ({ label: state.exampleTitles?.[name] ?? exampleLabel(name), click: () => actions.openExample(name) }))
          : [{ label: 'No Examples Installed', enabled: false }],
      },
      sep,
      { label: '&Save', accelerator: key('save'), enabled: state.hasWindow, click: () => actions.save() },
      { label: 'Save &As…', accelerator: key('save-as'), enabled: state.hasWindow, click: () => actions.saveAs() },
      sep,
      { label: '&Close Window', accelerator: key('close'), enabled: state.hasWindow, click: () => actions.close() },
      ...(mac ? [] : [sep, { role: 'quit', label: 'E&xit' } as MenuItemConstructorOptions]),
    ],
  };
  // Undo/Redo are the session's (weights set, runs made...): the renderer decides,
  // and hands them to a focused text field's own undo where that is meant.
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: '&Undo', accelerator: key('undo'), enabled: state.hasWindow, click: () => actions.undo() },
      { label: '&Redo', accelerator: key('redo'), enabled: state.hasWindow, click: () => actions.redo() },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(state.dev ? [{ role: 'reload' }, { role: 'toggleDevTools' }, sep] as MenuItemConstructorOptions[] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: '&Keyboard Shortcuts', accelerator: key('shortcuts'), enabled: state.hasWindow, click: () => actions.shortcuts() },
      ...(mac ? [] : [sep, { label: `&About ${APP_NAME}`, click: () => actions.about() }]),
    ],
  };
  const template: MenuItemConstructorOptions[] = [file, edit, view];
  if (mac) {
    template.unshift({
      label: APP_NAME,
      submenu: [
        { label: `About ${APP_NAME}`, click: () => actions.about() },
        sep,
        { role: 'services' },
        sep,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        sep,
        { role: 'quit' },
      ],
    });
    template.push({ role: 'windowMenu' });
  }
  template.push(help);
  return template;
}
