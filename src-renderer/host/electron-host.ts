/**
 * The desktop app's hosts: thin wrappers around the preload API
 * `window.nnlab` (src-main/preload), which forwards commands to the training
 * utility process and its events back. Events are validated here as well.
 */
import type { CommandBody, FileHost, HostEvent, InitialDocument, KeyPress, MenuCommand, NnlabPreloadApi, OpenedFile, ShellHost, TrainerHost } from './types';
import { menuBindsKey } from '../../src-core/protocol/menu-keys';
import { EventHub, envelope } from './events';
import { TrainerJournal } from './journal';

export class ElectronHost implements TrainerHost {
  readonly hub = new EventHub();
  private readonly off: () => void;
  private readonly offRestart: () => void;
  /** brings a restarted training process back to the old one's state (journal.ts) */
  private readonly journal = new TrainerJournal((c) => this.api.postCommand(envelope(c)));

  constructor(private readonly api: NnlabPreloadApi) {
    this.hub.subscribe((e) => {
      const notice = this.journal.received(e);
      if (notice) queueMicrotask(() => this.hub.receive(notice));
    });
    this.off = api.onEvent((m) => this.hub.receive(m));
    this.offRestart =
      api.onTrainerRestart?.((reason) => {
        const { events, commands } = this.journal.restart(reason);
        for (const e of events) this.hub.receive(e);
        for (const c of commands) this.api.postCommand(envelope(c));
      }) ?? (() => {});
  }

  send(body: CommandBody): void {
    this.api.postCommand(envelope(this.journal.sent(body)));
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  dispose(): void {
    this.off();
    this.offRestart();
    this.hub.clear();
  }
}

export class ElectronFileHost implements FileHost {
  constructor(private readonly api: NnlabPreloadApi) {}
  open(): Promise<OpenedFile | null> {
    return this.api.openFile();
  }
  save(text: string, suggestedName: string, path?: string) {
    return this.api.saveFile(text, suggestedName, path);
  }
  confirmDiscard(message: string): Promise<boolean> {
    return this.api.confirmDiscard(message);
  }
  setDirty(dirty: boolean): void {
    this.api.setDirty(dirty);
  }
  forgetFile(): void {
    this.api.forgetFile?.();
  }
}

/** The desktop window around the session: title, menu, crash recovery, start-up document. */
export class ElectronShellHost implements ShellHost {
  constructor(private readonly api: NnlabPreloadApi) {}
  get keepsRecovery(): boolean {
    return this.api.recovery !== undefined;
  }
  setTitle(title: string): void {
    this.api.setTitle?.(title);
  }
  onMenu(listener: (command: MenuCommand) => void): () => void {
    return this.api.onMenu?.(listener) ?? (() => {});
  }
  /** the menu's accelerators (src-main/menu.ts builds them from the same table); none without a menu */
  menuBindsKey(press: KeyPress): boolean {
    return this.api.onMenu !== undefined && menuBindsKey(press, this.api.platform ?? (/^Mac/.test(navigator.platform) ? 'darwin' : 'linux'));
  }
  recoveryWrite(text: string): void {
    this.api.recovery?.write(text);
  }
  recoveryClear(): void {
    this.api.recovery?.clear();
  }
  initialDocument(): Promise<InitialDocument> {
    return this.api.initialDocument();
  }
}
