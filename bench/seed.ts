/**
 * Realistic task data for the benchmarks, generated deterministically from a seed.
 *
 * Shape (per top-level task; steps follow their parent): about 70 % done or archived, a fifth of
 * the top-level tasks are parents with 2–5 steps (partly done when the parent is open), a third
 * have a due date (some timed), most have an estimate, priorities, tags, skips with reasons, and
 * some open tasks are snoozed or waiting. What a person does in one day does not grow with the
 * size of the backlog, so a fixed handful of open tasks is due today (some timed) and a fixed
 * handful of parents was worked on in the last hours (the momentum rule); one open task is pinned
 * for tomorrow (in the pin index, not yet eligible).
 */
import { addDays, atLocalTime, dayKey, startOfDay } from '../shared/days';
import { SKIP_REASONS, openTask, type Due, type Priority, type SkipRecord, type Task } from '../shared/types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const VERBS = [
  'Write',
  'Email',
  'Call',
  'Review',
  'Draft',
  'Fix',
  'Plan',
  'Book',
  'Read',
  'Update',
  'Send',
  'Prepare',
  'Clean up',
  'Reply to',
  'Sketch',
  'Ask about',
  'Pay',
  'Order',
  'Check',
  'Outline',
];
const OBJECTS = [
  'the quarterly report',
  'Dana',
  'the dentist',
  'the onboarding doc',
  'the flaky login test',
  'next week’s trip',
  'the budget spreadsheet',
  'the landlord',
  'chapter 3',
  'the release notes',
  'the tax forms',
  'the garden shed',
  'Sam’s pull request',
  'the team retro',
  'the insurance claim',
  'the conference talk',
  'the grocery list',
  'the invoice from March',
  'the slides for Monday',
  'the car service',
];
const SUFFIXES = [
  '',
  '',
  '',
  ' before Friday',
  ' (again)',
  ' with notes',
  ' — first pass',
  ' for the client',
];
const TAGS = [
  'work',
  'home',
  'writing',
  'errands',
  'health',
  'admin',
  'money',
  'family',
  'reading',
  'deep',
  'calls',
  'garden',
  'travel',
  'code',
  'learning',
];
const ESTIMATES = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120];
/** Open top-level tasks due today: timed ones at these local times, then date-only ones. */
const TODAY_TIMES = ['09:00', '11:30', '13:00', '15:00', '17:30', '19:00'];
const TODAY_UNTIMED = 4;
/** Open parents worked on in the last ten hours. */
const RECENTLY_WORKED = 8;

const NOTES = ['reply from Dana', 'the parts to arrive', 'a quote', 'IT to reset access', 'the landlord'];

/** mulberry32: a small, fast, seedable PRNG returning [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  private readonly rnd: () => number;
  constructor(
    seed: number,
    private readonly now: number,
  ) {
    this.rnd = prng(seed);
  }

  chance(p: number): boolean {
    return this.rnd() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }
  /** A uniform time in [from, to). */
  between(from: number, to: number): number {
    return Math.floor(from + this.rnd() * Math.max(0, to - from));
  }
  /** A UUID-shaped id from the generator (deterministic per seed). */
  id(): string {
    let hex = '';
    for (let i = 0; i < 4; i++)
      hex += Math.floor(this.rnd() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
  title(): string {
    return `${this.pick(VERBS)} ${this.pick(OBJECTS)}${this.pick(SUFFIXES)}`;
  }
  tags(): string[] {
    const r = this.rnd();
    const n = r < 0.5 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
    const out = new Set<string>();
    while (out.size < n) out.add(this.pick(TAGS));
    return [...out];
  }
  priority(): Priority | null {
    const r = this.rnd();
    return r < 0.05 ? 1 : r < 0.2 ? 2 : r < 0.45 ? 3 : null;
  }
  estimate(p: number): number | null {
    return this.chance(p) ? this.pick(ESTIMATES) : null;
  }
  skips(active: boolean, createdAt: number, until: number): { skipCount: number; skipReasons: SkipRecord[] } {
    if (!this.chance(active ? 0.25 : 0.15)) return { skipCount: 0, skipReasons: [] };
    const skipCount = this.int(1, 6);
    const skipReasons: SkipRecord[] = [];
    for (let i = 0; i < skipCount; i++) {
      skipReasons.push({
        at: this.between(createdAt, until),
        reason: i === 0 || this.chance(0.3) ? null : this.pick(SKIP_REASONS),
      });
    }
    skipReasons.sort((a, b) => a.at - b.at);
    return { skipCount, skipReasons };
  }
  /** A due date for an open task (never today: see TODAY_TIMES): some overdue, most ahead. */
  openDue(): Due | null {
    if (!this.chance(0.35)) return null;
    const hasTime = this.chance(0.4);
    const dayOffset = this.chance(0.15) ? -this.int(1, 30) : this.int(1, 60);
    const day = addDays(startOfDay(this.now), dayOffset);
    return { at: hasTime ? day + this.int(8 * 4, 20 * 4) * 15 * MIN : day, hasTime };
  }
  /** A due date of a closed task: somewhere after it was created. */
  closedDue(createdAt: number): Due | null {
    if (!this.chance(0.35)) return null;
    const day = startOfDay(this.between(createdAt, createdAt + 30 * DAY));
    const hasTime = this.chance(0.4);
    return { at: hasTime ? day + this.int(32, 80) * 15 * MIN : day, hasTime };
  }
}

export interface GeneratedTasks {
  tasks: Task[];
  active: number;
  steps: number;
  withDue: number;
  timedToday: number;
  snoozedOrWaiting: number;
}

/** `size` tasks (top-level tasks and their steps), relative to `now`. */
export function generateTasks(size: number, now: number, seed = 1): GeneratedTasks {
  const g = new Gen(seed, now);
  const tasks: Task[] = [];
  const base = (createdAt: number): Task => openTask(g.id(), g.title(), createdAt);

  while (tasks.length < size) {
    const remaining = size - tasks.length;
    const stepCount = remaining >= 3 && g.chance(0.2) ? Math.min(remaining - 1, g.int(2, 5)) : 0;
    const r = g.chance(0.7) ? (g.chance(6 / 7) ? 'done' : 'archived') : g.chance(0.08) ? 'waiting' : 'open';
    const active = r === 'open' || r === 'waiting';

    // Closed tasks span two years; open ones skew recent.
    const createdAt = active
      ? now - Math.floor(Math.pow(g.between(0, 1000) / 1000, 2) * 180 * DAY) - MIN
      : g.between(now - 730 * DAY, now - DAY);
    const top = base(createdAt);
    top.status = r;
    top.tags = g.tags();
    top.priority = g.priority();
    top.estimateMin = g.estimate(0.6);
    Object.assign(top, g.skips(active, createdAt, now));
    if (active) {
      top.due = g.openDue();
      if (r === 'waiting') {
        top.waitingNote = g.pick(NOTES);
        // Most still waiting; some past their check-back time (back in the running).
        top.snoozedUntil = g.chance(0.6)
          ? g.between(now + HOUR, now + 7 * DAY)
          : g.between(now - 3 * DAY, now);
      } else if (g.chance(0.12)) {
        top.snoozedUntil = g.chance(0.7)
          ? g.between(now + HOUR, now + 5 * DAY)
          : g.between(now - 2 * DAY, now);
      }
      top.updatedAt = g.between(createdAt, now);
    } else {
      top.due = g.closedDue(createdAt);
      const closedAt = Math.min(now - MIN, g.between(createdAt, createdAt + 20 * DAY));
      if (r === 'done') top.doneAt = closedAt;
      top.updatedAt = closedAt;
      // Reflections pinned some of them as a day's first step, long ago.
      if (g.chance(0.03)) top.pinnedFor = dayKey(createdAt + DAY);
    }
    tasks.push(top);

    // Steps: all closed with a closed parent; with an open parent the first few may be done.
    const doneSteps = active ? g.int(0, stepCount) : stepCount;
    for (let i = 0; i < stepCount; i++) {
      const step = base(Math.min(now - MIN, createdAt + g.between(0, 2 * DAY)));
      step.parentId = top.id;
      step.order = i;
      step.estimateMin = g.chance(0.7) ? g.pick([5, 10, 15, 20, 30]) : null;
      step.tags = g.chance(0.2) ? g.tags() : [];
      if (i < doneSteps) {
        step.status = top.status === 'archived' ? 'archived' : 'done';
        step.doneAt =
          step.status === 'done'
            ? Math.min(now - MIN, g.between(step.createdAt, step.createdAt + 10 * DAY))
            : null;
        step.updatedAt = step.doneAt ?? top.updatedAt;
      } else {
        Object.assign(step, g.skips(true, step.createdAt, now));
        step.updatedAt = g.between(step.createdAt, now);
      }
      tasks.push(step);
    }
    if (active && stepCount > 0 && doneSteps > 0) top.workedAt = g.between(now - 30 * DAY, now - DAY);
  }

  // The day's own handful, spread through the backlog: due today, worked on recently, pinned.
  const openTop = tasks.filter((t) => t.status === 'open' && t.parentId === null && t.snoozedUntil === null);
  const spread = <T>(items: T[], n: number): T[] =>
    items.length === 0
      ? []
      : Array.from({ length: n }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / n)]!);
  const dayStart = startOfDay(now);
  spread(openTop, TODAY_TIMES.length + TODAY_UNTIMED).forEach((t, i) => {
    const time = TODAY_TIMES[i];
    t.due = time ? { at: atLocalTime(dayStart, time), hasTime: true } : { at: dayStart, hasTime: false };
  });
  const worked = tasks.filter((t) => t.workedAt !== null);
  for (const t of spread(worked, Math.min(RECENTLY_WORKED, worked.length))) {
    t.workedAt = g.between(now - 10 * HOUR, now - MIN);
  }
  const pinned = spread(openTop, 1)[0];
  if (pinned) pinned.pinnedFor = dayKey(addDays(now, 1));

  const isActive = (t: Task): boolean => t.status === 'open' || t.status === 'waiting';
  return {
    tasks,
    active: tasks.filter(isActive).length,
    steps: tasks.filter((t) => t.parentId !== null).length,
    withDue: tasks.filter((t) => t.due !== null).length,
    timedToday: tasks.filter(
      (t) => isActive(t) && t.due?.hasTime && t.due.at >= dayStart && t.due.at < dayStart + DAY,
    ).length,
    snoozedOrWaiting: tasks.filter((t) => isActive(t) && (t.status === 'waiting' || t.snoozedUntil !== null))
      .length,
  };
}
