/** What settings shows of sync through a folder (electron/main/services/sync.ts). */
import { z } from 'zod';

/** A device's name, as the user gives it. */
export const MAX_DEVICE_NAME = 64;

export interface SyncDevice {
  id: string;
  name: string;
  /** This device. */
  self: boolean;
  /** When that device made its newest change held here (its stamp's time, epoch ms), or null. */
  lastChangeAt: number | null;
  /** Lines of its files skipped as unreadable, or refused (not its own, or not well formed). */
  skipped: number;
}

export interface SyncStatus {
  /** The folder chosen, or null when sync is off. */
  folder: string | null;
  /** This device's name and id. */
  name: string;
  device: string;
  /** One short sentence when the folder cannot be used right now (nothing local is touched). */
  problem: string | null;
  devices: SyncDevice[];
}

/**
 * `<folder>/Kinetic/<device>/device.json`, written after its log files: who wrote that folder,
 * when it last looked, and each log file's size then. A reader takes a device's files only as far
 * as they are all there at least that long: a sync tool may deliver a later segment before an
 * earlier one, and a database that took the later one would skip the earlier one for good.
 */
export const deviceFileSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().max(MAX_DEVICE_NAME),
    lastSeen: z.number().int().nonnegative(),
    files: z.record(
      z.string().regex(/^(seg|snap)-\d{8}\.jsonl$/),
      z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    ),
  })
  .strip();
export type DeviceFile = z.infer<typeof deviceFileSchema>;

export const syncNameSchema = z.object({ name: z.string().trim().min(1).max(MAX_DEVICE_NAME) }).strict();
