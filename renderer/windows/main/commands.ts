/**
 * Commands main sends the main window (open Add, History, the morning greeting, ...), listened
 * for from the page's first module: the app that handles them loads only after the first frame
 * (main.ts), and a command sent meanwhile waits here for it instead of being lost.
 */
import type { AppCommand } from '../../../shared/ipc';
import { kinetic } from '../../ipc';

const early: AppCommand[] = [];
let handle: ((command: AppCommand) => void) | null = null;

kinetic.app.onCommand((command) => {
  if (handle) handle(command);
  else early.push(command);
});

/** Hands every command, those that came early first, to `handler`. */
export function handleCommands(handler: (command: AppCommand) => void): void {
  handle = handler;
  for (const command of early.splice(0)) handler(command);
}
