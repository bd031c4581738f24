/**
 * A turn of main's event loop. Long work (taking a large log from a sync folder, compacting it)
 * awaits one between slices, so that IPC, the tray and the timers are not held meanwhile.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
