import type {
  AppPort,
  BackupFolderPort,
  ClockPort,
  LogFolderPort,
  DialogPort,
  LoginItemPort,
  Logger,
  LogsPort,
  NotifierPort,
  PowerEvent,
  PowerPort,
  ShortcutPort,
  StorePort,
  SyncFolderPort,
  TrayAction,
  TrayPort,
  UpdaterPort,
  WindowsPort,
} from './ports';
import { IpcRegistry } from './ipc/registry';
import { registerHandlers, settingsView, type Services } from './ipc/handlers';
import { FocusService } from './services/focus';
import { NextActionService } from './services/nextAction';
import { OutboxService } from './services/outbox';
import { QuickAddService } from './services/quickAdd';
import { ReflectionScheduleService } from './services/reflectionSchedule';
import { SettingsService } from './services/settings';
import { ShortcutService } from './services/shortcuts';
import { TrayService } from './services/tray';
import { parseArgv, parseKineticUrl } from './services/launch';
import { AutoBackupService } from './services/autoBackup';
import { OplogService } from './services/oplog';
import { SyncService } from './services/sync';
import { startDesktop, type Desktop } from './services/desktop';
import { registerDesktopHandlers } from './ipc/desktopHandlers';
import { ReminderService } from './services/reminders';

export interface KineticPorts {
  clock: ClockPort;
  store: StorePort;
  windows: WindowsPort;
  notifier: NotifierPort;
  tray: TrayPort;
  shortcuts: ShortcutPort;
  power: PowerPort;
  dialog: DialogPort;
  backups: BackupFolderPort;
  logFolder: LogFolderPort;
  /** The `Kinetic` folder inside a folder chosen for sync. */
  openSyncFolder(path: string): SyncFolderPort;
  /** What this device is called until the user names it (the computer's name). */
  hostName: string;
  app: AppPort;
  newId: () => string;
  log: Logger;
  /** Desktop integrations the Electron app has and the e2e harness leaves out. */
  login?: LoginItemPort;
  updater?: UpdaterPort;
  logs?: LogsPort;
}

export interface KineticOptions {
  /** Origins our pages are served from (`app://kinetic`, the dev server, the e2e server). */
  trustedOrigins: readonly string[];
  /** Wayland sessions cannot register global shortcuts: the UI says so. */
  wayland: boolean;
}

export interface KineticMain {
  registry: IpcRegistry;
  services: Services;
  /** argv of this process or of a second instance: `--add "text"`, `kinetic://…`. */
  handleArgv(argv: readonly string[]): boolean;
  /** A `kinetic://` URL (macOS `open-url`). */
  handleUrl(url: string): boolean;
  /** Launch at login, updates, logs. */
  desktop: Desktop;
}

/**
 * Builds and wires every main-process service against the given ports and registers the IPC
 * handlers. The Electron entry (index.ts) and the e2e harness both start Kinetic through this, so
 * tests exercise the real wiring.
 */
export async function startKinetic(ports: KineticPorts, options: KineticOptions): Promise<KineticMain> {
  const { clock, store, windows, notifier, log } = ports;
  const settings = new SettingsService(store, log);
  await settings.load();

  const oplog = new OplogService(ports.logFolder, store, log, ports.newId);
  await oplog.load();
  const sync = new SyncService({
    store,
    clock,
    log,
    oplog,
    local: ports.logFolder,
    open: (path) => ports.openSyncFolder(path),
    defaultName: ports.hostName.slice(0, 64) || 'This computer',
  });
  await sync.load();
  const nextAction = new NextActionService();
  const quickAdd = new QuickAddService(windows, log);
  const outbox = new OutboxService(store, windows, log);
  await outbox.load();
  const autoBackup = new AutoBackupService(ports.backups, store, log, clock);
  await autoBackup.load();
  const focus = new FocusService({
    clock,
    store,
    windows,
    notifier,
    outbox,
    settings,
    newId: ports.newId,
    log,
  });
  const reflection = new ReflectionScheduleService({ clock, store, notifier, windows, settings, log });
  const reminders = new ReminderService({ clock, notifier, windows, settings });
  const tray = new TrayService(ports.tray, clock, ports.app.platform);
  const shortcuts = new ShortcutService(
    ports.shortcuts,
    {
      quickAdd: () => quickAdd.open(),
      focus: () => void focus.toggle(nextAction.get()),
    },
    { platform: ports.app.platform, wayland: options.wayland },
  );

  const services: Services = {
    app: ports.app,
    windows,
    dialog: ports.dialog,
    autoBackup,
    settings,
    shortcuts,
    nextAction,
    quickAdd,
    focus,
    outbox,
    reflection,
    oplog,
    sync,
    reminders,
  };

  const registry = new IpcRegistry(options.trustedOrigins, log);
  registerHandlers(registry, services);
  const desktop = startDesktop(ports, { settings, focus, clock, log });
  registerDesktopHandlers(registry, desktop, log);

  // Wiring: who listens to whom.
  nextAction.onChange((task) => tray.setNextAction(task));
  sync.onChange((status) => windows.broadcast('sync:changed', status));
  sync.onArrival(() => windows.broadcast('oplog:changed', null));
  focus.onChange((snapshot) => tray.setFocus(snapshot));
  settings.onChange(() => {
    shortcuts.apply(settings.get());
    void reflection.reschedule();
    reminders.schedule();
    windows.broadcast('settings:changed', settingsView(services));
  });
  ports.tray.onAction((action) => onTrayAction(action));
  ports.tray.onClick(() => quickAdd.open());
  const onPower = (event: PowerEvent): void => {
    void focus.onPower(event);
    void reflection.onPower(event);
  };
  for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen'] as const) {
    ports.power.on(event, () => onPower(event));
  }

  function onTrayAction(action: TrayAction): void {
    switch (action) {
      case 'quickAdd':
        quickAdd.open();
        break;
      case 'startFocus':
      case 'pauseFocus':
      case 'resumeFocus':
        void focus.toggle(nextAction.get());
        break;
      case 'openMain':
        windows.show('main');
        break;
      case 'reflect':
        reflection.open();
        break;
      case 'openLogs':
        void desktop.logs?.openFolder().catch((error: unknown) => log.warn(`logs folder: ${String(error)}`));
        break;
      case 'quit':
        ports.app.quit();
        break;
    }
  }

  shortcuts.apply(settings.get());
  tray.setFocus(await focus.load());
  await reflection.start();

  const handleArgv = (argv: readonly string[]): boolean => {
    const requests = parseArgv(argv);
    for (const request of requests) quickAdd.open(request.text);
    return requests.length > 0;
  };
  const handleUrl = (url: string): boolean => {
    const request = parseKineticUrl(url);
    if (!request) {
      log.warn(`Ignored a link Kinetic does not understand: ${url.slice(0, 200)}`);
      return false;
    }
    quickAdd.open(request.text);
    return true;
  };

  return { registry, services, handleArgv, handleUrl, desktop };
}
