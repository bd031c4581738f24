import { describe, expect, it } from 'vitest';
import { runCrashRounds } from './harness/crash';

describe('durability of a quick-add save', () => {
  it('loses nothing when the browser is killed right after the save reports success and its IndexedDB folder is deleted (20 rounds)', async () => {
    const result = await runCrashRounds(20, { deleteDatabase: true });
    expect(result.missing, result.diagnosis).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.rounds).toBe(20);
  }, 600_000);
});
