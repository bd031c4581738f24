/** A task from what the user typed: the title and tags checked, the rest as parsed. */
import type { ParsedQuickAdd } from '../../shared/quickAdd';
import { openTask, tagProblem, type Task } from '../../shared/types';

export const MAX_TITLE = 1000;

/** A write the user asked for could not be done; the message is for the user. */
export class TaskInputError extends Error {
  override name = 'TaskInputError';
}

export type NewTask = Pick<ParsedQuickAdd, 'title' | 'due' | 'estimateMin' | 'tags' | 'priority'>;

export function cleanTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean === '') throw new TaskInputError('Give it a few words first.');
  if (clean.length > MAX_TITLE) throw new TaskInputError(`Keep it under ${MAX_TITLE} characters.`);
  return clean;
}

const newId = (): string => crypto.randomUUID();

/** A new open task from parsed input (title checked and cleaned). */
export function makeTask(input: NewTask, now: number, parentId: string | null = null, order = 0): Task {
  const tagsProblem = tagProblem(input.tags);
  if (tagsProblem) throw new TaskInputError(tagsProblem);
  return openTask(newId(), cleanTitle(input.title), now, {
    parentId,
    order,
    due: input.due,
    estimateMin: input.estimateMin,
    tags: [...input.tags],
    priority: input.priority,
  });
}
