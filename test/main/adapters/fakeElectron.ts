/**
 * A small recording fake of the `electron` module, just enough for the adapters in
 * electron/main/adapters/. It is as strict as Electron on one of four platform profiles
 * (darwin, win32, linux-x11, linux-wayland; vitest.config.ts runs the adapter tests once per
 * profile), following electron.d.ts's `@platform` tags and documented behaviour: events a platform
 * never emits cannot be emitted, Wayland ignores placement and global shortcuts, macOS reports a
 * taken shortcut as registered, notifications can fail, `loadURL` can reject. Each test builds a fresh `FakeElectron`; the module the adapters import
 * (`electronModule`) reads the current one through getters, because vitest keeps a mocked module
 * cached across `vi.resetModules()`.
 *
 * Usage in a test file:
 *
 *   const electron = vi.hoisted(() => ({ current: null as FakeElectron | null }));
 *   vi.mock('electron', async () => (await import('./fakeElectron')).electronModule(electron));
 *
 * Where Electron is strict (protocol.handle before ready, a second ipcMain.handle for a channel,
 * using a destroyed window), the fake throws too.
 */
import { existsSync } from 'node:fs';
import { vi } from 'vitest';

export const PROFILES = ['darwin', 'win32', 'linux-x11', 'linux-wayland'] as const;
export type Profile = (typeof PROFILES)[number];

/** The profile this test run is for (vitest.config.ts sets it per project; linux-x11 otherwise). */
export const PROFILE: Profile = ((): Profile => {
  const named = process.env['KINETIC_FAKE_PROFILE'];
  return (PROFILES as readonly string[]).includes(named ?? '') ? (named as Profile) : 'linux-x11';
})();

export const platformOf = (profile: Profile): NodeJS.Platform =>
  profile.startsWith('linux') ? 'linux' : (profile as NodeJS.Platform);

/**
 * Makes this process look like the profile's desktop: `process.platform` and the session
 * variables Kinetic reads. Undo with `vi.unstubAllEnvs()` and `restorePlatform()`.
 */
export function applyProfile(profile: Profile = PROFILE): void {
  Object.defineProperty(process, 'platform', { value: platformOf(profile), configurable: true });
  vi.stubEnv(
    'XDG_SESSION_TYPE',
    profile === 'linux-wayland' ? 'wayland' : profile === 'linux-x11' ? 'x11' : undefined,
  );
  vi.stubEnv('WAYLAND_DISPLAY', profile === 'linux-wayland' ? 'wayland-0' : undefined);
}

const realPlatform = Object.getOwnPropertyDescriptor(process, 'platform');
export function restorePlatform(): void {
  if (realPlatform) Object.defineProperty(process, 'platform', realPlatform);
}

/** Defines the tests in `body` only in the runs for `profiles` (other runs define other tests). */
export function onProfiles(profiles: readonly Profile[], body: () => void): void {
  if (profiles.includes(PROFILE)) body();
}

/** Events each profile never emits, per electron.d.ts's @platform tags. */
const ABSENT_EVENTS: Record<Profile, Record<'powerMonitor' | 'window' | 'notification', string[]>> = {
  darwin: { powerMonitor: [], window: ['query-session-end', 'session-end'], notification: [] },
  win32: { powerMonitor: [], window: [], notification: [] },
  'linux-x11': {
    powerMonitor: ['lock-screen', 'unlock-screen'],
    window: ['moved', 'query-session-end', 'session-end'],
    notification: ['failed'],
  },
  'linux-wayland': {
    powerMonitor: ['lock-screen', 'unlock-screen'],
    window: ['moved', 'query-session-end', 'session-end'],
    notification: ['failed'],
  },
};

export type Listener = (...args: unknown[]) => unknown;

export class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

  /** Events this platform never emits: listening is allowed (Electron allows it), emitting is a test bug. */
  constructor(protected readonly absent: readonly string[] = []) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    if (this.absent.includes(event)) throw new Error(`'${event}' is never emitted on this platform`);
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** The event object Electron passes to listeners that may cancel the default action. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  const event: FakeEvent = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// ---------------------------------------------------------------------------------------- app

export interface LoginItemSettings {
  openAtLogin?: boolean;
  args?: string[];
}

export class FakeApp extends Emitter {
  /** What requestSingleInstanceLock answers. */
  lock = true;
  isPackaged = false;
  private ready = false;
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });
  private readonly paths: Record<string, string>;
  /** Paths set with setPath, and whether the app was ready then. */
  readonly pathsSet: { name: string; path: string; afterReady: boolean }[] = [];

  readonly requestSingleInstanceLock = vi.fn<() => boolean>(() => this.lock);
  readonly quit = vi.fn<() => void>();
  readonly exit = vi.fn<(code?: number) => void>();
  readonly setAsDefaultProtocolClient = vi.fn<(scheme: string, path?: string, args?: string[]) => boolean>(
    () => true,
  );
  /** @platform win32 */
  readonly setAppUserModelId?: (id: string) => void;
  /** @platform darwin,win32 */
  readonly setLoginItemSettings?: (settings: LoginItemSettings) => void;
  loginItem: LoginItemSettings = { openAtLogin: false };
  /** macOS: whether this start came from the login item. */
  openedAtLogin = false;
  /** @platform darwin,win32 */
  readonly getLoginItemSettings?: () => LoginItemSettings & { wasOpenedAtLogin?: boolean };

  constructor(
    paths: Readonly<Record<string, string>>,
    readonly profile: Profile,
    private readonly appPath = '/fake/kinetic-app',
  ) {
    super();
    this.paths = { appData: '/fake/appData', userData: '/fake/appData/Kinetic', ...paths };
    if (profile === 'win32') this.setAppUserModelId = vi.fn<(id: string) => void>();
    if (profile === 'darwin' || profile === 'win32') {
      this.setLoginItemSettings = vi.fn((settings: LoginItemSettings) => {
        this.loginItem = { ...settings };
      });
      this.getLoginItemSettings = () => ({
        ...this.loginItem,
        ...(profile === 'darwin' ? { wasOpenedAtLogin: this.openedAtLogin } : {}),
      });
    }
  }

  override emit(event: string, ...args: unknown[]): void {
    // Electron: "This event is guaranteed to be emitted after the ready event of app gets emitted."
    if (event === 'second-instance' && !this.ready) {
      throw new Error('second-instance is only emitted after ready');
    }
    super.emit(event, ...args);
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getPath(name: string): string {
    const path = this.paths[name];
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: string, path: string): void {
    this.pathsSet.push({ name, path, afterReady: this.ready });
    this.paths[name] = path;
  }

  getAppPath(): string {
    return this.appPath;
  }

  getVersion(): string {
    return '9.8.7-test';
  }

  /** Test control: Electron has finished initializing. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready', fakeEvent(), {});
    this.resolveReady();
  }
}

// ----------------------------------------------------------------------------------- protocol

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export interface PrivilegedScheme {
  scheme: string;
  privileges?: Record<string, boolean>;
}

export class FakeProtocol {
  /** Every registerSchemesAsPrivileged call, and whether the app was ready at the time. */
  readonly privileged: { schemes: PrivilegedScheme[]; afterReady: boolean }[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(private readonly app: FakeApp) {}

  registerSchemesAsPrivileged(schemes: PrivilegedScheme[]): void {
    // Electron: "This method can only be used before the ready event of the app module gets emitted".
    if (this.app.isReady())
      throw new Error('registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push({ schemes, afterReady: false });
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.app.isReady()) throw new Error('protocol.handle cannot be used before the app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  /** Test control: what the registered handler answers for a request to `url`. */
  async fetch(url: string): Promise<Response> {
    const request = new Request(url);
    const handler = this.handlers.get(new URL(request.url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`No protocol handler for ${url}`);
    return handler(request);
  }
}

// ------------------------------------------------------------------------------------ session

export type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;
export type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details?: unknown,
) => boolean;
export interface BeforeRequestResponse {
  cancel?: boolean;
  redirectURL?: string;
}
export type BeforeRequestListener = (
  details: { url: string },
  callback: (response: BeforeRequestResponse) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  beforeRequest: BeforeRequestListener | null = null;

  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener): void => {
      this.beforeRequest = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }

  /** How many times the app asked Chromium to write its storage out. */
  storageFlushes = 0;
  flushStorageData(): void {
    this.storageFlushes++;
  }

  /** Test control: runs the request filter for `url` and returns its answer. */
  filter(url: string): BeforeRequestResponse {
    if (!this.beforeRequest) throw new Error('No onBeforeRequest listener');
    let answer: BeforeRequestResponse | null = null;
    this.beforeRequest({ url }, (response) => {
      answer = response;
    });
    if (answer === null) throw new Error(`The request filter did not answer for ${url}`);
    return answer;
  }
}

// ------------------------------------------------------------------------------------ ipcMain

export interface FakeIpcEvent {
  senderFrame: { url: string } | null;
}
export type IpcHandler = (event: FakeIpcEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, IpcHandler>();

  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }

  /** Test control: a renderer invoke from a frame at `senderUrl` (null: the frame is gone). */
  async invoke(channel: string, payload: unknown, senderUrl: string | null): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, payload);
  }
}

// ------------------------------------------------------------------------- windows, contents

export type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeWebContents extends Emitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
}

export interface WindowOptions {
  width?: number;
  height?: number;
  show?: boolean;
  frame?: boolean;
  alwaysOnTop?: boolean;
  title?: string;
  webPreferences?: Record<string, unknown>;
  [option: string]: unknown;
}

/** What the fake BrowserWindow needs from its FakeElectron. */
export interface WindowHost {
  readonly profile: Profile;
  /** Whether a page loads on its own (FakeElectron.holdPageLoads). */
  finishesLoads(): boolean;
  /** Whether this load fails (FakeElectron.failLoads). */
  failsLoad(url: string): boolean;
  focused: FakeBrowserWindow | null;
}

const STANDALONE: WindowHost = {
  profile: PROFILE,
  finishesLoads: () => true,
  failsLoad: () => false,
  focused: null,
};

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  /** show, hide, focus, showInactive, flashFrame, in call order. */
  readonly calls: string[] = [];
  /** Every URL loadURL was called with, in order. */
  readonly loads: string[] = [];
  url: string | null = null;
  position: [number, number] = [0, 0];
  alwaysOnTop: { flag: boolean; level: string | undefined } | null = null;
  visibleOnAllWorkspaces: { visible: boolean; options: unknown } | null = null;
  private visible: boolean;
  private destroyed = false;

  constructor(
    readonly options: WindowOptions,
    private readonly host: WindowHost = STANDALONE,
  ) {
    super(ABSENT_EVENTS[host.profile].window);
    this.visible = options.show !== false;
  }

  private get wayland(): boolean {
    return this.host.profile === 'linux-wayland';
  }

  loadURL(url: string): Promise<void> {
    this.alive();
    this.loads.push(url);
    this.url = url;
    this.webContents.emit('did-start-loading');
    if (this.host.failsLoad(url)) {
      // Like Electron: the promise rejects with the net error, after did-fail-load.
      this.webContents.emit('did-fail-load', fakeEvent(), -2, 'ERR_FAILED', url);
      return Promise.reject(new Error(`ERR_FAILED (-2) loading '${url}'`));
    }
    if (this.host.finishesLoads()) queueMicrotask(() => this.finishLoad());
    return Promise.resolve();
  }

  /** Test control: the page has loaded (on its own right after `loadURL`, unless held). */
  finishLoad(): void {
    this.webContents.emit('did-finish-load');
  }

  show(): void {
    this.record('show');
    this.visible = true;
  }

  showInactive(): void {
    this.record('showInactive');
    this.visible = true;
  }

  hide(): void {
    this.record('hide');
    this.visible = false;
    if (this.host.focused === this) this.host.focused = null;
  }

  focus(): void {
    this.record('focus');
    this.host.focused = this;
  }

  flashFrame(flag: boolean): void {
    this.record(`flashFrame(${String(flag)})`);
  }

  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alive();
    // Not supported on Wayland (Linux).
    if (this.wayland) return;
    this.alwaysOnTop = { flag, level };
  }

  setVisibleOnAllWorkspaces(visible: boolean, options?: unknown): void {
    this.alive();
    // @platform darwin,linux; "This API does nothing on Windows."
    if (this.host.profile === 'win32') return;
    this.visibleOnAllWorkspaces = { visible, options };
  }

  setPosition(x: number, y: number): void {
    this.alive();
    // Electron refuses non-integer coordinates.
    if (!Number.isInteger(x) || !Number.isInteger(y)) {
      throw new TypeError(`Error processing argument: setPosition(${x}, ${y})`);
    }
    // Wayland does not let clients place their windows.
    if (this.wayland) return;
    this.position = [x, y];
  }

  getPosition(): number[] {
    this.alive();
    // "On Wayland, this method will return [0, 0]".
    return this.wayland ? [0, 0] : [...this.position];
  }

  /** Test control: the user drags the window to (x, y); emits what this platform emits. */
  dragTo(x: number, y: number): void {
    this.alive();
    if (!this.wayland) this.position = [x, y];
    this.emit('move');
    if (!this.absent.includes('moved')) this.emit('moved');
  }

  getSize(): number[] {
    this.alive();
    return [this.options.width ?? 800, this.options.height ?? 600];
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isVisible(): boolean {
    this.alive();
    return this.visible;
  }

  isFocused(): boolean {
    return this.host.focused === this;
  }

  /** Test control: someone closes the window; it is destroyed unless a 'close' listener prevents it. */
  close(): FakeEvent {
    this.alive();
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.visible = false;
      this.destroyed = true;
      this.emit('closed');
    }
    return event;
  }

  private record(call: string): void {
    this.alive();
    this.calls.push(call);
  }

  private alive(): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
  }
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface FakeDisplay {
  id: number;
  bounds: Rectangle;
  workArea: Rectangle;
}

export class FakeScreen {
  cursor = { x: 200, y: 200 };

  constructor(private readonly profile: Profile = PROFILE) {}

  displays: FakeDisplay[] = [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    },
  ];

  getCursorScreenPoint(): { x: number; y: number } {
    // Not supported on Wayland (Linux): the compositor does not tell.
    if (this.profile === 'linux-wayland') return { x: 0, y: 0 };
    return { ...this.cursor };
  }

  getDisplayNearestPoint(point: { x: number; y: number }): FakeDisplay {
    const inside = this.displays.find(
      ({ bounds: b }) =>
        point.x >= b.x && point.x < b.x + b.width && point.y >= b.y && point.y < b.y + b.height,
    );
    return inside ?? this.getPrimaryDisplay();
  }

  getPrimaryDisplay(): FakeDisplay {
    const primary = this.displays[0];
    if (!primary) throw new Error('No display');
    return primary;
  }

  getAllDisplays(): FakeDisplay[] {
    return [...this.displays];
  }
}

// ------------------------------------------------------------------------- tray, menu, images

export class FakeImage {
  template = false;
  /** createFromPath of a file that does not exist gives an empty image, not an error. */
  constructor(
    readonly path: string,
    private readonly empty = false,
  ) {}

  isEmpty(): boolean {
    return this.empty;
  }

  setTemplateImage(template: boolean): void {
    this.template = template;
  }
}

export interface MenuItemTemplate {
  type?: string;
  label?: string;
  enabled?: boolean;
  click?: () => void;
}

export class FakeMenu {
  constructor(readonly items: MenuItemTemplate[]) {}

  item(label: string): MenuItemTemplate {
    const item = this.items.find((i) => i.label === label);
    if (!item) throw new Error(`No menu item "${label}"`);
    return item;
  }
}

export class FakeTray extends Emitter {
  readonly images: FakeImage[] = [];
  readonly titles: { title: string; options: unknown }[] = [];
  readonly toolTips: string[] = [];
  contextMenu: FakeMenu | null = null;
  readonly bounds: Rectangle = { x: 1800, y: 1050, width: 24, height: 24 };
  /** @platform darwin,win32 */
  readonly getBounds?: () => Rectangle;

  constructor(
    readonly image: FakeImage,
    private readonly host: { profile: Profile; screen: FakeScreen; focused: FakeBrowserWindow | null } = {
      profile: PROFILE,
      screen: new FakeScreen(),
      focused: null,
    },
  ) {
    super();
    if (host.profile === 'darwin' || host.profile === 'win32') this.getBounds = () => ({ ...this.bounds });
  }

  /**
   * Test control: the user clicks the icon. The pointer is over the icon; on Windows the taskbar
   * takes the keyboard back when the click ends, so a window focused by the click handler blurs.
   */
  click(): void {
    this.host.screen.cursor = { x: this.bounds.x + 12, y: this.bounds.y + 12 };
    this.emit('click', fakeEvent(), { ...this.bounds });
    const focused = this.host.focused;
    if (this.host.profile === 'win32' && focused && !focused.isDestroyed()) {
      this.host.focused = null;
      focused.emit('blur');
    }
  }

  setImage(image: FakeImage): void {
    this.images.push(image);
  }

  setTitle(title: string, options?: unknown): void {
    this.titles.push({ title, options });
  }

  setToolTip(text: string): void {
    this.toolTips.push(text);
  }

  setContextMenu(menu: FakeMenu): void {
    this.contextMenu = menu;
  }
}

// ----------------------------------------------------------------------- system integrations

export interface NotificationOptions {
  title?: string;
  body?: string;
  silent?: boolean;
}

export class FakeNotification extends Emitter {
  shown = 0;
  constructor(
    readonly options: NotificationOptions,
    private readonly failure: () => string | null = () => null,
    profile: Profile = PROFILE,
  ) {
    super(ABSENT_EVENTS[profile].notification);
  }

  show(): void {
    this.shown++;
    const error = this.failure();
    // An unsigned macOS build, or Windows without an AppUserModelID, cannot show it.
    if (error !== null) queueMicrotask(() => this.emit('failed', fakeEvent(), error));
    else queueMicrotask(() => this.emit('show', fakeEvent()));
  }
}

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);
const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);

/** Whether Electron can parse `accelerator`: modifiers, then exactly one key. */
export function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()?.toLowerCase() ?? '';
  if (!parts.every((part) => MODIFIERS.has(part.toLowerCase()))) return false;
  return (
    /^[a-z0-9]$/.test(key) ||
    /^f([1-9]|1\d|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    /^[)!@#$%^&*(:;<=,_\->.?/~`{\][|\\}"']$/.test(key) ||
    NAMED_KEYS.has(key)
  );
}

export class FakeGlobalShortcut {
  /** What register answered true for (what Kinetic believes it holds). */
  readonly registered = new Map<string, () => void>();
  /** What the OS really delivers to Kinetic. */
  readonly bound = new Map<string, () => void>();
  /** Accelerators another application holds. */
  readonly taken = new Set<string>();

  constructor(private readonly profile: Profile = PROFILE) {}

  register(accelerator: string, callback: () => void): boolean {
    if (!isAccelerator(accelerator)) {
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    }
    if (this.registered.has(accelerator)) return false;
    const taken = this.taken.has(accelerator);
    // macOS does not report a key another app holds; Wayland answers true and binds nothing.
    if (taken && this.profile !== 'darwin') return false;
    this.registered.set(accelerator, callback);
    if (!taken && this.profile !== 'linux-wayland') this.bound.set(accelerator, callback);
    return true;
  }

  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
    this.bound.delete(accelerator);
  }

  /** Test control: the user presses `accelerator`; true when Kinetic received it. */
  press(accelerator: string): boolean {
    const callback = this.bound.get(accelerator);
    callback?.();
    return !!callback;
  }
}

export interface SaveDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
}

export interface OpenDialogOptions extends SaveDialogOptions {
  properties?: string[];
}

export class FakeElectron implements WindowHost {
  readonly app: FakeApp;
  readonly protocol: FakeProtocol;
  readonly session = { defaultSession: new FakeSession() };
  readonly ipcMain = new FakeIpcMain();
  readonly nativeTheme = { shouldUseDarkColors: false, themeSource: 'light' };
  readonly screen: FakeScreen;
  readonly globalShortcut: FakeGlobalShortcut;
  readonly powerMonitor: Emitter;
  readonly dialog = {
    showErrorBox: vi.fn<(title: string, content: string) => void>(),
    showSaveDialog: vi.fn<(options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>>(
      () => Promise.resolve({ canceled: true }),
    ),
    showOpenDialog: vi.fn<
      (options: OpenDialogOptions) => Promise<{ canceled: boolean; filePaths: string[] }>
    >(() => Promise.resolve({ canceled: true, filePaths: [] })),
  };
  readonly shell = {
    openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()),
    openPath: vi.fn<(path: string) => Promise<string>>(() => Promise.resolve('')),
  };

  /** Every window, menu, image, tray and notification created, in order. */
  readonly windows: FakeBrowserWindow[] = [];
  readonly menus: FakeMenu[] = [];
  readonly images: FakeImage[] = [];
  readonly trays: FakeTray[] = [];
  readonly notifications: FakeNotification[] = [];
  /** Notification.isSupported() (false: e.g. no notification daemon on Linux). */
  notificationsSupported = true;
  /** The error every notification's `failed` event carries (darwin, win32 only), or null. */
  notificationFailure: string | null = null;
  /** Test control: pages stay loading until a test calls `finishLoad()` on their window. */
  holdPageLoads = false;
  /** Test control: how many of the next loadURL calls reject. */
  failLoads = 0;
  /** Test control: pages that never load. */
  readonly failingUrls = new Set<string>();
  focused: FakeBrowserWindow | null = null;
  readonly log = new FakeLog();
  readonly autoUpdater = new FakeAutoUpdater();

  readonly BrowserWindow: new (options: WindowOptions) => FakeBrowserWindow;
  readonly Tray: new (image: FakeImage) => FakeTray;
  readonly Notification: { new (options: NotificationOptions): FakeNotification; isSupported(): boolean };
  readonly Menu: { buildFromTemplate(template: MenuItemTemplate[]): FakeMenu };
  readonly nativeImage: { createFromPath(path: string): FakeImage };

  constructor(
    paths: Readonly<Record<string, string>> = {},
    readonly profile: Profile = PROFILE,
  ) {
    const app = new FakeApp(paths, profile);
    this.app = app;
    this.protocol = new FakeProtocol(app);
    this.screen = new FakeScreen(profile);
    this.globalShortcut = new FakeGlobalShortcut(profile);
    this.powerMonitor = new Emitter(ABSENT_EVENTS[profile].powerMonitor);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the classes below close over the fake
    const host = this;
    const { windows, menus, images, trays, notifications } = this;
    const supported = (): boolean => this.notificationsSupported;
    const failure = (): string | null => this.notificationFailure;

    this.BrowserWindow = class extends FakeBrowserWindow {
      constructor(options: WindowOptions) {
        super(options, host);
        windows.push(this);
        // Like Electron: every new web contents is announced on the app.
        app.emit('web-contents-created', fakeEvent(), this.webContents);
      }
    };
    this.Tray = class extends FakeTray {
      constructor(image: FakeImage) {
        super(image, host);
        trays.push(this);
      }
    };
    this.Notification = class extends FakeNotification {
      static isSupported(): boolean {
        return supported();
      }
      constructor(options: NotificationOptions) {
        super(options, failure, profile);
        notifications.push(this);
      }
    };
    this.Menu = {
      buildFromTemplate(template) {
        const menu = new FakeMenu(template);
        menus.push(menu);
        return menu;
      },
    };
    this.nativeImage = {
      createFromPath(path) {
        const image = new FakeImage(path, !existsSync(path));
        images.push(image);
        return image;
      },
    };
  }

  finishesLoads(): boolean {
    return !this.holdPageLoads;
  }

  failsLoad(url: string): boolean {
    if (this.failingUrls.has(url)) return true;
    if (this.failLoads <= 0) return false;
    this.failLoads--;
    return true;
  }

  /** The window loading `page` (e.g. 'main/index.html'). */
  window(page: string): FakeBrowserWindow {
    const win = this.windows.find((w) => w.url?.endsWith(`/${page}`));
    if (!win) throw new Error(`No window loads ${page}`);
    return win;
  }
}

/** The `electron` module the adapters see: each export reads the test's current fake. */
export function electronModule(holder: { current: FakeElectron | null }): Record<string, unknown> {
  const fake = (): FakeElectron => {
    if (!holder.current) throw new Error('electron was used before the test created its FakeElectron');
    return holder.current;
  };
  return {
    get app() {
      return fake().app;
    },
    get protocol() {
      return fake().protocol;
    },
    get session() {
      return fake().session;
    },
    get ipcMain() {
      return fake().ipcMain;
    },
    get BrowserWindow() {
      return fake().BrowserWindow;
    },
    get nativeTheme() {
      return fake().nativeTheme;
    },
    get screen() {
      return fake().screen;
    },
    get Tray() {
      return fake().Tray;
    },
    get Menu() {
      return fake().Menu;
    },
    get nativeImage() {
      return fake().nativeImage;
    },
    get Notification() {
      return fake().Notification;
    },
    get globalShortcut() {
      return fake().globalShortcut;
    },
    get powerMonitor() {
      return fake().powerMonitor;
    },
    get dialog() {
      return fake().dialog;
    },
    get shell() {
      return fake().shell;
    },
  };
}

// ------------------------------------------------------- electron-log and electron-updater

/** A stand-in for electron-log/main's default export: records lines per level. */
export class FakeLog {
  readonly lines: { level: string; text: string }[] = [];
  readonly transports = {
    file: { resolvePathFn: (() => '') as () => string, maxSize: 0, level: 'silly' as string | false },
    console: { level: 'silly' as string | false },
  };
  readonly warn = (text: string): void => void this.lines.push({ level: 'warn', text });
  readonly error = (text: string): void => void this.lines.push({ level: 'error', text });
  readonly info = (text: string): void => void this.lines.push({ level: 'info', text });
}

/** A stand-in for electron-updater's autoUpdater. */
export class FakeAutoUpdater extends Emitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  readonly checkForUpdates = vi.fn<() => Promise<null>>(() => Promise.resolve(null));
  readonly quitAndInstall = vi.fn<() => void>();
}

/** `vi.mock('electron-log/main', …)`: the current fake's log. */
export function electronLogModule(holder: { current: FakeElectron | null }): Record<string, unknown> {
  const log = (): FakeLog => {
    if (!holder.current) throw new Error('electron-log was used before the test created its FakeElectron');
    return holder.current.log;
  };
  return {
    get default() {
      return log();
    },
  };
}

/** `vi.mock('electron-updater', …)`: the current fake's autoUpdater. */
export function electronUpdaterModule(holder: { current: FakeElectron | null }): Record<string, unknown> {
  const updater = (): FakeAutoUpdater => {
    if (!holder.current)
      throw new Error('electron-updater was used before the test created its FakeElectron');
    return holder.current.autoUpdater;
  };
  return {
    get default() {
      return { autoUpdater: updater() };
    },
  };
}
