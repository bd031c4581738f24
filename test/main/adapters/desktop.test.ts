/**
 * The desktop adapters: launch at login (adapters/login.ts), logs (adapters/logs.ts) and the
 * updater (adapters/updater.ts), per platform profile.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdaterEvent } from '../../../electron/main/ports';
import type * as Login from '../../../electron/main/adapters/login';
import { FakeElectron, applyProfile, onProfiles, restorePlatform } from './fakeElectron';

const electron = vi.hoisted(() => ({ current: null as FakeElectron | null }));
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule(electron));
vi.mock('electron-log/main', async () => (await import('./fakeElectron')).electronLogModule(electron));
vi.mock('electron-updater', async () => (await import('./fakeElectron')).electronUpdaterModule(electron));

function fake(): FakeElectron {
  if (!electron.current) throw new Error('No FakeElectron');
  return electron.current;
}

const DESKTOP = 'app.kinetic.Kinetic.desktop';
let dir = '';

beforeEach(async () => {
  vi.resetModules();
  applyProfile();
  dir = await mkdtemp(join(tmpdir(), 'kinetic-desktop-'));
  electron.current = new FakeElectron({ appData: dir, userData: join(dir, 'Kinetic') });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  restorePlatform();
  await rm(dir, { recursive: true, force: true });
});

const login = (): Promise<typeof Login> => import('../../../electron/main/adapters/login');

describe('launch at login', () => {
  it('a dev run never adds itself to the login', async () => {
    await (await login()).electronLoginItem(DESKTOP).set(true);
    expect(fake().app.setLoginItemSettings ?? vi.fn()).not.toHaveBeenCalled();
    expect(existsSync(join(dir, 'autostart'))).toBe(false);
  });

  onProfiles(['darwin', 'win32'], () => {
    it('sets and clears the login item, starting with --hidden', async () => {
      fake().app.isPackaged = true;
      const port = (await login()).electronLoginItem(DESKTOP);
      await port.set(true);
      expect(fake().app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
      await port.set(false);
      expect(fake().app.loginItem).toEqual({ openAtLogin: false, args: [] });
    });
  });

  onProfiles(['linux-x11', 'linux-wayland'], () => {
    it('writes and removes an XDG autostart entry that starts Kinetic with --hidden', async () => {
      fake().app.isPackaged = true;
      const port = (await login()).electronLoginItem(DESKTOP);
      await port.set(true);
      const entry = await readFile(join(dir, 'autostart', DESKTOP), 'utf8');
      expect(entry).toContain('[Desktop Entry]');
      expect(entry).toContain(
        `Exec=${process.execPath.includes(' ') ? `"${process.execPath}"` : process.execPath} --hidden`,
      );
      await port.set(false);
      expect(existsSync(join(dir, 'autostart', DESKTOP))).toBe(false);
      // Removing what is not there is fine.
      await port.set(false);
    });

    it('an AppImage starts the AppImage file, quoted when its path has spaces', async () => {
      fake().app.isPackaged = true;
      vi.stubEnv('APPIMAGE', '/home/me/My Apps/Kinetic.AppImage');
      await (await login()).electronLoginItem(DESKTOP).set(true);
      expect(await readFile(join(dir, 'autostart', DESKTOP), 'utf8')).toContain(
        'Exec="/home/me/My Apps/Kinetic.AppImage" --hidden',
      );
    });
  });

  it('--hidden keeps the windows hidden', async () => {
    const { startsHidden } = await login();
    expect(startsHidden(['--hidden'])).toBe(true);
    expect(startsHidden([])).toBe(false);
  });

  onProfiles(['darwin'], () => {
    it('on macOS a start from the login item is hidden too', async () => {
      fake().app.openedAtLogin = true;
      expect((await login()).startsHidden([])).toBe(true);
    });
  });
});

describe('logs', () => {
  it('writes to logs/main.log in the user-data folder, rotated by size, with user text taken out', async () => {
    const { electronLogs, MAX_LOG_BYTES } = await import('../../../electron/main/adapters/logs');
    const logs = electronLogs();
    expect(fake().log.transports.file.resolvePathFn()).toBe(join(dir, 'Kinetic', 'logs', 'main.log'));
    expect(fake().log.transports.file.maxSize).toBe(MAX_LOG_BYTES);
    expect(logs.folder).toBe(join(dir, 'Kinetic', 'logs'));

    logs.warn('quick-add: dropped the oldest: "call Sam"');
    logs.setDebug(true);
    logs.warn('quick-add: dropped the oldest: "call Sam"');
    logs.setDebug(false);
    logs.error('focus window: uncaught error: Cannot read “Write the intro”');
    expect(fake().log.lines).toEqual([
      { level: 'warn', text: '[kinetic] quick-add: dropped the oldest: "…"' },
      { level: 'warn', text: '[kinetic] quick-add: dropped the oldest: "call Sam"' },
      { level: 'error', text: '[kinetic] focus window: uncaught error: Cannot read “…”' },
    ]);
  });

  it('opens the logs folder, and says when the OS could not', async () => {
    const { electronLogs } = await import('../../../electron/main/adapters/logs');
    const logs = electronLogs();
    await logs.openFolder();
    expect(fake().shell.openPath).toHaveBeenCalledWith(join(dir, 'Kinetic', 'logs'));
    fake().shell.openPath.mockResolvedValueOnce('No application is registered');
    await expect(logs.openFolder()).rejects.toThrow('No application is registered');
  });
});

describe('updater', () => {
  it('downloads in the background and installs on quit only when allowed', async () => {
    const { electronUpdater } = await import('../../../electron/main/adapters/updater');
    const port = electronUpdater();
    const events: UpdaterEvent[] = [];
    port.onEvent((e) => events.push(e));
    expect(fake().autoUpdater.autoDownload).toBe(true);
    expect(fake().autoUpdater.autoInstallOnAppQuit).toBe(false);
    port.setInstallOnQuit(true);
    expect(fake().autoUpdater.autoInstallOnAppQuit).toBe(true);

    fake().autoUpdater.emit('update-available', { version: '1.2.0' });
    fake().autoUpdater.emit('download-progress', { percent: 10 });
    fake().autoUpdater.emit('update-downloaded', { version: '1.2.0' });
    fake().autoUpdater.emit('error', new Error('sha512 checksum mismatch'));
    expect(events).toEqual([
      { type: 'available', version: '1.2.0' },
      { type: 'progress', percent: 10 },
      { type: 'downloaded', version: '1.2.0' },
      { type: 'error', message: 'sha512 checksum mismatch' },
    ]);
    port.installNow();
    expect(fake().autoUpdater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('only the installed app checks; a dev run reports nothing to do', async () => {
    const { electronUpdater } = await import('../../../electron/main/adapters/updater');
    const port = electronUpdater();
    const events: UpdaterEvent[] = [];
    port.onEvent((e) => events.push(e));
    await port.check();
    expect(fake().autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(events).toEqual([{ type: 'none' }]);
    fake().app.isPackaged = true;
    await port.check();
    expect(fake().autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
  });
});
