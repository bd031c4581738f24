import { app, dialog, ipcMain, nativeTheme, session, shell } from 'electron';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INVOKE_CHANNELS } from '../../../shared/ipcChannels';
import type { KineticMain, KineticOptions, KineticPorts } from '../kinetic';
import { allowsPermission, isAllowedUrl } from '../security';
import { systemClock } from './clock';
import { FileBackupFolder, FileStore } from './fileStore';
import { FileLogFolder } from './logFolder';
import { FileSyncFolder } from './syncFolder';
import { hostname } from 'node:os';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol';
import {
  electronAppPort,
  electronDialog,
  electronNotifier,
  electronPower,
  electronShortcuts,
} from './system';
import { electronTray, type ElectronTray } from './tray';
import { DESKTOP_NAME, chooseUserData, registerIdentity } from './identity';
import { electronLogs } from './logs';
import { electronLoginItem, startsHidden } from './login';
import { electronUpdater } from './updater';
import { isWayland } from './session';
import { ElectronWindows } from './windows';

type Start = (ports: KineticPorts, options: KineticOptions) => Promise<KineticMain>;

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Electron's side of start-up: single-instance lock, the app:// scheme, hardening of every web
 * contents, the IPC bridge, and the ports. Everything Kinetic does is in the services `start` wires.
 */
export function runElectronApp(start: Start): void {
  const badUserData = chooseUserData();
  if (badUserData !== null) {
    console.error(`[kinetic] ${badUserData}`);
    app.exit(2);
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    // A second launch: Electron hands our argv to the first instance ('second-instance'); stop here.
    app.quit();
    return;
  }
  registerAppScheme();
  registerIdentity();
  const wayland = process.platform === 'linux' && isWayland(process.env);

  const devServer = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
  const trustedOrigins = [APP_ORIGIN, ...(devServer ? [new URL(devServer).origin] : [])];
  let quitting = false;
  let kinetic: KineticMain | null = null;
  const pendingUrls: string[] = [];
  const pendingArgv: string[][] = [];
  let windows: ElectronWindows | null = null;

  // macOS delivers links before and after ready through open-url.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (kinetic) kinetic.handleUrl(url);
    else pendingUrls.push(url);
  });
  app.on('second-instance', (_event, argv) => {
    // Electron emits this only after ready, but Kinetic may still be starting: handled once started.
    if (!kinetic) pendingArgv.push(argv.slice(1));
    else if (!kinetic.handleArgv(argv.slice(1))) windows?.show('main');
  });
  app.on('before-quit', () => {
    quitting = true;
    // Let Chromium write out its storage before the process exits.
    if (app.isReady()) session.defaultSession.flushStorageData();
  });
  // Kinetic lives in the tray: closing every window does not quit.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => windows?.show('main'));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the user's browser, never inside Kinetic.
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  // Handlers exist before any window loads; calls made while services start simply wait.
  let resolveReady: (k: KineticMain) => void = () => undefined;
  const ready = new Promise<KineticMain>((resolve) => (resolveReady = resolve));
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) =>
      (await ready).registry.invoke(channel, payload, { url: event.senderFrame?.url ?? '' }),
    );
  }

  void app
    .whenReady()
    .then(async () => {
      const rendererDir = join(here, '../renderer');
      serveRenderer(rendererDir);
      session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
        callback(allowsPermission(permission, details.requestingUrl, trustedOrigins)),
      );
      session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) =>
        allowsPermission(permission, origin, trustedOrigins),
      );
      session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
        callback({ cancel: !isAllowedUrl(details.url, trustedOrigins) });
      });

      const store = new FileStore(join(app.getPath('userData'), 'state'));
      const log = electronLogs();
      const power = electronPower();
      let tray: ElectronTray | null = null;
      windows = new ElectronWindows({
        rendererBase: devServer ? `${devServer.replace(/\/$/, '')}/` : `${APP_ORIGIN}/`,
        preload: join(here, '../preload/index.cjs'),
        store,
        isQuitting: () => quitting,
        devTools: !app.isPackaged,
        wayland,
        log,
        pointerOnTray: () => tray?.pointerOn() ?? false,
        onSessionEnd: () => {
          quitting = true;
          power.sessionEnding();
        },
      });
      const iconDir = app.isPackaged
        ? join(process.resourcesPath, 'tray')
        : join(app.getAppPath(), 'build/tray');
      tray = electronTray(iconDir, log);
      const ports: KineticPorts = {
        clock: systemClock(),
        store,
        windows,
        notifier: electronNotifier((error) => log.warn(`A notification could not be shown (${error})`)),
        tray,
        shortcuts: electronShortcuts(),
        power,
        dialog: electronDialog(),
        backups: new FileBackupFolder(join(app.getPath('userData'), 'backups')),
        logFolder: new FileLogFolder(join(app.getPath('userData'), 'oplog')),
        openSyncFolder: (path) => new FileSyncFolder(path),
        hostName: hostname(),
        app: electronAppPort(),
        newId: () => randomUUID(),
        log,
        logs: log,
        login: electronLoginItem(DESKTOP_NAME),
        updater: electronUpdater(),
      };
      nativeTheme.themeSource = 'system';
      const startedHidden = startsHidden(process.argv);
      await windows.createAll(!startedHidden);
      kinetic = await start(ports, { trustedOrigins, wayland });
      resolveReady(kinetic);
      kinetic.handleArgv(process.argv.slice(1));
      for (const url of pendingUrls.splice(0)) kinetic.handleUrl(url);
      for (const argv of pendingArgv.splice(0)) if (!kinetic.handleArgv(argv)) windows.show('main');
    })
    .catch((error: unknown) => {
      // Never half-alive: say what went wrong and leave (the user's data is in IndexedDB, untouched).
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error('[kinetic] start-up failed:', detail);
      dialog.showErrorBox('Kinetic could not start', detail);
      app.exit(1);
    });
}
