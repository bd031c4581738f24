import { BrowserWindow, nativeTheme, screen, type BrowserWindowConstructorOptions } from 'electron';
import {
  WINDOW_KINDS,
  WINDOW_PAGES,
  type EventChannel,
  type EventPayloads,
  type WindowKind,
} from '../../../shared/ipc';
import type { StorePort, WindowsPort } from '../ports';

interface WindowsOptions {
  /** Base URL the pages are served from: `app://kinetic/` or the dev server. */
  rendererBase: string;
  preload: string;
  store: StorePort;
  isQuitting: () => boolean;
  devTools: boolean;
}

/** Events kept per window while its page loads; past this, the oldest are dropped. */
const MAX_WAITING = 50;

const background = (): string => (nativeTheme.shouldUseDarkColors ? '#141517' : '#f7f6f3');

const SPECS: Record<WindowKind, BrowserWindowConstructorOptions> = {
  main: { width: 760, height: 560, minWidth: 480, minHeight: 420, title: 'Kinetic' },
  quickAdd: {
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
    const saved = (await this.options.store.read('windows.json').catch(() => undefined)) as
      { focus?: { x: number; y: number } } | undefined;
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
          devTools: this.options.devTools,
          backgroundThrottling: kind !== 'focus',
        },
      });
      this.windows.set(kind, win);
      win.on('close', (event) => {
        if (!this.options.isQuitting()) {
          event.preventDefault();
          win.hide();
        }
      });
      if (kind === 'quickAdd') win.on('blur', () => win.hide());
      if (kind === 'focus') {
        win.setAlwaysOnTop(true, 'floating');
        const position = saved?.focus;
        if (position && this.onScreen(position)) win.setPosition(position.x, position.y);
        else this.placeTopRight(win);
        win.on('moved', () => {
          const [x = 0, y = 0] = win.getPosition();
          void this.options.store.write('windows.json', { focus: { x, y } });
        });
      }
      this.waiting.set(kind, []);
      win.webContents.on('did-start-loading', () => {
        if (!this.waiting.has(kind)) this.waiting.set(kind, []);
      });
      win.webContents.on('did-finish-load', () => {
        const events = this.waiting.get(kind) ?? [];
        this.waiting.delete(kind);
        for (const { channel, payload } of events) win.webContents.send(channel, payload);
      });
      void win.loadURL(new URL(WINDOW_PAGES[kind], this.options.rendererBase).toString());
    }
    if (showMain) this.windows.get('main')?.once('ready-to-show', () => this.show('main'));
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
    // windows.json is not validated: setPosition throws (failing start-up) for anything but integers.
    if (!Number.isInteger(point.x) || !Number.isInteger(point.y)) return false;
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
