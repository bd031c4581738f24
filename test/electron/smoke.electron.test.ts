/**
 * Smoke tests of the built app in real Electron (`npm run test:electron`; CI runs them on Linux
 * under Xvfb, macOS and Windows). Each test starts Kinetic on a fresh data folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const executablePath = process.env['KINETIC_ELECTRON_PATH'] ?? '';
const PAGES = ['main', 'quick-add', 'focus', 'reflection'] as const;

let userData = '';
const running: ElectronApplication[] = [];

function env(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) vars[key] = value;
  return { ...vars, KINETIC_USER_DATA: userData, KINETIC_SMOKE_TEST: '1' };
}

async function launch(...args: string[]): Promise<ElectronApplication> {
  const app = await _electron.launch({ executablePath, args: [root, ...args], env: env() });
  running.push(app);
  return app;
}

/** The page of one of Kinetic's windows, once all four have loaded. */
async function page(app: ElectronApplication, name: (typeof PAGES)[number]): Promise<Page> {
  await expect.poll(() => app.windows().length).toBe(PAGES.length);
  const found = app.windows().find((p) => p.url().startsWith(`app://kinetic/${name}/`));
  if (!found) throw new Error(`No ${name} window`);
  await found.waitForLoadState('domcontentloaded');
  return found;
}

const exitCode = (app: ElectronApplication): Promise<number | null> =>
  new Promise((resolve) => {
    const child = app.process();
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'kinetic-smoke-'));
});

afterEach(async () => {
  for (const app of running.splice(0)) await app.close().catch(() => undefined);
  rmSync(userData, { recursive: true, force: true });
});

describe('Kinetic in real Electron', () => {
  it('loads every window at app://kinetic with window.kinetic', async () => {
    const app = await launch('--hidden');
    for (const name of PAGES) {
      const p = await page(app, name);
      expect(p.url()).toBe(`app://kinetic/${name}/index.html`);
      expect(await p.evaluate(() => typeof (globalThis as unknown as { kinetic?: unknown }).kinetic)).toBe(
        'object',
      );
    }
  });

  it('keeps a task saved through quick add across a restart', async () => {
    const first = await launch('--add', 'Smoke-test task');
    const quick = await page(first, 'quick-add');
    const input = quick.getByLabel('New task');
    await expect.poll(() => input.inputValue()).toBe('Smoke-test task');
    await input.press('Enter');
    const main = await page(first, 'main');
    await expect.poll(() => main.getByText('Smoke-test task').count()).toBeGreaterThan(0);
    await first.close();

    const second = await launch();
    const again = await page(second, 'main');
    await expect.poll(() => again.getByText('Smoke-test task').count()).toBeGreaterThan(0);
  });

  it('`kinetic --add "x"` to a running instance opens quick add with "x"', async () => {
    const app = await launch('--hidden');
    const quick = await page(app, 'quick-add');
    const second = spawn(executablePath, [root, '--add', 'x'], { env: env(), stdio: 'ignore' });
    // The second instance hands its arguments over and quits.
    expect(await new Promise((resolve) => second.once('exit', resolve))).toBe(0);
    await expect.poll(() => quick.getByLabel('New task').inputValue()).toBe('x');
  });

  it('a suspend reported by powerMonitor pauses a running focus session', async () => {
    const app = await launch('--hidden');
    const main = await page(app, 'main');
    await main.evaluate(() =>
      (globalThis as unknown as KineticWindow).kinetic.focus.start({
        task: { id: 'smoke', title: 'Smoke focus', estimateMin: null },
        mode: 'standard',
      }),
    );
    await app.evaluate(({ powerMonitor }) => powerMonitor.emit('suspend'));
    await expect
      .poll(() => main.evaluate(() => (globalThis as unknown as KineticWindow).kinetic.focus.get()))
      .toMatchObject({ pausedBy: 'suspend' });
  });

  it('Quit in the tray menu exits with 0', async () => {
    const app = await launch('--hidden');
    await page(app, 'main');
    const exited = exitCode(app);
    await app.evaluate(() => {
      const menu = Reflect.get(globalThis, '__kineticTrayMenu') as
        { items: { label: string; click: () => void }[] } | undefined;
      const quit = menu?.items.find((item) => item.label === 'Quit Kinetic');
      if (!quit) throw new Error('No Quit Kinetic in the tray menu');
      quit.click();
    });
    expect(await exited).toBe(0);
  });
});

interface KineticWindow {
  kinetic: {
    focus: {
      start(request: unknown): Promise<unknown>;
      get(): Promise<unknown>;
    };
  };
}
