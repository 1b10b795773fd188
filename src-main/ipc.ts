/**
 * The main-process side of `window.nnlab`. Every handler first checks that
 * the message comes from the app's own page in the top frame of one of our
 * windows (security.ts); anything else is ignored or refused.
 */
import { dialog, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { DocWindow } from './doc-window';
import { readSessionFile, saveSessionFile, type SessionParser } from './files';
import { Channel, type OpenedFile } from './preload-api';
import { isTrustedSender } from './security';
import { displayName, sanitizeName } from './title';

export interface IpcContext {
  distDir: string;
  parse: SessionParser;
  windowOf(webContentsId: number): DocWindow | undefined;
  /** remember a file for Open Recent */
  addRecent(file: string): void;
  defaultFolder(): string;
}

const SESSION_FILTERS = [{ name: 'NN Lab session', extensions: ['nnlab'] }];

/** The window behind an IPC event, or undefined when the sender is not the app's own top frame. */
function senderWindow(ctx: IpcContext, event: IpcMainEvent | IpcMainInvokeEvent): DocWindow | undefined {
  const frame = event.senderFrame;
  if (!isTrustedSender(frame ? { url: frame.url, isTop: frame.parent === null } : null, ctx.distDir)) return undefined;
  return ctx.windowOf(event.sender.id);
}

export async function showErrors(w: DocWindow | undefined, message: string, errors: string[]): Promise<void> {
  const shown = errors.slice(0, 12);
  if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more`);
  const options = { type: 'error' as const, message, detail: shown.join('\n'), buttons: ['OK'] };
  await (w ? dialog.showMessageBox(w.win, options) : dialog.showMessageBox(options));
}

export function registerIpc(ctx: IpcContext): void {
  const handle = <A extends unknown[], R>(channel: string, fn: (w: DocWindow, ...args: A) => R | Promise<R>) =>
    ipcMain.handle(channel, (event, ...args) => {
      const w = senderWindow(ctx, event);
      if (!w) throw new Error('refused: not the NN Lab window');
      return fn(w, ...(args as A));
    });
  const on = <A extends unknown[]>(channel: string, fn: (w: DocWindow, ...args: A) => void) =>
    ipcMain.on(channel, (event, ...args) => {
      const w = senderWindow(ctx, event);
      if (w) fn(w, ...(args as A));
    });

  handle(Channel.initialDocument, (w) => w.initial);

  handle(Channel.openFile, async (w): Promise<OpenedFile | null> => {
    const r = await dialog.showOpenDialog(w.win, {
      title: 'Open Session',
      defaultPath: w.doc.path ? path.dirname(w.doc.path) : ctx.defaultFolder(),
      filters: SESSION_FILTERS,
      properties: ['openFile'],
    });
    const file = r.filePaths[0];
    if (r.canceled || !file) return null;
    const read = await readSessionFile(file, ctx.parse);
    if (!read.ok) {
      await showErrors(w, `“${path.basename(file)}” cannot be opened.`, read.errors);
      return null;
    }
    // The renderer has asked about unsaved changes itself before calling openFile.
    await w.recovery.clear();
    w.doc.path = file;
    w.doc.hasContent = true;
    w.setDirty(false);
    ctx.addRecent(file);
    return { name: path.basename(file), path: file, text: read.text };
  });

  handle(Channel.saveFile, async (w, text: unknown, suggestedName: unknown, wanted: unknown) => {
    if (typeof text !== 'string') throw new Error('saveFile: text must be a string');
    const writesBefore = w.recoveryWrites;
    // Only the window's own file is written without asking: the page cannot pick paths.
    let target = typeof wanted === 'string' && wanted === w.doc.path ? wanted : null;
    if (!target) {
      const name = sanitizeName(typeof suggestedName === 'string' ? suggestedName : '', displayName(w.doc));
      const r = await dialog.showSaveDialog(w.win, {
        title: 'Save Session',
        defaultPath: path.join(w.doc.path ? path.dirname(w.doc.path) : ctx.defaultFolder(), name),
        filters: SESSION_FILTERS,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      if (r.canceled || !r.filePath) {
        w.saveFinished(false);
        return null;
      }
      target = /\.nnlab$/i.test(r.filePath) ? r.filePath : `${r.filePath}.nnlab`;
      // the dialog asked about overwriting the name as typed; with ".nnlab" added it is another file, which may exist
      if (target !== r.filePath && (await fsp.stat(target).then(() => true, () => false))) {
        const answer = await dialog.showMessageBox(w.win, {
          type: 'warning',
          message: `“${path.basename(target)}” already exists. Replace it?`,
          detail: 'Replacing it overwrites what it holds now.',
          buttons: ['Replace', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
        });
        if (answer.response !== 0) {
          w.saveFinished(false);
          return null;
        }
      }
    }
    const saved = await saveSessionFile(target, text, ctx.parse);
    if (!saved.ok) {
      w.saveFinished(false);
      await showErrors(w, `The session was not saved to “${path.basename(target)}”.`, saved.errors);
      return null;
    }
    w.doc.path = target;
    w.doc.hasContent = true;
    ctx.addRecent(target);
    if (w.recoveryWrites === writesBefore) await w.recovery.clear();
    w.updateTitle();
    w.saveFinished(true);
    return { name: path.basename(target), path: target };
  });

  handle(Channel.confirmDiscard, async (w, message: unknown) => {
    const r = await dialog.showMessageBox(w.win, {
      type: 'warning',
      message: typeof message === 'string' && message ? message.slice(0, 500) : 'Discard unsaved changes?',
      buttons: ['Discard Changes', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    return r.response === 0;
  });

  on(Channel.setDirty, (w, dirty: unknown) => w.setDirty(dirty === true));
  on(Channel.forgetFile, (w) => w.forgetFile());
  on(Channel.setTitle, (w, title: unknown) => {
    if (typeof title === 'string') w.setTitle(title);
  });
  on(Channel.recoveryWrite, (w, text: unknown) => {
    if (typeof text !== 'string') return;
    w.recoveryWrites++;
    w.recovery.update({ path: w.doc.path, title: displayName(w.doc), text });
  });
  on(Channel.recoveryClear, (w) => void w.recovery.clear());

  // sweeps' and Run all's job processes (supervisor-jobs.ts checks the slot numbers)
  handle(Channel.jobParallelism, (w) => w.jobs.maxProcesses);
  on(Channel.jobOpen, (w, slot: unknown) => w.jobs.open(slot));
  on(Channel.jobClose, (w, slot: unknown) => w.jobs.close(slot));
}
