/** The IPC channels of sync through a folder (electron/main/services/sync.ts); settings uses them. */
import { z } from 'zod';
import { syncNameSchema, type SyncStatus } from './syncStatus';

const status = {} as { readonly __reply?: SyncStatus };

export const syncChannels = {
  'sync:status': { request: z.undefined(), reply: status, from: ['main'] as const },
  /** Asks for a folder and starts syncing through it. */
  'sync:choose': { request: z.undefined(), reply: status, from: ['main'] as const },
  /** Stops reading and writing the folder; deletes nothing. */
  'sync:off': { request: z.undefined(), reply: status, from: ['main'] as const },
  'sync:rename': { request: syncNameSchema, reply: status, from: ['main'] as const },
};
