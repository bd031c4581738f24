/**
 * Starts the real Kinetic main wiring (startKinetic) against fake ports, a manual clock and an
 * in-memory store, for main-process unit tests.
 */
import { MemoryLogFolder } from './memoryLogFolder';
import { MemorySyncFolder } from './memorySyncFolder';
import type { SyncFolderPort } from '../../electron/main/ports';
import {
  WINDOW_PAGES,
  type EventChannel,
  type EventPayloads,
  type InvokeChannel,
  type IpcResult,
  type ReplyOf,
  type RequestOf,
  type WindowKind,
} from '../../shared/ipc';
import type { TaskRef } from '../../shared/types';
import { startKinetic, type KineticMain, type KineticPorts } from '../../electron/main/kinetic';
import type { FileKind } from '../../electron/main/ports';
import {
  FakeApp,
  FakeDialog,
  FakeBackupFolder,
  FakeNotifier,
  FakePower,
  FakeShortcuts,
  FakeTray,
  FakeWindows,
} from './ports';
import { FakeClock, settle } from './clock';
import { MemoryStore } from './memoryStore';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const ORIGIN = 'app://kinetic';

/** Local time in Europe/Berlin (the unit tests' TZ). */
export function local(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return new Date(year, month - 1, day, hour, minute, second).getTime();
}

export function senderOf(kind: WindowKind): { url: string } {
  return { url: `${ORIGIN}/${WINDOW_PAGES[kind]}` };
}

export const task = (id: string, title = `Task ${id}`, estimateMin: number | null = null): TaskRef => ({
  id,
  title,
  estimateMin,
});

export interface SentEvent {
  kind: WindowKind;
  channel: EventChannel;
  payload: unknown;
}

/** FakeWindows that also records what was sent to one window and what was broadcast (once per call). */
export class RecordingWindows extends FakeWindows {
  readonly sent: SentEvent[] = [];
  readonly broadcasts: { channel: EventChannel; payload: unknown }[] = [];

  override send<E extends EventChannel>(kind: WindowKind, channel: E, payload: EventPayloads[E]): void {
    this.sent.push({ kind, channel, payload });
    super.send(kind, channel, payload);
  }

  override broadcast<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    this.broadcasts.push({ channel, payload });
    super.broadcast(channel, payload);
  }

  sentOn<E extends EventChannel>(channel: E, kind?: WindowKind): EventPayloads[E][] {
    return this.sent
      .filter((e) => e.channel === channel && (kind === undefined || e.kind === kind))
      .map((e) => e.payload as EventPayloads[E]);
  }

  broadcastsOn<E extends EventChannel>(channel: E): EventPayloads[E][] {
    return this.broadcasts.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  }

  shows(kind: WindowKind): number {
    return this.log.filter((entry) => entry === `show:${kind}`).length;
  }
}

export class RecordingLog {
  readonly warnings: string[] = [];
  warn(message: string): void {
    this.warnings.push(message);
  }
}

/** FakeDialog that also records what the save and open dialogs were asked. */
export class TestDialog extends FakeDialog {
  readonly asked: { defaultName?: string; title: string; kind: FileKind }[] = [];
  override chooseSavePath(options?: {
    defaultName: string;
    title: string;
    kind: FileKind;
  }): Promise<string | null> {
    if (options) this.asked.push(options);
    return super.chooseSavePath();
  }
  override chooseOpenPath(options?: { title: string; kind: FileKind }): Promise<string | null> {
    if (options) this.asked.push(options);
    return super.chooseOpenPath();
  }
}

export interface TestKineticOptions {
  clock?: FakeClock;
  store?: MemoryStore;
  /** Default: local(2026, 11, 26, 9, 0) (a Thursday morning). */
  startAt?: number;
  platform?: string;
  wayland?: boolean;
  takenShortcuts?: readonly string[];
  /** The backups folder (default: a new, empty one), to restart on the same files. */
  backups?: FakeBackupFolder;
  /** Make the fake OS throw for these accelerators, like Electron does for ones it cannot parse. */
  invalidShortcuts?: readonly string[];
  logFolder?: MemoryLogFolder;
  /** The sync folder a chosen path opens (default: a new one in memory per path). */
  openSyncFolder?: (path: string) => SyncFolderPort;
  /** Launch at login, updater and logs ports (the e2e harness has none). */
  desktop?: Pick<KineticPorts, 'login' | 'updater' | 'logs'>;
}

/** FakeShortcuts that can also throw, like Electron for an accelerator it cannot parse. */
export class TestShortcuts extends FakeShortcuts {
  readonly invalid = new Set<string>();
  readonly registerCalls: string[] = [];
  readonly unregisterCalls: string[] = [];

  override register(accelerator: string, callback: () => void): boolean {
    this.registerCalls.push(accelerator);
    if (this.invalid.has(accelerator)) throw new Error(`Invalid accelerator "${accelerator}"`);
    return super.register(accelerator, callback);
  }

  override unregister(accelerator: string): void {
    this.unregisterCalls.push(accelerator);
    super.unregister(accelerator);
  }
}

export interface TestKinetic {
  main: KineticMain;
  clock: FakeClock;
  store: MemoryStore;
  windows: RecordingWindows;
  notifier: FakeNotifier;
  tray: FakeTray;
  shortcuts: TestShortcuts;
  power: FakePower;
  dialog: TestDialog;
  backups: FakeBackupFolder;
  app: FakeApp;
  log: RecordingLog;
  /** An untyped call, for payloads that do not match the contract. */
  raw(channel: string, payload: unknown, from?: WindowKind): Promise<IpcResult<unknown>>;
  /** A typed, valid call from `from` (default: the main window). */
  invoke<C extends InvokeChannel>(
    channel: C,
    payload: RequestOf<C>,
    from?: WindowKind,
  ): Promise<IpcResult<ReplyOf<C>>>;
  /** The value of a call that must succeed (throws with the error otherwise). */
  call<C extends InvokeChannel>(channel: C, payload: RequestOf<C>, from?: WindowKind): Promise<ReplyOf<C>>;
  /** Fires a power event and lets the services finish reacting. */
  powerEvent(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'): Promise<void>;
}

export async function startTestKinetic(options: TestKineticOptions = {}): Promise<TestKinetic> {
  const clock = options.clock ?? new FakeClock(options.startAt ?? local(2026, 11, 26, 9, 0));
  const store = options.store ?? new MemoryStore();
  const windows = new RecordingWindows();
  const notifier = new FakeNotifier();
  const tray = new FakeTray();
  const shortcuts = new TestShortcuts();
  for (const taken of options.takenShortcuts ?? []) shortcuts.taken.add(taken);
  for (const invalid of options.invalidShortcuts ?? []) shortcuts.invalid.add(invalid);
  const power = new FakePower();
  const dialog = new TestDialog();
  const backups = options.backups ?? new FakeBackupFolder();
  const app = new FakeApp(options.platform ?? 'linux');
  const log = new RecordingLog();
  let ids = 0;
  const main = await startKinetic(
    {
      clock,
      store,
      windows,
      notifier,
      tray,
      shortcuts,
      power,
      dialog,
      backups,
      logFolder: options.logFolder ?? new MemoryLogFolder(),
      openSyncFolder: options.openSyncFolder ?? ((path) => new MemorySyncFolder(path)),
      hostName: 'test',
      app,
      newId: () => `id-${++ids}`,
      log,
      ...options.desktop,
    },
    { trustedOrigins: [ORIGIN], wayland: options.wayland ?? false },
  );

  const invoke = async <C extends InvokeChannel>(
    channel: C,
    payload: RequestOf<C>,
    from: WindowKind = 'main',
  ): Promise<IpcResult<ReplyOf<C>>> => {
    const result = await main.registry.invoke(channel, payload, senderOf(from));
    return result as IpcResult<ReplyOf<C>>;
  };

  return {
    main,
    clock,
    store,
    windows,
    notifier,
    tray,
    shortcuts,
    power,
    dialog,
    backups,
    app,
    log,
    invoke,
    raw: (channel, payload, from = 'main') => main.registry.invoke(channel, payload, senderOf(from)),
    async call(channel, payload, from) {
      const result = await invoke(channel, payload, from);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    async powerEvent(event) {
      power.emit(event);
      await settle();
    },
  };
}
