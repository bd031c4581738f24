import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBackupFolder, FileStore } from '../../electron/main/adapters/fileStore';
import { SettingsService } from '../../electron/main/services/settings';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { RecordingLog } from '../fakes/testKinetic';

let dir: string;
let store: FileStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kinetic-store-'));
  store = new FileStore(join(dir, 'state'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const files = (): Promise<string[]> => readdir(join(dir, 'state')).then((names) => names.sort());

describe('FileStore', () => {
  it('reads a missing document as undefined (and does not create the folder)', async () => {
    expect(await store.read('nothing.json')).toBeUndefined();
    await expect(readdir(join(dir, 'state'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('round-trips JSON values, creating its folder on the first write', async () => {
    const value = { a: 1, b: [true, null, 'ünïcødé ✓'], c: { d: -0.5 }, e: '' };
    await store.write('doc.json', value);
    expect(await store.read('doc.json')).toEqual(value);
    for (const plain of [0, 'text', null, [], false]) {
      await store.write('plain.json', plain);
      expect(await store.read('plain.json')).toEqual(plain);
    }
  });

  it('replaces a document atomically and leaves no temporary files behind', async () => {
    await store.write('doc.json', { version: 1 });
    await store.write('doc.json', { version: 2 });
    await Promise.all([3, 4, 5].map((version) => store.write('doc.json', { version })));
    expect(await files()).toEqual(['doc.json']);
    const text = await readFile(join(dir, 'state', 'doc.json'), 'utf8');
    expect([3, 4, 5]).toContain((JSON.parse(text) as { version: number }).version);
  });

  it('a value JSON cannot hold is refused without leaving a temporary file', async () => {
    await store.write('doc.json', { kept: true });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(store.write('doc.json', circular)).rejects.toThrow();
    await expect(store.write('doc.json', undefined)).rejects.toThrow();
    await expect(store.write('doc.json', { big: 1n })).rejects.toThrow();
    expect(await files()).toEqual(['doc.json']);
    expect(await store.read('doc.json')).toEqual({ kept: true });
  });

  it('a write that fails on disk leaves no temporary file and reports the error', async () => {
    await store.write('other.json', 1);
    // A folder in the way of the document makes the final rename fail.
    await mkdir(join(dir, 'state', 'doc.json', 'inside'), { recursive: true });
    await expect(store.write('doc.json', { a: 1 })).rejects.toThrow();
    expect(await files()).toEqual(['doc.json', 'other.json']);
  });

  it('a corrupt file is renamed aside (not deleted) and reads as missing', async () => {
    await store.write('doc.json', { ok: true });
    await writeFile(join(dir, 'state', 'doc.json'), '{"ok": tru');
    expect(await store.read('doc.json')).toBeUndefined();
    const names = await files();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^doc\.json\.corrupt-\d+$/);
    expect(await readFile(join(dir, 'state', names[0] ?? ''), 'utf8')).toBe('{"ok": tru');
    // Reading again is a plain miss; writing again works.
    expect(await store.read('doc.json')).toBeUndefined();
    await store.write('doc.json', { ok: 'again' });
    expect(await store.read('doc.json')).toEqual({ ok: 'again' });
  });

  it('an empty file counts as corrupt too', async () => {
    await store.write('doc.json', 1);
    await writeFile(join(dir, 'state', 'doc.json'), '');
    expect(await store.read('doc.json')).toBeUndefined();
    expect((await files()).some((n) => n.startsWith('doc.json.corrupt-'))).toBe(true);
  });

  it('rejects names that are not plain file names', async () => {
    for (const name of [
      '',
      '../escape.json',
      'a/b.json',
      'a\\b.json',
      'with space.json',
      '.',
      '..',
      'x\0y',
    ]) {
      await expect(store.write(name, 1), name).rejects.toThrow(/Invalid store name/);
      await expect(store.read(name), name).rejects.toThrow(/Invalid store name/);
    }
    expect(await readdir(dir)).toEqual([]);
    for (const name of ['settings.json', 'settings.json.invalid', 'a-b_c.1.json', '.hidden']) {
      await store.write(name, name);
      expect(await store.read(name)).toBe(name);
    }
  });

  it('a service on a corrupt file starts from defaults and writes a fresh file', async () => {
    await store.write('settings.json', { ...DEFAULT_SETTINGS, focusMinutes: 40 });
    await writeFile(join(dir, 'state', 'settings.json'), 'garbage');
    const settings = new SettingsService(store, new RecordingLog());
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    await settings.update({ focusMinutes: 20 });
    expect(await store.read('settings.json')).toEqual({ ...DEFAULT_SETTINGS, focusMinutes: 20 });
  });
});

describe('FileBackupFolder', () => {
  it('lists nothing before the first write, which creates it; writes, lists and removes plain names only', async () => {
    const folder = new FileBackupFolder(join(dir, 'backups'));
    expect(await folder.list()).toEqual([]);
    await folder.write('kinetic-backup-2026-11-27.json', '{"kind":"kinetic-backup"}\n');
    await folder.write('kinetic-backup-2026-11-28.json', 'first');
    await folder.write('kinetic-backup-2026-11-28.json', 'second');
    expect((await folder.list()).sort()).toEqual([
      'kinetic-backup-2026-11-27.json',
      'kinetic-backup-2026-11-28.json',
    ]);
    expect(await readFile(join(dir, 'backups', 'kinetic-backup-2026-11-28.json'), 'utf8')).toBe('second');
    await folder.remove('kinetic-backup-2026-11-27.json');
    expect(await folder.list()).toEqual(['kinetic-backup-2026-11-28.json']);
    for (const name of ['../state/settings.json', '..', 'a/b.json']) {
      await expect(folder.write(name, 'x')).rejects.toThrow('Invalid backup file name');
      await expect(folder.remove(name)).rejects.toThrow('Invalid backup file name');
    }
    expect(await readdir(dir)).toEqual(['backups']);
  });
});
