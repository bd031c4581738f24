import { describe, expect, it } from 'vitest';
import { startTestKinetic } from './testKinetic';
import { MemoryStore } from './memoryStore';

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
    await k.call('backup:autoKeep', { day: '2099-01-01', text: 'a wrong clock' });
    await k.call('backup:autoKeep', { day: day(19), text: 'day 19' });
    expect((await k.call('backup:autoStatus', undefined)).lastDay).toBe(day(19));
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
});
