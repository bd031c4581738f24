import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BACKUP_FORMAT,
  BACKUP_KIND,
  backupFileDay,
  backupFileName,
  backupText,
  backupTextPieces,
  makeBackup,
  parseBackup,
  type Backup,
} from '../../shared/backup';
import { openTask, type FocusSession, type Reflection } from '../../shared/types';

const NOW = new Date(2026, 10, 28, 9, 30).getTime();

const session: FocusSession = {
  id: 's1',
  taskId: 'a',
  title: 'Write the intro',
  startedAt: NOW - 1_500_000,
  endedAt: NOW,
  plannedMs: 1_500_000,
  focusedMs: 1_400_000,
  outcome: 'completed',
  pauses: [{ at: NOW - 900_000, resumedAt: NOW - 800_000, reason: 'user' }],
  note: null,
};

const reflection: Reflection = {
  day: '2026-11-27',
  moved: 'The intro',
  inTheWay: 'Meetings',
  tomorrowStep: 'Open the outline',
  tomorrowStepTaskId: 'b',
  morningTrigger: true,
  createdAt: NOW - 50_000_000,
  updatedAt: NOW - 50_000_000,
};

function sample(): Backup {
  return makeBackup(
    {
      tasks: [
        openTask('a', 'Write report', NOW - 10_000, {
          due: { at: NOW + 3_600_000, hasTime: true },
          tags: ['work'],
          priority: 1,
          skipCount: 1,
          skipReasons: [{ at: NOW - 5_000, reason: 'too-big' }],
        }),
        openTask('a1', 'Open the outline', NOW - 9_000, { parentId: 'a', order: 0, estimateMin: 2 }),
        { ...openTask('b', 'Call Sam', NOW - 8_000), status: 'done', doneAt: NOW - 1_000 },
      ],
      sessions: [session],
      reflections: [reflection],
    },
    NOW,
  );
}

/** The sample's text with `edit` applied to its parsed JSON. */
function edited(
  edit: (json: Record<string, unknown> & { tasks: Record<string, unknown>[] }) => void,
): string {
  const json = JSON.parse(backupText(sample()));
  edit(json);
  return JSON.stringify(json);
}

describe('backups', () => {
  it('reads back exactly what it wrote', () => {
    const backup = sample();
    const text = backupText(backup);
    expect(JSON.parse(text)).toEqual(backup);
    expect(parseBackup(text)).toEqual({ ok: true, backup });
    // One record per line.
    expect(text.split('\n').filter((line) => line.includes('"id":"a1"'))).toHaveLength(1);
  });

  it('keeps how a session was started (a two-minute start, a keep going) and reads older sessions without it', () => {
    const started: FocusSession = { ...session, id: 's2', mode: 'twoMinute' };
    const continued: FocusSession = { ...session, id: 's3', mode: 'twoMinute', continues: 's2' };
    const backup = makeBackup({ tasks: [], sessions: [session, started, continued], reflections: [] }, NOW);
    expect(parseBackup(backupText(backup))).toEqual({ ok: true, backup });
    const bad = JSON.parse(backupText(backup));
    bad.sessions[1].mode = 'standard';
    expect(parseBackup(JSON.stringify(bad)).ok).toBe(false);
  });

  it('lays the file out as before: a record per line, in pieces that join into it', () => {
    const s2 = { ...session, id: 's2' };
    const backup = makeBackup({ tasks: [], sessions: [session, s2], reflections: [reflection] }, NOW);
    const expected = [
      '{',
      '  "kind": "kinetic-backup",',
      '  "format": 1,',
      `  "exportedAt": ${NOW},`,
      '  "tasks": [],',
      '  "sessions": [',
      `    ${JSON.stringify(session)},`,
      `    ${JSON.stringify(s2)}`,
      '  ],',
      '  "reflections": [',
      `    ${JSON.stringify(reflection)}`,
      '  ]',
      '}',
      '',
    ].join('\n');
    expect(backupText(backup)).toBe(expected);
    for (const perPiece of [1, 2, 3]) expect([...backupTextPieces(backup, perPiece)].join('')).toBe(expected);
  });

  it('comes in pieces of at most so many records each, which together are the whole file', () => {
    fc.assert(
      fc.property(
        fc.nat(12),
        fc.nat(5),
        fc.nat(3),
        fc.integer({ min: 1, max: 6 }),
        (taskCount, sessionCount, reflectionCount, perPiece) => {
          const backup = makeBackup(
            {
              tasks: Array.from({ length: taskCount }, (_, i) => openTask(`t${i}`, `Task ${i}`, NOW - i)),
              sessions: Array.from({ length: sessionCount }, (_, i) => ({ ...session, id: `s${i}` })),
              reflections: Array.from({ length: reflectionCount }, (_, i) => ({
                ...reflection,
                day: `2026-11-0${i + 1}`,
              })),
            },
            NOW,
          );
          const pieces = [...backupTextPieces(backup, perPiece)];
          const records = (text: string): number =>
            text.split('\n').filter((line) => line.startsWith('    {')).length;
          for (const piece of pieces) expect(records(piece)).toBeLessThanOrEqual(perPiece);
          const text = pieces.join('');
          expect(records(text)).toBe(taskCount + sessionCount + reflectionCount);
          expect(JSON.parse(text)).toEqual(backup);
          expect(parseBackup(text)).toEqual({ ok: true, backup });
        },
      ),
    );
  });

  it('reads an empty backup', () => {
    const backup = makeBackup({ tasks: [], sessions: [], reflections: [] }, NOW);
    expect(parseBackup(backupText(backup))).toEqual({ ok: true, backup });
  });

  it('names the file after the day, and reads the day back from such a name only', () => {
    expect(backupFileName('2026-11-28')).toBe('kinetic-backup-2026-11-28.json');
    expect(backupFileDay(backupFileName('2026-11-28'))).toBe('2026-11-28');
    for (const name of [
      'notes.txt',
      'kinetic-backup-2026-13-40.json',
      'kinetic-backup-2026-11-28.json.tmp',
    ]) {
      expect(backupFileDay(name)).toBeNull();
    }
  });

  it.each([
    [
      'not JSON',
      '{"kind": "kinetic-backup", "tasks": [',
      'This file is not a Kinetic backup. It is not JSON.',
    ],
    [
      'another kind of file',
      '{"name": "my-package", "version": "1.0.0"}',
      'This file is not a Kinetic backup.',
    ],
    ['a JSON list', '[1, 2, 3]', 'This file is not a Kinetic backup.'],
    ['JSON null', 'null', 'This file is not a Kinetic backup.'],
    [
      'a newer format',
      JSON.stringify({ kind: BACKUP_KIND, format: BACKUP_FORMAT + 1 }),
      `This backup was made by a newer Kinetic (format ${BACKUP_FORMAT + 1}). Update Kinetic to restore it.`,
    ],
  ])('refuses %s with a clear sentence', (_, text, error) => {
    expect(parseBackup(text)).toEqual({ ok: false, error });
  });

  it.each([
    [
      'a task without a title',
      (j: { tasks: Record<string, unknown>[] }) => delete j.tasks[1]!['title'],
      'tasks[1].title',
    ],
    [
      'a blank title',
      (j: { tasks: Record<string, unknown>[] }) => (j.tasks[0]!['title'] = '  '),
      'tasks[0].title',
    ],
    [
      'an unknown status',
      (j: { tasks: Record<string, unknown>[] }) => (j.tasks[2]!['status'] = 'later'),
      'tasks[2].status',
    ],
    [
      'a priority of 7',
      (j: { tasks: Record<string, unknown>[] }) => (j.tasks[0]!['priority'] = 7),
      'tasks[0].priority',
    ],
    [
      'a field no task has',
      (j: { tasks: Record<string, unknown>[] }) => (j.tasks[0]!['colour'] = 'red'),
      'tasks[0]',
    ],
    [
      'a time that is text',
      (j: { tasks: Record<string, unknown>[] }) => (j.tasks[0]!['createdAt'] = 'yesterday'),
      'tasks[0].createdAt',
    ],
    [
      'a bad day key',
      (j: Record<string, unknown>) =>
        ((j['reflections'] as Record<string, unknown>[])[0]!['day'] = '27/11/2026'),
      'reflections[0].day',
    ],
    [
      'a session with no id',
      (j: Record<string, unknown>) => delete (j['sessions'] as Record<string, unknown>[])[0]!['id'],
      'sessions[0].id',
    ],
    ['no task list', (j: Record<string, unknown>) => delete j['tasks'], 'tasks'],
  ])('says where a damaged backup is damaged: %s', (_, edit, where) => {
    const result = parseBackup(
      edited(edit as (j: Record<string, unknown> & { tasks: Record<string, unknown>[] }) => void),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(
      new RegExp(`^The backup is damaged at ${where.replace(/[[\]]/g, '\\$&')}: .+\\.$`),
    );
  });

  it.each([
    [
      'two tasks with one id',
      (j: { tasks: Record<string, unknown>[] }) => (j.tasks[2]!['id'] = 'a'),
      'two tasks have the id a.',
    ],
    [
      'a step whose task is missing',
      (j: { tasks: Record<string, unknown>[] }) => j.tasks.splice(0, 1),
      'the step “Open the outline” belongs to a task that is not in the backup.',
    ],
    [
      'a task that is its own step',
      (j: { tasks: Record<string, unknown>[] }) => (j.tasks[0]!['parentId'] = 'a1'),
      'the task “Write report” is a step of itself.',
    ],
    [
      'two sessions with one id',
      (j: Record<string, unknown>) => (j['sessions'] as unknown[]).push((j['sessions'] as unknown[])[0]),
      'two focus sessions have the id s1.',
    ],
    [
      'two reflections for a day',
      (j: Record<string, unknown>) =>
        (j['reflections'] as unknown[]).push((j['reflections'] as unknown[])[0]),
      'there are two reflections for 2026-11-27.',
    ],
  ])('refuses a backup whose records do not fit together: %s', (_, edit, problem) => {
    expect(
      parseBackup(
        edited(edit as (j: Record<string, unknown> & { tasks: Record<string, unknown>[] }) => void),
      ),
    ).toEqual({
      ok: false,
      error: `The backup is damaged: ${problem}`,
    });
  });

  it('refuses steps nested deeper than the app allows', () => {
    const tasks = Array.from({ length: 20 }, (_, i) =>
      openTask(`t${i}`, `Level ${i}`, NOW, { parentId: i === 0 ? null : `t${i - 1}` }),
    );
    const result = parseBackup(backupText(makeBackup({ tasks, sessions: [], reflections: [] }, NOW)));
    expect(result).toEqual({
      ok: false,
      error: 'The backup is damaged: the task “Level 17” is more than 16 steps deep.',
    });
  });
});
