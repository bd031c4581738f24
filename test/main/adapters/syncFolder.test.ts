/** The sync folder on disk: it never makes a chosen folder that is gone again. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSyncFolder } from '../../../electron/main/adapters/syncFolder';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('FileSyncFolder', () => {
  it('writes into <folder>/Kinetic/<device>/', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kinetic-sync-folder-'));
    roots.push(root);
    const folder = new FileSyncFolder(root);
    await folder.write('laptop', 'device.json', '{}\n');
    expect(await folder.read('laptop', 'device.json')).toBe('{}\n');
    expect(await folder.dirs()).toEqual(['laptop']);
  });

  it('refuses to write once the chosen folder is gone, and does not make it again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kinetic-sync-folder-'));
    roots.push(root);
    const folder = new FileSyncFolder(root);
    await folder.write('laptop', 'seg-00000001.jsonl', 'x\n');
    rmSync(root, { recursive: true, force: true });
    await expect(folder.write('laptop', 'device.json', '{}\n')).rejects.toThrow(/ENOENT/);
    expect(existsSync(root)).toBe(false);
    expect(await folder.exists()).toBe(false);
  });
});
