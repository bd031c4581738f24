/**
 * Realistic demo data for screenshots: a few weeks of work, focus sessions and reflections,
 * ending at `now`. Deterministic (seeded) so screenshots are stable.
 */
import { addDays, dayKey, startOfDay } from '../../shared/days';
import { openTask, type FocusSession, type Reflection, type Task } from '../../shared/types';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DONE_TITLES = [
  'Reply to Ana about the launch date',
  'Book the dentist',
  'Outline the onboarding guide',
  'Review Sam’s pull request',
  'Pay the electricity bill',
  'Sketch the settings screen',
  'Write the release notes',
  'Call the bank about the card',
  'Clean up the shared drive',
  'Plan next week’s sprint',
  'Read the research summary',
  'Send invoices for October',
  'Fix the flaky login test',
  'Draft the newsletter intro',
  'Order printer paper',
  'Update the roadmap doc',
];

const REFLECTIONS: [string, string, string][] = [
  [
    'Shipped the release notes and closed two bugs.',
    'Too many small meetings after lunch.',
    'Open the onboarding outline',
  ],
  [
    'Finally booked the dentist. Review done.',
    'The report task felt vague.',
    'Write one sentence of the report',
  ],
  ['A long focus block on the guide.', 'Slack. I kept checking it.', 'Mute Slack and open the guide'],
  ['Invoices are out.', 'Low energy in the afternoon.', 'Walk first, then email Ana'],
  ['Sprint planned, team aligned.', 'Waiting on numbers from finance.', 'Ping finance for the Q4 numbers'],
];

/** Times are whole milliseconds, as the app writes them (a restore refuses any other). */
const wholeMs = (ms: number): number => Math.round(ms);

export interface DemoData {
  tasks: Task[];
  sessions: FocusSession[];
  reflections: Reflection[];
}

export function demoData(now: number, days = 27): DemoData {
  const random = rng(42);
  const tasks: Task[] = [];
  const sessions: FocusSession[] = [];
  const reflections: Reflection[] = [];
  let n = 0;
  const id = (prefix: string): string => `${prefix}-${String(++n).padStart(4, '0')}`;
  const task = (over: Partial<Task> & Pick<Task, 'title'>): Task => ({
    ...openTask(id('t'), over.title, now - 20 * 86_400_000, { updatedAt: now - 86_400_000 }),
    ...over,
  });

  const today = startOfDay(now);
  for (let d = days; d >= 1; d--) {
    const day = addDays(today, -d);
    const weekday = new Date(day).getDay();
    const weekend = weekday === 0 || weekday === 6;
    const doneCount = weekend ? Math.floor(random() * 2) : 2 + Math.floor(random() * 4);
    // The day's first start moves around a working morning.
    let clock = wholeMs(day + (8.3 + random() * 2) * 3_600_000);
    for (let i = 0; i < doneCount; i++) {
      // Most done tasks were worked on in a session; estimates tend to run long.
      const estimateMin = [10, 15, 20, 25, 30][Math.floor(random() * 5)]!;
      const focused = Math.round(estimateMin * (0.9 + random() * 1.4)) * 60_000;
      const startedAt = clock;
      const doneAt = startedAt + focused + 60_000;
      const done = task({
        title: DONE_TITLES[Math.floor(random() * DONE_TITLES.length)]!,
        status: 'done',
        estimateMin,
        doneAt,
        updatedAt: doneAt,
        createdAt: wholeMs(startedAt - (0.3 + random() * 30) * 3_600_000),
      });
      tasks.push(done);
      const twoMinute = random() < 0.3;
      if (twoMinute) {
        // "Just two minutes", most often followed by "keep going".
        const first = id('s');
        sessions.push({
          id: first,
          taskId: done.id,
          title: done.title,
          startedAt,
          endedAt: startedAt + 120_000,
          plannedMs: 120_000,
          focusedMs: 120_000,
          outcome: 'completed',
          pauses: [],
          note: null,
          mode: 'twoMinute',
        });
        if (random() < 0.75) {
          sessions.push({
            id: id('s'),
            taskId: done.id,
            title: done.title,
            startedAt: startedAt + 150_000,
            endedAt: startedAt + 150_000 + focused,
            plannedMs: Math.max(focused, 10 * 60_000),
            focusedMs: focused,
            outcome: 'completed',
            pauses: [],
            note: null,
            mode: 'twoMinute',
            continues: first,
          });
        }
      } else if (random() < 0.8) {
        const planned = Math.min(estimateMin, 25) * 60_000;
        sessions.push({
          id: id('s'),
          taskId: done.id,
          title: done.title,
          startedAt,
          endedAt: startedAt + focused,
          plannedMs: Math.max(planned, focused),
          focusedMs: focused,
          outcome: focused <= planned ? 'completed' : 'stopped',
          pauses: [],
          note: null,
        });
      }
      clock = wholeMs(doneAt + (0.5 + random() * 1.5) * 3_600_000);
    }
    if (!weekend && random() < 0.72) {
      const [moved, inTheWay, step] = REFLECTIONS[Math.floor(random() * REFLECTIONS.length)]!;
      const at = wholeMs(day + 17.6 * 3_600_000);
      reflections.push({
        day: dayKey(day),
        moved,
        inTheWay,
        tomorrowStep: step,
        tomorrowStepTaskId: null,
        morningTrigger: true,
        createdAt: at,
        updatedAt: at,
      });
    }
  }

  // Today: a couple of things done already, and a project in motion.
  tasks.push(
    task({
      title: 'Answer the two urgent emails',
      status: 'done',
      doneAt: now - 90 * 60_000,
      updatedAt: now - 90 * 60_000,
    }),
  );
  sessions.push({
    id: id('s'),
    taskId: 't-0001',
    title: 'Focus',
    startedAt: now - 80 * 60_000,
    endedAt: now - 55 * 60_000,
    plannedMs: 25 * 60_000,
    focusedMs: 25 * 60_000,
    outcome: 'completed',
    pauses: [],
    note: null,
  });
  const report = task({
    title: 'Write the Q4 report',
    priority: 1,
    tags: ['work'],
    due: { at: addDays(today, 3), hasTime: false },
    estimateMin: 180,
    workedAt: now - 40 * 60_000,
    createdAt: now - 6 * 86_400_000,
  });
  tasks.push(report);
  tasks.push(
    task({
      title: 'Collect last quarter’s numbers',
      parentId: report.id,
      order: 0,
      status: 'done',
      doneAt: now - 40 * 60_000,
      updatedAt: now - 40 * 60_000,
    }),
    task({
      title: 'Draft the opening paragraph',
      parentId: report.id,
      order: 1,
      estimateMin: 15,
      tags: ['writing'],
    }),
    task({ title: 'Make the three charts', parentId: report.id, order: 2, estimateMin: 45 }),
    task({ title: 'Send the draft to Ana', parentId: report.id, order: 3, estimateMin: 5 }),
  );
  tasks.push(
    task({
      title: 'Renew the passport',
      due: { at: addDays(today, 9), hasTime: false },
      estimateMin: 30,
      tags: ['home'],
    }),
    task({
      title: 'Call Sam about the offsite',
      due: { at: today + 17 * 3_600_000, hasTime: true },
      estimateMin: 15,
    }),
    task({
      title: 'Learn the basics of Rust',
      estimateMin: 120,
      skipCount: 2,
      skipReasons: [
        { at: now - 3 * 3_600_000, reason: null },
        { at: now - 2 * 3_600_000, reason: 'too-big' },
      ],
    }),
    task({
      title: 'Plan the team offsite',
      status: 'waiting',
      waitingNote: 'budget from finance',
      snoozedUntil: addDays(today, 2),
    }),
  );
  return { tasks, sessions, reflections };
}
