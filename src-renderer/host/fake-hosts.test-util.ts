/**
 * Stand-in hosts for AppState's tests (src-renderer/lib/app.svelte.test.ts):
 * a TrainerHost that runs the real TrainerService in-process (events pass
 * the same validation the real hosts apply), and can hold commands back, go
 * silent, or refuse the next load, as a busy, hung or picky trainer does; a
 * FileHost with scripted dialogs; a ShellHost whose menu the test clicks.
 */
import { TrainerService } from '../../src-core/protocol/service';
import { loadSession } from '../../src-core/protocol/load';
import { menuBindsKey } from '../../src-core/protocol/menu-keys';
import { EventHub, envelope } from './events';
import type { Hosts } from './index';
import type { CommandBody, FileHost, HostEvent, InitialDocument, KeyPress, MenuCommand, OpenedFile, ShellHost, TrainerHost } from './types';

export class FakeTrainerHost implements TrainerHost {
  /** every command the page sent, in order */
  readonly sent: CommandBody[] = [];
  /** true: commands wait (a busy trainer) until release() */
  hold = false;
  /** true: commands are swallowed and never answered (a hung or gone trainer) */
  silent = false;
  private held: CommandBody[] = [];
  private refusals: string[] = [];
  private readonly hub = new EventHub();
  private readonly service = new TrainerService({ post: (e) => queueMicrotask(() => this.hub.receive(e)), load: loadSession });

  send(command: CommandBody): void {
    this.sent.push(command);
    if (this.silent) return;
    if (this.hold) this.held.push(command);
    else this.deliver(command);
  }
  subscribe(listener: (event: HostEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }
  dispose(): void {
    this.hub.clear();
  }

  /** The commands held back, handled now (in order). */
  release(): void {
    this.hold = false;
    for (const c of this.held.splice(0)) this.deliver(c);
  }

  /** The next load is refused with `message`, as the trainer refuses a session it cannot build. */
  refuseNextLoad(message: string): void {
    this.refusals.push(message);
  }

  /** the sessions of the `load` commands sent, as objects */
  loads(): { id?: string; session: Record<string, unknown> }[] {
    return this.sent.filter((c): c is Extract<CommandBody, { type: 'load' }> => c.type === 'load').map((c) => ({ id: c.id, session: (typeof c.session === 'string' ? JSON.parse(c.session) : c.session) as Record<string, unknown> }));
  }

  private deliver(c: CommandBody): void {
    const refusal = c.type === 'load' ? this.refusals.shift() : undefined;
    if (refusal !== undefined) return queueMicrotask(() => this.hub.receive({ v: 1, type: 'error', id: c.id, message: refusal }));
    this.service.handle(envelope(c));
  }
}

export class FakeFileHost implements FileHost {
  readonly saves: { text: string; name: string; path?: string }[] = [];
  readonly asked: string[] = [];
  dirtyCalls: boolean[] = [];
  forgotten = 0;
  /** answers to confirmDiscard, in order (true: discard) */
  discardAnswers: boolean[] = [];
  /** files the open dialog picks, in order (null: cancelled) */
  toOpen: (OpenedFile | null)[] = [];
  /** where Save As puts a file without a path */
  saveAsPath = '/home/student/saved.nnlab';

  async open(): Promise<OpenedFile | null> {
    return this.toOpen.shift() ?? null;
  }
  async save(text: string, name: string, path?: string): Promise<{ name: string; path?: string } | null> {
    this.saves.push({ text, name, ...(path !== undefined ? { path } : {}) });
    const where = path ?? this.saveAsPath;
    return { name: where.split('/').pop()!, path: where };
  }
  async confirmDiscard(message: string): Promise<boolean> {
    this.asked.push(message);
    return this.discardAnswers.shift() ?? false;
  }
  setDirty(dirty: boolean): void {
    this.dirtyCalls.push(dirty);
  }
  forgetFile(): void {
    this.forgotten++;
  }
}

/** The desktop window's shell (`platform` set: its menu binds that platform's accelerators), or a browser tab's. */
export class FakeShellHost implements ShellHost {
  readonly recoveryWrites: string[] = [];
  recoveryClears = 0;
  titles: string[] = [];
  private listeners = new Set<(c: MenuCommand) => void>();

  constructor(private readonly platform: string | null = 'linux', readonly keepsRecovery = platform !== null) {}

  setTitle(title: string): void {
    this.titles.push(title);
  }
  onMenu(listener: (command: MenuCommand) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  /** The user picks a menu item (or presses its accelerator): main sends the command to the page. */
  menu(command: MenuCommand): void {
    for (const l of this.listeners) l(command);
  }
  menuBindsKey(press: KeyPress): boolean {
    return this.platform !== null && menuBindsKey(press, this.platform);
  }
  recoveryWrite(text: string): void {
    this.recoveryWrites.push(text);
  }
  recoveryClear(): void {
    this.recoveryClears++;
  }
  async initialDocument(): Promise<InitialDocument> {
    return { kind: 'new' };
  }
}

export function fakeHosts(o: { platform?: string | null } = {}): Hosts & { trainer: FakeTrainerHost; files: FakeFileHost; shell: FakeShellHost } {
  const platform = o.platform === undefined ? 'linux' : o.platform;
  // AppState itself runs no jobs (sweeps and Run all have their own tests: src-core/sweep/pool.test.ts)
  const jobs = { parallelism: async () => 1, spawn: () => { throw new Error('the fake hosts run no jobs'); } };
  return { trainer: new FakeTrainerHost(), files: new FakeFileHost(), shell: new FakeShellHost(platform), jobs, kind: platform === null ? 'web' : 'electron' };
}

/** Waits for the trainer's answers (microtasks and setImmediate slices), up to 5 s. */
export async function until(cond: () => boolean, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}
