/**
 * runElectronApp (electron/main/adapters/electronApp.ts) against a recording fake of `electron`,
 * with the real services: start-up, the single-instance lock, window hardening, permissions, the
 * request filter, the IPC bridge and the tray.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WINDOW_KINDS, WINDOW_PAGES, type WindowKind } from '../../../shared/ipc';
import { INVOKE_CHANNELS } from '../../../shared/ipcChannels';
import type { KineticMain, KineticOptions, KineticPorts } from '../../../electron/main/kinetic';
import { FakeClock, settle } from '../../fakes/clock';
import {
  FakeElectron,
  FakeWebContents,
  PROFILE,
  applyProfile,
  fakeEvent,
  onProfiles,
  restorePlatform,
  type FakeBrowserWindow,
  type FakeMenu,
} from './fakeElectron';

const electron = vi.hoisted(() => ({ current: null as FakeElectron | null }));
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule(electron));
vi.mock('electron-log/main', async () => (await import('./fakeElectron')).electronLogModule(electron));
vi.mock('electron-updater', async () => (await import('./fakeElectron')).electronUpdaterModule(electron));

const ORIGIN = 'app://kinetic';
const pageUrl = (kind: WindowKind): string => `${ORIGIN}/${WINDOW_PAGES[kind]}`;
const MAIN_URL = pageUrl('main');
const QUICK_ADD_URL = pageUrl('quickAdd');
const TASK = { id: 't1', title: 'Write the intro', estimateMin: null };

function fake(): FakeElectron {
  if (!electron.current) throw new Error('No FakeElectron');
  return electron.current;
}

const win = (kind: WindowKind): FakeBrowserWindow => fake().window(WINDOW_PAGES[kind]);

interface Started {
  main: KineticMain;
  ports: KineticPorts;
  options: KineticOptions;
}

/**
 * Runs the real runElectronApp. Its start function is the real startKinetic, only with a manual
 * clock (no real timers); `started` resolves once runElectronApp has finished its start-up.
 */
async function runApp(): Promise<{ started: Promise<Started> }> {
  const { runElectronApp } = await import('../../../electron/main/adapters/electronApp');
  const { startKinetic } = await import('../../../electron/main/kinetic');
  const clock = new FakeClock(new Date(2026, 10, 26, 9, 0).getTime());
  let resolve: (started: Started) => void = () => undefined;
  const started = new Promise<Started>((r) => (resolve = r));
  runElectronApp(async (ports, options) => {
    const main = await startKinetic({ ...ports, clock }, options);
    resolve({ main, ports, options });
    return main;
  });
  // What runElectronApp does after `start` resolves is synchronous: one macrotask later it is done.
  return { started: started.then(async (s) => (await settle(), s)) };
}

/** Runs the app, makes Electron ready, and waits for start-up. */
async function boot(): Promise<Started> {
  const { started } = await runApp();
  fake().app.becomeReady();
  return started;
}

/** What main wrote to its log (electron-log) at `level`. */
const logged = (level: string): string[] =>
  fake()
    .log.lines.filter((line) => line.level === level)
    .map((line) => line.text);

const invoke = (channel: string, payload: unknown, senderUrl: string | null = MAIN_URL): Promise<unknown> =>
  fake().ipcMain.invoke(channel, payload, senderUrl);

let userData = '';
const savedArgv = process.argv;
const WAYLAND = PROFILE === 'linux-wayland';
/** The tray's idle icon per platform. */
const IDLE_ICON =
  PROFILE === 'darwin' ? 'trayTemplate.png' : PROFILE === 'win32' ? 'tray-16.png' : 'tray-32.png';

beforeEach(async () => {
  vi.resetModules();
  process.argv = ['/opt/Kinetic/kinetic'];
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  applyProfile();
  userData = await mkdtemp(join(tmpdir(), 'kinetic-electron-app-'));
  // The tests say which data folder to use, so an unpackaged run keeps it (see identity tests).
  vi.stubEnv('KINETIC_USER_DATA', userData);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  electron.current = new FakeElectron({ documents: join(userData, 'Documents') });
});

afterEach(async () => {
  process.argv = savedArgv;
  restorePlatform();
  Reflect.deleteProperty(process, 'defaultApp');
  Reflect.deleteProperty(process, 'resourcesPath');
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(userData, { recursive: true, force: true });
});

describe('single instance', () => {
  it('quits at once and sets nothing up when another instance holds the lock', async () => {
    fake().app.lock = false;
    const { started } = await runApp();
    let done = false;
    void started.then(() => (done = true));

    expect(fake().app.quit).toHaveBeenCalledTimes(1);
    fake().app.becomeReady();
    await settle();

    expect(done).toBe(false);
    expect(fake().ipcMain.handlers.size).toBe(0);
    expect(fake().windows).toEqual([]);
    expect(fake().trays).toEqual([]);
    expect(fake().protocol.privileged).toEqual([]);
    expect(fake().protocol.handlers.size).toBe(0);
    expect(fake().app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(fake().session.defaultSession.beforeRequest).toBeNull();
    for (const event of ['second-instance', 'open-url', 'web-contents-created', 'before-quit']) {
      expect(fake().app.listenerCount(event)).toBe(0);
    }
  });

  it('a second launch with --add shows quick add with the text', async () => {
    await boot();
    const quick = win('quickAdd');
    expect(quick.isVisible()).toBe(false);

    fake().app.emit('second-instance', fakeEvent(), ['kinetic', '--add', 'buy milk'], '/home/me');

    expect(quick.isVisible()).toBe(true);
    expect(quick.calls).toEqual(['show', 'focus']);
    // Centred horizontally on the cursor's display, a little above the middle (Wayland places it).
    expect(quick.position).toEqual(WAYLAND ? [0, 0] : [650, 205]);
    expect(quick.webContents.sent.filter((e) => e.channel === 'quickAdd:shown')).toEqual([
      { channel: 'quickAdd:shown', payload: null },
    ]);
    expect(await invoke('quickAdd:takeDraft', undefined, QUICK_ADD_URL)).toEqual({
      ok: true,
      value: { text: 'buy milk' },
    });
    expect(win('main').calls).toEqual([]);
  });

  it('a second launch without add arguments shows and focuses the main window', async () => {
    await boot();
    const main = win('main');
    expect(main.isVisible()).toBe(false);

    fake().app.emit('second-instance', fakeEvent(), ['kinetic'], '/home/me');

    expect(main.isVisible()).toBe(true);
    expect(main.calls).toEqual(['show', 'focus']);
    expect(win('quickAdd').calls).toEqual([]);
  });

  it('a second launch before ready is impossible (Electron queues it until after ready)', async () => {
    await runApp();
    expect(() => fake().app.emit('second-instance', fakeEvent(), ['kinetic'], '/home/me')).toThrow(
      /only emitted after ready/,
    );
  });

  it('a second launch after ready while the first is still starting is handled once it has started', async () => {
    const { started } = await runApp();
    fake().app.becomeReady();
    // Ready, but the services are still loading their state.
    fake().app.emit('second-instance', fakeEvent(), ['kinetic', '--add', 'call Sam'], '/home/me');
    fake().app.emit('second-instance', fakeEvent(), ['kinetic'], '/home/me');
    await started;

    expect(win('quickAdd').isVisible()).toBe(true);
    expect(await invoke('quickAdd:takeDraft', undefined, QUICK_ADD_URL)).toEqual({
      ok: true,
      value: { text: 'call Sam' },
    });
    expect(win('main').isVisible()).toBe(true);
  });

  it('handles --add on its own command line once started', async () => {
    process.argv = ['/opt/Kinetic/kinetic', '--hidden', '--add', 'from the shell'];
    await boot();

    expect(win('quickAdd').isVisible()).toBe(true);
    expect(await invoke('quickAdd:takeDraft', undefined, QUICK_ADD_URL)).toEqual({
      ok: true,
      value: { text: 'from the shell' },
    });
  });

  it('queues kinetic:// links that arrive before start-up and handles later ones at once', async () => {
    const { started } = await runApp();
    const early = fakeEvent();
    fake().app.emit('open-url', early, 'kinetic://add?text=call%20Sam');
    expect(early.defaultPrevented).toBe(true);
    fake().app.becomeReady();
    await started;

    expect(win('quickAdd').isVisible()).toBe(true);
    expect(await invoke('quickAdd:takeDraft', undefined, QUICK_ADD_URL)).toEqual({
      ok: true,
      value: { text: 'call Sam' },
    });

    win('quickAdd').hide();
    fake().app.emit('open-url', fakeEvent(), 'kinetic://add?text=later');
    expect(win('quickAdd').isVisible()).toBe(true);
    expect(await invoke('quickAdd:takeDraft', undefined, QUICK_ADD_URL)).toEqual({
      ok: true,
      value: { text: 'later' },
    });
  });
});

describe('a failed start-up', () => {
  it('says what went wrong and exits instead of staying half-alive', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { runElectronApp } = await import('../../../electron/main/adapters/electronApp');
    runElectronApp(() => Promise.reject(new Error('The state folder is read-only')));
    fake().app.becomeReady();
    await vi.waitFor(() => expect(fake().app.exit).toHaveBeenCalledWith(1));
    expect(fake().dialog.showErrorBox).toHaveBeenCalledWith(
      'Kinetic could not start',
      expect.stringContaining('The state folder is read-only'),
    );
  });
});

describe('data folder', () => {
  it('an unpackaged run keeps its data in Kinetic-dev, never in the installed app’s folder', async () => {
    vi.stubEnv('KINETIC_USER_DATA', undefined);
    await runApp();
    expect(fake().app.pathsSet).toEqual([
      { name: 'userData', path: join('/fake/appData', 'Kinetic-dev'), afterReady: false },
    ]);
    // Before the single-instance lock, which lives in that folder.
    expect(fake().app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
  });

  it('the packaged app keeps Electron’s folder', async () => {
    vi.stubEnv('KINETIC_USER_DATA', undefined);
    fake().app.isPackaged = true;
    await runApp();
    expect(fake().app.pathsSet).toEqual([]);
  });

  it('KINETIC_USER_DATA names the folder, packaged or not', async () => {
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/Kinetic/resources', configurable: true });
    fake().app.isPackaged = true;
    await boot();
    expect(fake().app.pathsSet).toEqual([{ name: 'userData', path: userData, afterReady: false }]);
    await invoke('focus:start', { task: TASK, mode: 'standard' });
    await vi.waitFor(async () =>
      expect(await readFile(join(userData, 'state', 'focus.json'), 'utf8')).toContain('active'),
    );
  });

  it('a relative KINETIC_USER_DATA is refused in one line, before anything is touched', async () => {
    vi.stubEnv('KINETIC_USER_DATA', 'relative/dir');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runApp();
    expect(console.error).toHaveBeenCalledWith(
      '[kinetic] KINETIC_USER_DATA must be an absolute path, not “relative/dir”.',
    );
    expect(fake().app.exit).toHaveBeenCalledWith(2);
    expect(fake().app.pathsSet).toEqual([]);
    expect(fake().app.requestSingleInstanceLock).not.toHaveBeenCalled();
  });
});

describe('page loads', () => {
  it('a failed load is logged and tried once more', async () => {
    fake().failLoads = 1;
    await boot();
    await vi.waitFor(() => expect(win('main').loads).toEqual([MAIN_URL, MAIN_URL]));
    expect(logged('warn')).toContainEqual(
      expect.stringMatching(
        /The main window could not load app:\/\/kinetic\/main\/index\.html \(.*ERR_FAILED.*\); trying once more/,
      ),
    );
  });

  it('a second failure is logged and not retried forever', async () => {
    fake().failingUrls.add(MAIN_URL);
    await boot();
    await vi.waitFor(() =>
      expect(logged('warn')).toContainEqual(
        expect.stringContaining('could not load app://kinetic/main/index.html'),
      ),
    );
    await settle();
    expect(win('main').loads).toEqual([MAIN_URL, MAIN_URL]);
    expect(logged('warn')).toContainEqual(expect.stringContaining('giving up'));
  });

  it('middle-click cannot open windows (Auxclick disabled)', async () => {
    await boot();
    for (const w of fake().windows)
      expect(w.options.webPreferences?.['disableBlinkFeatures']).toBe('Auxclick');
  });
});

describe('before ready', () => {
  it('registers app:// as a standard, secure scheme, and no kinetic:// handler when unpackaged', async () => {
    await runApp();

    expect(fake().protocol.privileged).toEqual([
      {
        afterReady: false,
        schemes: [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
      },
    ]);
    // A dev run never takes links from the installed app.
    expect(fake().app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    // Nothing that needs a ready app yet.
    expect(fake().windows).toEqual([]);
    expect(fake().protocol.handlers.size).toBe(0);
  });

  it('never registers the kinetic:// handler from `electron path/to/app`', async () => {
    Object.defineProperty(process, 'defaultApp', { value: true, configurable: true });
    process.argv = ['/usr/lib/electron/electron', '/home/me/kinetic'];
    await runApp();
    expect(fake().app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  onProfiles(['darwin', 'win32'], () => {
    it('the packaged app registers itself as the kinetic:// handler', async () => {
      fake().app.isPackaged = true;
      await runApp();
      expect(fake().app.setAsDefaultProtocolClient).toHaveBeenCalledTimes(1);
      expect(fake().app.setAsDefaultProtocolClient).toHaveBeenCalledWith('kinetic');
    });
  });

  onProfiles(['linux-x11', 'linux-wayland'], () => {
    it('the packaged app leaves kinetic:// to its desktop entry', async () => {
      fake().app.isPackaged = true;
      await runApp();
      expect(fake().app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    });
  });

  it('serves app:// only once ready', async () => {
    const { started } = await runApp();
    expect(fake().protocol.handlers.has('app')).toBe(false);
    fake().app.becomeReady();
    await started;

    expect(fake().protocol.handlers.has('app')).toBe(true);
    // Serving pages is covered in protocol.test.ts (the built renderer is not next to the sources).
    expect((await fake().protocol.fetch('app://kinetic/no-such-page.html')).status).toBe(404);
    expect((await fake().protocol.fetch('app://other/main/index.html')).status).toBe(404);
  });
});

describe('windows', () => {
  it('creates the four windows hidden, sandboxed and isolated, loading their app:// pages', async () => {
    await boot();

    expect(fake().windows).toHaveLength(4);
    expect(fake().windows.map((w) => w.url)).toEqual(WINDOW_KINDS.map(pageUrl));
    for (const w of fake().windows) {
      expect(w.options.show).toBe(false);
      expect(w.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
      });
      expect(w.options.webPreferences?.['preload']).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    }
  });

  it('makes quick add and focus frameless and always on top; main and reflection framed', async () => {
    await boot();

    for (const kind of ['quickAdd', 'focus'] as const) {
      expect(win(kind).options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true });
    }
    // Wayland ignores always-on-top and placement.
    expect(win('focus').alwaysOnTop).toEqual(WAYLAND ? null : { flag: true, level: 'floating' });
    for (const kind of ['main', 'reflection'] as const) {
      expect(win(kind).options.frame).toBeUndefined();
      expect(win(kind).options.alwaysOnTop).toBeUndefined();
    }
    // With no saved position, the focus window starts at the top right of the primary display.
    expect(win('focus').position).toEqual(WAYLAND ? [0, 0] : [1920 - 360 - 24, 24]);
  });

  it('shows the main window once it is ready to show', async () => {
    await boot();
    win('main').emit('ready-to-show');
    expect(win('main').isVisible()).toBe(true);
  });

  it('keeps the main window hidden when started with --hidden', async () => {
    process.argv = ['/opt/Kinetic/kinetic', '--hidden'];
    await boot();
    win('main').emit('ready-to-show');
    expect(win('main').isVisible()).toBe(false);
  });

  it('closing a window hides it while Kinetic runs; after before-quit it closes', async () => {
    await boot();
    const main = win('main');
    main.show();

    const event = main.close();
    expect(event.defaultPrevented).toBe(true);
    expect(main.isDestroyed()).toBe(false);
    expect(main.isVisible()).toBe(false);

    expect(fake().session.defaultSession.storageFlushes).toBe(0);
    fake().app.emit('before-quit', fakeEvent());
    // Chromium writes its storage out before the process exits.
    expect(fake().session.defaultSession.storageFlushes).toBe(1);
    for (const w of fake().windows) {
      expect(w.close().defaultPrevented).toBe(false);
      expect(w.isDestroyed()).toBe(true);
    }
  });

  it('hides quick add when it loses focus, and shows the main window on activate', async () => {
    await boot();
    win('quickAdd').show();
    win('quickAdd').emit('blur');
    expect(win('quickAdd').isVisible()).toBe(false);

    fake().app.emit('activate', fakeEvent(), false);
    expect(win('main').isVisible()).toBe(true);
    expect(fake().nativeTheme.themeSource).toBe('system');
  });

  it('loads the pages from the dev server in development, and trusts only its origin too', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const { options } = await boot();

    expect(options.trustedOrigins).toEqual([ORIGIN, 'http://localhost:5173']);
    expect(win('main').url).toBe('http://localhost:5173/main/index.html');
    expect(fake().session.defaultSession.filter('http://localhost:5173/src/main.tsx')).toEqual({
      cancel: false,
    });
    expect(fake().session.defaultSession.filter('http://localhost:5174/')).toEqual({ cancel: true });
  });

  it('ignores a dev server when packaged: app:// pages, no devtools, icons from resources', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/Kinetic/resources', configurable: true });
    fake().app.isPackaged = true;
    const { options } = await boot();

    expect(options.trustedOrigins).toEqual([ORIGIN]);
    expect(win('main').url).toBe(MAIN_URL);
    for (const w of fake().windows) expect(w.options.webPreferences?.['devTools']).toBe(false);
    expect(fake().trays[0]?.image.path).toBe(join('/opt/Kinetic/resources', 'tray', IDLE_ICON));
  });
});

describe('web contents hardening', () => {
  it('hardens every web contents: no navigation, redirects, webviews or new windows', async () => {
    await boot();
    const extra = new FakeWebContents();
    fake().app.emit('web-contents-created', fakeEvent(), extra);

    for (const contents of [...fake().windows.map((w) => w.webContents), extra]) {
      for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const e = fakeEvent();
        contents.emit(event, e, 'https://evil.example/');
        expect(e.defaultPrevented, event).toBe(true);
      }
      expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    }
  });

  it('opens https links in the browser and nothing else', async () => {
    await boot();
    const handler = win('main').webContents.windowOpenHandler;
    if (!handler) throw new Error('No window open handler');

    expect(handler({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(fake().shell.openExternal).toHaveBeenCalledWith('https://example.com/help');
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://kinetic/x',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(fake().shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('session', () => {
  it('grants our pages persistent storage and nothing else, and other origins nothing', async () => {
    await boot();
    const { permissionRequestHandler, permissionCheckHandler } = fake().session.defaultSession;
    if (!permissionRequestHandler || !permissionCheckHandler) throw new Error('No permission handlers');
    const answers: boolean[] = [];
    permissionRequestHandler({}, 'persistent-storage', (granted) => answers.push(granted), {
      requestingUrl: `${ORIGIN}/main/index.html`,
    });
    permissionRequestHandler({}, 'persistent-storage', (granted) => answers.push(granted), {
      requestingUrl: 'https://example.com/',
    });
    expect(answers).toEqual([true, false]);
    expect(permissionCheckHandler({}, 'persistent-storage', ORIGIN, {})).toBe(true);
    expect(permissionCheckHandler({}, 'persistent-storage', 'https://example.com', {})).toBe(false);
  });

  it('denies every other permission request and check', async () => {
    await boot();
    const { permissionRequestHandler, permissionCheckHandler } = fake().session.defaultSession;
    if (!permissionRequestHandler || !permissionCheckHandler) throw new Error('No permission handlers');

    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const answers: boolean[] = [];
      permissionRequestHandler({}, permission, (granted) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(permissionCheckHandler({}, permission, ORIGIN, {}), permission).toBe(false);
    }
  });

  it('lets only Kinetic pages load', async () => {
    await boot();
    const session = fake().session.defaultSession;

    expect(session.filter('https://example.com/x')).toEqual({ cancel: true });
    expect(session.filter('http://localhost:5173/')).toEqual({ cancel: true });
    expect(session.filter('app://evil/main/index.html')).toEqual({ cancel: true });
    expect(session.filter('file:///etc/passwd')).toEqual({ cancel: true });
    expect(session.filter('not a url')).toEqual({ cancel: true });
    expect(session.filter('app://kinetic/main/index.html')).toEqual({ cancel: false });
    expect(session.filter('app://kinetic/assets/index-abc.js')).toEqual({ cancel: false });
  });
});

describe('IPC bridge', () => {
  it('has a handler for every invoke channel before the app is ready', async () => {
    await runApp();
    expect([...fake().ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('answers calls from Kinetic pages', async () => {
    await boot();

    expect(await invoke('focus:get', undefined)).toMatchObject({
      ok: true,
      value: { timer: { phase: 'idle' } },
    });
    expect(await invoke('app:info', undefined)).toEqual({
      ok: true,
      value: { version: '9.8.7-test', platform: process.platform },
    });
  });

  it('refuses other senders and invalid payloads', async () => {
    await boot();

    for (const sender of ['https://evil.example/', 'app://evil/main/index.html', '', null]) {
      expect(await invoke('focus:get', undefined, sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender', channel: 'focus:get' },
      });
    }
    // quick add's draft is for the quick-add window only.
    expect(await invoke('quickAdd:takeDraft', undefined, MAIN_URL)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await invoke('focus:get', 42)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await invoke('focus:extend', { minutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(logged('warn')).toContainEqual(
      expect.stringContaining('[kinetic] ipc focus:get refused (forbidden-sender)'),
    );
  });

  it('holds calls made during start-up until Kinetic has started', async () => {
    const { started } = await runApp();
    let answered = false;
    const call = invoke('app:info', undefined).finally(() => (answered = true));
    await settle();
    expect(answered).toBe(false);

    fake().app.becomeReady();
    await started;
    expect(await call).toEqual({ ok: true, value: { version: '9.8.7-test', platform: process.platform } });
  });

  it('keeps main state in the user-data folder', async () => {
    await boot();
    const result = await invoke('focus:start', { task: TASK, mode: 'standard' });
    expect(result).toMatchObject({ ok: true, value: { timer: { phase: 'active' } } });

    const files = JSON.parse(await readFile(join(userData, 'state', 'focus.json'), 'utf8')) as unknown;
    expect(files).toMatchObject({ timer: { phase: 'active' } });
  });
});

describe('system integrations', () => {
  it('registers the global shortcuts, which open quick add', async () => {
    await boot();
    const shortcuts = fake().globalShortcut.registered;
    expect([...shortcuts.keys()]).toEqual(['CommandOrControl+Shift+Space', 'CommandOrControl+Alt+Shift+F']);

    // Wayland accepts the registration and never delivers the key.
    expect(fake().globalShortcut.press('CommandOrControl+Shift+Space')).toBe(!WAYLAND);
    expect(win('quickAdd').isVisible()).toBe(!WAYLAND);
  });

  onProfiles(['darwin', 'win32'], () => {
    it('listens to sleep and the screen lock', async () => {
      await boot();
      for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) {
        expect(fake().powerMonitor.listenerCount(event), event).toBe(1);
      }
    });
  });

  onProfiles(['linux-x11', 'linux-wayland'], () => {
    it('listens to sleep only: Electron does not report the screen lock on Linux', async () => {
      await boot();
      for (const event of ['suspend', 'resume']) expect(fake().powerMonitor.listenerCount(event)).toBe(1);
      for (const event of ['lock-screen', 'unlock-screen']) {
        expect(fake().powerMonitor.listenerCount(event)).toBe(0);
      }
      await invoke('focus:start', { task: TASK, mode: 'standard' });
      fake().powerMonitor.emit('suspend');
      await vi.waitFor(async () =>
        expect(await invoke('focus:get', undefined)).toMatchObject({ value: { pausedBy: 'suspend' } }),
      );
    });
  });

  it('a notification that cannot be shown still reaches the user: its window comes forward', async () => {
    const { main } = await boot();
    if (PROFILE === 'linux-x11' || WAYLAND) fake().notificationsSupported = false;
    else fake().notificationFailure = 'The app is not signed';
    await main.services.settings.update({ reflectionTime: '08:00' });
    // The reflection invitation was due (it is 9:00): the reflection window is shown instead.
    await vi.waitFor(() => expect(win('reflection').isVisible()).toBe(true));
    expect(logged('warn')).toContainEqual(expect.stringContaining('A notification could not be shown'));
  });
});

describe('tray', () => {
  const summary = (electronFake: FakeElectron): { type?: string; label?: string; enabled?: boolean }[] =>
    (electronFake.trays[0]?.contextMenu?.items ?? []).map(({ type, label, enabled }) => ({
      type,
      label,
      enabled,
    }));

  it('always sets a context menu with the next action and every command', async () => {
    await boot();
    const tray = fake().trays[0];
    expect(fake().trays).toHaveLength(1);
    expect(tray?.contextMenu).toBe(fake().menus.at(-1));

    expect(summary(fake())).toEqual([
      { type: undefined, label: 'Nothing next — add something', enabled: false },
      { type: 'separator', label: undefined, enabled: undefined },
      { type: undefined, label: 'Quick add…', enabled: true },
      { type: undefined, label: 'Start focus on next action', enabled: false },
      { type: undefined, label: 'Open Kinetic', enabled: true },
      { type: undefined, label: 'Reflect on today', enabled: true },
      { type: 'separator', label: undefined, enabled: undefined },
      { type: undefined, label: 'Open logs folder', enabled: true },
      { type: undefined, label: 'Quit Kinetic', enabled: true },
    ]);

    await invoke('nextAction:report', { task: TASK });
    expect(summary(fake())[0]).toEqual({ type: undefined, label: 'Next: Write the intro', enabled: false });
    expect(summary(fake())[3]).toEqual({
      type: undefined,
      label: 'Start focus on next action',
      enabled: true,
    });
  });

  it('runs the menu commands', async () => {
    await boot();
    const menu = (): FakeMenu => {
      const current = fake().trays[0]?.contextMenu;
      if (!current) throw new Error('No tray menu');
      return current;
    };

    menu().item('Quick add…').click?.();
    expect(win('quickAdd').isVisible()).toBe(true);

    menu().item('Open Kinetic').click?.();
    expect(win('main').isVisible()).toBe(true);

    menu().item('Reflect on today').click?.();
    expect(win('reflection').isVisible()).toBe(true);

    expect(fake().app.quit).not.toHaveBeenCalled();
    menu().item('Quit Kinetic').click?.();
    expect(fake().app.quit).toHaveBeenCalledTimes(1);
  });

  onProfiles(['linux-x11', 'linux-wayland', 'win32'], () => {
    it('opens quick add on a tray click, and shows focus progress as a ring', async () => {
      await boot();
      const tray = fake().trays[0];
      if (!tray) throw new Error('No tray');
      expect(tray.image.path).toBe(join(fake().app.getAppPath(), 'build/tray', IDLE_ICON));

      tray.click();
      expect(win('quickAdd').isVisible()).toBe(true);

      await invoke('focus:start', { task: TASK, mode: 'standard' });
      expect(tray.images.at(-1)?.path).toBe(
        join(fake().app.getAppPath(), 'build/tray', 'progress/ring-00.png'),
      );
      expect(tray.titles).toEqual([]);
      expect(tray.toolTips.at(-1)).toBe('Kinetic — Write the intro: 25 min left');
    });
  });

  onProfiles(['win32'], () => {
    it('a tray click does not lose quick add to the blur that follows it; it keeps the keyboard', async () => {
      await boot();
      const tray = fake().trays[0];
      if (!tray) throw new Error('No tray');
      tray.click();
      expect(win('quickAdd').isVisible()).toBe(true);
      expect(win('quickAdd').calls.at(-1)).toBe('focus');
      expect(win('quickAdd').isFocused()).toBe(true);

      // A blur with the pointer elsewhere (the user clicked another app) still hides it.
      fake().screen.cursor = { x: 10, y: 10 };
      win('quickAdd').emit('blur');
      expect(win('quickAdd').isVisible()).toBe(false);
    });

    it('sets the AppUserModelID to the installer’s appId, so notifications show', async () => {
      await runApp();
      const pkg = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8')) as {
        build: { appId: string };
      };
      expect(fake().app.setAppUserModelId).toHaveBeenCalledWith(pkg.build.appId);
    });

    it('a shutdown or log-off ends the session cleanly and never blocks it', async () => {
      await boot();
      await invoke('focus:start', { task: TASK, mode: 'standard' });
      const event = fakeEvent();
      win('main').emit('query-session-end', event);
      expect(event.defaultPrevented).toBe(false);
      await vi.waitFor(async () =>
        expect(await invoke('focus:get', undefined)).toMatchObject({ value: { pausedBy: 'suspend' } }),
      );
      // Windows close now instead of hiding, so nothing holds the shutdown up.
      for (const w of fake().windows) expect(w.close().defaultPrevented).toBe(false);
    });
  });

  onProfiles(['darwin'], () => {
    it('uses the template icon and the title on macOS, never setImage or a click handler', async () => {
      await boot();
      const tray = fake().trays[0];
      if (!tray) throw new Error('No tray');

      expect(tray.image.path).toBe(join(fake().app.getAppPath(), 'build/tray', 'trayTemplate.png'));
      expect(tray.image.template).toBe(true);
      expect(tray.listenerCount('click')).toBe(0);
      expect(await invoke('app:info', undefined)).toMatchObject({ value: { platform: 'darwin' } });

      await invoke('focus:start', { task: TASK, mode: 'standard' });
      expect(tray.titles.at(-1)).toEqual({ title: '25m', options: { fontType: 'monospacedDigit' } });
      expect(tray.images).toEqual([]);
    });

    it('quick add is a panel on every Space, over full-screen apps', async () => {
      await boot();
      expect(win('quickAdd').options.type).toBe('panel');
      expect(win('quickAdd').visibleOnAllWorkspaces).toEqual({
        visible: true,
        options: expect.objectContaining({ visibleOnFullScreen: true }),
      });
    });
  });
});
