/**
 * ElectronWindows (electron/main/adapters/windows.ts) against the fake BrowserWindow and screen:
 * showing, hiding, placing and remembering the windows.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WINDOW_KINDS, WINDOW_PAGES, type WindowKind } from '../../../shared/ipc';
import type { StorePort } from '../../../electron/main/ports';
import type { ElectronWindows } from '../../../electron/main/adapters/windows';
import { MemoryStore } from '../../fakes/memoryStore';
import {
  FakeElectron,
  PROFILE,
  applyProfile,
  onProfiles,
  restorePlatform,
  type FakeBrowserWindow,
} from './fakeElectron';

const electron = vi.hoisted(() => ({ current: null as FakeElectron | null }));
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule(electron));

function fake(): FakeElectron {
  if (!electron.current) throw new Error('No FakeElectron');
  return electron.current;
}

const win = (kind: WindowKind): FakeBrowserWindow => fake().window(WINDOW_PAGES[kind]);

let quitting = false;

async function createWindows(
  store: StorePort = new MemoryStore(),
  showMain = false,
): Promise<ElectronWindows> {
  const { ElectronWindows } = await import('../../../electron/main/adapters/windows');
  const windows = new ElectronWindows({
    rendererBase: 'app://kinetic/',
    preload: '/app/out/preload/index.cjs',
    store,
    isQuitting: () => quitting,
    devTools: false,
    wayland: PROFILE === 'linux-wayland',
  });
  await windows.createAll(showMain);
  return windows;
}

beforeEach(() => {
  vi.resetModules();
  applyProfile();
  quitting = false;
  electron.current = new FakeElectron();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  restorePlatform();
});

describe('ElectronWindows', () => {
  it('creates each window once, hidden, with the preload and the theme background', async () => {
    fake().nativeTheme.shouldUseDarkColors = true;
    await createWindows();

    expect(fake().windows.map((w) => w.url)).toEqual(
      WINDOW_KINDS.map((kind) => `app://kinetic/${WINDOW_PAGES[kind]}`),
    );
    for (const w of fake().windows) {
      expect(w.options).toMatchObject({ show: false, backgroundColor: '#141517' });
      expect(w.options.webPreferences).toMatchObject({
        preload: '/app/out/preload/index.cjs',
        devTools: false,
      });
      expect(w.isVisible()).toBe(false);
    }
    // The focus window keeps its timer running in the background; the others may be throttled.
    expect(win('focus').options.webPreferences?.['backgroundThrottling']).toBe(false);
    expect(win('main').options.webPreferences?.['backgroundThrottling']).toBe(true);
  });

  it('leaves text size to Chromium: no default font size, minimum or zoom of its own', async () => {
    // Electron has no API that reads the OS's text size on any platform (electron.d.ts has only
    // webPreferences.defaultFontSize, a setter): there is nothing to pass, so Chromium's own default
    // and the page zoom apply. The CSS is in rem, so a default font size set here would scale it.
    await createWindows();
    for (const w of fake().windows) {
      for (const key of ['defaultFontSize', 'defaultMonospaceFontSize', 'minimumFontSize', 'zoomFactor']) {
        expect(w.options.webPreferences).not.toHaveProperty(key);
      }
    }
  });

  it('shows and focuses windows, but shows the focus window without taking focus', async () => {
    const windows = await createWindows();

    windows.show('main');
    expect(win('main').calls).toEqual(['show', 'focus']);
    windows.show('focus');
    expect(win('focus').calls).toEqual(['showInactive']);
    expect(windows.isVisible('focus')).toBe(true);

    windows.hide('focus');
    expect(windows.isVisible('focus')).toBe(false);
  });

  onProfiles(['darwin', 'win32', 'linux-x11'], () => {
    it('centres quick add on the display under the cursor', async () => {
      fake().screen.displays.push({
        id: 2,
        bounds: { x: 1920, y: 0, width: 1280, height: 1024 },
        workArea: { x: 1920, y: 0, width: 1280, height: 1000 },
      });
      fake().screen.cursor = { x: 2500, y: 300 };
      const windows = await createWindows();

      windows.show('quickAdd');
      expect(win('quickAdd').position).toEqual([1920 + (1280 - 620) / 2, Math.round(1000 * 0.28 - 172 / 2)]);
      expect(win('quickAdd').calls).toEqual(['show', 'focus']);
    });

    it('restores the focus window where it was left, and saves where it is moved once it rests', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const store = new MemoryStore();
      await store.write('windows.json', { focus: { x: 300, y: 40 } });
      await createWindows(store);
      expect(win('focus').position).toEqual([300, 40]);

      // A drag is many moves (Linux has no 'moved' event): one save, where it came to rest.
      win('focus').dragTo(400, 50);
      win('focus').dragTo(500, 60);
      await vi.advanceTimersByTimeAsync(100);
      expect(store.peek('windows.json')).toEqual({ focus: { x: 300, y: 40 } });
      await vi.advanceTimersByTimeAsync(1000);
      expect(store.peek('windows.json')).toEqual({ focus: { x: 500, y: 60 } });
    });

    it('puts the focus window top right when its saved place is off screen or unusable', async () => {
      const saved: unknown[] = [
        { focus: { x: 5000, y: 40 } },
        { focus: { x: 100.5, y: 40 } },
        { focus: { x: '100', y: '40' } },
        { focus: null },
        'not an object',
      ];
      for (const value of saved) {
        electron.current = new FakeElectron();
        const store = new MemoryStore();
        await store.write('windows.json', value);
        await createWindows(store);
        expect(win('focus').position, JSON.stringify(value)).toEqual([1920 - 360 - 24, 24]);
      }
    });
  });

  onProfiles(['linux-wayland'], () => {
    it('on Wayland leaves placement to the compositor and never saves a position it cannot know', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const store = new MemoryStore();
      await store.write('windows.json', { focus: { x: 300, y: 40 } });
      const windows = await createWindows(store);
      windows.show('quickAdd');
      expect(win('quickAdd').calls).toEqual(['show', 'focus']);

      win('focus').dragTo(500, 60);
      await vi.advanceTimersByTimeAsync(1000);
      // getPosition() answers [0, 0] there: saving it would lose the real place on X11 later.
      expect(store.peek('windows.json')).toEqual({ focus: { x: 300, y: 40 } });
    });
  });

  it('still creates the windows when the saved places cannot be read', async () => {
    const store: StorePort = {
      read: () => Promise.reject(new Error('EACCES')),
      write: () => Promise.resolve(),
    };
    await createWindows(store);
    expect(fake().windows).toHaveLength(4);
  });

  it('sends to one window or all, and ignores closed windows', async () => {
    const windows = await createWindows();
    windows.send('quickAdd', 'quickAdd:shown', null);
    expect(win('quickAdd').webContents.sent).toEqual([{ channel: 'quickAdd:shown', payload: null }]);

    quitting = true;
    win('reflection').close();
    expect(win('reflection').isDestroyed()).toBe(true);

    windows.broadcast('app:command', { command: 'add', taskId: null });
    for (const kind of ['main', 'quickAdd', 'focus'] as const) {
      expect(win(kind).webContents.sent.at(-1)).toEqual({
        channel: 'app:command',
        payload: { command: 'add', taskId: null },
      });
    }
    expect(win('reflection').webContents.sent).toEqual([]);
    // A destroyed window is neither shown nor visible.
    windows.show('reflection');
    windows.hide('reflection');
    expect(windows.isVisible('reflection')).toBe(false);
  });

  it('keeps what is sent to a page until it has loaded, then sends it in order', async () => {
    fake().holdPageLoads = true;
    const windows = await createWindows();
    windows.send('main', 'app:command', { command: 'morningStep', taskId: 't1' });
    windows.broadcast('app:command', { command: 'add', taskId: null });
    expect(win('main').webContents.sent).toEqual([]);

    win('main').finishLoad();
    expect(win('main').webContents.sent).toEqual([
      { channel: 'app:command', payload: { command: 'morningStep', taskId: 't1' } },
      { channel: 'app:command', payload: { command: 'add', taskId: null } },
    ]);
    windows.send('main', 'app:command', { command: 'history', taskId: null });
    expect(win('main').webContents.sent).toHaveLength(3);
    // The other pages are still loading.
    expect(win('focus').webContents.sent).toEqual([]);

    // A reload holds them again; a page that never loads keeps only the latest 50.
    win('main').webContents.emit('did-start-loading');
    for (let i = 0; i < 60; i++) windows.send('main', 'outbox:changed', { pending: i });
    expect(win('main').webContents.sent).toHaveLength(3);
    win('main').finishLoad();
    const counts = win('main').webContents.sent.slice(3);
    expect(counts).toHaveLength(50);
    expect(counts[0]).toEqual({ channel: 'outbox:changed', payload: { pending: 10 } });
    expect(counts[49]).toEqual({ channel: 'outbox:changed', payload: { pending: 59 } });
  });

  it('shows the main window on ready-to-show only when asked to', async () => {
    await createWindows(new MemoryStore(), true);
    expect(win('main').isVisible()).toBe(false);
    win('main').emit('ready-to-show');
    expect(win('main').isVisible()).toBe(true);
    expect(win('main').listenerCount('ready-to-show')).toBe(0);
  });
});
