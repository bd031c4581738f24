import { nextDayKey } from '../../shared/days';
import type { Reflection, Task } from '../../shared/types';
import { cacheOf, fromRow, toCountedRow, type KineticDb } from './schema';
import { makeTask, type NewTask } from './tasks';
import { settle } from './rowCache';

export interface ReflectionInput {
  day: string;
  moved: string;
  inTheWay: string;
  tomorrowStep: string;
  morningTrigger: boolean;
  /** Tomorrow's step as quick-add reads it (title, estimate, tags, due, priority); the text as typed when absent. */
  step?: NewTask | null;
}

/** A first step without an estimate is a two-minute one. */
const STEP_MINUTES = 2;

const clean = (text: string): string => text.trim().slice(0, 4000);

export class ReflectionRepository {
  constructor(private readonly db: KineticDb) {}

  async get(day: string): Promise<Reflection | undefined> {
    return this.db.reflections.get(day);
  }

  /**
   * Saves the day's reflection and, when a first step for tomorrow is given, creates it as a task
   * pinned as the next day's first action — in one transaction. Reflecting again the same day
   * updates that same task instead of adding another.
   */
  async save(input: ReflectionInput, now: number): Promise<{ reflection: Reflection; step: Task | null }> {
    return this.db.write([this.db.reflections, this.db.tasks, this.db.meta], async () => {
      const previous = await this.db.reflections.get(input.day);
      const stepTitle = clean(input.tomorrowStep).replace(/\s+/g, ' ');
      const parsed = input.step && input.step.title.trim() ? input.step : null;
      const fields: NewTask = {
        title: parsed ? clean(parsed.title).replace(/\s+/g, ' ') : stepTitle,
        due: parsed?.due ?? null,
        estimateMin: parsed?.estimateMin ?? STEP_MINUTES,
        tags: parsed?.tags ?? [],
        priority: parsed?.priority ?? null,
      };
      let step: Task | null = null;
      const existingRow = previous?.tomorrowStepTaskId
        ? await this.db.tasks.get(previous.tomorrowStepTaskId)
        : undefined;
      const existing = existingRow ? fromRow(existingRow) : null;
      if (stepTitle) {
        const pinnedFor = nextDayKey(input.day);
        // An earlier step that is still open is updated; one that was done, archived or set
        // waiting meanwhile stays as it is, and tomorrow gets a fresh step.
        step =
          existing && existing.status === 'open'
            ? { ...existing, ...fields, pinnedFor, snoozedUntil: null, updatedAt: now }
            : { ...makeTask(fields, now), pinnedFor };
        await this.db.tasks.put(
          toCountedRow(
            step,
            existingRow && existing?.id === step.id ? cacheOf(existingRow) : { openSteps: 0 },
          ),
        );
      } else if (existing && existing.status === 'open' && existing.pinnedFor !== null) {
        // The step was cleared: it is no longer tomorrow's first step (the task itself stays).
        await this.db.tasks.put(
          toCountedRow(
            { ...existing, pinnedFor: null, updatedAt: now },
            existingRow ? cacheOf(existingRow) : {},
          ),
        );
      }
      await settle(
        this.db,
        [step?.id, existing?.id].filter((id): id is string => id !== undefined),
        now,
      );
      const reflection: Reflection = {
        day: input.day,
        moved: clean(input.moved),
        inTheWay: clean(input.inTheWay),
        tomorrowStep: stepTitle,
        tomorrowStepTaskId: step?.id ?? null,
        morningTrigger: step !== null && input.morningTrigger,
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      await this.db.reflections.put(reflection);
      return { reflection, step };
    });
  }

  /** Reflections from `fromDay` to `toDay` inclusive, newest first. */
  async between(fromDay: string, toDay: string): Promise<Reflection[]> {
    const list = await this.db.reflections.where('day').between(fromDay, toDay, true, true).toArray();
    return list.reverse();
  }
}
