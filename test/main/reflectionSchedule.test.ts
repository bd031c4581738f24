import { describe, expect, it } from 'vitest';
import type { Notification, NotifierPort, PowerEvent } from '../../electron/main/ports';
import { ReflectionScheduleService } from '../../electron/main/services/reflectionSchedule';
import { SettingsService } from '../../electron/main/services/settings';
import type { SettingsPatch } from '../../shared/settings';
import { FakeClock } from '../fakes/clock';
import { MemoryStore } from '../fakes/memoryStore';
import {
  HOUR,
  MIN,
  RecordingLog,
  RecordingWindows,
  local,
  startTestKinetic,
  task,
} from '../fakes/testKinetic';

const INVITE = 'Time to close the day';
const MORNING = 'Your first tiny step';

class TimedNotifier implements NotifierPort {
  readonly shown: (Notification & { at: number })[] = [];
  constructor(private readonly clock: FakeClock) {}
  notify(notification: Notification): void {
    this.shown.push({ ...notification, at: this.clock.now() });
  }
  /** When each invitation came. */
  invitations(): number[] {
    return this.shown.filter((n) => n.title === INVITE).map((n) => n.at);
  }
}

interface Rig {
  service: ReflectionScheduleService;
  settings: SettingsService;
  clock: FakeClock;
  store: MemoryStore;
  notifier: TimedNotifier;
  windows: RecordingWindows;
  power(event: PowerEvent): Promise<void>;
  update(patch: SettingsPatch): Promise<void>;
}

/** Starts the service like startKinetic does (settings loaded, then start()), wired to settings changes. */
async function rig(startAt: number, store = new MemoryStore()): Promise<Rig> {
  const clock = new FakeClock(startAt);
  const log = new RecordingLog();
  const settings = new SettingsService(store, log);
  await settings.load();
  const notifier = new TimedNotifier(clock);
  const windows = new RecordingWindows();
  const service = new ReflectionScheduleService({ clock, store, notifier, windows, settings, log });
  await service.start();
  return {
    service,
    settings,
    clock,
    store,
    notifier,
    windows,
    power: (event) => service.onPower(event),
    async update(patch) {
      await settings.update(patch);
      await service.reschedule();
    },
  };
}

/** Advances to a local time (which must be in the future). */
async function until(r: Rig, at: number): Promise<void> {
  if (at < r.clock.now()) throw new Error('until() cannot go back in time');
  await r.clock.advanceAsync(at - r.clock.now());
}

describe('the daily invitation', () => {
  it('comes at 17:30 local, not a millisecond before, and opens the reflection window', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    expect(r.service.nextInvitationAt()).toBe(local(2026, 11, 26, 17, 30));
    expect(r.clock.pending()).toEqual([local(2026, 11, 26, 17, 30)]);
    await until(r, local(2026, 11, 26, 17, 30) - 1);
    expect(r.notifier.shown).toEqual([]);
    await r.clock.advanceAsync(1);
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 17, 30)]);

    r.notifier.shown[0]?.onClick?.();
    expect(r.windows.visible.has('reflection')).toBe(true);
  });

  it('comes once a day, every day', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    await until(r, local(2026, 11, 29, 12, 0));
    expect(r.notifier.invitations()).toEqual([
      local(2026, 11, 26, 17, 30),
      local(2026, 11, 27, 17, 30),
      local(2026, 11, 28, 17, 30),
    ]);
    expect(r.clock.pending()).toEqual([local(2026, 11, 29, 17, 30)]);
  });

  it('is not repeated by a wake, a settings change or a restart later that day', async () => {
    const store = new MemoryStore();
    const r = await rig(local(2026, 11, 26, 9, 0), store);
    await until(r, local(2026, 11, 26, 18, 0));
    await r.power('suspend');
    r.clock.set(local(2026, 11, 26, 20, 0));
    await r.power('resume');
    await r.power('unlock-screen');
    await r.update({ focusMinutes: 30 });
    expect(r.notifier.invitations()).toHaveLength(1);

    const restarted = await rig(local(2026, 11, 26, 21, 0), store);
    expect(restarted.notifier.shown).toEqual([]);
    expect(restarted.clock.pending()).toEqual([local(2026, 11, 27, 17, 30)]);
  });

  it('comes at once when the app starts after 17:30 on a day it missed', async () => {
    const r = await rig(local(2026, 11, 26, 19, 45));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 19, 45)]);
    expect(r.clock.pending()).toEqual([local(2026, 11, 27, 17, 30)]);
  });

  it('never comes on a day the user already reflected on', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    await until(r, local(2026, 11, 26, 16, 0));
    await r.service.saved('2026-11-26', null);
    expect(r.service.state()).toEqual({ lastReflectedDay: '2026-11-26' });
    await until(r, local(2026, 11, 27, 12, 0));
    expect(r.notifier.shown).toEqual([]);
    await until(r, local(2026, 11, 27, 18, 0));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 27, 17, 30)]);
  });

  it('an older reflection saved later does not move the last reflected day back', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    await r.service.saved('2026-11-26', null);
    await r.service.saved('2026-11-20', null);
    expect(r.service.state()).toEqual({ lastReflectedDay: '2026-11-26' });
  });

  it('never comes when turned off, and comes again once turned back on', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    await r.update({ reflectionEnabled: false });
    expect(r.service.nextInvitationAt()).toBeNull();
    expect(r.clock.pending()).toEqual([]);
    await until(r, local(2026, 11, 29, 9, 0));
    await r.power('resume');
    expect(r.notifier.shown).toEqual([]);

    await r.update({ reflectionEnabled: true });
    await until(r, local(2026, 11, 29, 18, 0));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 29, 17, 30)]);
  });

  it('is re-planned when the time changes in settings', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    await r.update({ reflectionTime: '12:15' });
    expect(r.clock.pending()).toEqual([local(2026, 11, 26, 12, 15)]);
    await until(r, local(2026, 11, 26, 23, 0));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 12, 15)]);

    await r.update({ reflectionTime: '21:00' });
    await until(r, local(2026, 11, 27, 22, 0));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 12, 15), local(2026, 11, 27, 21, 0)]);
  });

  it('through startKinetic, a settings change over IPC re-plans it', async () => {
    const k = await startTestKinetic({ startAt: local(2026, 11, 26, 9, 0) });
    await k.call('settings:update', { reflectionTime: '10:00' });
    await k.clock.advanceAsync(HOUR);
    expect(k.notifier.titles()).toEqual([INVITE]);
    await k.call('settings:update', { reflectionEnabled: false });
    await k.clock.advanceAsync(48 * HOUR);
    expect(k.notifier.titles()).toEqual([INVITE]);
  });
});

describe('when the disk fails', () => {
  it('a failed write does not cost the invitation, or the days after it', async () => {
    const r = await rig(local(2026, 11, 26, 17, 0));
    r.store.failNextWrite(new Error('disk full'));
    await until(r, local(2026, 11, 26, 17, 30));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 17, 30)]);
    expect(r.clock.pending()).toEqual([local(2026, 11, 27, 17, 30)]);
    // Remembered in memory: a wake later that day does not invite again.
    await r.power('resume');
    await until(r, local(2026, 11, 27, 18, 0));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 17, 30), local(2026, 11, 27, 17, 30)]);
    expect(r.store.peek('reflection.json')).toMatchObject({ lastInvitedDay: '2026-11-27' });
  });
});

describe('sleep', () => {
  it('asleep at 17:30: the invitation comes at the next wake the same day', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    await until(r, local(2026, 11, 26, 17, 0));
    await r.power('suspend');
    expect(r.clock.pending()).toEqual([]);
    r.clock.set(local(2026, 11, 26, 19, 10));
    await r.clock.advanceAsync(0);
    expect(r.notifier.shown).toEqual([]);
    await r.power('resume');
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 19, 10)]);
    expect(r.clock.pending()).toEqual([local(2026, 11, 27, 17, 30)]);
  });

  it('asleep past midnight: nothing for the missed day; the new day’s 17:30 works', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    await until(r, local(2026, 11, 26, 17, 0));
    await r.power('suspend');
    r.clock.set(local(2026, 11, 27, 8, 30));
    await r.power('resume');
    await r.power('unlock-screen');
    expect(r.notifier.shown).toEqual([]);
    expect(r.clock.pending()).toEqual([local(2026, 11, 27, 17, 30)]);
    await until(r, local(2026, 11, 27, 18, 0));
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 27, 17, 30)]);
  });

  it('a stale timer firing late after a wake does not invite twice', async () => {
    const r = await rig(local(2026, 11, 26, 9, 0));
    // No suspend event arrives (it can be missed): the clock just jumps and the timer fires late.
    r.clock.set(local(2026, 11, 26, 20, 0));
    await r.clock.advanceAsync(0);
    await r.power('resume');
    await r.power('unlock-screen');
    expect(r.notifier.invitations()).toEqual([local(2026, 11, 26, 20, 0)]);
  });
});

describe('daylight saving days in Europe/Berlin', () => {
  for (const [name, day] of [
    ['spring forward (2026-03-29)', [2026, 3, 29]],
    ['fall back (2026-10-25)', [2026, 10, 25]],
  ] as const) {
    it(`${name}: still 17:30 local`, async () => {
      const [y, m, d] = day;
      const r = await rig(local(y, m, d - 1, 18, 0));
      // The day before: invited at once on start (after 17:30).
      expect(r.notifier.invitations()).toEqual([local(y, m, d - 1, 18, 0)]);
      await until(r, local(y, m, d + 1, 18, 0));
      const at = r.notifier.invitations().slice(1);
      expect(at).toEqual([local(y, m, d, 17, 30), local(y, m, d + 1, 17, 30)]);
      expect(at.map((ms) => new Date(ms).toTimeString().slice(0, 5))).toEqual(['17:30', '17:30']);
      // The DST day is not 24 hours long: the schedule follows the local clock, not a fixed period.
      expect(local(y, m, d + 1, 0, 0) - local(y, m, d, 0, 0)).not.toBe(24 * HOUR);
    });
  }

  it('starting in the night of the change still plans 17:30 local', async () => {
    const r = await rig(local(2026, 3, 29, 1, 30));
    expect(r.clock.pending()).toEqual([local(2026, 3, 29, 17, 30)]);
    expect(new Date(local(2026, 3, 29, 17, 30)).toISOString()).toBe('2026-03-29T15:30:00.000Z');
    const autumn = await rig(local(2026, 10, 25, 2, 30));
    expect(autumn.clock.pending()).toEqual([local(2026, 10, 25, 17, 30)]);
    expect(new Date(local(2026, 10, 25, 17, 30)).toISOString()).toBe('2026-10-25T16:30:00.000Z');
  });
});

describe('the morning step (“when I first open my laptop”)', () => {
  const step = task('step-1', 'Open the draft', 5);

  function commands(r: Rig): unknown[] {
    return r.windows.sentOn('app:command', 'main');
  }

  it('appears at the first wake on its day, exactly once', async () => {
    const r = await rig(local(2026, 11, 26, 20, 0));
    await r.service.saved('2026-11-26', { task: step, day: '2026-11-27' });
    // Still the same evening: nothing yet.
    await r.power('lock-screen');
    await r.power('unlock-screen');
    await r.power('resume');
    expect(commands(r)).toEqual([]);

    await r.power('suspend');
    r.clock.set(local(2026, 11, 27, 7, 45));
    await r.power('resume');
    expect(r.windows.visible.has('main')).toBe(true);
    expect(commands(r)).toEqual([{ command: 'morningStep', taskId: 'step-1' }]);
    expect(r.notifier.shown.filter((n) => n.title === MORNING)).toHaveLength(1);
    expect(r.notifier.shown.find((n) => n.title === MORNING)?.body).toContain('Open the draft');

    await r.power('unlock-screen');
    await r.power('resume');
    expect(commands(r)).toHaveLength(1);
  });

  it('appears at the first unlock on its day', async () => {
    const r = await rig(local(2026, 11, 26, 20, 0));
    await r.service.saved('2026-11-26', { task: step, day: '2026-11-27' });
    await r.power('lock-screen');
    r.clock.set(local(2026, 11, 27, 9, 0));
    await r.power('unlock-screen');
    expect(commands(r)).toEqual([{ command: 'morningStep', taskId: 'step-1' }]);
  });

  it('appears at the first app start on or after its day, and not again after another restart', async () => {
    const store = new MemoryStore();
    const evening = await rig(local(2026, 11, 26, 20, 0), store);
    await evening.service.saved('2026-11-26', { task: step, day: '2026-11-27' });

    const sameNight = await rig(local(2026, 11, 26, 23, 0), store);
    expect(commands(sameNight)).toEqual([]);

    const twoDaysLater = await rig(local(2026, 11, 28, 8, 0), store);
    expect(commands(twoDaysLater)).toEqual([{ command: 'morningStep', taskId: 'step-1' }]);
    expect(twoDaysLater.windows.visible.has('main')).toBe(true);

    const again = await rig(local(2026, 11, 28, 9, 0), store);
    expect(commands(again)).toEqual([]);
  });

  it('saving the reflection again with the trigger off cancels it', async () => {
    const r = await rig(local(2026, 11, 26, 20, 0));
    await r.service.saved('2026-11-26', { task: step, day: '2026-11-27' });
    await r.service.saved('2026-11-26', null);
    r.clock.set(local(2026, 11, 27, 7, 45));
    await r.power('resume');
    expect(commands(r)).toEqual([]);
  });

  it('through IPC: reflection:saved records the day and the step', async () => {
    const k = await startTestKinetic({ startAt: local(2026, 11, 26, 20, 0) });
    const ok = await k.invoke(
      'reflection:saved',
      { day: '2026-11-26', morningStep: { task: step, day: '2026-11-27' } },
      'reflection',
    );
    expect(ok).toEqual({ ok: true, value: null });
    expect(await k.call('reflection:get', undefined)).toEqual({ lastReflectedDay: '2026-11-26' });
    // Not a day key: refused before it reaches the service.
    const bad = await k.invoke('reflection:saved', { day: '2026-02-30', morningStep: null }, 'reflection');
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

    k.clock.set(local(2026, 11, 27, 7, 0));
    await k.powerEvent('resume');
    expect(k.windows.sentOn('app:command', 'main')).toEqual([{ command: 'morningStep', taskId: 'step-1' }]);
    await k.clock.advanceAsync(12 * HOUR + 30 * MIN);
    // Started at 20:00 on the 26th: that day's invitation came at start; then the step; then the 27th's.
    expect(k.notifier.titles()).toEqual([INVITE, MORNING, INVITE]);
    expect(k.clock.now()).toBe(local(2026, 11, 27, 19, 30));
  });
});
