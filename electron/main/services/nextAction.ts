import type { TaskRef } from '../../../shared/types';

/**
 * The current next action as the main window last reported it. Main never computes it (it has
 * no database); it needs it for the tray menu and the global "start focus" shortcut.
 */
export class NextActionService {
  private current: TaskRef | null = null;
  private readonly listeners = new Set<(task: TaskRef | null) => void>();

  get(): TaskRef | null {
    return this.current;
  }

  report(task: TaskRef | null): void {
    const same =
      task === this.current ||
      (task !== null &&
        this.current !== null &&
        task.id === this.current.id &&
        task.title === this.current.title &&
        task.estimateMin === this.current.estimateMin);
    if (same) return;
    this.current = task;
    for (const listener of this.listeners) listener(task);
  }

  onChange(listener: (task: TaskRef | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
