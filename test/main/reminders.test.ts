import { describe, expect, it } from 'vitest';
import { ReminderService } from '../../electron/main/services/reminders';
import { SettingsService } from '../../electron/main/services/settings';
import { FakeNotifier } from '../fakes/ports';
import { FakeClock } from '../fakes/clock';
import { MemoryStore } from '../fakes/memoryStore';
import { MIN, RecordingLog, RecordingWindows, local } from '../fakes/testKinetic';

const T0 = local(2026, 11, 27, 16, 0);
const DUE = local(2026, 11, 27, 17, 0);

async function rig(leadMinutes = 0) {
  const clock = new FakeClock(T0);
  const notifier = new FakeNotifier();
  const windows = new RecordingWindows();
  const settings = new SettingsService(new MemoryStore(), new RecordingLog());
  await settings.load();
  if (leadMinutes) await settings.update({ reminderLeadMinutes: leadMinutes });
  const reminders = new ReminderService({ clock, notifier, windows, settings });
  return { clock, notifier, windows, reminders, settings };
}

describe('reminders for tasks due at a time', () => {
  it('notify once at the due time, and clicking shows the main window', async () => {
    const r = await rig();
    r.reminders.set([{ id: 't1', title: 'Send the invoice', at: DUE }]);
    r.clock.advance(60 * MIN - 1);
    expect(r.notifier.shown).toEqual([]);
    r.clock.advance(1);
    expect(r.notifier.shown).toMatchObject([{ title: 'Due now', body: 'Send the invoice' }]);
    r.notifier.shown[0]!.onClick?.();
    expect(r.windows.log).toContain('show:main');
    // The main window reports the same list again: no second notification.
    r.reminders.set([{ id: 't1', title: 'Send the invoice', at: DUE }]);
    r.clock.advance(10 * MIN);
    expect(r.notifier.titles()).toEqual(['Due now']);
  });

  it('notify the lead time before too, when settings ask for it', async () => {
    const r = await rig(15);
    r.reminders.set([{ id: 't1', title: 'Send the invoice', at: DUE }]);
    r.clock.advance(45 * MIN);
    expect(r.notifier.shown).toMatchObject([{ title: 'Due at 5 pm', body: 'Send the invoice' }]);
    r.clock.advance(15 * MIN);
    expect(r.notifier.titles()).toEqual(['Due at 5 pm', 'Due now']);
  });

  it('follow the list: a task done (gone from it) or moved is not announced at its old time', async () => {
    const r = await rig();
    r.reminders.set([
      { id: 't1', title: 'Send the invoice', at: DUE },
      { id: 't2', title: 'Call Sam', at: DUE + 30 * MIN },
    ]);
    r.reminders.set([{ id: 't2', title: 'Call Sam', at: DUE + 60 * MIN }]);
    r.clock.advance(90 * MIN);
    expect(r.notifier.shown).toEqual([]);
    r.clock.advance(30 * MIN);
    expect(r.notifier.shown).toMatchObject([{ title: 'Due now', body: 'Call Sam' }]);
  });

  it('stay quiet about a time the computer slept through long ago', async () => {
    const r = await rig();
    r.reminders.set([{ id: 't1', title: 'Send the invoice', at: DUE }]);
    r.clock.set(DUE + 3 * 60 * MIN);
    r.clock.advance(0);
    expect(r.notifier.shown).toEqual([]);
  });
});
