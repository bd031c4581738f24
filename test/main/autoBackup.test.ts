import { describe, expect, it } from 'vitest';
import { startTestKinetic } from '../fakes/testKinetic';
import { MemoryStore } from '../fakes/memoryStore';
import { FakeClock } from '../fakes/clock';
import { local } from '../fakes/testKinetic';

const day = (d: number): string => `2026-11-${String(d).padStart(2, '0')}`;

describe('automatic backups', () => {
  it('keeps the day’s backup in the backups folder, and remembers the day across restarts', async () => {
    const store = new MemoryStore();
    const k = await startTestKinetic({ store });
    expect(await k.call('backup:autoStatus', undefined)).toEqual({
      lastDay: null,
      folder: '/home/me/.config/Kinetic/backups',
      keepsDays: 7,
    });
    expect(await k.call('backup:autoKeep', { day: day(26), text: 'backup of the 26th' })).toMatchObject({
      lastDay: day(26),
    });
    expect([...k.backups.files]).toEqual([['kinetic-backup-2026-11-26.json', 'backup of the 26th']]);

    const again = await startTestKinetic({ store });
    expect((await again.call('backup:autoStatus', undefined)).lastDay).toBe(day(26));
  });

  it('keeps the newest seven days, replacing a day kept twice; the last day is the last one kept', async () => {
    const k = await startTestKinetic();
    k.backups.files.set('notes.txt', 'not a backup: left alone');
    for (let d = 10; d <= 18; d++) await k.call('backup:autoKeep', { day: day(d), text: `day ${d}` });
    await k.call('backup:autoKeep', { day: day(18), text: 'day 18, later that day' });
    expect([...k.backups.files.keys()].sort()).toEqual([
      ...[12, 13, 14, 15, 16, 17, 18].map((d) => `kinetic-backup-${day(d)}.json`),
      'notes.txt',
    ]);
    expect(k.backups.files.get(`kinetic-backup-${day(18)}.json`)).toBe('day 18, later that day');
    expect((await k.call('backup:autoStatus', undefined)).lastDay).toBe(day(18));

    // After a clock that was wrong (ahead, then right again), the last day is the last one kept,
    // so a window whose today differs from it keeps its backup.
    await k.call('backup:autoKeep', { day: '2026-11-27', text: 'a clock a day ahead' });
    await k.call('backup:autoKeep', { day: day(19), text: 'day 19' });
    expect((await k.call('backup:autoStatus', undefined)).lastDay).toBe(day(19));
  });

  it('refuses a day more than a day ahead of main’s clock, and keeps every real backup', async () => {
    const k = await startTestKinetic();
    for (let d = 20; d <= 26; d++) await k.call('backup:autoKeep', { day: day(d), text: `day ${d}` });
    const files = new Map(k.backups.files);
    const status = await k.call('backup:autoStatus', undefined);
    for (const far of ['9999-12-31', '2026-11-28', '2027-11-26']) {
      for (let i = 0; i < 8; i++) {
        const result = await k.raw('backup:autoKeep', { day: far, text: 'from the future' });
        expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
        if (!result.ok) expect(result.error.message).toMatch(/^[^\n]{1,300}\.$/);
      }
    }
    expect(new Map(k.backups.files)).toEqual(files);
    expect(await k.call('backup:autoStatus', undefined)).toEqual(status);
    // Tomorrow is fine: a window may be in a time zone ahead of main's.
    await k.call('backup:autoKeep', { day: '2026-11-27', text: 'tomorrow' });
    expect(k.backups.files.has('kinetic-backup-2026-11-27.json')).toBe(true);
  });

  it('prunes by when main wrote each backup, not by the day a window named', async () => {
    const clock = new FakeClock(local(2026, 11, 26, 9));
    const store = new MemoryStore();
    const k = await startTestKinetic({ clock, store });
    for (let d = 20; d <= 26; d++) {
      await k.call('backup:autoKeep', { day: day(d), text: `day ${d}` });
      clock.set(clock.now() + 60_000);
    }
    // A window with a clock gone back hands an old day: it is the newest written, and stays.
    await k.call('backup:autoKeep', { day: day(5), text: 'day 5, written last' });
    expect([...k.backups.files.keys()].sort()).toEqual(
      [5, 21, 22, 23, 24, 25, 26].map((d) => `kinetic-backup-${day(d)}.json`),
    );
    // Main remembers the times across a restart.
    clock.set(clock.now() + 60_000);
    const again = await startTestKinetic({ clock, store, backups: k.backups });
    await again.call('backup:autoKeep', { day: day(27), text: 'day 27' });
    expect([...k.backups.files.keys()].sort()).toEqual(
      [5, 22, 23, 24, 25, 26, 27].map((d) => `kinetic-backup-${day(d)}.json`),
    );
  });

  it('refuses odd payloads and other windows, and writes nothing', async () => {
    const k = await startTestKinetic();
    for (const payload of [
      { day: '26.11.2026', text: 'x' },
      { day: '../../etc', text: 'x' },
      { day: day(26), text: 42 },
      { day: day(26), text: 'x', path: '/tmp/elsewhere.json' },
      undefined,
    ]) {
      expect(await k.raw('backup:autoKeep', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    }
    expect(await k.invoke('backup:autoKeep', { day: day(26), text: 'x' }, 'quickAdd')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await k.invoke('backup:autoStatus', undefined, 'focus')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(k.backups.files.size).toBe(0);
  });

  it('reads a damaged state file field by field (shared/schemas.ts), keeping what is valid', async () => {
    const store = new MemoryStore();
    await store.write('autoBackup', {
      lastDay: 'yesterday',
      written: { [day(20)]: 1000, 'not a day': 5, [day(21)]: 'noon' },
    });
    const k = await startTestKinetic({ store });
    expect((await k.call('backup:autoStatus', undefined)).lastDay).toBeNull();
    for (const value of ['not an object', null, { written: [1, 2] }]) {
      await store.write('autoBackup', value);
      const again = await startTestKinetic({ store });
      expect((await again.call('backup:autoStatus', undefined)).lastDay, JSON.stringify(value)).toBeNull();
    }
  });
});
