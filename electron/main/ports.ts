/**
 * The small ports main-process services are written against. Only electron/main/adapters/
 * implements them with Electron; tests and the e2e harness implement them with fakes.
 */
import type { EventChannel, EventPayloads, MainCommand, WindowKind } from '../../shared/ipc';

export type TimerHandle = { readonly id: number };

/** Wall-clock time and timeouts. */
export interface ClockPort {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

export interface PowerPort {
  on(event: PowerEvent, listener: () => void): void;
}

export interface Notification {
  title: string;
  body: string;
  /** Called when the user clicks the notification. */
  onClick?: () => void;
}

export interface NotifierPort {
  notify(notification: Notification): void;
}

export type TrayMenuItem =
  | { kind: 'label'; label: string }
  | { kind: 'action'; id: TrayAction; label: string; enabled: boolean }
  | { kind: 'separator' };

export type TrayAction =
  'quickAdd' | 'startFocus' | 'pauseFocus' | 'resumeFocus' | 'openMain' | 'reflect' | 'openLogs' | 'quit';

/** The tray image: the idle icon, or a frame of the focus progress ring (0–24 of 24 elapsed). */
export type TrayImage = { kind: 'idle' } | { kind: 'progress'; frame: number };

export interface TrayPort {
  setMenu(items: TrayMenuItem[]): void;
  setImage(image: TrayImage): void;
  /** macOS shows this text beside the icon; other platforms ignore it. */
  setTitle(title: string): void;
  setToolTip(text: string): void;
  onAction(listener: (action: TrayAction) => void): void;
  /** Left click (Windows, Linux where the desktop delivers it). */
  onClick(listener: () => void): void;
}

export interface ShortcutPort {
  /** Registers a global shortcut; false when the OS refused it (taken, or unsupported as on Wayland). */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface WindowsPort {
  show(kind: WindowKind): void;
  hide(kind: WindowKind): void;
  isVisible(kind: WindowKind): boolean;
  send<E extends EventChannel>(kind: WindowKind, channel: E, payload: EventPayloads[E]): void;
  broadcast<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
}

/** Small JSON documents in the user-data folder, written atomically (temp file + rename). */
export interface StorePort {
  read(name: string): Promise<unknown>;
  write(name: string, value: unknown): Promise<void>;
}

/** A kind of file the save and open dialogs offer ("Markdown", ["md"]). */
export interface FileKind {
  name: string;
  extensions: string[];
}

export interface DialogPort {
  /** Asks where to save; null when cancelled. */
  chooseSavePath(options: { defaultName: string; title: string; kind: FileKind }): Promise<string | null>;
  /** Asks which file to open; null when cancelled. */
  chooseOpenPath(options: { title: string; kind: FileKind }): Promise<string | null>;
  /** Asks for a folder (one may be made in the dialog); null when cancelled. */
  chooseFolder(options: { title: string }): Promise<string | null>;
  writeTextFile(path: string, text: string): Promise<void>;
  /** The file's size in bytes. */
  fileSize(path: string): Promise<number>;
  readTextFile(path: string): Promise<string>;
}

/** The folder of automatic backups (in the user-data folder). */
export interface BackupFolderPort {
  /** Where it is, to show the user. */
  readonly path: string;
  /** Writes a file in it, whole or not at all. */
  write(name: string, text: string): Promise<void>;
  /** The names of the files in it (none when it does not exist yet). */
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
}

/**
 * The op log's folder (`<userData>/oplog`), one subfolder per device. Only plain file names.
 */
export interface LogFolderPort {
  /** Where it is, to show the user. */
  readonly path: string;
  /** The devices' folders in it. */
  dirs(): Promise<string[]>;
  /** The files in a device's folder (none when it does not exist yet). */
  list(dir: string): Promise<string[]>;
  /** The files in a device's folder with their sizes in bytes. */
  sizes(dir: string): Promise<Map<string, number>>;
  read(dir: string, name: string): Promise<string>;
  /** Appends to the file (creating it) and syncs it to disk before resolving. */
  append(dir: string, name: string, text: string): Promise<void>;
  /** Writes a whole file atomically (temporary file, sync, rename). */
  write(dir: string, name: string, text: string): Promise<void>;
  rename(dir: string, from: string, to: string): Promise<void>;
  remove(dir: string, name: string): Promise<void>;
}

/**
 * The `Kinetic` folder inside a folder another tool keeps in step between devices: the same
 * layout as the log folder, one subfolder per device.
 */
export interface SyncFolderPort extends LogFolderPort {
  /** Whether the chosen folder is there (a missing one is never made again). */
  exists(): Promise<boolean>;
  /** Calls back when something in it changes (where the system says so); returns the stop. */
  watch(onChange: () => void): () => void;
}

export interface AppPort {
  readonly version: string;
  readonly platform: string;
  quit(): void;
}

export type { MainCommand };

/** Starting Kinetic at login, hidden (`--hidden`): login items on macOS and Windows, XDG autostart on Linux. */
export interface LoginItemPort {
  set(enabled: boolean): Promise<void>;
}

/** What the updater reports (electron-updater's events, reduced). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'none' }
  | { type: 'available'; version: string }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/** Updates from GitHub releases: checks, downloads in the background, installs on quit if allowed. */
export interface UpdaterPort {
  /** Looks for an update and, when there is one, downloads it; progress comes as events. */
  check(): Promise<void>;
  onEvent(listener: (event: UpdaterEvent) => void): void;
  /** Whether a downloaded update is installed when Kinetic quits. */
  setInstallOnQuit(allowed: boolean): void;
  /** Quits and installs the downloaded update now. */
  installNow(): void;
}

/** The log files: where they are, opening their folder, and whether task text may be written. */
export interface LogsPort {
  readonly folder: string;
  openFolder(): Promise<void>;
  setDebug(enabled: boolean): void;
  error(message: string): void;
}

/** Main's log: the services' warnings (electron-log in the app, a recorder in tests). */
export interface Logger {
  warn(message: string): void;
}
