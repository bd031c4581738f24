import { describe, expect, it } from 'vitest';
import { sameAccelerator } from '../../shared/settings';

describe('sameAccelerator', () => {
  it.each([
    ['CommandOrControl+Shift+Space', 'Shift+Ctrl+space', 'linux', true],
    ['CmdOrCtrl+Shift+Space', 'Control+Shift+Space', 'win32', true],
    ['CommandOrControl+Shift+Space', 'Cmd+Shift+Space', 'darwin', true],
    ['CommandOrControl+Shift+Space', 'Ctrl+Shift+Space', 'darwin', false],
    ['Super+K', 'Meta+k', 'linux', true],
    ['Super+K', 'Command+K', 'darwin', true],
    ['Super+K', 'Ctrl+K', 'linux', false],
    ['Alt+Return', 'Option+Enter', 'darwin', true],
    ['Ctrl+Esc', 'Control+Escape', 'linux', true],
    ['Ctrl+Shift+F', 'Ctrl+F', 'linux', false],
    ['Ctrl+Shift+F', 'Ctrl+Shift+G', 'linux', false],
    ['Ctrl+Plus', 'Ctrl+=', 'linux', false],
  ])('%s and %s on %s: %s', (a, b, platform, same) => {
    expect(sameAccelerator(a, b, platform)).toBe(same);
    expect(sameAccelerator(b, a, platform)).toBe(same);
  });
});
