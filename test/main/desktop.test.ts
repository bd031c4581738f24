/**
 * Launch at login, updates and logs, wired by startKinetic (services/desktop.ts, updates.ts,
 * ipc/desktopHandlers.ts), against fake ports.
 */
import { describe, expect, it } from 'vitest';
import type { LoginItemPort, LogsPort, UpdaterEvent, UpdaterPort } from '../../electron/main/ports';
import { DAY_MS, reduceUpdate } from '../../electron/main/services/updates';
import { settle } from '../fakes/clock';
import { startTestKinetic, type TestKinetic } from '../fakes/testKinetic';

const TASK = { id: 't1', title: 'Write the intro', estimateMin: null };

class FakeUpdater implements UpdaterPort {
  checks = 0;
  installOnQuit: boolean | null = null;
  installs = 0;
  /** What the next check reports. */
  next: UpdaterEvent[] = [{ type: 'checking' }, { type: 'none' }];
  failNext: Error | null = null;
  private listener: (event: UpdaterEvent) => void = () => undefined;

  check(): Promise<void> {
    this.checks++;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      return Promise.reject(error);
    }
    for (const event of this.next) this.listener(event);
    return Promise.resolve();
  }
  onEvent(listener: (event: UpdaterEvent) => void): void {
    this.listener = listener;
  }
  emit(event: UpdaterEvent): void {
    this.listener(event);
  }
  setInstallOnQuit(allowed: boolean): void {
    this.installOnQuit = allowed;
  }
  installNow(): void {
    this.installs++;
  }
}

class FakeLogin implements LoginItemPort {
  readonly calls: boolean[] = [];
  fail = false;
  set(enabled: boolean): Promise<void> {
    this.calls.push(enabled);
    return this.fail ? Promise.reject(new Error('EACCES')) : Promise.resolve();
  }
}

class FakeLogs implements LogsPort {
  readonly folder = '/home/me/.config/Kinetic/logs';
  readonly errors: string[] = [];
  debug: boolean | null = null;
  opened = 0;
  openFolder(): Promise<void> {
    this.opened++;
    return Promise.resolve();
  }
  setDebug(enabled: boolean): void {
    this.debug = enabled;
  }
  error(message: string): void {
    this.errors.push(message);
  }
}

async function start(): Promise<TestKinetic & { updater: FakeUpdater; login: FakeLogin; logs: FakeLogs }> {
  const updater = new FakeUpdater();
  const login = new FakeLogin();
  const logs = new FakeLogs();
  const k = await startTestKinetic({ desktop: { updater, login, logs } });
  await settle();
  return Object.assign(k, { updater, login, logs });
}

describe('launch at login', () => {
  it('is off by default, and follows the setting', async () => {
    const k = await start();
    expect(k.login.calls).toEqual([false]);
    await k.call('settings:update', { launchAtLogin: true });
    await k.call('settings:update', { focusMinutes: 30 });
    expect(k.login.calls).toEqual([false, true]);
  });

  it('a failure is logged, and the setting stays as chosen', async () => {
    const k = await start();
    k.login.fail = true;
    const view = await k.call('settings:update', { launchAtLogin: true });
    await settle();
    expect(view.settings.launchAtLogin).toBe(true);
    expect(k.log.warnings).toContainEqual('launch at login could not be set (Error: EACCES)');
  });
});

describe('logs', () => {
  it('debug logging follows the setting', async () => {
    const k = await start();
    expect(k.logs.debug).toBe(false);
    await k.call('settings:update', { debugLogging: true });
    expect(k.logs.debug).toBe(true);
  });

  it('renderer errors and unhandled rejections reach main’s log', async () => {
    const k = await start();
    await k.call(
      'log:rendererError',
      { kind: 'rejection', message: 'Boom', stack: 'Error: Boom\n    at x (app://kinetic/assets/a.js:1:2)' },
      'focus',
    );
    await k.call('log:rendererError', { kind: 'error', message: 'Oops', stack: null }, 'quickAdd');
    expect(k.logs.errors).toEqual([
      'focus window: unhandled rejection: Boom\nError: Boom\n    at x (app://kinetic/assets/a.js:1:2)',
      'quickAdd window: uncaught error: Oops',
    ]);
    expect(
      (await k.raw('log:rendererError', { kind: 'error', message: 'x'.repeat(3000), stack: null })).ok,
    ).toBe(false);
  });

  it('"Open logs folder" in the tray and from the main window', async () => {
    const k = await start();
    k.tray.choose('openLogs');
    await settle();
    await k.call('log:openFolder', undefined, 'main');
    expect(k.logs.opened).toBe(2);
    expect((await k.raw('log:openFolder', undefined, 'quickAdd')).ok).toBe(false);
  });

  it('without a logs port (the e2e harness) renderer errors go to the warning log', async () => {
    const k = await startTestKinetic();
    await k.call('log:rendererError', { kind: 'error', message: 'Oops', stack: null });
    expect(k.log.warnings).toContainEqual('main window: uncaught error: Oops');
    expect((await k.raw('log:openFolder', undefined)).ok).toBe(false);
  });
});

describe('updates', () => {
  it('checks at start and once a day', async () => {
    const k = await start();
    expect(k.updater.checks).toBe(1);
    expect(k.main.desktop.updates?.get()).toEqual({ phase: 'idle', checkedAt: k.clock.now() });
    await k.clock.advanceAsync(DAY_MS - 1);
    expect(k.updater.checks).toBe(1);
    await k.clock.advanceAsync(1);
    expect(k.updater.checks).toBe(2);
  });

  it('downloads in the background and installs on quit, but not during a focus session', async () => {
    const k = await start();
    k.updater.emit({ type: 'available', version: '1.2.0' });
    k.updater.emit({ type: 'progress', percent: 41.6 });
    expect(k.main.desktop.updates?.get()).toEqual({ phase: 'downloading', version: '1.2.0', percent: 42 });
    expect(k.updater.installOnQuit).toBe(false);

    await k.call('focus:start', { task: TASK, mode: 'standard' });
    k.updater.emit({ type: 'downloaded', version: '1.2.0' });
    expect(k.main.desktop.updates?.get()).toEqual({ phase: 'ready', version: '1.2.0' });
    // A focus session is on: quitting now must not install, and neither may "restart to update".
    expect(k.updater.installOnQuit).toBe(false);
    expect(k.main.desktop.updates?.installNow()).toBe(false);
    await k.call('focus:pause', undefined);
    expect(k.updater.installOnQuit).toBe(false);

    await k.call('focus:stop', { note: null });
    expect(k.updater.installOnQuit).toBe(true);
    expect(k.main.desktop.updates?.installNow()).toBe(true);
    expect(k.updater.installs).toBe(1);
    // A ready update is not downloaded again by the daily check.
    await k.clock.advanceAsync(DAY_MS);
    expect(k.updater.checks).toBe(1);
  });

  it('the off switch stops checks and installs; on again checks at once', async () => {
    const k = await start();
    k.updater.emit({ type: 'downloaded', version: '1.2.0' });
    expect(k.updater.installOnQuit).toBe(true);
    await k.call('settings:update', { updatesEnabled: false });
    expect(k.main.desktop.updates?.get()).toEqual({ phase: 'off' });
    expect(k.updater.installOnQuit).toBe(false);
    expect(k.main.desktop.updates?.installNow()).toBe(false);
    await k.clock.advanceAsync(3 * DAY_MS);
    expect(k.updater.checks).toBe(1);

    await k.call('settings:update', { updatesEnabled: true });
    expect(k.updater.checks).toBe(2);
  });

  it('a failed check is logged and tried again the next day', async () => {
    const k = await start();
    k.updater.failNext = new Error('net::ERR_INTERNET_DISCONNECTED');
    await k.clock.advanceAsync(DAY_MS);
    expect(k.main.desktop.updates?.get()).toMatchObject({
      phase: 'error',
      message: 'Error: net::ERR_INTERNET_DISCONNECTED',
    });
    expect(k.log.warnings).toContainEqual('update: check failed (Error: net::ERR_INTERNET_DISCONNECTED)');
    await k.clock.advanceAsync(DAY_MS);
    expect(k.main.desktop.updates?.get()).toMatchObject({ phase: 'idle' });
  });

  it('reduces events: progress only while downloading, and off ignores everything', () => {
    expect(reduceUpdate({ phase: 'idle', checkedAt: null }, { type: 'progress', percent: 50 }, 0)).toEqual({
      phase: 'idle',
      checkedAt: null,
    });
    expect(reduceUpdate({ phase: 'off' }, { type: 'downloaded', version: '2' }, 0)).toEqual({ phase: 'off' });
    expect(reduceUpdate({ phase: 'ready', version: '2' }, { type: 'error', message: 'x' }, 0)).toEqual({
      phase: 'ready',
      version: '2',
    });
  });
});
