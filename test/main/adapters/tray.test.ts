/**
 * The Electron tray port (electron/main/adapters/tray.ts) on Linux, Windows and macOS.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayAction, TrayMenuItem, TrayPort } from '../../../electron/main/ports';
import { FakeElectron, fakeEvent, type FakeTray } from './fakeElectron';

const electron = vi.hoisted(() => ({ current: null as FakeElectron | null }));
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule(electron));

const ICONS = '/opt/Kinetic/resources/tray';
const savedPlatform = Object.getOwnPropertyDescriptor(process, 'platform');

function fake(): FakeElectron {
  if (!electron.current) throw new Error('No FakeElectron');
  return electron.current;
}

async function createTray(platform: NodeJS.Platform): Promise<{ port: TrayPort; tray: FakeTray }> {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  // The stand-in for that platform (these tests name their platform instead of using the run's).
  electron.current = new FakeElectron(
    {},
    platform === 'linux' ? 'linux-x11' : (platform as 'darwin' | 'win32'),
  );
  const { electronTray } = await import('../../../electron/main/adapters/tray');
  const port = electronTray(ICONS);
  const tray = fake().trays[0];
  if (!tray || fake().trays.length !== 1) throw new Error('Expected one tray');
  return { port, tray };
}

const MENU: TrayMenuItem[] = [
  { kind: 'label', label: 'Next: Write the intro' },
  { kind: 'separator' },
  { kind: 'action', id: 'quickAdd', label: 'Quick add…', enabled: true },
  { kind: 'action', id: 'startFocus', label: 'Start focus on next action', enabled: false },
  { kind: 'action', id: 'quit', label: 'Quit Kinetic', enabled: true },
];

beforeEach(() => {
  vi.resetModules();
  electron.current = new FakeElectron();
});

afterEach(() => {
  if (savedPlatform) Object.defineProperty(process, 'platform', savedPlatform);
});

describe('electronTray', () => {
  it('says when an icon file is missing (Electron gives an empty image, not an error)', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux', configurable: true });
    const { electronTray } = await import('../../../electron/main/adapters/tray');
    const warnings: string[] = [];
    electronTray(ICONS, { warn: (m) => warnings.push(m) });
    expect(fake().images[0]?.isEmpty()).toBe(true);
    expect(warnings).toEqual([`The tray icon ${join(ICONS, 'tray-32.png')} is missing or unreadable`]);

    electron.current = new FakeElectron({}, 'linux-x11');
    const found: string[] = [];
    electronTray(join(process.cwd(), 'build/tray'), { warn: (m) => found.push(m) });
    expect(fake().images[0]?.isEmpty()).toBe(false);
    expect(found).toEqual([]);
  });

  it('builds the context menu: a disabled label, separators, and actions that report their id', async () => {
    const { port, tray } = await createTray('linux');
    port.setMenu(MENU);
    // The listener may be set after the menu: a click reaches the current one.
    const actions: TrayAction[] = [];
    port.onAction((action) => actions.push(action));

    expect(tray.contextMenu).toBe(fake().menus[0]);
    expect(tray.contextMenu?.items.map(({ type, label, enabled }) => ({ type, label, enabled }))).toEqual([
      { type: undefined, label: 'Next: Write the intro', enabled: false },
      { type: 'separator', label: undefined, enabled: undefined },
      { type: undefined, label: 'Quick add…', enabled: true },
      { type: undefined, label: 'Start focus on next action', enabled: false },
      { type: undefined, label: 'Quit Kinetic', enabled: true },
    ]);
    expect(tray.contextMenu?.item('Next: Write the intro').click).toBeUndefined();

    tray.contextMenu?.item('Quit Kinetic').click?.();
    tray.contextMenu?.item('Quick add…').click?.();
    expect(actions).toEqual(['quit', 'quickAdd']);
  });

  it('on Linux: a coloured icon, a click handler, the progress ring, and no title', async () => {
    const { port, tray } = await createTray('linux');
    expect(tray.image.path).toBe(join(ICONS, 'tray-32.png'));
    expect(tray.image.template).toBe(false);
    expect(tray.toolTips).toEqual(['Kinetic']);

    const clicks: string[] = [];
    port.onClick(() => clicks.push('click'));
    tray.emit('click', fakeEvent(), {});
    expect(clicks).toEqual(['click']);

    port.setImage({ kind: 'progress', frame: 3 });
    port.setImage({ kind: 'progress', frame: 12 });
    port.setImage({ kind: 'progress', frame: 3 });
    port.setImage({ kind: 'idle' });
    expect(tray.images.map((i) => i.path)).toEqual([
      join(ICONS, 'progress/ring-03.png'),
      join(ICONS, 'progress/ring-12.png'),
      join(ICONS, 'progress/ring-03.png'),
      join(ICONS, 'tray-32.png'),
    ]);
    // Each image file is loaded once.
    expect(fake().images.map((i) => i.path)).toEqual([
      join(ICONS, 'tray-32.png'),
      join(ICONS, 'progress/ring-03.png'),
      join(ICONS, 'progress/ring-12.png'),
    ]);
    expect(tray.images.at(-1)).toBe(tray.image);

    port.setTitle('12m');
    expect(tray.titles).toEqual([]);
    port.setToolTip('Kinetic — Write: 12 min left');
    expect(tray.toolTips.at(-1)).toBe('Kinetic — Write: 12 min left');
  });

  it('on Windows: the 16 px icon and a click handler', async () => {
    const { port, tray } = await createTray('win32');
    expect(tray.image.path).toBe(join(ICONS, 'tray-16.png'));
    const clicks: string[] = [];
    port.onClick(() => clicks.push('click'));
    tray.emit('click', fakeEvent(), {});
    expect(clicks).toEqual(['click']);
  });

  it('on macOS: a template icon and the minutes as the title; the image never changes', async () => {
    const { port, tray } = await createTray('darwin');
    expect(tray.image.path).toBe(join(ICONS, 'trayTemplate.png'));
    expect(tray.image.template).toBe(true);
    expect(tray.listenerCount('click')).toBe(0);

    port.setImage({ kind: 'progress', frame: 5 });
    port.setImage({ kind: 'idle' });
    expect(tray.images).toEqual([]);

    port.setTitle('12m');
    expect(tray.titles).toEqual([{ title: '12m', options: { fontType: 'monospacedDigit' } }]);

    // The context menu is set on macOS too.
    port.setMenu(MENU);
    expect(tray.contextMenu?.items).toHaveLength(MENU.length);
  });
});
