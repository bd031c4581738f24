/**
 * The backup in test/fixtures/backup-valid.json: a realistic database of a few weeks, as
 * `backupText` writes it. scripts/make-backup-fixture.ts writes the file; test/db/backupFixture
 * checks that the file is exactly this, and that it restores.
 */
import { makeBackup, type Backup } from '../../shared/backupFormat';
import { openTask, type FocusSession, type Reflection, type Task } from '../../shared/types';

/** Friday 27 November 2026, 17:40 UTC: the moment of the backup. */
export const FIXTURE_AT = Date.UTC(2026, 10, 27, 17, 40, 12, 345);
/** Days without a time are local midnight; the fixture's are in Europe/Berlin, as the unit tests. */
const BERLIN_NOV_28 = Date.UTC(2026, 10, 27, 23);
const BERLIN_DEC_1 = Date.UTC(2026, 10, 30, 23);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const t = (id: string, title: string, ageDays: number, fields: Partial<Task> = {}): Task => {
  const createdAt = FIXTURE_AT - ageDays * DAY - 17 * MIN;
  return openTask(id, title, createdAt, { updatedAt: createdAt + 3 * HOUR, ...fields });
};

function tasks(): Task[] {
  const done = (id: string, title: string, ageDays: number, fields: Partial<Task> = {}): Task =>
    t(id, title, ageDays, { status: 'done', doneAt: FIXTURE_AT - (ageDays - 1) * DAY, ...fields });
  return [
    t('t-launch', 'Prepare the product launch', 12, {
      tags: ['work', 'launch'],
      priority: 1,
      due: { at: BERLIN_DEC_1, hasTime: false },
    }),
    t('t-launch-copy', 'Write the launch copy', 11, {
      parentId: 't-launch',
      order: 0,
      estimateMin: 90,
      workedAt: FIXTURE_AT - 2 * HOUR,
    }),
    t('t-launch-copy-1', 'List the three main benefits', 11, {
      parentId: 't-launch-copy',
      order: 0,
      estimateMin: 10,
    }),
    done('t-launch-copy-2', 'Collect quotes from beta users', 6, {
      parentId: 't-launch-copy',
      order: 1,
      estimateMin: 25,
    }),
    t('t-launch-copy-3', 'Draft the headline', 11, {
      parentId: 't-launch-copy',
      order: 2,
      estimateMin: 15,
      skipCount: 2,
      skipReasons: [
        { at: FIXTURE_AT - 2 * DAY, reason: null },
        { at: FIXTURE_AT - DAY, reason: 'unclear' },
      ],
      snoozedUntil: FIXTURE_AT + 3 * HOUR,
    }),
    t('t-launch-page', 'Update the landing page', 11, { parentId: 't-launch', order: 1, estimateMin: 45 }),
    t('t-launch-page-1', 'Swap the hero screenshot', 10, {
      parentId: 't-launch-page',
      order: 0,
      estimateMin: 5,
    }),
    t('t-launch-page-2', 'Check the page on a phone', 10, { parentId: 't-launch-page', order: 1 }),
    t('t-launch-mail', 'Schedule the announcement email', 9, {
      parentId: 't-launch',
      order: 2,
      due: { at: FIXTURE_AT + 3 * DAY + 9 * HOUR, hasTime: true },
    }),
    t('t-report', 'Write the quarterly report', 20, {
      tags: ['work'],
      priority: 2,
      estimateMin: 120,
      skipCount: 1,
      skipReasons: [{ at: FIXTURE_AT - 5 * DAY, reason: 'too-big' }],
    }),
    t('t-report-1', 'Open last quarter’s report', 5, {
      parentId: 't-report',
      order: 0,
      estimateMin: 2,
      pinnedFor: '2026-11-28',
    }),
    t('t-report-2', 'Ask finance for the numbers', 5, {
      parentId: 't-report',
      order: 1,
      status: 'waiting',
      waitingNote: 'Finance (Jo) — promised by Monday',
      snoozedUntil: FIXTURE_AT + 2 * DAY,
    }),
    t('t-dentist', 'Book the dentist', 15, {
      tags: ['home'],
      estimateMin: 5,
      due: { at: BERLIN_NOV_28, hasTime: false },
    }),
    t('t-bike', 'Fix the bike’s back light', 25, { tags: ['home', 'errands'], priority: 3 }),
    t('t-visa', 'Renew the visa', 30, {
      status: 'waiting',
      waitingNote: 'The embassy’s answer (“2–3 weeks”)',
      tags: ['admin'],
    }),
    t('t-guitar', 'Learn the F chord', 60, { status: 'archived', tags: ['someday'] }),
    t('t-garden', 'Plan the vegetable garden', 70, { status: 'archived', tags: ['someday', 'home'] }),
    done('t-invoices', 'Send the invoices for October', 8, {
      tags: ['work'],
      estimateMin: 30,
      workedAt: FIXTURE_AT - 7 * DAY,
    }),
    done('t-ana', 'Reply to Ana about the launch date', 4, { tags: ['work'] }),
    done('t-stamps', 'Buy stamps', 3, { tags: ['errands'], estimateMin: 10 }),
    t('t-read', 'Read “Deep Work”, chapter 3 — ça va', 14, { tags: ['reading', 'ünïcödé'], estimateMin: 40 }),
    t('t-call', 'Call Sam 📞 about the offsite', 1, {
      due: { at: FIXTURE_AT + 17 * HOUR + 20 * MIN, hasTime: true },
      estimateMin: 15,
      tags: ['work'],
      priority: 1,
    }),
    t('t-taxes', 'Do the taxes', 40, { priority: 2, tags: ['admin'] }),
    t('t-taxes-1', 'Find last year’s return', 2, {
      parentId: 't-taxes',
      order: 0,
      estimateMin: 10,
      pinnedFor: '2026-11-27',
    }),
  ];
}

const session = (
  id: string,
  taskId: string,
  title: string,
  endedAgo: number,
  fields: Partial<FocusSession> = {},
): FocusSession => {
  const endedAt = FIXTURE_AT - endedAgo;
  return {
    id,
    taskId,
    title,
    startedAt: endedAt - 25 * MIN,
    endedAt,
    plannedMs: 25 * MIN,
    focusedMs: 25 * MIN,
    outcome: 'completed',
    pauses: [],
    note: null,
    ...fields,
  };
};

function sessions(): FocusSession[] {
  return [
    session('s-1', 't-invoices', 'Send the invoices for October', 7 * DAY),
    session('s-2', 't-launch-copy-2', 'Collect quotes from beta users', 5 * DAY + 2 * HOUR, {
      startedAt: FIXTURE_AT - 5 * DAY - 2 * HOUR - 40 * MIN,
      plannedMs: 30 * MIN,
      focusedMs: 27 * MIN,
      pauses: [
        {
          at: FIXTURE_AT - 5 * DAY - 2 * HOUR - 30 * MIN,
          resumedAt: FIXTURE_AT - 5 * DAY - 2 * HOUR - 25 * MIN,
          reason: 'user',
        },
        {
          at: FIXTURE_AT - 5 * DAY - 2 * HOUR - 15 * MIN,
          resumedAt: FIXTURE_AT - 5 * DAY - 2 * HOUR - 10 * MIN,
          reason: 'lock-screen',
        },
      ],
      note: 'Three quotes in; waiting on Priya’s.',
    }),
    session('s-3', 't-launch-copy', 'Write the launch copy', 2 * HOUR, {
      outcome: 'stopped',
      focusedMs: 18 * MIN,
      pauses: [{ at: FIXTURE_AT - 2 * HOUR - 10 * MIN, resumedAt: null, reason: 'suspend' }],
      note: 'Stopped at the second paragraph — start with the pricing line.',
    }),
    session('s-4', 't-report-1', 'Open last quarter’s report', DAY, {
      outcome: 'abandoned',
      focusedMs: 3 * MIN,
    }),
    session('s-5', 't-call', 'Call Sam 📞 about the offsite', 30 * MIN, {
      plannedMs: 2 * MIN,
      focusedMs: 2 * MIN,
    }),
  ];
}

function reflections(): Reflection[] {
  const r = (day: string, daysAgo: number, fields: Partial<Reflection>): Reflection => {
    const at = FIXTURE_AT - daysAgo * DAY;
    return {
      day,
      moved: '',
      inTheWay: '',
      tomorrowStep: '',
      tomorrowStepTaskId: null,
      morningTrigger: false,
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
  };
  return [
    r('2026-11-24', 3, {
      moved: 'Invoices are out.',
      inTheWay: 'Low energy after lunch.',
      tomorrowStep: 'Walk first, then email Ana',
    }),
    r('2026-11-25', 2, {
      moved: 'Quotes collected.',
      inTheWay: 'Slack, again.',
      tomorrowStep: 'Find last year’s return',
      tomorrowStepTaskId: 't-taxes-1',
      morningTrigger: true,
    }),
    r('2026-11-26', 1, {
      moved: 'The report has a first section.\nAnd the dentist is booked… almost.',
      inTheWay: '',
      tomorrowStep: 'Open last quarter’s report',
      tomorrowStepTaskId: 't-report-1',
      morningTrigger: true,
      updatedAt: FIXTURE_AT - DAY + 20 * MIN,
    }),
  ];
}

export function fixtureBackup(): Backup {
  return makeBackup({ tasks: tasks(), sessions: sessions(), reflections: reflections() }, FIXTURE_AT);
}
