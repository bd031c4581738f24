/** The demo data (screenshots) is data a restore accepts, so a backup of it restores (issue 24). */
import { describe, expect, it } from 'vitest';
import { demoData } from '../../scripts/demo/demoData';
import { backupText, makeBackup, parseBackup } from '../../shared/backup';

describe('the demo data', () => {
  it.each([new Date(2026, 10, 27, 16, 40).getTime(), new Date(2026, 2, 29, 9, 7, 13, 517).getTime()])(
    'is a backup that restores (now = %i)',
    (now) => {
      const parsed = parseBackup(backupText(makeBackup(demoData(now), now)));
      expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
    },
  );
});
