/**
 * Bad backups, generated (issue 24): truncations, wrong types per field, huge and deeply nested
 * lists, prototype keys, duplicate ids, dangling parents, loops and depth in the file and only
 * across the merge, future formats. Each goes the way a file goes in the app, check then restore,
 * into a database that holds the realistic fixture: each is refused with one short sentence,
 * within its time limit, never by a throw from the check, and the database is byte-identical
 * after. Valid files (byte flips that happen to stay valid) round-trip through backupText.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRepositories, type Repositories } from '../../renderer/db';
import { RestoreRefused } from '../../renderer/db/backup';
import { fixtureBackup } from '../../scripts/demo/backupValid';
import { BACKUP_CAPS, backupText, parseBackup, type Backup } from '../../shared/backup';
import { MAX_DEPTH } from '../../shared/nextAction';
import { openTask } from '../../shared/types';
import { openTestDb, uniqueDbName } from './fixtures/helpers';

/** Generous: a refusal that grows with the file would take seconds, or minutes. */
const REFUSED_WITHIN_MS = 2000;
const BAD_RUNS = 1200;

const FIXTURE = fixtureBackup();
const TEXT = backupText(FIXTURE);
type Json = Record<string, unknown> & { tasks: Record<string, unknown>[] };
const fixtureJson = (): Json => JSON.parse(TEXT) as Json;
const later = FIXTURE.exportedAt + 60_000;

let repos: Repositories;
let before: string;
async function dump(): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of repos.db.tables) out[table.name] = await table.toArray();
  return JSON.stringify(out);
}
beforeAll(async () => {
  repos = createRepositories(openTestDb(uniqueDbName('backup-fuzz')));
  await repos.backup.restore(FIXTURE, FIXTURE.exportedAt);
  before = await dump();
});
afterAll(async () => {
  await repos.db.delete();
  console.info(
    `backup fuzz: ${stats.files} bad files refused (${stats.refusedByCheck} by the check, ${stats.refusedByRestore} by the restore), slowest refusal ${stats.slowestMs.toFixed(1)} ms`,
  );
});

const stats = { files: 0, refusedByCheck: 0, refusedByRestore: 0, slowestMs: 0 };

/** Check, then restore as the app does; expects a refusal and the database unchanged. */
async function expectRefused(text: string): Promise<void> {
  stats.files++;
  const started = performance.now();
  const parsed = parseBackup(text);
  const ms = performance.now() - started;
  stats.slowestMs = Math.max(stats.slowestMs, ms);
  expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  let error: string;
  if (parsed.ok) {
    const refusal = await repos.backup.restore(parsed.backup, later).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(RestoreRefused);
    error = (refusal as Error).message;
    stats.refusedByRestore++;
    expect(await dump()).toBe(before);
  } else {
    error = parsed.error;
    stats.refusedByCheck++;
  }
  expect(error.length).toBeLessThanOrEqual(300);
  expect(error).toMatch(/^[^\n]+[.…]$/);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

/** Values that are wrong for every field of a record (each field is required and typed). */
const WRONG: Record<string, unknown[]> = {
  id: [42, '', null, 'x'.repeat(129), ['a']],
  title: [null, '', '   ', 'x'.repeat(1001), '\u{1F600}'.repeat(501), 5],
  status: ['later', null, 1, 'OPEN'],
  parentId: [42, '', 'x'.repeat(129)],
  order: ['1', null, {}, true],
  due: [{ at: 'x', hasTime: true }, { at: 1 }, 5, { at: 1, hasTime: true, x: 1 }, { at: -1, hasTime: false }],
  estimateMin: [0, 10081, 1.5, '15', -3],
  tags: ['work', [''], [1], Array.from({ length: 101 }, (_, i) => `t${i}`), ['x'.repeat(101)]],
  priority: [0, 4, '1', 1.5],
  skipCount: [-1, 1.5, '1', null],
  skipReasons: [{}, [{ at: 1 }], [{ at: 1, reason: 'bored' }], null, [null]],
  snoozedUntil: ['x', -1, 1.5, 9e15],
  waitingNote: [1, 'x'.repeat(20_001), {}],
  pinnedFor: ['2026-13-01', 'tomorrow', 1, '2026-02-30'],
  workedAt: ['x', -5, true],
  createdAt: [null, 'x', 1.5, -1, 9e15],
  updatedAt: [null, 'x', 1.5, -1],
  doneAt: ['x', 1.5, {}],
};
const WRONG_SESSION: Record<string, unknown[]> = {
  id: [1, ''],
  taskId: [null, ''],
  title: [null, 'x'.repeat(1001)],
  startedAt: ['x', -1],
  endedAt: [1.5],
  plannedMs: [-1, '1'],
  focusedMs: [-1, 0.5],
  outcome: ['won', null],
  pauses: [null, [{}], [{ at: 1, resumedAt: null, reason: 'coffee' }], {}],
  note: [1, 'x'.repeat(20_001)],
};
const WRONG_REFLECTION: Record<string, unknown[]> = {
  day: ['2026-11-31', '26.11.2026', 5],
  moved: [null, 'x'.repeat(20_001)],
  inTheWay: [1],
  tomorrowStep: [{}],
  tomorrowStepTaskId: [1, ''],
  morningTrigger: ['yes', 1],
  createdAt: ['x'],
  updatedAt: [-1],
};

const stringify = (json: unknown): string => JSON.stringify(json);

/** A wrong value (or none) for one field of one record. */
const wrongField = (list: 'tasks' | 'sessions' | 'reflections', table: Record<string, unknown[]>) =>
  fc
    .tuple(fc.nat(), fc.constantFrom(...Object.keys(table)), fc.nat(), fc.boolean())
    .map(([at, field, pick, remove]) => {
      const json = fixtureJson();
      const records = json[list] as Record<string, unknown>[];
      const record = records[at % records.length]!;
      if (remove) delete record[field];
      else record[field] = table[field]![pick % table[field]!.length];
      return stringify(json);
    });

const truncated = fc.nat({ max: TEXT.trimEnd().length - 1 }).map((n) => TEXT.slice(0, n));

const hugeList = fc
  .tuple(
    fc.constantFrom('tasks', 'sessions', 'reflections', 'skipReasons', 'tags', 'pauses'),
    fc.constantFrom<unknown>({}, null, 0, 'x', [], { at: 1, reason: 'nope' }),
    fc.integer({ min: 1000, max: 30_000 }),
  )
  .map(([where, item, length]) => {
    const json = fixtureJson();
    const items = Array.from({ length }, () => item);
    if (where === 'skipReasons' || where === 'tags') json.tasks[0]![where] = items;
    else if (where === 'pauses') (json['sessions'] as Record<string, unknown>[])[0]!['pauses'] = items;
    else (json as Record<string, unknown>)[where] = items;
    return stringify(json);
  });

const deeplyNested = fc
  .tuple(
    fc.integer({ min: 100, max: 20_000 }),
    fc.constantFrom('tasks', 'title', 'skipReasons', 'tags', 'due'),
  )
  .map(([depth, where]) => {
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    if (where === 'tasks') return TEXT.replace('"tasks": [\n', `"tasks": [\n    ${nested},\n`);
    return TEXT.replace(`"${where}":`, `"${where}":${nested},"x${where}":`);
  });

const prototypeKeys = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', '__defineGetter__', 'toString'), fc.nat(3))
  .map(([key, where]) => {
    const entry = `"${key}":{"polluted":true,"prototype":{"polluted":true}},`;
    if (where === 0) return TEXT.replace('{\n  "kind"', `{\n  ${entry}"kind"`);
    if (where === 1) return TEXT.replace('{"parentId"', `{${entry}"parentId"`);
    if (where === 2) return TEXT.replace('"due":{"at"', `"due":{${entry}"at"`);
    return TEXT.replace('"pauses":[{', `"pauses":[{${entry}`);
  });

const duplicateIds = fc
  .tuple(fc.constantFrom('tasks', 'sessions', 'reflections'), fc.nat())
  .map(([list, at]) => {
    const json = fixtureJson();
    const records = json[list] as unknown[];
    records.push(structuredClone(records[at % records.length]));
    return stringify(json);
  });

const danglingParent = fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 20 })).map(([at, id]) => {
  const json = fixtureJson();
  json.tasks[at % json.tasks.length]!['parentId'] = `missing-${id}`;
  return stringify(json);
});

/** Pairs (ancestor, descendant) of the fixture's tree. */
const LINEAGE: [string, string][] = (() => {
  const byId = new Map(FIXTURE.tasks.map((t) => [t.id, t]));
  const pairs: [string, string][] = [];
  for (const t of FIXTURE.tasks) {
    for (let up = t.parentId; up !== null; up = byId.get(up)!.parentId) pairs.push([up, t.id]);
  }
  return pairs;
})();
const DEEPEST = FIXTURE.tasks.find((t) => t.id === 't-launch-copy-1')!;

const loopInFile = fc.constantFrom(...LINEAGE).map(([ancestor]) => {
  const json = fixtureJson();
  const descendant = LINEAGE.find(([a]) => a === ancestor)![1];
  json.tasks.find((t) => t['id'] === ancestor)!['parentId'] = descendant;
  return stringify(json);
});

/** Alone the file is sound; merged with the fixture here, a loop. */
const loopAcrossMerge = fc.constantFrom(...LINEAGE).map(([ancestor, descendant]) => {
  const a = FIXTURE.tasks.find((t) => t.id === ancestor)!;
  const d = FIXTURE.tasks.find((t) => t.id === descendant)!;
  const tasks = [
    { ...d, parentId: null, updatedAt: 0, createdAt: 0 },
    { ...a, parentId: descendant, updatedAt: later },
  ];
  return backupText({ ...FIXTURE, tasks, sessions: [], reflections: [] });
});

/** Alone the file may be sound; below the deepest task here (2 steps deep), too deep. */
const depthAcrossMerge = fc.integer({ min: MAX_DEPTH - 1, max: MAX_DEPTH + 4 }).map((length) => {
  const chain = Array.from({ length }, (_, i) =>
    openTask(`deep-${i}`, `Deep ${i}`, later, { parentId: i === 0 ? DEEPEST.id : `deep-${i - 1}` }),
  );
  const tasks = [{ ...DEEPEST, parentId: null, updatedAt: 0, createdAt: 0 }, ...chain];
  return backupText({ ...FIXTURE, tasks, sessions: [], reflections: [] });
});

const futureFormat = fc
  .oneof(
    fc.integer({ min: 2 }),
    fc.double({ min: 1.0001, noNaN: true }),
    fc.constantFrom<unknown>('2', null, {}, [], 0, -1),
  )
  .map((format) => stringify({ ...fixtureJson(), format }));

const notABackup = fc.oneof(
  fc.jsonValue().map(stringify),
  fc.string(),
  fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF{}', 'null', '[]', '{"kind":"kinetic-backup"}'),
);

describe('generated bad backups', { timeout: 120_000 }, () => {
  it(`refuses ${BAD_RUNS} of them with a short sentence, quickly, and the database stays byte-identical`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          truncated,
          wrongField('tasks', WRONG),
          wrongField('sessions', WRONG_SESSION),
          wrongField('reflections', WRONG_REFLECTION),
          hugeList,
          deeplyNested,
          prototypeKeys,
          duplicateIds,
          danglingParent,
          loopInFile,
          loopAcrossMerge,
          depthAcrossMerge,
          futureFormat,
          notABackup,
        ),
        async (text) => expectRefused(text),
      ),
      { numRuns: BAD_RUNS },
    );
    expect(await dump()).toBe(before);
    expect(stats.refusedByRestore).toBeGreaterThan(0);
  });

  it('refuses huge files at once: 100,000 empty tasks, a million nulls, 20,000 copies of a task, caps past their limit', async () => {
    const json = fixtureJson();
    const huge = [
      stringify({ ...json, tasks: Array.from({ length: 100_000 }, () => ({})) }),
      TEXT.replace('"tasks": [\n', `"tasks": [\n${'null,'.repeat(1_000_000)}`),
      TEXT.replace('"tasks": [\n', `"tasks": [\n${'null,'.repeat(900_000)}`),
      // 7 MB: refused at the first copy, not after checking them all.
      stringify({ ...json, tasks: [...json.tasks, ...Array.from({ length: 20_000 }, () => json.tasks[0])] }),
      stringify({ ...json, reflections: Array.from({ length: BACKUP_CAPS.reflections + 1 }, () => 0) }),
    ];
    for (const text of huge) await expectRefused(text);
    expect(await dump()).toBe(before);
  });

  it('takes byte flips without a throw: refused in a sentence, or valid and round-tripping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: TEXT.length - 1 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        async (at, char) => {
          const text = TEXT.slice(0, at) + char + TEXT.slice(at + 1);
          const parsed = parseBackup(text);
          if (!parsed.ok) {
            expect(parsed.error.length).toBeLessThanOrEqual(300);
            return;
          }
          const again = parseBackup(backupText(parsed.backup));
          expect(again).toEqual({ ok: true, backup: parsed.backup });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips valid backups through backupText', () => {
    fc.assert(
      fc.property(
        fc.subarray(FIXTURE.tasks.filter((t) => t.parentId === null)),
        fc.subarray(FIXTURE.sessions),
        (tasks, sessions) => {
          const backup: Backup = { ...FIXTURE, tasks, sessions };
          expect(parseBackup(backupText(backup))).toEqual({ ok: true, backup });
          expect(parseBackup(`\uFEFF${backupText(backup)}`)).toEqual({ ok: true, backup });
        },
      ),
      { numRuns: 100 },
    );
  });
});
