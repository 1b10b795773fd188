/**
 * The browser's FileHost: Open is an <input type="file">, Save is a download,
 * "discard unsaved changes?" is window.confirm, and closing the tab with
 * unsaved changes asks first (beforeunload).
 */
import { downloadBlob } from '../lib/download';
import type { FileHost, InitialDocument, KeyPress, MenuCommand, OpenedFile, ShellHost } from './types';

export class WebFileHost implements FileHost {
  private dirty = false;

  constructor() {
    window.addEventListener('beforeunload', (e) => {
      if (!this.dirty) return;
      e.preventDefault();
      e.returnValue = ''; // older Chromium needs it set to show the dialog
    });
  }

  open(): Promise<OpenedFile | null> {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.nnlab,.json';
      input.style.display = 'none';
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        input.remove();
        resolve(file ? { name: file.name, text: await file.text() } : null);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve(null);
      });
      document.body.append(input);
      input.click();
    });
  }

  async save(text: string, suggestedName: string): Promise<{ name: string }> {
    downloadBlob(new Blob([text], { type: 'application/json' }), suggestedName);
    return { name: suggestedName };
  }

  async confirmDiscard(message: string): Promise<boolean> {
    return window.confirm(message);
  }

  setDirty(dirty: boolean): void {
    this.dirty = dirty;
  }

  forgetFile(): void {
    // a download has no file to forget
  }
}

/**
 * A browser tab: App.svelte keeps the tab title; there is no application menu
 * (the page's own keydown handler owns every shortcut) and no crash-recovery copy.
 */
export class WebShellHost implements ShellHost {
  readonly keepsRecovery = false;
  setTitle(_title: string): void {
    // App.svelte writes the tab's title itself (with the unsaved-changes mark)
  }
  onMenu(_listener: (command: MenuCommand) => void): () => void {
    return () => {};
  }
  menuBindsKey(_press: KeyPress): boolean {
    return false;
  }
  recoveryWrite(_text: string): void {}
  recoveryClear(): void {}
  async initialDocument(): Promise<InitialDocument> {
    return { kind: 'new' };
  }
}
