import { Menu, Tray, nativeImage, screen, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { TrayAction, TrayImage, TrayMenuItem, TrayPort } from '../ports';

/**
 * The Electron tray. Images come from build/tray (copied next to the app when packaged):
 * a template image on macOS, coloured PNGs elsewhere, and pre-rendered progress-ring frames.
 * The context menu is always set, so desktops that do not deliver tray clicks still work.
 */
export interface ElectronTray extends TrayPort {
  /** Whether the pointer is on the icon (macOS and Windows report where the icon is). */
  pointerOn(): boolean;
}

export function electronTray(iconDir: string, log?: { warn(message: string): void }): ElectronTray {
  const mac = process.platform === 'darwin';
  const cache = new Map<string, NativeImage>();
  const load = (file: string): NativeImage => {
    let image = cache.get(file);
    if (!image) {
      image = nativeImage.createFromPath(join(iconDir, file));
      // A missing file gives an empty image, not an error: an invisible tray icon.
      if (image.isEmpty()) log?.warn(`The tray icon ${join(iconDir, file)} is missing or unreadable`);
      if (mac && file.startsWith('trayTemplate')) image.setTemplateImage(true);
      cache.set(file, image);
    }
    return image;
  };
  const idleFile = mac ? 'trayTemplate.png' : process.platform === 'win32' ? 'tray-16.png' : 'tray-32.png';
  const tray = new Tray(load(idleFile));
  tray.setToolTip('Kinetic');

  let onAction: (action: TrayAction) => void = () => undefined;
  let onClick: () => void = () => undefined;
  if (!mac) tray.on('click', () => onClick());

  return {
    setMenu(items: TrayMenuItem[]) {
      const template = items.map((item): Electron.MenuItemConstructorOptions => {
        if (item.kind === 'separator') return { type: 'separator' };
        if (item.kind === 'label') return { label: item.label, enabled: false };
        return { label: item.label, enabled: item.enabled, click: () => onAction(item.id) };
      });
      const menu = Menu.buildFromTemplate(template);
      tray.setContextMenu(menu);
      // The real-Electron smoke tests (test/electron) click the menu: nothing else can reach it.
      if (process.env['KINETIC_SMOKE_TEST'] === '1') Reflect.set(globalThis, '__kineticTrayMenu', menu);
    },
    setImage(image: TrayImage) {
      // macOS shows the minutes as the tray title and keeps the template icon.
      if (mac) return;
      const file =
        image.kind === 'idle' ? idleFile : `progress/ring-${String(image.frame).padStart(2, '0')}.png`;
      tray.setImage(load(file));
    },
    setTitle(title: string) {
      if (mac) tray.setTitle(title, { fontType: 'monospacedDigit' });
    },
    setToolTip(text: string) {
      tray.setToolTip(text);
    },
    onAction(listener) {
      onAction = listener;
    },
    onClick(listener) {
      onClick = listener;
    },
    pointerOn() {
      if (process.platform !== 'darwin' && process.platform !== 'win32') return false;
      const { x, y } = screen.getCursorScreenPoint();
      const b = tray.getBounds();
      return x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;
    },
  };
}
