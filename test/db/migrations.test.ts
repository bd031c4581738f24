/**
 * Schema upgrades: a database filled at an old version (test/db/fixtures/vN.json holds rows exactly
 * as that version stored them) must open at the current version with nothing lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createRepositories } from '../../renderer/db';
import {
  CURRENT_VERSION,
  SCHEMA_VERSIONS,
  cacheOf,
  fromRow,
  rowsFor,
  toCountedRow,
  withDefaults,
  type KineticDb,
  type TaskRow,
} from '../../renderer/db/schema';
import { pickNextAction, taskIndexKeys, type TaskIndexKeys } from '../../shared/nextAction';
import { markReplay } from '../../renderer/db/oplog/record';
import type { StampRow } from '../../renderer/db/oplog/stamps';
import { dayKey } from '../../shared/days';
import type { FocusSession, Task } from '../../shared/types';
import { openTestDb, uniqueDbName } from './fixtures/helpers';

type StoredRow = Record<string, unknown> & { id: string };

interface Fixture {
  version: number;
  tasks: StoredRow[];
  sessions: FocusSession[];
  /** From v6 on: the op log's tables and the reflections, as that version stored them. */
  reflections: Record<string, unknown>[];
  stamps: StampRow[];
  oplog: Record<string, unknown>[];
}

const INDEX_KEYS: (keyof TaskIndexKeys)[] = ['rankKey', 'stepKey', 'timedDueKey', 'momentumKey', 'pinKey'];
/** Stored fields that are not the task's own: index keys and the repositories' caches. */
const DERIVED_FIELDS = [
  ...INDEX_KEYS,
  'soonKeys',
  'pickKeys',
  'openSteps',
  'parentWorkedAt',
  'parentRank',
  'readyAt',
  'height',
  'wakeAt',
];
const isIndexKey = (key: string): boolean => DERIVED_FIELDS.includes(key);

function asFixture(json: unknown): Fixture {
  const f = json as Record<string, unknown>;
  if (typeof f['version'] !== 'number' || !Array.isArray(f['tasks'])) throw new Error('Not a fixture');
  const tasks = f['tasks'] as StoredRow[];
  if (!tasks.every((t) => typeof t.id === 'string')) throw new Error('Fixture task without id');
  return {
    version: f['version'],
    tasks,
    sessions: Array.isArray(f['sessions']) ? (f['sessions'] as FocusSession[]) : [],
    reflections: Array.isArray(f['reflections']) ? (f['reflections'] as Record<string, unknown>[]) : [],
    stamps: Array.isArray(f['stamps']) ? (f['stamps'] as StampRow[]) : [],
    oplog: Array.isArray(f['oplog']) ? (f['oplog'] as Record<string, unknown>[]) : [],
  };
}

// Loaded through Vite's glob import: the JSON files stay out of the TypeScript project.
const fixtureFiles = import.meta.glob<unknown>('./fixtures/v*.json', { eager: true, import: 'default' });
const FIXTURES: Fixture[] = Object.entries(fixtureFiles)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([, json]) => asFixture(json));

/** The domain fields of a stored row (derived keys left out). */
function withoutKeys(row: StoredRow): StoredRow {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !isIndexKey(key))) as StoredRow;
}

function pickKeys(row: object): TaskIndexKeys {
  return Object.fromEntries(
    Object.entries(row).filter(([key]) => (INDEX_KEYS as string[]).includes(key)),
  ) as TaskIndexKeys;
}

/**
 * The row an upgrade must produce: the task with defaults, its keys, and its caches computed as
 * of the upgrade (the fixtures' snoozes have all run out by now, except the ones tests add).
 */
function expectedRow(original: StoredRow, all: readonly StoredRow[]): TaskRow {
  const rows = rowsFor(
    all.map((r) => withDefaults(withoutKeys(r))),
    Date.now(),
  );
  return rows[all.indexOf(original)]!;
}

const opened: KineticDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** Creates the database at the fixture's version with its rows (plus `extraTasks`), then opens it fully. */
async function upgradeFrom(fixture: Fixture, extraTasks: StoredRow[] = []): Promise<KineticDb> {
  const name = uniqueDbName(`migrate-v${fixture.version}`);
  const old = openTestDb(name, fixture.version);
  await old.open();
  expect(old.verno).toBe(fixture.version);
  const expectedTables = Object.keys(
    Object.assign({}, ...SCHEMA_VERSIONS.filter((v) => v.version <= fixture.version).map((v) => v.stores)),
  ).sort();
  expect(old.tables.map((t) => t.name).sort()).toEqual(expectedTables);
  // Written as that version's repositories wrote (with the meta table where there is one); the
  // rows already hold what that version's op log recorded, so the writes are not recorded again.
  await old.transaction('rw', old.tables, async (tx) => {
    if (fixture.version >= 6) markReplay(tx.idbtrans);
    await old.table('tasks').bulkAdd(structuredClone([...fixture.tasks, ...extraTasks]));
    const rest = {
      sessions: fixture.sessions,
      reflections: fixture.reflections,
      stamps: fixture.stamps,
      oplog: fixture.oplog,
    };
    for (const [table, rows] of Object.entries(rest)) {
      if (rows.length) await old.table(table).bulkAdd(structuredClone(rows));
    }
  });
  old.close();

  const db = openTestDb(name);
  opened.push(db);
  await db.open();
  return db;
}

/** Several times around the fixture's data, for comparing the indexed and the pure pick. */
function timesAround(fixture: Fixture): number[] {
  const created = fixture.tasks.map((t) => t.createdAt).filter((v): v is number => typeof v === 'number');
  const start = Math.min(...created);
  const end = Math.max(...created);
  const times: number[] = [];
  for (let t = start; t <= end + 20 * 24 * 3_600_000; t += 7 * 3_600_000 + 13 * 60_000) times.push(t);
  return times;
}

describe('fixtures', () => {
  it('exist for every version before the current one', () => {
    expect(FIXTURES.map((f) => f.version)).toEqual(
      SCHEMA_VERSIONS.filter((v) => v.version < CURRENT_VERSION).map((v) => v.version),
    );
    expect(FIXTURES.map((f) => f.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe.each(FIXTURES.map((f) => [f.version, f] as const))('upgrade from v%i', (version, fixture) => {
  it('is a realistic fixture of that version', () => {
    expect(fixture.tasks.length).toBeGreaterThanOrEqual(10);
    const statuses = new Set(fixture.tasks.map((t) => t['status']));
    expect([...statuses].sort()).toEqual(['archived', 'done', 'open', 'waiting']);
    expect(fixture.tasks.some((t) => t['parentId'] !== null)).toBe(true);
    for (const row of fixture.tasks) {
      expect('pinnedFor' in row).toBe(version >= 3);
      expect('pinKey' in row).toBe(
        version >= 3 &&
          row['pinnedFor'] !== null &&
          row['pinnedFor'] !== undefined &&
          (row['status'] === 'open' || row['status'] === 'waiting'),
      );
      // v4 added soonKeys and the open-step and parent-worked-on caches; v5 replaced soonKeys.
      expect('openSteps' in row).toBe(version >= 4);
      if (version < 5) {
        expect('pickKeys' in row || 'readyAt' in row || 'wakeAt' in row || 'parentRank' in row).toBe(false);
      }
      expect('workedAt' in row).toBe(version >= 2);
      const active = row['status'] === 'open' || row['status'] === 'waiting';
      expect('momentumKey' in row).toBe(version >= 2 && active && row['workedAt'] !== null);
    }
    if (version >= 2) expect(fixture.sessions.length).toBeGreaterThanOrEqual(5);
    if (version >= 3) expect(fixture.tasks.filter((t) => t['pinnedFor']).length).toBeGreaterThanOrEqual(2);
    if (version >= 5) {
      expect(fixture.tasks.filter((t) => 'pickKeys' in t).length).toBeGreaterThanOrEqual(5);
      expect(fixture.tasks.filter((t) => 'parentHeads' in t).length).toBeGreaterThanOrEqual(3);
    } else if (version >= 4) {
      expect(fixture.tasks.filter((t) => 'soonKeys' in t).length).toBeGreaterThanOrEqual(5);
      expect(
        fixture.tasks.filter((t) => typeof t['parentWorkedAt'] === 'number').length,
      ).toBeGreaterThanOrEqual(3);
    }
  });

  it('opens at the current version with every table and index', async () => {
    const db = await upgradeFrom(fixture);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'meta',
      'oplog',
      'outbox',
      'reflections',
      'sessions',
      'stamps',
      'tasks',
    ]);
    expect(db.tasks.schema.indexes.map((i) => i.name).sort()).toEqual([
      'doneAt',
      'momentumKey',
      'parentId',
      'pickKeys',
      'pinKey',
      'rankKey',
      'stepKey',
      'timedDueKey',
      'updatedAt',
    ]);
    expect(db.meta.schema.primKey.name).toBe('id');
    expect(db.tasks.schema.idxByName['pickKeys']?.multi).toBe(true);
  });

  it('keeps every row and every original field value', async () => {
    const db = await upgradeFrom(fixture);
    expect(await db.tasks.count()).toBe(fixture.tasks.length);
    for (const original of fixture.tasks) {
      const stored = (await db.tasks.get(original.id)) as StoredRow | undefined;
      expect(stored).toBeDefined();
      for (const [key, value] of Object.entries(withoutKeys(original))) expect(stored?.[key]).toEqual(value);
    }
  });

  it('gives new fields their defaults and recomputes the derived keys', async () => {
    const db = await upgradeFrom(fixture);
    for (const original of fixture.tasks) {
      const stored = await db.tasks.get(original.id);
      if (!stored) throw new Error(`lost ${original.id}`);
      expect(stored.pinnedFor).toBe(version >= 3 ? original['pinnedFor'] : null);
      expect(stored.workedAt).toBe(version >= 2 ? original['workedAt'] : null);
      const expected = withDefaults(withoutKeys(original));
      expect(pickKeys(stored)).toEqual(taskIndexKeys(expected));
      expect(stored).toEqual(expectedRow(original, fixture.tasks));
      // The keys a version already stored keep their values.
      for (const key of INDEX_KEYS) if (key in original) expect(stored[key]).toEqual(original[key]);
    }
  });

  it('answers index queries for the upgraded rows', async () => {
    const db = await upgradeFrom(fixture);
    const tasks = (await db.tasks.toArray()).map(fromRow);
    for (const index of INDEX_KEYS) {
      const expected = tasks.filter((t) => taskIndexKeys(t)[index] !== undefined).map((t) => t.id);
      const found = await db.tasks.where(index).aboveOrEqual(Dexie.minKey).primaryKeys();
      expect([...found].sort()).toEqual([...expected].sort());
    }
    // The multi-entry pickKeys index holds each open task once per key, and no closed task.
    const stored = await db.tasks.toArray();
    const keyed = stored.filter((r) => r.pickKeys !== undefined);
    const entries = await db.tasks.where('pickKeys').aboveOrEqual(Dexie.minKey).primaryKeys();
    expect(entries.length).toBe(keyed.reduce((n, r) => n + r.pickKeys!.length, 0));
    expect([...new Set(entries)].sort()).toEqual(keyed.map((r) => r.id).sort());
    expect(keyed.every((r) => r.status === 'open' || r.status === 'waiting')).toBe(true);
    // Every open top-level task is ranked (in play) or set aside until it can give an action.
    for (const row of stored.filter((r) => r.parentId === null && keyed.includes(r))) {
      expect(row.pickKeys!.filter((k) => k[0] === 'r' || k[0] === 'q')).toHaveLength(1);
    }
  });

  it('keeps the sessions', async () => {
    const db = await upgradeFrom(fixture);
    const byId = (a: FocusSession, b: FocusSession): number => (a.id < b.id ? -1 : 1);
    expect((await db.sessions.toArray()).sort(byId)).toEqual([...fixture.sessions].sort(byId));
    const repos = createRepositories(db);
    for (const s of fixture.sessions) {
      expect(await repos.sessions.forTask(s.taskId)).toContainEqual(s);
      // Already recorded: resending it changes nothing.
      expect(await repos.sessions.record(s)).toBe(false);
    }
    expect(await db.sessions.count()).toBe(fixture.sessions.length);
  });

  it('works with the new tables', async () => {
    const db = await upgradeFrom(fixture);
    const repos = createRepositories(db);
    const open = fixture.tasks.find((t) => t['status'] === 'open' && t['parentId'] !== null);
    if (!open) throw new Error('fixture needs an open step');
    const endedAt = Math.max(...fixture.tasks.map((t) => Number(t['updatedAt']))) + 3_600_000;
    const session: FocusSession = {
      id: 'after-upgrade',
      taskId: open.id,
      title: String(open['title']),
      startedAt: endedAt - 1_500_000,
      endedAt,
      plannedMs: 1_500_000,
      focusedMs: 1_500_000,
      outcome: 'completed',
      pauses: [],
      note: null,
    };
    expect(await repos.sessions.record(session)).toBe(true);
    expect((await repos.tasks.get(open.id))?.workedAt).toBe(endedAt);
    expect((await repos.tasks.get(String(open['parentId'])))?.workedAt).toBe(endedAt - 1); // one level up: a millisecond earlier

    const day = dayKey(endedAt);
    const { step } = await repos.reflections.save(
      { day, moved: 'a bit', inTheWay: '', tomorrowStep: 'open the file', morningTrigger: false },
      endedAt,
    );
    expect(await repos.reflections.get(day)).toMatchObject({ tomorrowStepTaskId: step?.id });
    const pinnedBefore = fixture.tasks
      .filter((t) => t['pinnedFor'] && (t['status'] === 'open' || t['status'] === 'waiting'))
      .map((t) => t.id);
    expect([...(await db.tasks.where('pinKey').aboveOrEqual(Dexie.minKey).primaryKeys())].sort()).toEqual(
      [...pinnedBefore, step!.id].sort(),
    );
    expect(await db.tasks.count()).toBe(fixture.tasks.length + 1);
  });

  it('gives the same indexed next action as the pure policy', async () => {
    const db = await upgradeFrom(fixture);
    const repos = createRepositories(db);
    const tasks = (await db.tasks.toArray()).map(fromRow);
    const rules = new Set<string>();
    for (const now of timesAround(fixture)) {
      const indexed = await repos.tasks.nextAction(now);
      const pure = pickNextAction(tasks, now);
      expect(indexed && [indexed.task.id, indexed.source.id, indexed.rule, indexed.reason]).toEqual(
        pure && [pure.task.id, pure.source.id, pure.rule, pure.reason],
      );
      rules.add(pure?.rule ?? 'none');
    }
    // The times cover more than one rule.
    expect(rules.size).toBeGreaterThanOrEqual(2);
  });

  it('keeps derived keys in sync on writes after the upgrade', async () => {
    const db = await upgradeFrom(fixture);
    const repos = createRepositories(db);
    const top = fixture.tasks.find((t) => t['status'] === 'open' && t['parentId'] === null);
    if (!top) throw new Error('fixture needs an open top-level task');
    await repos.tasks.complete(top.id, Number(top['updatedAt']) + 1);
    const rows: TaskRow[] = await db.tasks.toArray();
    for (const row of rows) {
      expect(row).toEqual(toCountedRow(fromRow(row), cacheOf(row)));
      // Upgraded rows have no open-step count yet (unknown); the repository's writes set right ones.
      if (row.openSteps !== undefined) {
        const open = rows.filter(
          (c) => c.parentId === row.id && (c.status === 'open' || c.status === 'waiting'),
        );
        expect(row.openSteps).toBe(open.length);
      }
    }
    const rankKey = taskIndexKeys(withDefaults(withoutKeys(top))).rankKey;
    expect(rankKey).toBeDefined();
    expect(
      await db.tasks
        .where('rankKey')
        .equals(rankKey ?? [])
        .count(),
    ).toBe(0);
    expect((await repos.tasks.get(top.id))?.status).toBe('done');
  });
});

describe('upgrade from v1: hand-checked next actions', () => {
  const v1 = FIXTURES[0]!;
  const titled = (title: string): string => {
    const row = v1.tasks.find((t) => t['title'] === title);
    if (!row) throw new Error(`no task “${title}”`);
    return row.id;
  };

  it('picks the expected actions on the upgraded data', async () => {
    const db = await upgradeFrom(v1);
    const repos = createRepositories(db);
    const at = (d: number, h = 0, m = 0): number => new Date(2025, 1, d, h, m).getTime();
    const next = async (now: number): Promise<[string, string, string] | null> => {
      const a = await repos.tasks.nextAction(now);
      return a && [a.task.id, a.rule, a.reason];
    };
    expect(await next(at(14, 8, 0))).toEqual([titled('Call the dentist'), 'dueSoon', 'Due at 9:30 am']);
    expect(await next(at(9, 12, 0))).toEqual([
      titled('Renew passport'),
      'ranked',
      'Top priority · Due Feb 20',
    ]);
    await repos.tasks.complete(titled('Renew passport'), at(9, 12, 0));
    expect(await next(at(9, 12, 5))).toEqual([
      titled('Email Müller & Söhne for a quote'),
      'ranked',
      'Priority 2 · first step of “Plan kitchen renovation”',
    ]);
  });
});

describe('upgrade with corrupt rows', () => {
  const v1 = FIXTURES[0]!;
  const noTitle: StoredRow = withoutKeys({
    ...v1.tasks.find((t) => t['parentId'] === null)!,
    id: 'corrupt-no-title',
  });
  delete noTitle['title'];
  const minimal: StoredRow = {
    id: 'corrupt-minimal',
    title: 'From an early build',
    status: 'open',
    createdAt: 1,
    updatedAt: 1,
  };
  const badDue: StoredRow = { ...withoutKeys(v1.tasks[0]!), id: 'corrupt-bad-due', due: { hasTime: true } };

  it('does not lose the other rows, and keeps the corrupt ones', async () => {
    const db = await upgradeFrom(v1, [noTitle, minimal, badDue]);
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.tasks.count()).toBe(v1.tasks.length + 3);
    const all = [...v1.tasks, noTitle, minimal, badDue];
    for (const original of v1.tasks) {
      expect(await db.tasks.get(original.id)).toEqual(expectedRow(original, all));
    }
    const storedNoTitle = await db.tasks.get('corrupt-no-title');
    expect(storedNoTitle).toEqual(expectedRow(noTitle, all));
    expect(storedNoTitle && 'title' in storedNoTitle).toBe(false);
    expect(await db.tasks.get('corrupt-minimal')).toEqual(expectedRow(minimal, all));
    expect(await db.tasks.get('corrupt-minimal')).toMatchObject({
      parentId: null,
      tags: [],
      skipReasons: [],
      workedAt: null,
      pinnedFor: null,
    });
    expect(await db.tasks.get('corrupt-bad-due')).toMatchObject({
      due: { hasTime: true },
      title: v1.tasks[0]!['title'],
    });
  });

  it('still finds next actions (the rows with valid keys agree with the pure policy)', async () => {
    const db = await upgradeFrom(v1, [noTitle, minimal]);
    const repos = createRepositories(db);
    const tasks: Task[] = (await db.tasks.toArray()).map(fromRow);
    for (const now of timesAround(v1)) {
      const indexed = await repos.tasks.nextAction(now);
      const pure = pickNextAction(tasks, now);
      expect(indexed && [indexed.task.id, indexed.rule, indexed.reason]).toEqual(
        pure && [pure.task.id, pure.rule, pure.reason],
      );
    }
    // The minimal row is the oldest task without priority or due date and comes up eventually.
    const ids = new Set<string>();
    let current = tasks;
    for (let i = 0; i < tasks.length; i++) {
      const a = pickNextAction(current, new Date(2025, 2, 1).getTime());
      if (!a) break;
      ids.add(a.task.id);
      current = current.map((t) => (t.id === a.task.id ? { ...t, status: 'done' } : t));
    }
    expect(ids.has('corrupt-minimal')).toBe(true);
    expect(ids.has('corrupt-no-title')).toBe(true);
  });
});

describe('upgrade to v5: tasks that cannot give an action yet are set aside', () => {
  const v4 = FIXTURES.find((f) => f.version === 4)!;
  /** 1 January 2100: after any upgrade these tests run. */
  const LATER = new Date(2100, 0, 1, 9, 0).getTime();
  const template: StoredRow = {
    ...withoutKeys(v4.tasks.find((t) => t['status'] === 'open' && t['parentId'] === null)!),
    due: null,
    pinnedFor: null,
    workedAt: null,
  };
  const snoozed: StoredRow = {
    ...template,
    id: 'later-top',
    title: 'Later',
    priority: 1,
    snoozedUntil: LATER,
  };
  const parent: StoredRow = {
    ...template,
    id: 'later-parent',
    title: 'Parent',
    priority: 1,
    snoozedUntil: null,
  };
  const step: StoredRow = {
    ...template,
    id: 'later-step',
    title: 'Its only step',
    parentId: 'later-parent',
    snoozedUntil: LATER + 60_000,
  };

  it('keeps them out of the ranking until then, and the pick still agrees with the policy', async () => {
    const db = await upgradeFrom(v4, [snoozed, parent, step]);
    const top = await db.tasks.get('later-top');
    expect(top).toMatchObject({ readyAt: LATER, wakeAt: LATER });
    expect(top?.pickKeys).toContainEqual(['q', LATER, 'later-top']);
    expect(top?.pickKeys?.some((k) => k[0] === 'r')).toBe(false);
    // A parent is ready when its first ready step is.
    const p = await db.tasks.get('later-parent');
    expect(p).toMatchObject({ readyAt: LATER + 60_000, wakeAt: LATER + 60_000, height: 1 });
    expect((await db.tasks.get('later-step'))?.parentHeads).toEqual([]);

    const repos = createRepositories(db);
    const tasks = (await db.tasks.toArray()).map(fromRow);
    for (const now of [LATER - 1, LATER, LATER + 60_000, LATER + 60_001]) {
      const indexed = await repos.tasks.nextAction(now);
      const pure = pickNextAction(tasks, now);
      expect(indexed && [indexed.task.id, indexed.rule]).toEqual(pure && [pure.task.id, pure.rule]);
    }
    // The next write after they wake brings them back into play.
    await repos.tasks.rename('later-top', 'Later, now', LATER + 120_000);
    expect((await db.tasks.get('later-parent'))?.wakeAt).toBeUndefined();
    expect((await db.tasks.get('later-step'))?.parentHeads?.map((k) => k[0])).toEqual(['r']);
  });
});
