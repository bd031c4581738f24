import { describe, expect, it } from 'vitest';
import { runCrashRounds } from './harness/crash';

describe('durability of a quick-add save', () => {
  it('loses nothing when the browser is killed right after the save reports success (20 rounds)', async () => {
    const result = await runCrashRounds(20);
    expect(result.missing, result.diagnosis).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.rounds).toBe(20);
  }, 300_000);
});
