import { describe, expect, it } from 'vitest';
import { FocusService } from '../../electron/main/services/focus';
import { OutboxService } from '../../electron/main/services/outbox';
import { SettingsService } from '../../electron/main/services/settings';
import { remainingMs, timerPhase, focusedMs } from '../../shared/focusTimer';
import type { FocusSnapshot } from '../../shared/focus';
import type { OutboxItem } from '../../shared/ipc';
import type { FocusSession } from '../../shared/types';
import { twoMinuteStarts } from '../../shared/stepSize';
import { FakeNotifier } from '../fakes/ports';
import { FakeClock, settle } from '../fakes/clock';
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

const T0 = local(2026, 11, 26, 9, 0);

interface Rig {
  focus: FocusService;
  outbox: OutboxService;
  settings: SettingsService;
  clock: FakeClock;
  store: MemoryStore;
  windows: RecordingWindows;
  notifier: FakeNotifier;
  log: RecordingLog;
  /** Snapshots the service reported to its listeners. */
  changes: FocusSnapshot[];
}

/** A FocusService on its own (no tray, no reflection timers), loaded like startKinetic loads it. */
async function rig(store = new MemoryStore(), clock = new FakeClock(T0)): Promise<Rig> {
  const windows = new RecordingWindows();
  const notifier = new FakeNotifier();
  const log = new RecordingLog();
  const settings = new SettingsService(store, log);
  await settings.load();
  const outbox = new OutboxService(store, windows, log);
  await outbox.load();
  let ids = 0;
  const focus = new FocusService({
    clock,
    store,
    windows,
    notifier,
    outbox,
    settings,
    newId: () => `s${++ids}-${clock.now()}`,
    log,
  });
  const changes: FocusSnapshot[] = [];
  focus.onChange((s) => changes.push(s));
  await focus.load();
  return { focus, outbox, settings, clock, store, windows, notifier, log, changes };
}

function sessions(outbox: OutboxService): FocusSession[] {
  return outbox.list().map((item) => item.session);
}

function remaining(r: Rig): number {
  return remainingMs(r.focus.snapshot().timer, r.clock.now());
}

describe('starting a session', () => {
  it('runs for the default length from settings (25 min) and schedules exactly one finish', async () => {
    const r = await rig();
    const snapshot = await r.focus.start(task('t1', 'Write intro'), 'standard');
    expect(snapshot.task).toEqual(task('t1', 'Write intro'));
    expect(timerPhase(snapshot.timer, T0)).toBe('running');
    expect(remaining(r)).toBe(25 * MIN);
    expect(r.clock.pending()).toEqual([T0 + 25 * MIN]);
    expect(r.windows.visible.has('focus')).toBe(true);
  });

  it('uses the task estimate when it is shorter, the default when it is longer', async () => {
    const r = await rig();
    await r.focus.start(task('t1', 'Short', 10), 'standard');
    expect(remaining(r)).toBe(10 * MIN);
    await r.focus.stop(null);
    await r.focus.start(task('t2', 'Long', 90), 'standard');
    expect(remaining(r)).toBe(25 * MIN);
  });

  it('uses the focus length from settings', async () => {
    const r = await rig();
    await r.settings.update({ focusMinutes: 40 });
    await r.focus.start(task('t1'), 'standard');
    expect(remaining(r)).toBe(40 * MIN);
    expect(r.clock.pending()).toEqual([T0 + 40 * MIN]);
  });

  it('two-minute mode is two minutes whatever the estimate', async () => {
    const r = await rig();
    await r.focus.start(task('t1', 'Tiny', 1), 'twoMinute');
    expect(remaining(r)).toBe(2 * MIN);
    expect(r.focus.snapshot().mode).toBe('twoMinute');
  });
});

describe('the finish', () => {
  it('fires exactly at the end: logged as completed with the full length, notified, focus window shown', async () => {
    const r = await rig();
    await r.focus.start(task('t1', 'Write intro'), 'standard');
    r.windows.hide('focus');

    await r.clock.advanceAsync(25 * MIN - 1);
    expect(r.focus.phase()).toBe('running');
    expect(r.outbox.list()).toEqual([]);
    expect(r.notifier.shown).toEqual([]);

    await r.clock.advanceAsync(1);
    expect(r.focus.phase()).toBe('finished');
    expect(sessions(r.outbox)).toEqual([
      {
        id: expect.any(String) as string,
        taskId: 't1',
        title: 'Write intro',
        startedAt: T0,
        endedAt: T0 + 25 * MIN,
        plannedMs: 25 * MIN,
        focusedMs: 25 * MIN,
        outcome: 'completed',
        pauses: [],
        note: null,
      },
    ]);
    expect(r.notifier.titles()).toEqual(['Focus session done']);
    expect(r.notifier.shown[0]?.body).toContain('Write intro');
    expect(r.windows.visible.has('focus')).toBe(true);
    expect(r.windows.sentOn('outbox:changed', 'main')).toEqual([{ pending: 1 }]);
    expect(r.clock.pending()).toEqual([]);
    // The outbox is on disk, not only in memory.
    expect((r.store.peek('outbox.json') as OutboxItem[]).map((i) => i.session.outcome)).toEqual([
      'completed',
    ]);
  });

  it('is recomputed after each transition: one pending timeout, at the new finish time', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(5 * MIN);
    await r.focus.pause('user');
    expect(r.clock.pending()).toEqual([]);
    await r.clock.advanceAsync(10 * MIN);
    await r.focus.resume();
    expect(r.clock.pending()).toEqual([T0 + 35 * MIN]);
    await r.focus.extend(5);
    expect(r.clock.pending()).toEqual([T0 + 40 * MIN]);
    await r.clock.advanceAsync(40 * MIN);
    expect(sessions(r.outbox)).toMatchObject([
      { outcome: 'completed', plannedMs: 30 * MIN, focusedMs: 30 * MIN, endedAt: T0 + 40 * MIN },
    ]);
    expect(r.notifier.titles()).toEqual(['Focus session done']);
  });

  it('names two-minute sessions in the notification', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'twoMinute');
    await r.clock.advanceAsync(2 * MIN);
    expect(r.notifier.titles()).toEqual(['Two minutes done']);
    expect(sessions(r.outbox)).toMatchObject([{ plannedMs: 2 * MIN, focusedMs: 2 * MIN }]);
  });

  it('keep going after the finish runs exactly the extension and later logs only the new stretch', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(25 * MIN);
    // The user comes back three minutes after the finish and keeps going for 10 minutes.
    await r.clock.advanceAsync(3 * MIN);
    await r.focus.extend(10);
    expect(r.focus.phase()).toBe('running');
    expect(remaining(r)).toBe(10 * MIN);
    expect(r.clock.pending()).toEqual([T0 + 38 * MIN]);

    await r.clock.advanceAsync(10 * MIN);
    const [first, second] = sessions(r.outbox);
    expect(first).toMatchObject({ outcome: 'completed', plannedMs: 25 * MIN, focusedMs: 25 * MIN });
    expect(second).toMatchObject({
      outcome: 'completed',
      startedAt: T0 + 28 * MIN,
      endedAt: T0 + 38 * MIN,
      plannedMs: 10 * MIN,
      focusedMs: 10 * MIN,
    });
    expect(second?.id).not.toBe(first?.id);
    expect(r.notifier.titles()).toEqual(['Focus session done', 'Focus session done']);
  });

  it('records a two-minute start, and a keep going as continuing it (for "kept going N of M")', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'twoMinute');
    await r.clock.advanceAsync(2 * MIN);
    await r.focus.extend(10);
    await r.clock.advanceAsync(10 * MIN);
    await r.focus.extend(5);
    await r.clock.advanceAsync(MIN);
    await r.focus.stop(null);
    // Not kept going: the next two-minute start ends after its two minutes.
    await r.focus.start(task('t2'), 'twoMinute');
    await r.clock.advanceAsync(2 * MIN);
    await r.focus.done();
    await r.focus.start(task('t3'), 'standard');
    await r.focus.stop(null);
    const [first, second, third, fourth, fifth] = sessions(r.outbox);
    expect(first).toMatchObject({ mode: 'twoMinute', plannedMs: 2 * MIN });
    expect(first).not.toHaveProperty('continues');
    expect(second).toMatchObject({ mode: 'twoMinute', continues: first!.id, plannedMs: 10 * MIN });
    expect(third).toMatchObject({ mode: 'twoMinute', continues: second!.id, outcome: 'stopped' });
    expect(fourth).toMatchObject({ mode: 'twoMinute', taskId: 't2' });
    expect(fourth).not.toHaveProperty('continues');
    expect(fifth).not.toHaveProperty('mode');
    expect(fifth).not.toHaveProperty('continues');
    expect(twoMinuteStarts(sessions(r.outbox), T0, T0 + HOUR)).toEqual({ starts: 2, keptGoing: 1 });
  });

  it('survives a restart between the finish and keep going', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(T0);
    const r = await rig(store, clock);
    await r.focus.start(task('t1'), 'twoMinute');
    await clock.advanceAsync(2 * MIN);
    const again = await rig(store, clock);
    await again.focus.extend(5);
    await again.focus.stop(null);
    const [first, second] = sessions(again.outbox);
    expect(second).toMatchObject({ mode: 'twoMinute', continues: first!.id });
  });

  it('keep going, then done early: the new stretch is logged with the time actually focused', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(25 * MIN);
    await r.focus.extend(25);
    await r.clock.advanceAsync(7 * MIN);
    await r.focus.done();
    expect(sessions(r.outbox).map((s) => [s.outcome, s.plannedMs, s.focusedMs])).toEqual([
      ['completed', 25 * MIN, 25 * MIN],
      ['completed', 25 * MIN, 7 * MIN],
    ]);
  });
});

describe('pause, resume, stop, done, abandon', () => {
  it('pause freezes the remaining time and records the pause; resume continues', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(10 * MIN);
    const paused = await r.focus.pause('user');
    expect(timerPhase(paused.timer, r.clock.now())).toBe('paused');
    expect(paused.pausedBy).toBeNull();
    await r.clock.advanceAsync(HOUR);
    expect(remaining(r)).toBe(15 * MIN);
    expect(r.outbox.list()).toEqual([]);

    const resumed = await r.focus.resume();
    expect(resumed.pauses).toEqual([{ at: T0 + 10 * MIN, resumedAt: T0 + 70 * MIN, reason: 'user' }]);
    await r.clock.advanceAsync(15 * MIN);
    expect(sessions(r.outbox)).toMatchObject([
      { outcome: 'completed', focusedMs: 25 * MIN, endedAt: T0 + 85 * MIN, pauses: [{ reason: 'user' }] },
    ]);
  });

  it('pause and resume that do not apply change nothing and broadcast nothing', async () => {
    const r = await rig();
    const before = r.windows.broadcasts.length;
    await r.focus.pause('user');
    await r.focus.resume();
    await r.focus.start(task('t1'), 'standard');
    await r.focus.resume();
    expect(r.windows.broadcasts.length).toBe(before + 1);
  });

  it('stop logs the session as stopped with the note, hides the focus window and goes idle', async () => {
    const r = await rig();
    await r.focus.start(task('t1', 'Draft'), 'standard');
    await r.clock.advanceAsync(12 * MIN);
    const snapshot = await r.focus.stop('  stuck on the intro  ');
    expect(snapshot.timer).toEqual({ phase: 'idle' });
    expect(snapshot.task).toBeNull();
    expect(sessions(r.outbox)).toMatchObject([
      { outcome: 'stopped', note: 'stuck on the intro', plannedMs: 25 * MIN, focusedMs: 12 * MIN },
    ]);
    expect(r.windows.visible.has('focus')).toBe(false);
    expect(r.clock.pending()).toEqual([]);
    expect(r.notifier.shown).toEqual([]);
  });

  it('a blank note is stored as null', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.focus.stop('   ');
    expect(sessions(r.outbox)[0]?.note).toBeNull();
  });

  it('done while running logs completed with the time focused so far', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(8 * MIN);
    await r.focus.done();
    expect(sessions(r.outbox)).toMatchObject([
      { outcome: 'completed', focusedMs: 8 * MIN, plannedMs: 25 * MIN },
    ]);
    expect(r.focus.phase()).toBe('idle');
  });

  it('done after the finish does not log the session twice', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(30 * MIN);
    await r.focus.done();
    expect(sessions(r.outbox)).toHaveLength(1);
    expect(r.focus.phase()).toBe('idle');
  });

  it('starting a new session while one runs logs the old one as stopped (a switch) and runs the new one', async () => {
    const r = await rig();
    await r.focus.start(task('old', 'Old task'), 'standard');
    await r.clock.advanceAsync(6 * MIN);
    const snapshot = await r.focus.start(task('new', 'New task', 10), 'standard');

    expect(sessions(r.outbox)).toMatchObject([{ taskId: 'old', outcome: 'stopped', focusedMs: 6 * MIN }]);
    expect(snapshot.task?.id).toBe('new');
    expect(snapshot.timer).toMatchObject({ phase: 'active', taskId: 'new', startedAt: T0 + 6 * MIN });
    expect(remaining(r)).toBe(10 * MIN);
    expect(r.clock.pending()).toEqual([T0 + 16 * MIN]);

    await r.clock.advanceAsync(10 * MIN);
    expect(sessions(r.outbox)).toMatchObject([
      { taskId: 'old', outcome: 'stopped' },
      {
        taskId: 'new',
        outcome: 'completed',
        startedAt: T0 + 6 * MIN,
        plannedMs: 10 * MIN,
        focusedMs: 10 * MIN,
      },
    ]);
  });

  it('starting a new session while one is paused stops the paused one', async () => {
    const r = await rig();
    await r.focus.start(task('old'), 'standard');
    await r.clock.advanceAsync(3 * MIN);
    await r.focus.pause('user');
    await r.focus.start(task('new'), 'twoMinute');
    expect(sessions(r.outbox)).toMatchObject([{ taskId: 'old', outcome: 'stopped', focusedMs: 3 * MIN }]);
    expect(r.focus.phase()).toBe('running');
    expect(remaining(r)).toBe(2 * MIN);
    expect(r.focus.snapshot().pauses).toEqual([]);
  });

  it('make it smaller stops the session and opens Break down in the main window', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(4 * MIN);
    await r.focus.smaller();
    expect(sessions(r.outbox)).toMatchObject([{ outcome: 'stopped', focusedMs: 4 * MIN }]);
    expect(r.windows.visible.has('main')).toBe(true);
    expect(r.windows.sentOn('app:command', 'main')).toEqual([{ command: 'breakDown', taskId: 't1' }]);
  });
});

describe('sleep and lock', () => {
  it('sleep pauses the session; on wake it asks to resume and shows the focus window', async () => {
    const r = await rig();
    await r.focus.start(task('t1', 'Write intro'), 'standard');
    await r.clock.advanceAsync(10 * MIN);
    await r.focus.onPower('suspend');
    expect(r.clock.pending()).toEqual([]);

    r.windows.hide('focus');
    r.clock.set(r.clock.now() + 3 * HOUR);
    await r.focus.onPower('resume');

    const snapshot = r.focus.snapshot();
    expect(r.focus.phase()).toBe('paused');
    expect(snapshot.pausedBy).toBe('suspend');
    expect(snapshot.pauses).toEqual([{ at: T0 + 10 * MIN, resumedAt: null, reason: 'suspend' }]);
    expect(remaining(r)).toBe(15 * MIN);
    expect(focusedMs(snapshot.timer, r.clock.now())).toBe(10 * MIN);
    expect(r.outbox.list()).toEqual([]);
    expect(r.notifier.titles()).toEqual(['Focus paused while your computer slept']);
    expect(r.notifier.shown[0]?.body).toBe('Resume “Write intro”? 15:00 left.');
    expect(r.windows.visible.has('focus')).toBe(true);

    // The user resumes: the rest runs, and the sleep never counts as focus.
    await r.focus.resume();
    expect(r.focus.snapshot().pausedBy).toBeNull();
    expect(r.clock.pending()).toEqual([r.clock.now() + 15 * MIN]);
    await r.clock.advanceAsync(15 * MIN);
    expect(sessions(r.outbox)).toMatchObject([
      {
        outcome: 'completed',
        focusedMs: 25 * MIN,
        endedAt: T0 + 3 * HOUR + 25 * MIN,
        pauses: [{ at: T0 + 10 * MIN, resumedAt: T0 + 3 * HOUR + 10 * MIN, reason: 'suspend' }],
      },
    ]);
  });

  it('a session that would have finished during the sleep does not finish on wake', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(24 * MIN);
    await r.focus.onPower('suspend');
    r.clock.set(r.clock.now() + 8 * HOUR);
    await r.clock.advanceAsync(0);
    await r.focus.onPower('resume');
    expect(r.focus.phase()).toBe('paused');
    expect(remaining(r)).toBe(1 * MIN);
    expect(r.outbox.list()).toEqual([]);
  });

  it('resume and unlock arriving together ask once', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.focus.onPower('suspend');
    r.clock.set(r.clock.now() + HOUR);
    await r.focus.onPower('resume');
    await r.focus.onPower('unlock-screen');
    expect(r.notifier.shown).toHaveLength(1);
  });

  it('lock pauses, unlock asks (“while you were away”); then resuming continues', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.clock.advanceAsync(5 * MIN);
    await r.focus.onPower('lock-screen');
    expect(r.focus.snapshot().pausedBy).toBe('lock-screen');
    await r.clock.advanceAsync(20 * MIN);
    await r.focus.onPower('unlock-screen');
    expect(r.notifier.titles()).toEqual(['Focus paused while you were away']);
    expect(r.notifier.shown[0]?.body).toContain('20:00 left');
    expect(remaining(r)).toBe(20 * MIN);
    await r.focus.resume();
    await r.clock.advanceAsync(20 * MIN);
    expect(sessions(r.outbox)).toMatchObject([{ focusedMs: 25 * MIN, pauses: [{ reason: 'lock-screen' }] }]);
  });

  it('a session the user paused is not announced on wake', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.focus.pause('user');
    await r.focus.onPower('suspend');
    await r.focus.onPower('resume');
    expect(r.notifier.shown).toEqual([]);
    expect(r.focus.snapshot().pausedBy).toBeNull();
  });

  it('clicking the wake notification shows the focus window', async () => {
    const r = await rig();
    await r.focus.start(task('t1'), 'standard');
    await r.focus.onPower('suspend');
    await r.focus.onPower('resume');
    r.windows.hide('focus');
    r.notifier.shown[0]?.onClick?.();
    expect(r.windows.visible.has('focus')).toBe(true);
  });
});

describe('restart', () => {
  it('a running session resumes with the right remaining time and its finish scheduled', async () => {
    const store = new MemoryStore();
    const before = await rig(store);
    await before.focus.start(task('t1', 'Write intro'), 'standard');
    await before.clock.advanceAsync(5 * MIN);

    // The app quits and starts again two minutes later.
    const after = await rig(store, new FakeClock(T0 + 7 * MIN));
    expect(after.focus.phase()).toBe('running');
    expect(after.focus.snapshot().task).toEqual(task('t1', 'Write intro'));
    expect(remaining(after)).toBe(18 * MIN);
    expect(after.clock.pending()).toEqual([T0 + 25 * MIN]);

    await after.clock.advanceAsync(18 * MIN);
    expect(sessions(after.outbox)).toMatchObject([
      { taskId: 't1', outcome: 'completed', startedAt: T0, endedAt: T0 + 25 * MIN, focusedMs: 25 * MIN },
    ]);
    expect(after.notifier.titles()).toEqual(['Focus session done']);
  });

  it('a paused session stays paused with its remaining time', async () => {
    const store = new MemoryStore();
    const before = await rig(store);
    await before.focus.start(task('t1'), 'standard');
    await before.clock.advanceAsync(10 * MIN);
    await before.focus.pause('user');
    const after = await rig(store, new FakeClock(T0 + 5 * HOUR));
    expect(after.focus.phase()).toBe('paused');
    expect(remaining(after)).toBe(15 * MIN);
    expect(after.clock.pending()).toEqual([]);
    // Paused by the user: nothing to ask.
    expect(after.notifier.shown).toEqual([]);
  });

  it('a session sleep paused asks again after a restart, once', async () => {
    const store = new MemoryStore();
    const before = await rig(store);
    await before.focus.start(task('t1', 'Write intro'), 'standard');
    await before.clock.advanceAsync(10 * MIN);
    await before.focus.onPower('suspend');
    // The computer slept, and Kinetic was quit (or the machine restarted) before it woke.

    const after = await rig(store, new FakeClock(T0 + 9 * HOUR));
    expect(after.focus.phase()).toBe('paused');
    expect(after.focus.snapshot().pausedBy).toBe('suspend');
    expect(after.notifier.titles()).toEqual(['Focus paused while your computer slept']);
    expect(after.notifier.shown[0]?.body).toBe('Resume “Write intro”? 15:00 left.');
    expect(after.windows.visible.has('focus')).toBe(true);
    // The wake events that follow a start do not ask a second time.
    await after.focus.onPower('resume');
    await after.focus.onPower('unlock-screen');
    expect(after.notifier.shown).toHaveLength(1);

    await after.focus.resume();
    expect(after.focus.phase()).toBe('running');
    expect(remaining(after)).toBe(15 * MIN);
  });

  it('a session whose finish passed while the app was closed is finished at once: logged and notified', async () => {
    const store = new MemoryStore();
    const before = await rig(store);
    await before.focus.start(task('t1', 'Write intro'), 'standard');
    await before.clock.advanceAsync(20 * MIN);

    const after = await rig(store, new FakeClock(T0 + 2 * HOUR));
    expect(after.focus.phase()).toBe('finished');
    expect(sessions(after.outbox)).toMatchObject([
      { taskId: 't1', outcome: 'completed', endedAt: T0 + 25 * MIN, focusedMs: 25 * MIN },
    ]);
    expect(after.notifier.titles()).toEqual(['Focus session done']);
    expect(after.windows.visible.has('focus')).toBe(true);
    expect(after.clock.pending()).toEqual([]);
    // Listeners and windows heard about it once.
    expect(after.windows.broadcastsOn('focus:changed')).toHaveLength(1);

    // A third start does not log or notify it again.
    const third = await rig(store, new FakeClock(T0 + 3 * HOUR));
    expect(sessions(third.outbox)).toHaveLength(1);
    expect(third.notifier.shown).toEqual([]);
  });

  it('the outbox survives restarts until the main window acknowledges it', async () => {
    const store = new MemoryStore();
    const first = await rig(store);
    await first.focus.start(task('a'), 'standard');
    await first.focus.done();
    await first.focus.start(task('b'), 'standard');
    await first.focus.stop('later');

    const second = await rig(store);
    expect(second.outbox.list().map((i) => i.session.taskId)).toEqual(['a', 'b']);
    const [a] = second.outbox.list();
    await second.outbox.ack([a?.id ?? '', 'unknown-id']);
    expect(second.outbox.list().map((i) => i.session.taskId)).toEqual(['b']);

    const third = await rig(store);
    expect(third.outbox.list().map((i) => i.session.taskId)).toEqual(['b']);
  });

  it('an invalid focus document is kept aside and the service starts idle', async () => {
    const store = new MemoryStore();
    store.put('focus.json', { timer: { phase: 'active', taskId: '', totalMs: -1 } });
    const r = await rig(store);
    expect(r.focus.phase()).toBe('idle');
    expect(store.peek('focus.json.invalid')).toEqual({ timer: { phase: 'active', taskId: '', totalMs: -1 } });
    expect(r.log.warnings.join('\n')).toContain('focus.json');
  });
});

describe('when the disk fails', () => {
  it('a failed outbox write at the finish loses nothing and logs nothing twice', async () => {
    const store = new MemoryStore();
    const r = await rig(store);
    await r.focus.start(task('t1'), 'standard');
    store.failNextWrite(new Error('disk full'));
    await r.clock.advanceAsync(25 * MIN);
    expect(r.log.warnings).toContain('outbox.json: write failed (Error: disk full)');

    // After a restart the session is still there to be logged: it is finished then, once.
    const after = await rig(store, new FakeClock(T0 + HOUR));
    expect(sessions(after.outbox)).toMatchObject([
      { taskId: 't1', outcome: 'completed', focusedMs: 25 * MIN },
    ]);
    expect((store.peek('outbox.json') as OutboxItem[]).length).toBe(1);

    // In the first process, the next action logs it (the same record, not a second one).
    await r.focus.done();
    expect(sessions(r.outbox)).toHaveLength(1);
    expect((store.peek('outbox.json') as OutboxItem[]).map((i) => i.session.taskId)).toEqual(['t1']);
  });

  it('a failed write on start is reported to the caller, and the next start works', async () => {
    const r = await rig();
    r.store.failNextWrite(new Error('disk full'));
    await expect(r.focus.start(task('t1'), 'standard')).rejects.toThrow('disk full');
    const snapshot = await r.focus.start(task('t2'), 'standard');
    expect(snapshot.task?.id).toBe('t2');
    expect(r.clock.pending()).toEqual([T0 + 25 * MIN]);
  });
});

describe('focus:changed', () => {
  it('is broadcast on transitions only, never per second', async () => {
    const r = await rig();
    const count = (): number => r.windows.broadcastsOn('focus:changed').length;
    const atLoad = count();
    await r.focus.start(task('t1'), 'standard');
    expect(count()).toBe(atLoad + 1);
    await r.clock.advanceAsync(10 * MIN);
    expect(count()).toBe(atLoad + 1);
    await r.focus.pause('user');
    await r.clock.advanceAsync(10 * MIN);
    await r.focus.resume();
    expect(count()).toBe(atLoad + 3);
    await r.clock.advanceAsync(15 * MIN); // the finish
    expect(count()).toBe(atLoad + 4);
    await r.clock.advanceAsync(HOUR);
    expect(count()).toBe(atLoad + 4);
    await r.focus.done();
    expect(count()).toBe(atLoad + 5);
    expect(r.changes).toHaveLength(count());
    expect(r.windows.broadcastsOn('focus:changed').at(-1)?.timer).toEqual({ phase: 'idle' });
  });

  it('carries the keep-going minutes from settings', async () => {
    const r = await rig();
    await r.settings.update({ keepGoingMinutes: 15 });
    const snapshot = await r.focus.start(task('t1'), 'standard');
    expect(snapshot.keepGoingMinutes).toBe(15);
  });
});

describe('through startKinetic', () => {
  it('the focus shortcut starts on the reported next action, then pauses and resumes', async () => {
    const k = await startTestKinetic();
    await k.call('nextAction:report', { task: task('n1', 'Call Sam', 5) });
    k.shortcuts.press('CommandOrControl+Alt+Shift+F');
    await settle();
    const focus = k.main.services.focus;
    expect(focus.snapshot().task?.id).toBe('n1');
    expect(focus.phase()).toBe('running');
    expect(remainingMs(focus.snapshot().timer, k.clock.now())).toBe(5 * MIN);

    k.shortcuts.press('CommandOrControl+Alt+Shift+F');
    await settle();
    expect(focus.phase()).toBe('paused');
    k.shortcuts.press('CommandOrControl+Alt+Shift+F');
    await settle();
    expect(focus.phase()).toBe('running');
  });

  it('the focus shortcut with nothing next notifies instead of starting', async () => {
    const k = await startTestKinetic();
    k.shortcuts.press('CommandOrControl+Alt+Shift+F');
    await settle();
    expect(k.main.services.focus.phase()).toBe('idle');
    expect(k.notifier.titles()).toEqual(['Nothing to focus on yet']);
  });

  it('after a finish the shortcut starts a fresh session on the next action', async () => {
    const k = await startTestKinetic();
    await k.call('nextAction:report', { task: task('n1') });
    await k.call('focus:start', { task: task('n1'), mode: 'twoMinute' });
    await k.clock.advanceAsync(2 * MIN);
    expect(k.main.services.focus.phase()).toBe('finished');
    k.shortcuts.press('CommandOrControl+Alt+Shift+F');
    await settle();
    expect(k.main.services.focus.phase()).toBe('running');
    expect(remainingMs(k.main.services.focus.snapshot().timer, k.clock.now())).toBe(25 * MIN);
  });

  it('sleep through the power port pauses, and the IPC resume continues', async () => {
    const k = await startTestKinetic();
    await k.call('focus:start', { task: task('t1'), mode: 'standard' }, 'focus');
    await k.clock.advanceAsync(5 * MIN);
    await k.powerEvent('suspend');
    k.clock.set(k.clock.now() + 3 * HOUR);
    await k.powerEvent('resume');
    const focus = k.main.services.focus;
    expect(focus.phase()).toBe('paused');
    expect(focus.snapshot().pausedBy).toBe('suspend');
    expect(k.notifier.titles()).toContain('Focus paused while your computer slept');
    const resumed = await k.call('focus:resume', undefined, 'focus');
    expect(timerPhase(resumed.timer, k.clock.now())).toBe('running');
    expect(remainingMs(resumed.timer, k.clock.now())).toBe(20 * MIN);
  });

  it('restart with a later clock: finishes a session that ran out while closed, with no window open', async () => {
    const store = new MemoryStore();
    const first = await startTestKinetic({ store });
    await first.call('focus:start', { task: task('t1', 'Write intro'), mode: 'standard' });
    const second = await startTestKinetic({ store, startAt: first.clock.now() + HOUR });
    expect(second.main.services.focus.phase()).toBe('finished');
    expect(second.notifier.titles()).toEqual(['Focus session done']);
    expect(second.windows.visible.has('focus')).toBe(true);
    const pending = await second.call('outbox:list', undefined);
    expect(pending.map((i) => [i.session.taskId, i.session.outcome, i.session.focusedMs])).toEqual([
      ['t1', 'completed', 25 * MIN],
    ]);
    await second.call('outbox:ack', { ids: pending.map((i) => i.id) });
    const third = await startTestKinetic({ store, startAt: first.clock.now() + 2 * HOUR });
    expect(await third.call('outbox:list', undefined)).toEqual([]);
  });
});
