import { BrowserWindow, nativeTheme, screen, type BrowserWindowConstructorOptions } from 'electron';
import {
  WINDOW_KINDS,
  WINDOW_PAGES,
  type EventChannel,
  type EventPayloads,
  type WindowKind,
} from '../../../shared/ipc';
import type { StorePort, WindowsPort } from '../ports';
import { windowPlacesSchema } from '../../../shared/schemas';

interface WindowsOptions {
  /** Base URL the pages are served from: `app://kinetic/` or the dev server. */
  rendererBase: string;
  preload: string;
  store: StorePort;
  isQuitting: () => boolean;
  devTools: boolean;
  /** Wayland: window positions can be neither read nor set. */
  wayland?: boolean;
  log?: { warn(message: string): void };
  /**
   * Whether the pointer is on the tray icon. On Windows a tray click ends with the taskbar taking
   * the keyboard back, which would hide quick add the moment the click opened it.
   */
  pointerOnTray?: () => boolean;
  /** Windows is ending the user's session (shutdown, restart, log-off). */
  onSessionEnd?: () => void;
}

/** How long the focus window must rest after a move before its place is saved. */
const MOVE_SAVE_DELAY_MS = 500;

/** Events kept per window while its page loads; past this, the oldest are dropped. */
const MAX_WAITING = 50;

const background = (): string => (nativeTheme.shouldUseDarkColors ? '#141517' : '#f7f6f3');

const SPECS: Record<WindowKind, BrowserWindowConstructorOptions> = {
  main: { width: 760, height: 560, minWidth: 480, minHeight: 420, title: 'Kinetic' },
  quickAdd: {
    // A macOS panel can float over another app's full-screen Space.
    ...(process.platform === 'darwin' ? { type: 'panel' } : {}),
    width: 620,
    height: 172,
    frame: false,
    resizable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    fullscreenable: false,
    minimizable: false,
    maximizable: false,
    title: 'Quick add',
  },
  focus: {
    width: 360,
    height: 172,
    frame: false,
    resizable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    fullscreenable: false,
    maximizable: false,
    title: 'Focus',
  },
  reflection: { width: 580, height: 700, minWidth: 460, minHeight: 560, title: 'Reflect on today' },
};

/**
 * Every window is created once, hidden, at start, and then only shown and hidden, so each appears
 * instantly. Closing the main window hides it; Kinetic keeps running in the tray until Quit.
 */
export class ElectronWindows implements WindowsPort {
  private readonly windows = new Map<WindowKind, BrowserWindow>();
  /**
   * Events for a window whose page is still loading: Electron drops a message that arrives before
   * the page has subscribed (a morning step sent at start, say), so they wait for the page's load
   * and then go out in order. A window that is not here has loaded.
   */
  private readonly waiting = new Map<WindowKind, { channel: EventChannel; payload: unknown }[]>();

  constructor(private readonly options: WindowsOptions) {}

  async createAll(showMain: boolean): Promise<void> {
    const saved = windowPlacesSchema.safeParse(
      await this.options.store.read('windows.json').catch(() => undefined),
    ).data;
    for (const kind of WINDOW_KINDS) {
      const win = new BrowserWindow({
        ...SPECS[kind],
        show: false,
        backgroundColor: background(),
        autoHideMenuBar: true,
        webPreferences: {
          preload: this.options.preload,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          spellcheck: kind !== 'focus',
          // A middle click must not open a window (Electronegativity AUXCLICK_JS_CHECK).
          disableBlinkFeatures: 'Auxclick',
          devTools: this.options.devTools,
          backgroundThrottling: kind !== 'focus',
          // No defaultFontSize or zoomFactor: Electron cannot read the OS's text size, so Chromium's
          // default and the page zoom apply; the CSS is in rem (docs/accessibility.md, "Text size").
        },
      });
      this.windows.set(kind, win);
      win.on('close', (event) => {
        if (!this.options.isQuitting()) {
          event.preventDefault();
          win.hide();
        }
      });
      if (process.platform === 'win32') {
        // Never block the end of the session: from here on, windows close instead of hiding.
        const end = (): void => this.options.onSessionEnd?.();
        win.on('query-session-end', end);
        win.on('session-end', end);
      }
      if (kind === 'quickAdd') {
        if (process.platform === 'darwin') {
          // Over full-screen apps, on the Space the user is on, without switching Spaces.
          win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
        }
        win.on('blur', () => {
          if (this.options.pointerOnTray?.()) win.focus();
          else win.hide();
        });
      }
      if (kind === 'focus') this.placeFocusWindow(win, saved?.focus);
      this.waiting.set(kind, []);
      win.webContents.on('did-start-loading', () => {
        if (!this.waiting.has(kind)) this.waiting.set(kind, []);
      });
      win.webContents.on('did-finish-load', () => {
        const events = this.waiting.get(kind) ?? [];
        this.waiting.delete(kind);
        for (const { channel, payload } of events) win.webContents.send(channel, payload);
      });
      this.load(win, kind, new URL(WINDOW_PAGES[kind], this.options.rendererBase).toString());
    }
    if (showMain) this.windows.get('main')?.once('ready-to-show', () => this.show('main'));
  }

  /** Loads a page; a failed load is logged and tried once more. */
  private load(win: BrowserWindow, kind: WindowKind, url: string, attempt = 1): void {
    win.loadURL(url).catch((error: unknown) => {
      if (win.isDestroyed()) return;
      const retry = attempt === 1 ? 'trying once more' : 'giving up';
      this.options.log?.warn(`The ${kind} window could not load ${url} (${String(error)}); ${retry}`);
      if (attempt === 1) this.load(win, kind, url, 2);
    });
  }

  /**
   * Restores where the focus window was left and saves where it is moved, once it rests. Wayland
   * neither tells nor lets an app place its windows: the compositor decides.
   */
  private placeFocusWindow(win: BrowserWindow, position: { x: number; y: number } | undefined): void {
    win.setAlwaysOnTop(true, 'floating');
    if (this.options.wayland) return;
    if (position && this.onScreen(position)) win.setPosition(position.x, position.y);
    else this.placeTopRight(win);
    // `moved` is macOS and Windows only (and an alias of `move` on macOS): `move`, debounced.
    let pending: ReturnType<typeof setTimeout> | null = null;
    win.on('move', () => {
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = null;
        if (win.isDestroyed()) return;
        const [x = 0, y = 0] = win.getPosition();
        void this.options.store.write('windows.json', { focus: { x, y } });
      }, MOVE_SAVE_DELAY_MS);
    });
  }

  show(kind: WindowKind): void {
    const win = this.windows.get(kind);
    if (!win || win.isDestroyed()) return;
    if (kind === 'quickAdd') this.centerOnCursorDisplay(win);
    if (kind === 'focus') win.showInactive();
    else {
      win.show();
      win.focus();
    }
  }

  hide(kind: WindowKind): void {
    const win = this.windows.get(kind);
    if (win && !win.isDestroyed()) win.hide();
  }

  isVisible(kind: WindowKind): boolean {
    const win = this.windows.get(kind);
    return !!win && !win.isDestroyed() && win.isVisible();
  }

  send<E extends EventChannel>(kind: WindowKind, channel: E, payload: EventPayloads[E]): void {
    const win = this.windows.get(kind);
    if (!win || win.isDestroyed()) return;
    const waiting = this.waiting.get(kind);
    if (!waiting) win.webContents.send(channel, payload);
    // A page that never loads must not hold on to everything sent to it.
    else if (waiting.push({ channel, payload }) > MAX_WAITING) waiting.shift();
  }

  broadcast<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const kind of WINDOW_KINDS) this.send(kind, channel, payload);
  }

  private centerOnCursorDisplay(win: BrowserWindow): void {
    const { workArea } = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const [width = 620, height = 172] = win.getSize();
    win.setPosition(
      Math.round(workArea.x + (workArea.width - width) / 2),
      Math.round(workArea.y + workArea.height * 0.28 - height / 2),
    );
  }

  private placeTopRight(win: BrowserWindow): void {
    const { workArea } = screen.getPrimaryDisplay();
    const [width = 360] = win.getSize();
    win.setPosition(workArea.x + workArea.width - width - 24, workArea.y + 24);
  }

  private onScreen(point: { x: number; y: number }): boolean {
    return screen.getAllDisplays().some(({ workArea: a }) => {
      return (
        point.x >= a.x - 40 &&
        point.y >= a.y - 10 &&
        point.x < a.x + a.width - 60 &&
        point.y < a.y + a.height - 40
      );
    });
  }
}
