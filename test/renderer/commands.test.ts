import { describe, expect, it, vi } from 'vitest';
import type { AppCommand } from '../../shared/ipc';

describe('main window commands', () => {
  it('keeps the commands that arrive before the app has loaded, and hands them over in order', async () => {
    let send: (command: AppCommand) => void = () => undefined;
    vi.stubGlobal('window', {
      kinetic: { app: { onCommand: (listener: (command: AppCommand) => void) => (send = listener) } },
    });
    try {
      const { handleCommands } = await import('../../renderer/windows/main/commands');
      send({ command: 'morningStep', taskId: 't1' });
      send({ command: 'add', taskId: null });
      const seen: AppCommand[] = [];
      handleCommands((command) => seen.push(command));
      expect(seen).toEqual([
        { command: 'morningStep', taskId: 't1' },
        { command: 'add', taskId: null },
      ]);
      send({ command: 'history', taskId: null });
      expect(seen.at(-1)).toEqual({ command: 'history', taskId: null });
      expect(seen).toHaveLength(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
