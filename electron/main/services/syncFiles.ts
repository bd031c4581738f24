/** The files of a sync folder: which are a device's log, in what order, and how big they may be. */
import { deviceFileSchema, type DeviceFile } from '../../../shared/syncStatus';
import type { SyncFolderPort } from '../ports';
import { SEGMENT, SNAPSHOT } from './oplogFiles';

export const DEVICE_FILE = 'device.json';
/** The largest log file taken from another device. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export const isLogFile = (name: string): boolean => SEGMENT.test(name) || SNAPSHOT.test(name);
/** Snapshots first, then segments, each in order: how a device's folder is read and written. */
export function logFiles(names: Iterable<string>): string[] {
  const all = [...names].filter(isLogFile);
  return [...all.filter((n) => SNAPSHOT.test(n)).sort(), ...all.filter((n) => SEGMENT.test(n)).sort()];
}

/** An error in a few words (a code when it has one). */
export function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return (error instanceof Error ? error.message : String(error)).slice(0, 80);
}

/** A device's `device.json`, or null when it is missing, unreadable or not that device's. */
export async function readManifest(folder: SyncFolderPort, dir: string): Promise<DeviceFile | null> {
  try {
    const parsed = deviceFileSchema.safeParse(JSON.parse(await folder.read(dir, DEVICE_FILE)));
    return parsed.success && parsed.data.id === dir ? parsed.data : null;
  } catch {
    return null;
  }
}
