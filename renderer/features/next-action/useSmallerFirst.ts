import { useEffect, useState } from 'react';
import { needsSmallerStep } from '../../../shared/stepSize';
import type { Task } from '../../../shared/types';
import { useStores } from '../../stores';

/**
 * Whether the shown task should offer "Make the first step smaller" first (shared/stepSize.ts).
 * Reads the task's sessions again whenever it was worked on or changed.
 */
export function useSmallerFirst(task: Task | null): boolean {
  const { repos } = useStores();
  const [smaller, setSmaller] = useState<{ id: string; value: boolean } | null>(null);
  const id = task?.id ?? null;
  const stamp = task ? `${task.updatedAt}:${task.workedAt ?? ''}` : '';
  useEffect(() => {
    if (!task) return;
    let live = true;
    if (needsSmallerStep(task, [])) {
      setSmaller({ id: task.id, value: true });
      return;
    }
    repos()
      .then((r) => r.sessions.forTask(task.id))
      .then((sessions) => live && setSmaller({ id: task.id, value: needsSmallerStep(task, sessions) }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // The task object changes identity on every read; its id and stamps say when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, stamp, repos]);
  return smaller !== null && smaller.id === id && smaller.value;
}
