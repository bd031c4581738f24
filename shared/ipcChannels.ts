/**
 * The channel names of the IPC contract (shared/ipc.ts), on their own so the preload can build
 * `window.kinetic` without bundling the zod schemas. shared/ipc.ts checks that its maps have
 * exactly these keys.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'log:rendererError',
  'log:openFolder',
  'settings:get',
  'settings:update',
  'window:hide',
  'window:showMain',
  'nextAction:report',
  'reminders:set',
  'quickAdd:open',
  'quickAdd:takeDraft',
  'focus:get',
  'focus:start',
  'focus:pause',
  'focus:resume',
  'focus:extend',
  'focus:stop',
  'focus:done',
  'focus:smaller',
  'focus:show',
  'outbox:list',
  'outbox:ack',
  'reflection:open',
  'reflection:get',
  'reflection:saved',
  'history:export',
  'backup:save',
  'backup:open',
  'backup:autoStatus',
  'backup:autoKeep',
  'oplog:hello',
  'oplog:append',
  'oplog:read',
  'oplog:recovered',
  'sync:status',
  'sync:choose',
  'sync:off',
  'sync:rename',
] as const;

export const EVENT_CHANNELS = [
  'focus:changed',
  'outbox:changed',
  'quickAdd:shown',
  'settings:changed',
  'app:command',
  'oplog:restored',
  'oplog:changed',
  'sync:changed',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/**
 * The payload of every channel in `C`, read from `M`: a channel `M` lacks fails the type check
 * (rather than becoming `unknown`), and so does a key of `M` that is no channel.
 */
export type ExhaustivePayloads<
  C extends string,
  M extends Record<C, unknown> & Record<Exclude<keyof M, C>, never>,
> = {
  [K in C]: M[K];
};

/** The most due tasks the main window tells main about at once (the nearest ones). */
export const MAX_REMINDERS = 100;
