/**
 * The e2e harness: the real renderer (built) in real Chromium, wired to the real main-process
 * services and IPC handler registry running in this Node process. Only the Electron ports are
 * fakes (tray, windows, shortcuts, power, notifier, dialog, clock), and tests drive them.
 */
import { FileLogFolder } from '../../../electron/main/adapters/logFolder';
import { FileSyncFolder } from '../../../electron/main/adapters/syncFolder';

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { WINDOW_PAGES, type EventChannel, type EventPayloads, type WindowKind } from '../../../shared/ipc';
import { startKinetic, type KineticMain } from '../../../electron/main/kinetic';
import { FileStore } from '../../../electron/main/adapters/fileStore';
import { CHROMIUM_ARGS, findChromium, freshProfileDir } from './chromium';
import { serveStatic } from './server';
import {
  FakeApp,
  FakeDialog,
  FakeBackupFolder,
  FakeNotifier,
  FakePower,
  FakeShortcuts,
  FakeTray,
  FakeWindows,
} from '../../fakes/ports';
import { FakeClock } from '../../fakes/clock';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');

const bundles = new Map<string, Promise<string>>();

/** Bundles a page-side script (an IIFE for addInitScript or evaluate), once per process. */
export function bundleForPage(entry: string): Promise<string> {
  let code = bundles.get(entry);
  if (!code) {
    code = (async () => {
      const output = await build({
        configFile: false,
        logLevel: 'silent',
        build: {
          write: false,
          minify: false,
          lib: { entry: join(ROOT, entry), formats: ['iife'], name: 'KineticPageScript' },
        },
      });
      for (const result of Array.isArray(output) ? output : [output]) {
        if ('output' in result) {
          const chunk = result.output.find((o) => o.type === 'chunk');
          if (chunk && 'code' in chunk) return chunk.code;
        }
      }
      throw new Error(`Could not bundle ${entry}`);
    })();
    bundles.set(entry, code);
  }
  return code;
}

/** The page-side bridge (test/e2e/harness/bridge.ts) that installs window.kinetic. */
export const bridgeScript = (): Promise<string> => bundleForPage('test/e2e/harness/bridge.ts');

export function assertBuilt(): void {
  if (!existsSync(join(RENDERER_DIR, WINDOW_PAGES.main))) {
    throw new Error('The renderer is not built: run `npm run build` (npm test does this for you).');
  }
}

export interface HarnessOptions {
  /** The computer's name (a sync folder's device name until the user gives one). */
  hostName?: string;
  /** Wall-clock time the main process and the pages start at. */
  startAt?: number;
  platform?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /**
   * The pages' default font size in px (Chromium's 16 when unset), as Electron's
   * `webPreferences.defaultFontSize` sets it for a window: set through CDP before the page loads,
   * the same Blink setting (WebPreferences' default font size), so `medium`, rem and em in media
   * queries follow it and nothing else does. Electron has no API that reads the OS's text size.
   */
  defaultFontSize?: number;
  /** Accelerators the fake OS refuses (as if taken by another app). */
  takenShortcuts?: string[];
  wayland?: boolean;
  /** Reuse main's state folder (to simulate a restart of the main process). */
  stateDir?: string;
  /** Install Playwright's clock in the pages (default true). */
  fakePageClock?: boolean;
  /** Serve this folder (default: the built renderer) on this port (default: any free one). */
  serve?: { dir: string; port?: number };
}

export interface InvokeRecord {
  channel: string;
  window: string;
  ok: boolean;
  error?: string;
}

/** The real log folder on disk, whose next append can be made to fail (a full disk). */
export class FaultyLogFolder extends FileLogFolder {
  failNextAppend: Error | null = null;

  override append(dir: string, name: string, text: string): Promise<void> {
    const failure = this.failNextAppend;
    this.failNextAppend = null;
    return failure ? Promise.reject(failure) : super.append(dir, name, text);
  }
}

/**
 * The main-process side: the real services and handler registry with fake Electron ports, and
 * the renderer served on 127.0.0.1. `wire(context)` connects any browser context to it.
 */
export class MainRig {
  readonly pages = new Map<WindowKind, Page>();
  readonly invokes: InvokeRecord[] = [];
  /** Called after each invoke has been answered (tests use it to act at an exact moment). */
  onInvoke: (record: InvokeRecord) => void = () => undefined;
  private readonly chains = new Map<Page, Promise<unknown>>();

  private constructor(
    readonly main: KineticMain,
    readonly clock: FakeClock,
    readonly tray: FakeTray,
    readonly shortcuts: FakeShortcuts,
    readonly power: FakePower,
    readonly notifier: FakeNotifier,
    readonly dialog: FakeDialog,
    readonly backups: FakeBackupFolder,
    readonly logFolder: FaultyLogFolder,
    readonly windows: FakeWindows,
    readonly app: FakeApp,
    readonly stateDir: string,
    readonly origin: string,
    private readonly closeServer: () => Promise<void>,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<MainRig> {
    assertBuilt();
    const clock = new FakeClock(options.startAt ?? Date.now(), { realTime: true });
    const tray = new FakeTray();
    const shortcuts = new FakeShortcuts();
    for (const taken of options.takenShortcuts ?? []) shortcuts.taken.add(taken);
    const power = new FakePower();
    const notifier = new FakeNotifier();
    const dialog = new FakeDialog();
    const backups = new FakeBackupFolder();
    const windows = new FakeWindows();
    const app = new FakeApp(options.platform ?? 'linux');
    const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'kinetic-main-'));
    const logFolder = new FaultyLogFolder(join(stateDir, 'oplog'));
    const server = await serveStatic(options.serve?.dir ?? RENDERER_DIR, options.serve?.port ?? 0);
    const main = await startKinetic(
      {
        clock,
        store: new FileStore(stateDir),
        windows,
        notifier,
        tray,
        shortcuts,
        power,
        dialog,
        backups,
        logFolder,
        openSyncFolder: (path) => new FileSyncFolder(path),
        hostName: options.hostName ?? 'e2e',
        app,
        newId: () => randomUUID(),
        log: { warn: () => undefined },
      },
      { trustedOrigins: [server.origin], wayland: options.wayland ?? false },
    );
    return new MainRig(
      main,
      clock,
      tray,
      shortcuts,
      power,
      notifier,
      dialog,
      backups,
      logFolder,
      windows,
      app,
      stateDir,
      server.origin,
      server.close,
    );
  }

  /** Routes every page's IPC in `context` to the real registry; main's events reach the window's page. */
  async wire(context: BrowserContext): Promise<void> {
    await context.exposeBinding('__kineticInvoke', async (source, channel: unknown, payload: unknown) => {
      const result = await this.main.registry.invoke(channel, payload, { url: source.frame.url() });
      const record: InvokeRecord = {
        channel: String(channel),
        window: this.main.registry.senderWindow({ url: source.frame.url() }) ?? 'unknown',
        ok: result.ok,
        ...(result.ok ? {} : { error: result.error.message }),
      };
      this.invokes.push(record);
      this.onInvoke(record);
      // As text: Playwright's own serialization of a large answer (a page of the op log) takes
      // seconds, where Electron's structured clone takes milliseconds. JSON keeps no more than
      // a structured clone would.
      return JSON.stringify(result);
    });
    await context.addInitScript({ content: await bridgeScript() });
    this.windows.sink = <E extends EventChannel>(kind: WindowKind, channel: E, payload: EventPayloads[E]) => {
      const page = this.pages.get(kind);
      if (!page || page.isClosed()) return;
      const previous = this.chains.get(page) ?? Promise.resolve();
      const next = previous
        .then(() =>
          page.evaluate(([c, p]) => window.__kineticEmit?.(c, p), [channel, payload] as [string, unknown]),
        )
        .catch(() => undefined);
      this.chains.set(page, next);
    };
  }

  url(kind: WindowKind): string {
    return `${this.origin}/${WINDOW_PAGES[kind]}`;
  }

  /** Opens a window's page in `context` (as Electron creates each window once at start). */
  async openIn(context: BrowserContext, kind: WindowKind, defaultFontSize?: number): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[${kind} page error]`, error));
    if (defaultFontSize !== undefined) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: defaultFontSize } });
    }
    this.pages.set(kind, page);
    await page.goto(this.url(kind));
    return page;
  }

  /** Waits until every event main sent so far has reached the pages. */
  async settle(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }

  async close(): Promise<void> {
    this.clock.stop();
    await this.closeServer();
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** The rig plus a launched Chromium whose pages (and clock) follow main's fake clock. */
export class Harness {
  private constructor(
    readonly rig: MainRig,
    readonly browser: Browser,
    readonly context: BrowserContext,
    private readonly fakePageClock: boolean,
    private readonly defaultFontSize?: number,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const rig = await MainRig.start(options);
    const browser = await chromium.launch({
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 760, height: 560 },
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
      deviceScaleFactor: 1,
    });
    // Fail fast: a locator waits at most 5 s, so a missing element fails its test instead of hanging it.
    context.setDefaultTimeout(5_000);
    const fakePageClock = options.fakePageClock ?? true;
    if (fakePageClock) await context.clock.install({ time: rig.clock.now() });
    await rig.wire(context);
    return new Harness(rig, browser, context, fakePageClock, options.defaultFontSize);
  }

  get main(): KineticMain {
    return this.rig.main;
  }
  get clock(): FakeClock {
    return this.rig.clock;
  }
  get tray(): FakeTray {
    return this.rig.tray;
  }
  get shortcuts(): FakeShortcuts {
    return this.rig.shortcuts;
  }
  get power(): FakePower {
    return this.rig.power;
  }
  get notifier(): FakeNotifier {
    return this.rig.notifier;
  }
  get dialog(): FakeDialog {
    return this.rig.dialog;
  }
  get windows(): FakeWindows {
    return this.rig.windows;
  }
  get invokes(): InvokeRecord[] {
    return this.rig.invokes;
  }
  get pages(): Map<WindowKind, Page> {
    return this.rig.pages;
  }

  url(kind: WindowKind): string {
    return this.rig.url(kind);
  }

  open(kind: WindowKind): Promise<Page> {
    return this.rig.openIn(this.context, kind, this.defaultFontSize);
  }

  settle(): Promise<void> {
    return this.rig.settle();
  }

  /** Moves wall-clock time forward for main and every page alike. */
  async advance(ms: number): Promise<void> {
    this.rig.clock.advance(ms);
    if (this.fakePageClock) await this.context.clock.fastForward(ms);
    await this.rig.settle();
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.rig.close();
  }
}

/**
 * A Chromium this test owns as a process group, with a persistent profile, reached over CDP.
 * `kill()` sends SIGKILL to the whole group: the browser dies as in a crash or power cut.
 */
export class OwnedChromium {
  private constructor(
    private readonly child: ChildProcess,
    readonly browser: Browser,
    readonly profileDir: string,
  ) {}

  /**
   * `asUser`: Playwright sets none of its defaults (focus emulation, emulated media, font
   * families), as a user's window has none. DevTools undoes them on the old document whenever a
   * navigation commits, and that renders the old document once more (see bench/run.ts).
   */
  static async launch(profileDir = freshProfileDir(), { asUser = false } = {}): Promise<OwnedChromium> {
    const child = spawn(
      findChromium(),
      [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'],
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const wsUrl = await new Promise<string>((resolveUrl, reject) => {
      let buffer = '';
      const timer = setTimeout(
        () => reject(new Error(`Chromium did not start: ${buffer.slice(-500)}`)),
        30_000,
      );
      child.stderr?.on('data', (data: Buffer) => {
        buffer += data.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffer);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${buffer.slice(-500)}`)));
    });
    child.stderr?.resume();
    const browser = await chromium.connectOverCDP(wsUrl, { noDefaults: asUser });
    return new OwnedChromium(child, browser, profileDir);
  }

  context(): BrowserContext {
    const context = this.browser.contexts()[0];
    if (!context) throw new Error('The persistent profile has no context');
    return context;
  }

  /** SIGKILL to the whole process group, then wait until the browser is gone. */
  async kill(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const exited = new Promise<void>((done) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) done();
      else this.child.once('exit', () => done());
    });
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await exited;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.kill();
  }
}
