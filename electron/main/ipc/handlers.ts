import { MAX_BACKUP_BYTES, type ExportResult, type OpenedFile, type SettingsView } from '../../../shared/ipc';
import type { AppPort, DialogPort, FileKind, WindowsPort } from '../ports';
import type { FocusService } from '../services/focus';
import type { NextActionService } from '../services/nextAction';
import type { OutboxService } from '../services/outbox';
import type { QuickAddService } from '../services/quickAdd';
import type { ReflectionScheduleService } from '../services/reflectionSchedule';
import type { ReminderService } from '../services/reminders';
import type { SettingsService } from '../services/settings';
import type { ShortcutService } from '../services/shortcuts';
import type { AutoBackupService } from '../services/autoBackup';
import type { OplogService } from '../services/oplog';
import type { SyncService } from '../services/sync';
import type { IpcRegistry } from './registry';

export interface Services {
  app: AppPort;
  windows: WindowsPort;
  dialog: DialogPort;
  autoBackup: AutoBackupService;
  settings: SettingsService;
  shortcuts: ShortcutService;
  nextAction: NextActionService;
  quickAdd: QuickAddService;
  focus: FocusService;
  outbox: OutboxService;
  reflection: ReflectionScheduleService;
  oplog: OplogService;
  sync: SyncService;
  reminders: ReminderService;
}

export function settingsView(services: Pick<Services, 'settings' | 'shortcuts'>): SettingsView {
  return { settings: services.settings.get(), shortcuts: services.shortcuts.get() };
}

/**
 * Every IPC handler, in one place. The registry has already checked the sender and validated the
 * payload against the contract when a handler runs. Used by the Electron adapter and by the e2e
 * harness alike.
 */
export function registerHandlers(registry: IpcRegistry, s: Services): void {
  registry.handle('app:info', () => ({ version: s.app.version, platform: s.app.platform }));

  registry.handle('settings:get', () => settingsView(s));
  registry.handle('settings:update', async (patch) => {
    await s.settings.update(patch);
    return settingsView(s);
  });

  registry.handle('window:hide', (_request, { window }) => {
    s.windows.hide(window);
    return null;
  });
  registry.handle('window:showMain', ({ command, taskId }) => {
    s.windows.show('main');
    if (command !== null) s.windows.send('main', 'app:command', { command, taskId });
    return null;
  });

  registry.handle('reminders:set', ({ items }) => {
    s.reminders.set(items);
    return null;
  });
  registry.handle('nextAction:report', ({ task }) => {
    s.nextAction.report(task);
    return null;
  });

  registry.handle('quickAdd:open', ({ text }) => {
    s.quickAdd.open(text);
    return null;
  });
  registry.handle('quickAdd:takeDraft', () => ({ text: s.quickAdd.takeDraft() }));

  registry.handle('focus:get', () => s.focus.snapshot());
  registry.handle('focus:start', ({ task, mode }) => s.focus.start(task, mode));
  registry.handle('focus:pause', () => s.focus.pause('user'));
  registry.handle('focus:resume', () => s.focus.resume());
  registry.handle('focus:extend', ({ minutes }) => s.focus.extend(minutes));
  registry.handle('focus:stop', ({ note }) => s.focus.stop(note));
  registry.handle('focus:done', () => s.focus.done());
  registry.handle('focus:smaller', () => s.focus.smaller());
  registry.handle('focus:show', () => {
    s.windows.show('focus');
    return null;
  });

  registry.handle('outbox:list', () => s.outbox.list());
  registry.handle('outbox:ack', async ({ ids }) => {
    await s.outbox.ack(ids);
    return null;
  });

  registry.handle('reflection:open', () => {
    s.reflection.open();
    return null;
  });
  registry.handle('reflection:get', () => s.reflection.state());
  registry.handle('reflection:saved', async ({ day, morningStep }) => {
    await s.reflection.saved(day, morningStep);
    return null;
  });

  /** Asks where to save `text` and writes it there. */
  const save = async (
    options: { defaultName: string; title: string; kind: FileKind },
    text: string,
  ): Promise<ExportResult> => {
    const path = await s.dialog.chooseSavePath(options);
    if (path === null) return { saved: false, path: null };
    await s.dialog.writeTextFile(path, text);
    return { saved: true, path };
  };

  registry.handle('history:export', ({ fileName, markdown }) =>
    save({ defaultName: fileName, title: 'Export to Markdown', kind: MARKDOWN }, markdown),
  );

  registry.handle('backup:save', ({ fileName, text }) =>
    save({ defaultName: fileName, title: 'Back up Kinetic', kind: BACKUP }, text),
  );

  registry.handle('oplog:hello', () => ({ device: s.oplog.deviceId(), folder: s.oplog.status().folder }));
  registry.handle('oplog:append', ({ ops }) => s.oplog.append(ops));
  registry.handle('oplog:read', ({ after, cursor }) => s.oplog.read(after, cursor));
  registry.handle('oplog:recovered', (report, { window }) => {
    s.oplog.reported(report, window);
    if (report.rebuilt) s.windows.send('main', 'oplog:restored', { ops: report.ops });
    return null;
  });

  registry.handle('sync:status', () => s.sync.status());
  registry.handle('sync:choose', async () => {
    const folder = await s.dialog.chooseFolder({ title: 'Sync through a folder' });
    return folder === null ? s.sync.status() : s.sync.choose(folder);
  });
  registry.handle('sync:off', () => s.sync.off());
  registry.handle('sync:rename', ({ name }) => s.sync.rename(name));

  registry.handle('backup:autoStatus', () => s.autoBackup.status());
  registry.handle('backup:autoKeep', ({ day, text }) => s.autoBackup.keep(day, text));

  registry.handle('backup:open', async (): Promise<OpenedFile> => {
    const path = await s.dialog.chooseOpenPath({ title: 'Restore from a backup', kind: BACKUP });
    if (path === null) return { status: 'cancelled' };
    try {
      const size = await s.dialog.fileSize(path);
      if (size > MAX_BACKUP_BYTES) {
        const mb = Math.round(MAX_BACKUP_BYTES / (1024 * 1024));
        return {
          status: 'refused',
          path,
          problem: `This file is larger than ${mb} MB: it is not a Kinetic backup.`,
        };
      }
      return { status: 'read', path, text: await s.dialog.readTextFile(path) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'refused', path, problem: `Kinetic could not read this file (${reason}).` };
    }
  });
}

const MARKDOWN: FileKind = { name: 'Markdown', extensions: ['md'] };
const BACKUP: FileKind = { name: 'Kinetic backup', extensions: ['json'] };
