/**
 * A small recording fake of the `electron` module, just enough for the adapters in
 * electron/main/adapters/. Each test builds a fresh `FakeElectron`; the module the adapters import
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
import { vi } from 'vitest';

export type Listener = (...args: unknown[]) => unknown;

export class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

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

export class FakeApp extends Emitter {
  /** What requestSingleInstanceLock answers. */
  lock = true;
  isPackaged = false;
  private ready = false;
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  readonly requestSingleInstanceLock = vi.fn<() => boolean>(() => this.lock);
  readonly quit = vi.fn<() => void>();
  readonly exit = vi.fn<(code?: number) => void>();
  readonly setAsDefaultProtocolClient = vi.fn<(scheme: string, path?: string, args?: string[]) => boolean>(
    () => true,
  );

  constructor(
    private readonly paths: Readonly<Record<string, string>>,
    private readonly appPath = '/fake/kinetic-app',
  ) {
    super();
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
    this.privileged.push({ schemes, afterReady: this.app.isReady() });
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

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  /** show, hide, focus, showInactive, in call order. */
  readonly calls: string[] = [];
  url: string | null = null;
  position: [number, number] = [0, 0];
  alwaysOnTop: { flag: boolean; level: string | undefined } | null = null;
  private visible: boolean;
  private destroyed = false;

  constructor(readonly options: WindowOptions) {
    super();
    this.visible = options.show !== false;
  }

  loadURL(url: string): Promise<void> {
    this.alive();
    this.url = url;
    this.webContents.emit('did-start-loading');
    if (this.finishesLoads()) queueMicrotask(() => this.finishLoad());
    return Promise.resolve();
  }

  /** Test control: the page has loaded (on its own right after `loadURL`, unless held). */
  finishLoad(): void {
    this.webContents.emit('did-finish-load');
  }

  /** Whether a page loads on its own (FakeElectron.holdPageLoads). */
  protected finishesLoads(): boolean {
    return true;
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
  }

  focus(): void {
    this.record('focus');
  }

  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alive();
    this.alwaysOnTop = { flag, level };
  }

  setPosition(x: number, y: number): void {
    this.alive();
    // Electron refuses non-integer coordinates.
    if (!Number.isInteger(x) || !Number.isInteger(y)) {
      throw new TypeError(`Error processing argument: setPosition(${x}, ${y})`);
    }
    this.position = [x, y];
  }

  getPosition(): number[] {
    this.alive();
    return [...this.position];
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
  displays: FakeDisplay[] = [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    },
  ];

  getCursorScreenPoint(): { x: number; y: number } {
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
  constructor(readonly path: string) {}

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

  constructor(readonly image: FakeImage) {
    super();
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
  constructor(readonly options: NotificationOptions) {
    super();
  }

  show(): void {
    this.shown++;
  }
}

export class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  /** Accelerators another application holds. */
  readonly taken = new Set<string>();

  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }

  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
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

export class FakeElectron {
  readonly app: FakeApp;
  readonly protocol: FakeProtocol;
  readonly session = { defaultSession: new FakeSession() };
  readonly ipcMain = new FakeIpcMain();
  readonly nativeTheme = { shouldUseDarkColors: false, themeSource: 'light' };
  readonly screen = new FakeScreen();
  readonly globalShortcut = new FakeGlobalShortcut();
  readonly powerMonitor = new Emitter();
  readonly dialog = {
    showErrorBox: vi.fn<(title: string, content: string) => void>(),
    showSaveDialog: vi.fn<(options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>>(
      () => Promise.resolve({ canceled: true }),
    ),
    showOpenDialog: vi.fn<
      (options: OpenDialogOptions) => Promise<{ canceled: boolean; filePaths: string[] }>
    >(() => Promise.resolve({ canceled: true, filePaths: [] })),
  };
  readonly shell = { openExternal: vi.fn<(url: string) => Promise<void>>(() => Promise.resolve()) };

  /** Every window, menu, image, tray and notification created, in order. */
  readonly windows: FakeBrowserWindow[] = [];
  readonly menus: FakeMenu[] = [];
  readonly images: FakeImage[] = [];
  readonly trays: FakeTray[] = [];
  readonly notifications: FakeNotification[] = [];
  notificationsSupported = true;
  /** Test control: pages stay loading until a test calls `finishLoad()` on their window. */
  holdPageLoads = false;

  readonly BrowserWindow: new (options: WindowOptions) => FakeBrowserWindow;
  readonly Tray: new (image: FakeImage) => FakeTray;
  readonly Notification: { new (options: NotificationOptions): FakeNotification; isSupported(): boolean };
  readonly Menu: { buildFromTemplate(template: MenuItemTemplate[]): FakeMenu };
  readonly nativeImage: { createFromPath(path: string): FakeImage };

  constructor(paths: Readonly<Record<string, string>> = {}) {
    const app = new FakeApp(paths);
    this.app = app;
    this.protocol = new FakeProtocol(app);
    const { windows, menus, images, trays, notifications } = this;
    const supported = (): boolean => this.notificationsSupported;
    const held = (): boolean => this.holdPageLoads;

    this.BrowserWindow = class extends FakeBrowserWindow {
      protected override finishesLoads(): boolean {
        return !held();
      }

      constructor(options: WindowOptions) {
        super(options);
        windows.push(this);
        // Like Electron: every new web contents is announced on the app.
        app.emit('web-contents-created', fakeEvent(), this.webContents);
      }
    };
    this.Tray = class extends FakeTray {
      constructor(image: FakeImage) {
        super(image);
        trays.push(this);
      }
    };
    this.Notification = class extends FakeNotification {
      static isSupported(): boolean {
        return supported();
      }
      constructor(options: NotificationOptions) {
        super(options);
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
        const image = new FakeImage(path);
        images.push(image);
        return image;
      },
    };
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
