/**
 * Fakes of the Electron ports, for the unit tests of main and for the e2e harness. They record
 * what they were asked to do and let tests drive them: fire power events, answer dialogs. The
 * clocks are in clock.ts.
 * Nothing here fakes Kinetic itself: the services and handlers are the real ones.
 */
import type { EventChannel, EventPayloads, WindowKind } from '../../shared/ipc';
import type {
  AppPort,
  BackupFolderPort,
  DialogPort,
  Notification,
  NotifierPort,
  PowerEvent,
  PowerPort,
  ShortcutPort,
  TrayAction,
  TrayImage,
  TrayMenuItem,
  TrayPort,
  WindowsPort,
} from '../../electron/main/ports';

export class FakeTray implements TrayPort {
  menu: TrayMenuItem[] = [];
  image: TrayImage = { kind: 'idle' };
  title = '';
  toolTip = '';
  readonly calls: string[] = [];
  private actionListener: (action: TrayAction) => void = () => undefined;
  private clickListener: () => void = () => undefined;

  setMenu(items: TrayMenuItem[]): void {
    this.menu = items;
    this.calls.push('setMenu');
  }
  setImage(image: TrayImage): void {
    this.image = image;
    this.calls.push('setImage');
  }
  setTitle(title: string): void {
    this.title = title;
    this.calls.push('setTitle');
  }
  setToolTip(text: string): void {
    this.toolTip = text;
    this.calls.push('setToolTip');
  }
  onAction(listener: (action: TrayAction) => void): void {
    this.actionListener = listener;
  }
  onClick(listener: () => void): void {
    this.clickListener = listener;
  }
  /** A user picks a menu item. */
  choose(action: TrayAction): void {
    const item = this.menu.find((i) => i.kind === 'action' && i.id === action);
    if (!item || item.kind !== 'action' || !item.enabled)
      throw new Error(`Tray item ${action} is not available`);
    this.actionListener(action);
  }
  click(): void {
    this.clickListener();
  }
  labels(): string[] {
    return this.menu.flatMap((i) => (i.kind === 'separator' ? [] : [i.label]));
  }
}

export class FakeShortcuts implements ShortcutPort {
  readonly registered = new Map<string, () => void>();
  /** Accelerators the "OS" refuses, as if another app had them. */
  readonly taken = new Set<string>();
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}

export class FakePower implements PowerPort {
  private readonly listeners = new Map<PowerEvent, (() => void)[]>();
  on(event: PowerEvent, listener: () => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: PowerEvent): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}

export class FakeNotifier implements NotifierPort {
  readonly shown: Notification[] = [];
  notify(notification: Notification): void {
    this.shown.push(notification);
  }
  titles(): string[] {
    return this.shown.map((n) => n.title);
  }
}

/** The save and open dialogs, and a file system of the files written through them (or put there). */
export class FakeDialog implements DialogPort {
  /** What the save dialog answers; null = the user cancels. */
  answer: string | null = '/tmp/kinetic-export.md';
  /** What the open dialog answers; null = the user cancels. */
  openAnswer: string | null = null;
  readonly written = new Map<string, string>();
  chooseSavePath(): Promise<string | null> {
    return Promise.resolve(this.answer);
  }
  chooseOpenPath(): Promise<string | null> {
    return Promise.resolve(this.openAnswer);
  }
  /** What the folder dialog answers; null = the user cancels. */
  folderAnswer: string | null = null;
  chooseFolder(): Promise<string | null> {
    return Promise.resolve(this.folderAnswer);
  }
  writeTextFile(path: string, text: string): Promise<void> {
    this.written.set(path, text);
    return Promise.resolve();
  }
  fileSize(path: string): Promise<number> {
    const text = this.written.get(path);
    if (text === undefined)
      return Promise.reject(new Error(`ENOENT: no such file or directory, stat '${path}'`));
    return Promise.resolve(new TextEncoder().encode(text).length);
  }
  readTextFile(path: string): Promise<string> {
    const text = this.written.get(path);
    if (text === undefined)
      return Promise.reject(new Error(`ENOENT: no such file or directory, open '${path}'`));
    return Promise.resolve(text);
  }
}

/** The automatic backups' folder, in memory. */
export class FakeBackupFolder implements BackupFolderPort {
  readonly path = '/home/me/.config/Kinetic/backups';
  readonly files = new Map<string, string>();
  write(name: string, text: string): Promise<void> {
    this.files.set(name, text);
    return Promise.resolve();
  }
  list(): Promise<string[]> {
    return Promise.resolve([...this.files.keys()]);
  }
  remove(name: string): Promise<void> {
    this.files.delete(name);
    return Promise.resolve();
  }
}

export class FakeApp implements AppPort {
  readonly version = '0.0.0-test';
  quitCalls = 0;
  constructor(readonly platform: string = 'linux') {}
  quit(): void {
    this.quitCalls++;
  }
}

export type EventSink = <E extends EventChannel>(
  kind: WindowKind,
  channel: E,
  payload: EventPayloads[E],
) => void;

/** Records which windows are shown; events go to the pages the harness registered for each kind. */
export class FakeWindows implements WindowsPort {
  readonly visible = new Set<WindowKind>();
  readonly log: string[] = [];
  sink: EventSink = () => undefined;

  show(kind: WindowKind): void {
    this.visible.add(kind);
    this.log.push(`show:${kind}`);
  }
  hide(kind: WindowKind): void {
    this.visible.delete(kind);
    this.log.push(`hide:${kind}`);
  }
  isVisible(kind: WindowKind): boolean {
    return this.visible.has(kind);
  }
  send<E extends EventChannel>(kind: WindowKind, channel: E, payload: EventPayloads[E]): void {
    this.sink(kind, channel, payload);
  }
  broadcast<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const kind of ['main', 'quickAdd', 'focus', 'reflection'] as const)
      this.sink(kind, channel, payload);
  }
}
