/**
 * The one IPC contract between the main process and the renderer windows.
 *
 * - `invokeChannels`: renderer → main requests. Each has a zod schema for its request, a phantom
 *   reply type, and the windows allowed to call it. Main validates every payload and sender.
 * - `EventPayloads` / `eventChannels`: main → renderer notifications.
 *
 * Channel names are `domain:verb`. `createKineticApi` (shared/api.ts) turns this list into the
 * typed `window.kinetic` object: `kinetic.focus.start(...)`, `kinetic.focus.onChanged(...)`.
 */
import { z } from 'zod';
import type { FocusSnapshot } from './focus';
import { settingsPatchSchema, type Settings, type ShortcutStatus } from './settings';
import { unitsText } from './textSchema';
import { taskRefSchema, type OutboxItem } from './schemas';
import {
  dayKeySchema,
  plainFileName,
  oplogAppendSchema,
  oplogReadSchema,
  oplogRecoveredSchema,
  remindersRequestSchema,
  rendererErrorSchema,
  type OplogPage,
} from './ipcSchemas';

export { MAX_APPEND_OPS, rendererErrorSchema } from './ipcSchemas';
export type { OplogPage, RendererError } from './ipcSchemas';
import type { EventChannel, ExhaustivePayloads, InvokeChannel } from './ipcChannels';
import { syncChannels } from './ipcSync';
import type { SyncStatus } from './syncStatus';

export { INVOKE_CHANNELS, EVENT_CHANNELS } from './ipcChannels';
export type { EventChannel, ExhaustivePayloads, InvokeChannel } from './ipcChannels';

export const WINDOW_KINDS = ['main', 'quickAdd', 'focus', 'reflection'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** Where each window's page lives, relative to the renderer root (same in the app and the harness). */
export const WINDOW_PAGES: Record<WindowKind, string> = {
  main: 'main/index.html',
  quickAdd: 'quick-add/index.html',
  focus: 'focus/index.html',
  reflection: 'reflection/index.html',
};

/** The window a page path belongs to (`/quick-add/index.html` → `quickAdd`), or null. */
export function windowKindOfPath(pathname: string): WindowKind | null {
  const path = pathname.replace(/^\/+/, '');
  for (const kind of WINDOW_KINDS) {
    const page = WINDOW_PAGES[kind];
    if (path === page || path === page.replace(/index\.html$/, '')) return kind;
  }
  return null;
}

/** A phantom marker carrying a reply type; it has no runtime content. */
export interface Reply<T> {
  readonly __reply?: T;
}
const reply = <T>(): Reply<T> => ({});

const ANY_WINDOW = WINDOW_KINDS;
const noPayload = z.undefined();

const mainCommandSchema = z.enum(['add', 'breakDown', 'history', 'reflect', 'morningStep', 'completeParent']);
export type MainCommand = z.infer<typeof mainCommandSchema>;

export interface AppCommand {
  command: MainCommand;
  taskId: string | null;
}

export interface AppInfo {
  version: string;
  platform: string;
}

export interface SettingsView {
  settings: Settings;
  shortcuts: ShortcutStatus;
}

/** Records that main holds for the database until a renderer has written them (see outbox service). */
export type { OutboxItem } from './schemas';

export interface ExportResult {
  saved: boolean;
  path: string | null;
}

/** The largest backup file main saves or opens (a million tasks is well under it). */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

/** The automatic backups: the day of the last one, where they are, how many days are kept. */
export interface AutoBackupStatus {
  lastDay: string | null;
  folder: string;
  keepsDays: number;
}

/** What `backup:open` found: nothing chosen, the file's text, or why it could not be read. */
export type OpenedFile =
  | { status: 'cancelled' }
  | { status: 'read'; path: string; text: string }
  | { status: 'refused'; path: string; problem: string };

export interface ReflectionState {
  /** The last day the user reflected on (local day key), as main knows it. */
  lastReflectedDay: string | null;
}

/**
 * The most texts from outside (links, `--add`) that main keeps for the quick-add window until it
 * takes them (`quickAdd:takeDraft`, one per call, oldest first); past this, the oldest goes, and
 * main's log says which text it was.
 */
export const MAX_WAITING_TEXTS = 50;

export const invokeChannels = {
  'app:info': { request: noPayload, reply: reply<AppInfo>(), from: ANY_WINDOW },

  // An uncaught error or unhandled rejection in a window, for main's log.
  'log:rendererError': { request: rendererErrorSchema, reply: reply<null>(), from: ANY_WINDOW },
  'log:openFolder': { request: noPayload, reply: reply<null>(), from: ['main'] as const },

  'settings:get': { request: noPayload, reply: reply<SettingsView>(), from: ANY_WINDOW },
  'settings:update': { request: settingsPatchSchema, reply: reply<SettingsView>(), from: ANY_WINDOW },

  'window:hide': { request: noPayload, reply: reply<null>(), from: ANY_WINDOW },
  'window:showMain': {
    request: z
      .object({ command: mainCommandSchema.nullable(), taskId: unitsText(128, { min: 1 }).nullable() })
      .strict(),
    reply: reply<null>(),
    from: ANY_WINDOW,
  },

  'nextAction:report': {
    request: z.object({ task: taskRefSchema.nullable() }).strict(),
    reply: reply<null>(),
    from: ['main'] as const,
  },

  /** Tasks due at a time from now on (the nearest first), for main's notifications. */
  'reminders:set': {
    request: remindersRequestSchema,
    reply: reply<null>(),
    from: ['main'] as const,
  },

  'quickAdd:open': {
    request: z.object({ text: unitsText(10_000).nullable() }).strict(),
    reply: reply<null>(),
    from: ANY_WINDOW,
  },
  'quickAdd:takeDraft': {
    request: noPayload,
    reply: reply<{ text: string | null }>(),
    from: ['quickAdd'] as const,
  },

  'focus:get': { request: noPayload, reply: reply<FocusSnapshot>(), from: ANY_WINDOW },
  'focus:start': {
    request: z.object({ task: taskRefSchema, mode: z.enum(['standard', 'twoMinute']) }).strict(),
    reply: reply<FocusSnapshot>(),
    from: ANY_WINDOW,
  },
  'focus:pause': { request: noPayload, reply: reply<FocusSnapshot>(), from: ANY_WINDOW },
  'focus:resume': { request: noPayload, reply: reply<FocusSnapshot>(), from: ANY_WINDOW },
  'focus:extend': {
    request: z.object({ minutes: z.number().int().min(1).max(240) }).strict(),
    reply: reply<FocusSnapshot>(),
    from: ANY_WINDOW,
  },
  'focus:stop': {
    request: z.object({ note: unitsText(1000, { trim: true }).nullable() }).strict(),
    reply: reply<FocusSnapshot>(),
    from: ANY_WINDOW,
  },
  'focus:done': { request: noPayload, reply: reply<FocusSnapshot>(), from: ANY_WINDOW },
  'focus:smaller': { request: noPayload, reply: reply<FocusSnapshot>(), from: ANY_WINDOW },
  'focus:show': { request: noPayload, reply: reply<null>(), from: ANY_WINDOW },

  'outbox:list': { request: noPayload, reply: reply<OutboxItem[]>(), from: ['main'] as const },
  'outbox:ack': {
    request: z.object({ ids: z.array(unitsText(128, { min: 1 })).max(1000) }).strict(),
    reply: reply<null>(),
    from: ['main'] as const,
  },

  'reflection:open': { request: noPayload, reply: reply<null>(), from: ANY_WINDOW },
  'reflection:get': { request: noPayload, reply: reply<ReflectionState>(), from: ANY_WINDOW },
  'reflection:saved': {
    request: z
      .object({
        day: dayKeySchema,
        /** Tomorrow's first step with "when I first open my laptop" chosen; null otherwise. */
        morningStep: z.object({ task: taskRefSchema, day: dayKeySchema }).strict().nullable(),
      })
      .strict(),
    reply: reply<null>(),
    from: ['reflection', 'main'] as const,
  },

  'history:export': {
    request: z
      .object({
        fileName: plainFileName('md'),
        markdown: unitsText(2_000_000),
      })
      .strict(),
    reply: reply<ExportResult>(),
    from: ['main'] as const,
  },

  // A backup of everything (shared/backup.ts): the main window writes its text where the user
  // chooses, and opens one to restore. Main only saves and reads the file.
  'backup:save': {
    request: z
      .object({
        fileName: plainFileName('json'),
        text: unitsText(MAX_BACKUP_BYTES),
      })
      .strict(),
    reply: reply<ExportResult>(),
    from: ['main'] as const,
  },
  'backup:open': { request: noPayload, reply: reply<OpenedFile>(), from: ['main'] as const },
  // Automatic backups: the main window asks whether today's is there, and hands it over if not.
  'backup:autoStatus': { request: noPayload, reply: reply<AutoBackupStatus>(), from: ['main'] as const },
  'backup:autoKeep': {
    request: z.object({ day: dayKeySchema, text: unitsText(MAX_BACKUP_BYTES) }).strict(),
    reply: reply<AutoBackupStatus>(),
    from: ['main'] as const,
  },

  // The op log (shared/sync.ts): each window's database hands main its ops, which main appends to
  // its log on disk; at start a database takes from the log what it lacks.
  'oplog:hello': { request: noPayload, reply: reply<{ device: string; folder: string }>(), from: ANY_WINDOW },
  'oplog:append': {
    request: oplogAppendSchema,
    reply: reply<{ appended: number }>(),
    from: ANY_WINDOW,
  },
  'oplog:read': {
    request: oplogReadSchema,
    reply: reply<OplogPage>(),
    from: ANY_WINDOW,
  },
  'oplog:recovered': {
    request: oplogRecoveredSchema,
    reply: reply<null>(),
    from: ANY_WINDOW,
  },
  ...syncChannels,
} as const satisfies Record<InvokeChannel, InvokeSpec>;

interface InvokeSpec {
  request: z.ZodType;
  reply: Reply<unknown>;
  from: readonly WindowKind[];
}

/** What a caller passes (before zod defaults/transforms). */
export type RequestOf<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
/** What a handler receives (after validation). */
export type ParsedRequestOf<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['request']>;
export type ReplyOf<C extends InvokeChannel> =
  (typeof invokeChannels)[C]['reply'] extends Reply<infer T> ? T : never;

/** Main → renderer events and their payloads: every channel of EVENT_CHANNELS, no other. */
interface EventPayloadMap {
  'focus:changed': FocusSnapshot;
  'outbox:changed': { pending: number };
  /** Shown: the window pulls any waiting text with `quickAdd:takeDraft`. */
  'quickAdd:shown': null;
  'settings:changed': SettingsView;
  'app:command': AppCommand;
  /** A window rebuilt the database from the log (after the browser storage was reset). */
  'oplog:restored': { ops: number };
  /** Other devices' ops arrived through the sync folder: databases take what they lack. */
  'oplog:changed': null;
  'sync:changed': SyncStatus;
}

export type EventPayloads = ExhaustivePayloads<EventChannel, EventPayloadMap>;

/** Every invoke answers with this envelope, so errors cross the process boundary intact. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorInfo };

export type IpcErrorCode = 'unknown-channel' | 'forbidden-sender' | 'invalid-payload' | 'failed';

export interface IpcErrorInfo {
  code: IpcErrorCode;
  channel: string;
  message: string;
}
