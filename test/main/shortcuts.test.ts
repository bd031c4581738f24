import { describe, expect, it } from 'vitest';
import { ShortcutService } from '../../electron/main/services/shortcuts';
import { DEFAULT_SETTINGS, sameAccelerator, type Settings } from '../../shared/settings';
import { settle } from '../fakes/clock';
import { startTestKinetic, TestShortcuts } from '../fakes/testKinetic';

const QUICK = 'CommandOrControl+Shift+Space';
const FOCUS = 'CommandOrControl+Alt+Shift+F';

describe('at start', () => {
  it('registers both default shortcuts, and they do what they say', async () => {
    const k = await startTestKinetic();
    expect(k.main.services.shortcuts.get()).toEqual({
      quickAdd: { accelerator: QUICK, registered: true, problem: null, note: null },
      focus: { accelerator: FOCUS, registered: true, problem: null, note: null },
    });
    expect([...k.shortcuts.registered.keys()]).toEqual([QUICK, FOCUS]);

    k.shortcuts.press(QUICK);
    expect(k.windows.visible.has('quickAdd')).toBe(true);
    expect(k.windows.sentOn('quickAdd:shown')).toEqual([null]);
    await k.call('nextAction:report', { task: { id: 't', title: 'Next', estimateMin: null } });
    k.shortcuts.press(FOCUS);
    await settle();
    expect(k.main.services.focus.phase()).toBe('running');
  });

  it('a taken shortcut is reported in words, pointing to the fallbacks', async () => {
    const k = await startTestKinetic({ takenShortcuts: [QUICK, FOCUS] });
    const { quickAdd, focus } = k.main.services.shortcuts.get();
    expect(quickAdd).toMatchObject({ accelerator: QUICK, registered: false });
    expect(quickAdd.problem).toBe(
      'Ctrl+Shift+Space could not be registered — another app is probably using it. Choose another key. ' +
        'Use the tray menu’s Quick add…, a kinetic://add link, or bind `kinetic --add` to a key in your desktop’s keyboard settings.',
    );
    expect(focus.registered).toBe(false);
    expect(focus.problem).toContain('Ctrl+Alt+Shift+F could not be registered');
    expect(focus.problem).toContain('Use the tray menu or press Enter in the Kinetic window to start focus.');
    // The report reaches the windows.
    const view = await k.call('settings:get', undefined, 'quickAdd');
    expect(view.shortcuts.quickAdd.problem).toBe(quickAdd.problem);
  });

  it('macOS names the Command key', async () => {
    const k = await startTestKinetic({ platform: 'darwin', takenShortcuts: [QUICK] });
    expect(k.main.services.shortcuts.get().quickAdd.problem).toMatch(
      /^Cmd\+Shift\+Space could not be registered/,
    );
  });

  it('on Wayland the fallbacks are shown even when registering succeeded (Electron cannot tell)', async () => {
    const k = await startTestKinetic({ wayland: true });
    const { quickAdd, focus } = k.main.services.shortcuts.get();
    expect(quickAdd.registered).toBe(true);
    expect(quickAdd.problem).toBe(
      'On Wayland, Kinetic cannot tell whether your desktop delivers Ctrl+Shift+Space to it. If it does nothing: ' +
        'Use the tray menu’s Quick add…, a kinetic://add link, or bind `kinetic --add` to a key in your desktop’s keyboard settings.',
    );
    expect(focus.registered).toBe(true);
    expect(focus.problem).toContain('Wayland');
    expect(focus.problem).toContain('tray menu');
    // The main window shows the first problem: so it does on Wayland.
    const view = await k.call('settings:get', undefined, 'main');
    expect(view.shortcuts.quickAdd.problem).toBe(quickAdd.problem);
  });

  it('on macOS a registered shortcut carries a note that macOS cannot report a taken key', async () => {
    const k = await startTestKinetic({ platform: 'darwin' });
    const { quickAdd, focus } = k.main.services.shortcuts.get();
    expect(quickAdd).toMatchObject({ registered: true, problem: null });
    expect(quickAdd.note).toBe(
      'macOS does not tell apps when another app already uses a shortcut: if Cmd+Shift+Space does nothing, choose another key.',
    );
    expect(focus.note).toContain('Cmd+Alt+Shift+F');
    // Elsewhere a taken key is reported, so there is no note.
    const linux = await startTestKinetic();
    expect(linux.main.services.shortcuts.get().quickAdd.note).toBeNull();
  });

  it('the default focus shortcut is not Ctrl/Cmd+Shift+F (find in files in most editors)', () => {
    expect(sameAccelerator(DEFAULT_SETTINGS.focusShortcut, 'CommandOrControl+Shift+F', 'linux')).toBe(false);
    expect(sameAccelerator(DEFAULT_SETTINGS.focusShortcut, 'CommandOrControl+Shift+F', 'darwin')).toBe(false);
  });

  it('the same key for both, from disk: quick add gets it and focus is refused', async () => {
    const k = await startTestKinetic({ startAt: 0 });
    const store = k.store;
    store.put('settings.json', { ...DEFAULT_SETTINGS, focusShortcut: QUICK });
    const again = await startTestKinetic({ store });
    const status = again.main.services.shortcuts.get();
    expect(status.quickAdd.registered).toBe(true);
    expect(status.focus).toMatchObject({ accelerator: QUICK, registered: false });
    expect(status.focus.problem).toContain('is already the quick-add shortcut');
    expect(again.shortcuts.registerCalls).toEqual([QUICK]);
  });
});

describe('changing a shortcut in settings', () => {
  it('registers the new key, frees the old one, persists it and tells every window', async () => {
    const k = await startTestKinetic();
    const view = await k.call('settings:update', { quickAddShortcut: 'Alt+Space' }, 'main');
    expect(view.shortcuts.quickAdd).toEqual({
      accelerator: 'Alt+Space',
      registered: true,
      problem: null,
      note: null,
    });
    expect(k.shortcuts.registered.has('Alt+Space')).toBe(true);
    expect(k.shortcuts.registered.has(QUICK)).toBe(false);
    expect(k.shortcuts.unregisterCalls).toEqual([QUICK]);
    expect(k.store.peek('settings.json')).toMatchObject({ quickAddShortcut: 'Alt+Space' });
    expect(k.windows.broadcastsOn('settings:changed')).toEqual([view]);

    // The focus shortcut was left alone.
    expect(k.shortcuts.registerCalls).toEqual([QUICK, FOCUS, 'Alt+Space']);
    k.shortcuts.press('Alt+Space');
    expect(k.windows.visible.has('quickAdd')).toBe(true);
  });

  it('other settings do not touch working shortcuts', async () => {
    const k = await startTestKinetic();
    await k.call('settings:update', { focusMinutes: 50 });
    expect(k.shortcuts.registerCalls).toEqual([QUICK, FOCUS]);
    expect(k.shortcuts.unregisterCalls).toEqual([]);
    expect(k.windows.broadcastsOn('settings:changed')).toHaveLength(1);
  });

  it('a shortcut that could not be registered is tried again on the next change', async () => {
    const k = await startTestKinetic({ takenShortcuts: [QUICK] });
    k.shortcuts.taken.delete(QUICK); // the other app let go of it
    const view = await k.call('settings:update', { keepGoingMinutes: 10 });
    expect(view.shortcuts.quickAdd).toEqual({
      accelerator: QUICK,
      registered: true,
      problem: null,
      note: null,
    });
  });

  it('the quick-add key for focus is refused with a message; the old focus key is freed', async () => {
    const k = await startTestKinetic();
    const view = await k.call('settings:update', { focusShortcut: QUICK });
    expect(view.shortcuts.focus).toMatchObject({ accelerator: QUICK, registered: false });
    expect(view.shortcuts.focus.problem).toBe(
      'Ctrl+Shift+Space is already the quick-add shortcut. Choose another key. ' +
        'Use the tray menu or press Enter in the Kinetic window to start focus.',
    );
    expect(view.shortcuts.quickAdd.registered).toBe(true);
    expect(k.shortcuts.registered.has(FOCUS)).toBe(false);
    k.shortcuts.press(QUICK);
    expect(k.windows.visible.has('quickAdd')).toBe(true);
  });

  it('the quick-add key written another way is still refused for focus', async () => {
    const k = await startTestKinetic();
    const view = await k.call('settings:update', { focusShortcut: 'shift+Ctrl+space' });
    expect(view.shortcuts.focus).toMatchObject({ accelerator: 'shift+Ctrl+space', registered: false });
    expect(view.shortcuts.focus.problem).toMatch(/^shift\+Ctrl\+space is already the quick-add shortcut\./);
    expect(k.shortcuts.registerCalls).toEqual([QUICK, FOCUS]);
    // On macOS CommandOrControl is Cmd, so Ctrl+Shift+Space is a different key there.
    const mac = await startTestKinetic({ platform: 'darwin' });
    const macView = await mac.call('settings:update', { focusShortcut: 'Ctrl+Shift+Space' });
    expect(macView.shortcuts.focus).toMatchObject({ registered: true, problem: null });
  });

  it('the focus key for quick add is refused with a message; focus keeps working', async () => {
    const k = await startTestKinetic();
    const view = await k.call('settings:update', { quickAddShortcut: FOCUS });
    expect(view.shortcuts.quickAdd).toMatchObject({ accelerator: FOCUS, registered: false });
    expect(view.shortcuts.quickAdd.problem).toContain(
      'Ctrl+Alt+Shift+F is already the focus shortcut. Choose another key.',
    );
    expect(view.shortcuts.focus).toEqual({ accelerator: FOCUS, registered: true, problem: null, note: null });
    expect(k.shortcuts.registered.has(QUICK)).toBe(false);
  });

  it('swapping both keys at once registers both', async () => {
    const k = await startTestKinetic();
    const view = await k.call('settings:update', { quickAddShortcut: FOCUS, focusShortcut: QUICK });
    expect(view.shortcuts).toEqual({
      quickAdd: { accelerator: FOCUS, registered: true, problem: null, note: null },
      focus: { accelerator: QUICK, registered: true, problem: null, note: null },
    });
    k.shortcuts.press(FOCUS);
    expect(k.windows.visible.has('quickAdd')).toBe(true);
  });

  it('an accelerator the OS cannot parse is reported, not thrown', async () => {
    const k = await startTestKinetic({ invalidShortcuts: ['Shift+Nonsense'] });
    const result = await k.invoke('settings:update', { focusShortcut: 'Shift+Nonsense' });
    expect(result.ok).toBe(true);
    const focus = k.main.services.shortcuts.get().focus;
    expect(focus).toMatchObject({ accelerator: 'Shift+Nonsense', registered: false });
    expect(focus.problem).toBe(
      'Shift+Nonsense is not a valid shortcut (Error: Invalid accelerator "Shift+Nonsense"). ' +
        'Use the tray menu or press Enter in the Kinetic window to start focus.',
    );
    expect(k.shortcuts.registered.has(FOCUS)).toBe(false);
  });

  it('a malformed accelerator is refused before anything changes', async () => {
    const k = await startTestKinetic();
    for (const bad of ['', '   ', 'Ctrl+Shift+😀', 'x'.repeat(65)]) {
      const result = await k.invoke('settings:update', { quickAddShortcut: bad });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(k.main.services.settings.get().quickAddShortcut).toBe(QUICK);
    expect(k.shortcuts.registerCalls).toEqual([QUICK, FOCUS]);
    expect(k.windows.broadcastsOn('settings:changed')).toEqual([]);
  });
});

describe('ShortcutService.apply', () => {
  const settings = (patch: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

  it('returns the new status and calls the right action for each key', () => {
    const port = new TestShortcuts();
    const calls: string[] = [];
    const service = new ShortcutService(
      port,
      { quickAdd: () => calls.push('quickAdd'), focus: () => calls.push('focus') },
      { platform: 'win32', wayland: false },
    );
    expect(service.get().quickAdd.registered).toBe(false);
    const status = service.apply(settings({ quickAddShortcut: 'Alt+A', focusShortcut: 'Alt+B' }));
    expect(status).toBe(service.get());
    port.press('Alt+A');
    port.press('Alt+B');
    expect(calls).toEqual(['quickAdd', 'focus']);
    service.apply(settings({ quickAddShortcut: 'Alt+A', focusShortcut: 'Alt+B' }));
    expect(port.registerCalls).toEqual(['Alt+A', 'Alt+B']);
  });
});
