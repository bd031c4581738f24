import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersistedDoc } from '../../electron/main/services/persisted';
import { SettingsService } from '../../electron/main/services/settings';
import type { StorePort } from '../../electron/main/ports';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/settings';
import { MemoryStore } from '../fakes/memoryStore';
import { RecordingLog, startTestKinetic } from '../fakes/testKinetic';

async function loaded(store = new MemoryStore()): Promise<{ settings: SettingsService; log: RecordingLog }> {
  const log = new RecordingLog();
  const settings = new SettingsService(store, log);
  await settings.load();
  return { settings, log };
}

describe('SettingsService', () => {
  it('starts with the defaults when nothing is stored', async () => {
    const { settings, log } = await loaded();
    expect(settings.get()).toEqual({
      quickAddShortcut: 'CommandOrControl+Shift+Space',
      focusShortcut: 'CommandOrControl+Alt+Shift+F',
      focusMinutes: 25,
      keepGoingMinutes: 25,
      reflectionEnabled: true,
      reflectionTime: '17:30',
      // Off until the user asks: no login item, no task text in logs. Updates are on.
      launchAtLogin: false,
      updatesEnabled: true,
      debugLogging: false,
      reminderLeadMinutes: 0,
      // A task due at a time comes before today's pinned step from 30 minutes before it.
      dueFirstMinutes: 30,
      focusLengthSuggested: false,
    });
    expect(log.warnings).toEqual([]);
  });

  it('update persists, tells listeners (new and previous) and survives a restart', async () => {
    const store = new MemoryStore();
    const { settings } = await loaded(store);
    const seen: [Settings, Settings][] = [];
    settings.onChange((next, previous) => seen.push([next, previous]));
    const next = await settings.update({ focusMinutes: 45, reflectionTime: '18:05' });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, focusMinutes: 45, reflectionTime: '18:05' });
    expect(seen).toEqual([[next, DEFAULT_SETTINGS]]);
    expect(store.peek('settings.json')).toEqual(next);
    const { settings: restarted } = await loaded(store);
    expect(restarted.get()).toEqual(next);
  });

  it('an invalid update throws a zod error and changes nothing', async () => {
    const store = new MemoryStore();
    const { settings } = await loaded(store);
    let notified = 0;
    settings.onChange(() => notified++);
    const bad: unknown[] = [
      { focusMinutes: 0 },
      { focusMinutes: 241 },
      { focusMinutes: 2.5 },
      { keepGoingMinutes: '10' },
      { reflectionEnabled: 'yes' },
      { reflectionTime: '24:00' },
      { reflectionTime: '7:30' },
      { quickAddShortcut: '' },
      { focusShortcut: 'Ctrl+Shift+<script>' },
      { dueFirstMinutes: 45 },
      { dueFirstMinutes: 0 },
      { dueFirstMinutes: '30' },
    ];
    for (const patch of bad) {
      await expect(settings.update(patch as SettingsPatch)).rejects.toBeInstanceOf(z.ZodError);
    }
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.writes).toEqual([]);
    expect(notified).toBe(0);
  });

  it('keeps the lead time for tasks due at a time, one of 15, 30, 60 or 120 minutes', async () => {
    const store = new MemoryStore();
    const { settings } = await loaded(store);
    expect((await settings.update({ dueFirstMinutes: 60 })).dueFirstMinutes).toBe(60);
    expect((await loaded(store)).settings.get().dueFirstMinutes).toBe(60);
    const refused = settings.update({ dueFirstMinutes: 45 });
    await expect(refused).rejects.toThrow('Choose 15, 30, 60 or 120 minutes');
    store.put('settings.json', { dueFirstMinutes: 7 });
    expect((await loaded(store)).settings.get().dueFirstMinutes).toBe(30);
  });

  it('an unlisted key in an update is dropped (the full schema strips it)', async () => {
    const { settings } = await loaded();
    const next = await settings.update({ focusMinutes: 30, theme: 'dark' } as SettingsPatch);
    expect(next).toEqual({ ...DEFAULT_SETTINGS, focusMinutes: 30 });
  });

  it('one invalid field on disk falls back alone; the others are kept', async () => {
    const store = new MemoryStore();
    store.put('settings.json', {
      quickAddShortcut: 'Alt+Space',
      focusShortcut: 42,
      focusMinutes: 50,
      keepGoingMinutes: -3,
      reflectionEnabled: false,
      reflectionTime: 'teatime',
      unknown: 'ignored',
    });
    const { settings } = await loaded(store);
    expect(settings.get()).toEqual({
      quickAddShortcut: 'Alt+Space',
      focusShortcut: DEFAULT_SETTINGS.focusShortcut,
      focusMinutes: 50,
      keepGoingMinutes: DEFAULT_SETTINGS.keepGoingMinutes,
      reflectionEnabled: false,
      reflectionTime: DEFAULT_SETTINGS.reflectionTime,
      // A file from before these settings existed gets their defaults.
      launchAtLogin: false,
      updatesEnabled: true,
      debugLogging: false,
      reminderLeadMinutes: DEFAULT_SETTINGS.reminderLeadMinutes,
      dueFirstMinutes: 30,
      // Settings saved before the focus-length suggestion existed: not suggested yet.
      focusLengthSuggested: false,
    });
    // A partial file (from an older version) fills in the rest.
    store.put('settings.json', { focusMinutes: 15 });
    expect((await loaded(store)).settings.get()).toEqual({ ...DEFAULT_SETTINGS, focusMinutes: 15 });
  });

  it('a settings file that is not an object is kept aside and the defaults are used', async () => {
    const store = new MemoryStore();
    store.put('settings.json', ['not', 'settings']);
    const { settings, log } = await loaded(store);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.peek('settings.json.invalid')).toEqual(['not', 'settings']);
    expect(store.peek('settings.json')).toEqual(['not', 'settings']);
    expect(log.warnings).toEqual([
      'settings.json: invalid content kept as settings.json.invalid; using defaults',
    ]);
  });

  it('a failed write is reported to the caller and changes nothing, and the next update is written', async () => {
    const store = new MemoryStore();
    const { settings, log } = await loaded(store);
    const changes: Settings[] = [];
    settings.onChange((next) => changes.push(next));
    store.failNextWrite(new Error('disk full'));
    await expect(settings.update({ focusMinutes: 30 })).rejects.toThrow('disk full');
    expect(log.warnings.join('\n')).toContain('settings.json: write failed (Error: disk full)');
    // What is in effect is what is on disk: no listener (shortcuts, schedule) saw the unsaved value.
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(changes).toEqual([]);
    await settings.update({ focusMinutes: 35 });
    expect(store.peek('settings.json')).toMatchObject({ focusMinutes: 35 });
  });

  it('takes updates made at once in turn: a failed one is in neither the next one nor what its listeners are told', async () => {
    const store = new MemoryStore();
    const { settings } = await loaded(store);
    const changes: [Settings, Settings][] = [];
    settings.onChange((next, previous) => changes.push([next, previous]));
    store.failNextWrite(new Error('disk full'));
    const first = settings.update({ focusMinutes: 30 });
    const second = settings.update({ keepGoingMinutes: 10 });
    await expect(first).rejects.toThrow('disk full');
    const saved = await second;
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, keepGoingMinutes: 10 });
    expect(changes).toEqual([[saved, DEFAULT_SETTINGS]]);
    expect(settings.get()).toEqual(saved);
    expect(store.peek('settings.json')).toEqual(saved);
  });

  it('through IPC: a bad value is refused with the field named, and nothing changes', async () => {
    const k = await startTestKinetic();
    const result = await k.invoke('settings:update', { focusMinutes: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    if (!result.ok) expect(result.error.message).toMatch(/^focusMinutes: /);
    const unknown = await k.invoke('settings:update', { theme: 'dark' } as SettingsPatch);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(k.main.services.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(k.store.peek('settings.json')).toBeUndefined();
  });
});

describe('PersistedDoc', () => {
  const schema = z.object({ n: z.number() });
  const fallback = { n: 0 };

  it('a missing document gives the fallback', async () => {
    const doc = new PersistedDoc(new MemoryStore(), 'doc.json', schema, fallback, new RecordingLog());
    expect(await doc.load()).toEqual({ n: 0 });
  });

  it('an invalid document is kept aside as <name>.invalid and the fallback is used', async () => {
    const store = new MemoryStore();
    store.put('doc.json', { n: 'one' });
    const log = new RecordingLog();
    const doc = new PersistedDoc(store, 'doc.json', schema, fallback, log);
    expect(await doc.load()).toEqual({ n: 0 });
    expect(store.peek('doc.json.invalid')).toEqual({ n: 'one' });
    expect(log.warnings).toHaveLength(1);
    // The next write replaces the invalid document; the copy stays.
    await doc.set({ n: 2 });
    expect(store.peek('doc.json')).toEqual({ n: 2 });
    expect(store.peek('doc.json.invalid')).toEqual({ n: 'one' });
  });

  it('a store that cannot be read gives the fallback, with a warning', async () => {
    const broken: StorePort = {
      read: () => Promise.reject(new Error('EACCES')),
      write: () => Promise.resolve(),
    };
    const log = new RecordingLog();
    const doc = new PersistedDoc(broken, 'doc.json', schema, fallback, log);
    expect(await doc.load()).toEqual({ n: 0 });
    expect(log.warnings).toEqual(['doc.json: could not be read (Error: EACCES); using defaults']);
  });

  it('writes one at a time, in order, even when the store is slow', async () => {
    const started: unknown[] = [];
    const finish: (() => void)[] = [];
    const stored: unknown[] = [];
    const slow: StorePort = {
      read: () => Promise.resolve(undefined),
      write: (_name, value) => {
        started.push(value);
        return new Promise((resolve) =>
          finish.push(() => {
            stored.push(value);
            resolve();
          }),
        );
      },
    };
    const doc = new PersistedDoc(slow, 'doc.json', schema, fallback, new RecordingLog());
    const first = doc.set({ n: 1 });
    const second = doc.set({ n: 2 });
    expect(doc.get()).toEqual({ n: 2 }); // the value is current at once
    await Promise.resolve();
    expect(started).toEqual([{ n: 1 }]);
    finish.shift()?.();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([{ n: 1 }, { n: 2 }]);
    finish.shift()?.();
    await second;
    expect(stored).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('a failed write rejects that set only; later writes still go through', async () => {
    const store = new MemoryStore();
    const doc = new PersistedDoc(store, 'doc.json', schema, fallback, new RecordingLog());
    store.failNextWrite();
    const failed = doc.set({ n: 1 });
    const next = doc.set({ n: 2 });
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBeUndefined();
    expect(store.peek('doc.json')).toEqual({ n: 2 });
  });
});
