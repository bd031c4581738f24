/**
 * What the app writes, a backup restores (issue 24): the app's own limits are the backup's, so a
 * task it accepts can never make a later backup fail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories, TaskInputError } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import { backupText, makeBackup, parseBackup } from '../../shared/backup';
import { parseQuickAdd } from '../../shared/quickAdd';
import { MAX_TAG, MAX_TAGS } from '../../shared/types';
import { openTestDb, uniqueDbName } from './fixtures/helpers';

const NOW = new Date(2026, 10, 27, 10, 0).getTime();
const dbs: KineticDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function fresh() {
  const db = openTestDb(uniqueDbName('limits'));
  dbs.push(db);
  return createRepositories(db);
}

describe('the app’s limits are the backup’s', () => {
  it.each([
    ['a tag longer than the limit', `Plan #${'a'.repeat(MAX_TAG + 1)}`],
    [
      'more tags than the limit',
      `Plan ${Array.from({ length: MAX_TAGS + 1 }, (_, i) => `#t${i}x`).join(' ')}`,
    ],
  ])('refuses %s with a sentence, so no backup of it can fail', async (_, text) => {
    const repos = fresh();
    const parsed = parseQuickAdd(text, new Date(NOW));
    await expect(repos.tasks.add(parsed, NOW)).rejects.toBeInstanceOf(TaskInputError);
    expect(parseBackup(backupText(makeBackup(await repos.backup.read(), NOW))).ok).toBe(true);
  });

  it('takes tags up to the limits, and the backup of them restores', async () => {
    const repos = fresh();
    const text = `Plan #${'a'.repeat(MAX_TAG)} ${Array.from({ length: MAX_TAGS - 1 }, (_, i) => `#t${i}x`).join(' ')}`;
    await repos.tasks.add(parseQuickAdd(text, new Date(NOW)), NOW);
    expect(parseBackup(backupText(makeBackup(await repos.backup.read(), NOW))).ok).toBe(true);
  });
});
