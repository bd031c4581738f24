/**
 * The small system adapters: the wall clock (adapters/clock.ts) and the notifier, shortcuts,
 * power events, save dialog and app port (adapters/system.ts).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../electron/main/adapters/clock';
import type * as System from '../../../electron/main/adapters/system';
import { FakeElectron, applyProfile, onProfiles, restorePlatform } from './fakeElectron';

const electron = vi.hoisted(() => ({ current: null as FakeElectron | null }));
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule(electron));

const T0 = new Date(2026, 10, 26, 9, 0).getTime();
const DAY = 24 * 60 * 60 * 1000;

function fake(): FakeElectron {
  if (!electron.current) throw new Error('No FakeElectron');
  return electron.current;
}

const system = (): Promise<typeof System> => import('../../../electron/main/adapters/system');

beforeEach(() => {
  vi.resetModules();
  applyProfile();
  electron.current = new FakeElectron({ documents: '/home/me/Documents' });
});

afterEach(() => {
  vi.unstubAllEnvs();
  restorePlatform();
});

describe('systemClock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(T0);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the wall clock', () => {
    expect(systemClock().now()).toBe(T0);
  });

  it('fires timeouts in order of their due time, each at its time', () => {
    const clock = systemClock();
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['b', Date.now() - T0]), 2000);
    clock.setTimeout(() => fired.push(['a', Date.now() - T0]), 1000);
    clock.setTimeout(() => fired.push(['c', Date.now() - T0]), 3000);

    vi.advanceTimersByTime(1999);
    expect(fired).toEqual([['a', 1000]]);
    vi.advanceTimersByTime(1001);
    expect(fired).toEqual([
      ['a', 1000],
      ['b', 2000],
      ['c', 3000],
    ]);
  });

  it('clearTimeout cancels only that timeout, and is harmless afterwards', () => {
    const clock = systemClock();
    const fired: string[] = [];
    const a = clock.setTimeout(() => fired.push('a'), 1000);
    clock.setTimeout(() => fired.push('b'), 1000);
    clock.clearTimeout(a);

    vi.advanceTimersByTime(5000);
    expect(fired).toEqual(['b']);
    clock.clearTimeout(a);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('splits a timeout longer than setTimeout allows, and fires it only when due', () => {
    const clock = systemClock();
    let firedAt: number | null = null;
    clock.setTimeout(() => (firedAt = Date.now()), 30 * DAY);

    vi.advanceTimersByTime(29 * DAY);
    expect(firedAt).toBeNull();
    vi.advanceTimersByTime(DAY);
    expect(firedAt).toBe(T0 + 30 * DAY);
  });

  it('re-arms when the timer fires early (the clock moved back), and can still be cancelled', () => {
    const clock = systemClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('kept'), 1000);
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 1000);

    vi.setSystemTime(T0 - 500);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([]);

    clock.clearTimeout(cancelled);
    vi.advanceTimersByTime(500);
    expect(fired).toEqual(['kept']);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('electronNotifier', () => {
  it('shows a notification and calls onClick when it is clicked', async () => {
    const notifier = (await system()).electronNotifier();
    const clicks: string[] = [];
    notifier.notify({ title: 'Time is up', body: 'Write the intro', onClick: () => clicks.push('clicked') });

    const [n] = fake().notifications;
    expect(fake().notifications).toHaveLength(1);
    expect(n?.options).toEqual({ title: 'Time is up', body: 'Write the intro', silent: false });
    expect(n?.shown).toBe(1);
    // It listens for click and close (the set that keeps it alive lets go on either).
    expect(n?.listenerCount('click')).toBe(1);
    expect(n?.listenerCount('close')).toBe(1);

    n?.emit('click');
    expect(clicks).toEqual(['clicked']);
  });

  it('does not call onClick when the notification is closed, and copes without onClick', async () => {
    const notifier = (await system()).electronNotifier();
    const clicks: string[] = [];
    notifier.notify({ title: 'A', body: 'a', onClick: () => clicks.push('a') });
    notifier.notify({ title: 'B', body: 'b' });

    fake().notifications[0]?.emit('close');
    expect(() => fake().notifications[1]?.emit('click')).not.toThrow();
    expect(clicks).toEqual([]);
  });

  it('where notifications are not supported, runs the click action instead and says why', async () => {
    fake().notificationsSupported = false;
    const problems: string[] = [];
    const clicks: string[] = [];
    const notifier = (await system()).electronNotifier((error) => problems.push(error));
    notifier.notify({ title: 'A', body: 'a', onClick: () => clicks.push('a') });
    notifier.notify({ title: 'B', body: 'b' });
    expect(fake().notifications).toEqual([]);
    expect(clicks).toEqual(['a']);
    expect(problems).toEqual([
      'notifications are not supported here',
      'notifications are not supported here',
    ]);
  });

  onProfiles(['darwin', 'win32'], () => {
    it('a notification that fails (an unsigned macOS build) runs its click action instead', async () => {
      fake().notificationFailure = 'Notifications are not allowed for this application';
      const problems: string[] = [];
      const clicks: string[] = [];
      const notifier = (await system()).electronNotifier((error) => problems.push(error));
      notifier.notify({ title: 'Focus session done', body: 'x', onClick: () => clicks.push('focus') });
      expect(clicks).toEqual([]);
      await Promise.resolve();
      expect(clicks).toEqual(['focus']);
      expect(problems).toEqual(['Notifications are not allowed for this application']);
    });
  });
});

describe('other system ports', () => {
  it('registers and unregisters global shortcuts; a malformed accelerator throws', async () => {
    const shortcuts = (await system()).electronShortcuts();
    const callback = vi.fn();

    expect(shortcuts.register('CommandOrControl+Shift+Space', callback)).toBe(true);
    expect(fake().globalShortcut.registered.get('CommandOrControl+Shift+Space')).toBe(callback);
    expect(() => shortcuts.register('Ctrl+Shift+Nope', callback)).toThrow(TypeError);

    shortcuts.unregister('CommandOrControl+Shift+Space');
    expect(fake().globalShortcut.registered.size).toBe(0);
  });

  onProfiles(['win32', 'linux-x11'], () => {
    it('a key another app holds is refused; a free one is delivered', async () => {
      const shortcuts = (await system()).electronShortcuts();
      fake().globalShortcut.taken.add('CommandOrControl+Alt+Shift+F');
      const callback = vi.fn();
      expect(shortcuts.register('CommandOrControl+Alt+Shift+F', callback)).toBe(false);
      expect(shortcuts.register('CommandOrControl+Shift+Space', callback)).toBe(true);
      expect(fake().globalShortcut.press('CommandOrControl+Shift+Space')).toBe(true);
      expect(callback).toHaveBeenCalledTimes(1);
    });
  });

  onProfiles(['darwin'], () => {
    it('macOS answers true for a key another app holds, and never delivers it', async () => {
      const shortcuts = (await system()).electronShortcuts();
      fake().globalShortcut.taken.add('CommandOrControl+Alt+Shift+F');
      const callback = vi.fn();
      expect(shortcuts.register('CommandOrControl+Alt+Shift+F', callback)).toBe(true);
      expect(fake().globalShortcut.press('CommandOrControl+Alt+Shift+F')).toBe(false);
      expect(callback).not.toHaveBeenCalled();
    });
  });

  onProfiles(['linux-wayland'], () => {
    it('Wayland answers true and delivers nothing', async () => {
      const shortcuts = (await system()).electronShortcuts();
      const callback = vi.fn();
      expect(shortcuts.register('CommandOrControl+Shift+Space', callback)).toBe(true);
      expect(fake().globalShortcut.press('CommandOrControl+Shift+Space')).toBe(false);
    });
  });

  onProfiles(['darwin', 'win32'], () => {
    it('forwards sleep and screen-lock events', async () => {
      const power = (await system()).electronPower();
      const events: string[] = [];
      power.on('suspend', () => events.push('suspend'));
      power.on('unlock-screen', () => events.push('unlock-screen'));

      fake().powerMonitor.emit('suspend');
      fake().powerMonitor.emit('unlock-screen');
      expect(events).toEqual(['suspend', 'unlock-screen']);
    });
  });

  onProfiles(['linux-x11', 'linux-wayland'], () => {
    it('forwards sleep; the screen lock, which Electron never reports on Linux, is not listened to', async () => {
      const power = (await system()).electronPower();
      const events: string[] = [];
      power.on('suspend', () => events.push('suspend'));
      power.on('lock-screen', () => events.push('lock-screen'));
      expect(fake().powerMonitor.listenerCount('lock-screen')).toBe(0);
      fake().powerMonitor.emit('suspend');
      expect(events).toEqual(['suspend']);
      expect(() => fake().powerMonitor.emit('lock-screen')).toThrow(/never emitted/);
    });
  });

  it('a session end reaches the suspend listeners', async () => {
    const power = (await system()).electronPower();
    const events: string[] = [];
    power.on('suspend', () => events.push('suspend'));
    power.sessionEnding();
    expect(events).toEqual(['suspend']);
  });

  it('asks where to save a Markdown file in Documents, and null when cancelled', async () => {
    const dialog = (await system()).electronDialog();
    const options = {
      defaultName: 'kinetic-history.md',
      title: 'Export history',
      kind: { name: 'Markdown', extensions: ['md'] },
    };

    expect(await dialog.chooseSavePath(options)).toBeNull();
    expect(fake().dialog.showSaveDialog).toHaveBeenCalledWith({
      title: 'Export history',
      defaultPath: join('/home/me/Documents', 'kinetic-history.md'),
      filters: [{ name: 'Markdown', extensions: ['md'] }],
    });

    fake().dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/tmp/out.md' });
    expect(await dialog.chooseSavePath(options)).toBe('/tmp/out.md');
    fake().dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '' });
    expect(await dialog.chooseSavePath(options)).toBeNull();
  });

  it('asks which backup to open, from Documents, and null when cancelled', async () => {
    const dialog = (await system()).electronDialog();
    const options = {
      title: 'Restore from a backup',
      kind: { name: 'Kinetic backup', extensions: ['json'] },
    };

    expect(await dialog.chooseOpenPath(options)).toBeNull();
    expect(fake().dialog.showOpenDialog).toHaveBeenCalledWith({
      title: 'Restore from a backup',
      defaultPath: '/home/me/Documents',
      filters: [{ name: 'Kinetic backup', extensions: ['json'] }],
      properties: ['openFile'],
    });
    fake().dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/tmp/b.json'] });
    expect(await dialog.chooseOpenPath(options)).toBe('/tmp/b.json');
  });

  it('writes text as UTF-8, over an older file in one step, and reads it back with its size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kinetic-dialog-'));
    try {
      const file = join(dir, 'history.md');
      const dialog = (await system()).electronDialog();
      await dialog.writeTextFile(file, 'an older export, longer than the new one\n');
      await dialog.writeTextFile(file, '# Heute — Übersicht\n');
      expect(await readFile(file, 'utf8')).toBe('# Heute — Übersicht\n');
      expect(await readdir(dir)).toEqual(['history.md']); // no temporary file left behind
      expect(await dialog.readTextFile(file)).toBe('# Heute — Übersicht\n');
      expect(await dialog.fileSize(file)).toBe(Buffer.byteLength('# Heute — Übersicht\n'));
      await expect(dialog.readTextFile(join(dir, 'missing.json'))).rejects.toThrow('ENOENT');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('describes the app and quits it', async () => {
    const port = (await system()).electronAppPort();
    expect(port.version).toBe('9.8.7-test');
    expect(port.platform).toBe(process.platform);
    port.quit();
    expect(fake().app.quit).toHaveBeenCalledTimes(1);
  });
});
