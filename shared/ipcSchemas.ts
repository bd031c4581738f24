/**
 * Request schemas of the IPC contract that need more than a line (shared/ipc.ts lists the
 * channels): the op log's, reminders', forwarded renderer errors', file names and day keys.
 */
import { z } from 'zod';
import { DEVICE_ID, isHlc, toSyncOp, type SyncOp } from './sync';
import { unitsText } from './textSchema';
import { MAX_REMINDERS } from './ipcChannels';

export const rendererErrorSchema = z
  .object({
    kind: z.enum(['error', 'rejection']),
    message: z.string().max(2000),
    stack: z.string().max(8000).nullable(),
  })
  .strict();
export type RendererError = z.infer<typeof rendererErrorSchema>;

/** An op of the log, checked as strictly as a log line (shared/sync.ts), with a well-formed stamp. */
const syncOpSchema = z.custom<SyncOp>((value) => {
  const op = toSyncOp(value);
  return op !== null && isHlc(op.hlc);
}, 'Expected an op of the log');

/** The most ops one append carries (a window sends its outbox in batches). */
export const MAX_APPEND_OPS = 1000;

export interface OplogPage {
  ops: SyncOp[];
  /** The cursor of the next page, or null after the last. */
  next: number | null;
  total: number;
}

export const oplogAppendSchema = z.object({ ops: z.array(syncOpSchema).min(1).max(MAX_APPEND_OPS) }).strict();

export const oplogReadSchema = z
  .object({
    after: z
      .record(z.string().regex(DEVICE_ID), z.string().refine(isHlc, 'Expected a clock stamp'))
      .refine((after) => Object.keys(after).length <= 1000, 'Too many devices'),
    cursor: z.number().int().min(0),
  })
  .strict();

export const oplogRecoveredSchema = z
  .object({
    ops: z.number().int().min(0),
    rebuilt: z.boolean(),
    refused: z.number().int().min(0),
    dataLoss: unitsText(100).nullable(),
  })
  .strict();

export const remindersRequestSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            id: unitsText(128, { min: 1 }),
            title: unitsText(1000, { min: 1, trim: true }),
            at: z.number().int().min(0),
          })
          .strict(),
      )
      .max(MAX_REMINDERS),
  })
  .strict();

/** A file name for a save dialog to suggest: no folders, ending in `.ext`. */
export const plainFileName = (ext: string) =>
  z
    .string()
    .min(1)
    .max(120)
    .regex(new RegExp(`^[\\w. -]+\\.${ext}$`), `A plain file name ending in .${ext}`);

export { dayKeySchema } from './schemas';
