import { describe, expect, it } from 'vitest';
import { RING_FRAMES, TrayService, trayDisplay, trayMenu } from '../../electron/main/services/tray';
import type { TrayMenuItem } from '../../electron/main/ports';
import { initialTimer, reduceTimer, type TimerState } from '../../shared/focusTimer';
import type { FocusSnapshot } from '../../shared/focus';
import { FakeTray } from '../fakes/ports';
import { FakeClock } from '../fakes/clock';
import { MIN, local, startTestKinetic, task } from '../fakes/testKinetic';

const T0 = local(2026, 11, 26, 9, 0);
const D = 25 * MIN;

function snapshot(timer: TimerState, title = 'Write the intro'): FocusSnapshot {
  return {
    timer,
    task: timer.phase === 'idle' ? null : task('t1', title),
    mode: 'standard',
    pauses: [],
    pausedBy: null,
    keepGoingMinutes: 25,
  };
}

const idle = snapshot(initialTimer());
const running = snapshot(reduceTimer(initialTimer(), { type: 'start', taskId: 't1', durationMs: D }, T0));
/** Paused after 10 minutes. */
const paused = snapshot(reduceTimer(running.timer, { type: 'pause' }, T0 + 10 * MIN));

function action(menu: TrayMenuItem[], id: string): { label: string; enabled: boolean } | undefined {
  const item = menu.find((i) => i.kind === 'action' && i.id === id);
  return item?.kind === 'action' ? { label: item.label, enabled: item.enabled } : undefined;
}

describe('trayDisplay', () => {
  it('shows the idle icon and plain tooltip without a session', () => {
    for (const s of [null, idle]) {
      expect(trayDisplay(s, T0, 'darwin')).toEqual({
        title: '',
        image: { kind: 'idle' },
        toolTip: 'Kinetic',
      });
    }
  });

  it('macOS: minutes left beside the icon, rounded up', () => {
    expect(trayDisplay(running, T0, 'darwin').title).toBe('25m');
    expect(trayDisplay(running, T0 + 1, 'darwin').title).toBe('25m');
    expect(trayDisplay(running, T0 + MIN, 'darwin').title).toBe('24m');
    expect(trayDisplay(running, T0 + MIN + 1, 'darwin').title).toBe('24m');
    expect(trayDisplay(running, T0 + D - 1, 'darwin').title).toBe('1m');
  });

  it('other platforms show no title, only the ring and the tooltip', () => {
    for (const platform of ['win32', 'linux']) {
      const shown = trayDisplay(running, T0 + MIN, platform);
      expect(shown.title).toBe('');
      expect(shown.toolTip).toBe('Kinetic — Write the intro: 24 min left');
    }
  });

  it('the ring moves from frame 0 to 24 with the elapsed share', () => {
    const frameAt = (ms: number): number => {
      const image = trayDisplay(running, T0 + ms, 'linux').image;
      if (image.kind !== 'progress') throw new Error('expected the progress ring');
      return image.frame;
    };
    expect(frameAt(0)).toBe(0);
    expect(frameAt(D / RING_FRAMES - 1)).toBe(0);
    expect(frameAt(D / RING_FRAMES)).toBe(1);
    expect(frameAt(D / 2)).toBe(12);
    expect(frameAt(D - 1)).toBe(23);
    let previous = 0;
    for (let ms = 0; ms < D; ms += 7_000) {
      const frame = frameAt(ms);
      expect(frame).toBeGreaterThanOrEqual(previous);
      expect(frame).toBeLessThan(RING_FRAMES);
      previous = frame;
    }
  });

  it('paused: marked in the title and tooltip, the ring holds', () => {
    const later = T0 + 90 * MIN;
    expect(trayDisplay(paused, later, 'darwin')).toEqual({
      title: '15m ❚❚',
      image: { kind: 'progress', frame: 9 },
      toolTip: 'Kinetic — Write the intro: 15 min left (paused)',
    });
  });

  it('finished: full ring, “done” on macOS, time is up in the tooltip', () => {
    expect(trayDisplay(running, T0 + D, 'darwin')).toEqual({
      title: 'done',
      image: { kind: 'progress', frame: RING_FRAMES },
      toolTip: 'Kinetic — Write the intro: time is up',
    });
    expect(trayDisplay(running, T0 + D + 5 * MIN, 'linux').title).toBe('');
  });
});

describe('trayMenu', () => {
  it('with a next action and no session: its label, and start focus enabled', () => {
    const menu = trayMenu(task('n', 'Call Sam'), null, T0);
    expect(menu[0]).toEqual({ kind: 'label', label: 'Next: Call Sam' });
    expect(action(menu, 'startFocus')).toEqual({ label: 'Start focus on next action', enabled: true });
    for (const id of ['quickAdd', 'openMain', 'reflect', 'quit'])
      expect(action(menu, id)?.enabled).toBe(true);
    expect(menu.filter((i) => i.kind === 'separator')).toHaveLength(2);
  });

  it('with nothing next: a hint, and start focus disabled', () => {
    const menu = trayMenu(null, idle, T0);
    expect(menu[0]).toEqual({ kind: 'label', label: 'Nothing next — add something' });
    expect(action(menu, 'startFocus')?.enabled).toBe(false);
    expect(action(menu, 'quickAdd')).toEqual({ label: 'Quick add…', enabled: true });
  });

  it('long next-action titles are shortened', () => {
    const title = 'x'.repeat(100);
    const [label] = trayMenu(task('n', title), null, T0);
    expect(label).toEqual({ kind: 'label', label: `Next: ${'x'.repeat(47)}…` });
  });

  it('offers pause while running, resume while paused, start again when finished', () => {
    expect(action(trayMenu(null, running, T0 + MIN), 'pauseFocus')).toEqual({
      label: 'Pause focus',
      enabled: true,
    });
    expect(action(trayMenu(null, running, T0 + MIN), 'startFocus')).toBeUndefined();
    expect(action(trayMenu(null, paused, T0 + 20 * MIN), 'resumeFocus')).toEqual({
      label: 'Resume focus',
      enabled: true,
    });
    expect(action(trayMenu(task('n', 'Next'), running, T0 + D), 'startFocus')?.enabled).toBe(true);
  });
});

describe('TrayService', () => {
  function service(platform = 'darwin'): { tray: FakeTray; clock: FakeClock; service: TrayService } {
    const tray = new FakeTray();
    const clock = new FakeClock(T0);
    return { tray, clock, service: new TrayService(tray, clock, platform) };
  }

  const count = (tray: FakeTray, call: string): number => tray.calls.filter((c) => c === call).length;

  it('while running, checks once a second and calls the port only when the shown value changes', () => {
    const { tray, clock, service: s } = service('darwin');
    s.setFocus(running);
    expect(tray.title).toBe('25m');
    expect(clock.pending()).toEqual([T0 + 1000]);
    tray.calls.length = 0;

    clock.advance(5 * MIN);
    expect(clock.fired).toBe(300);
    expect(tray.title).toBe('20m');
    expect(tray.toolTip).toBe('Kinetic — Write the intro: 20 min left');
    expect(tray.image).toEqual({ kind: 'progress', frame: 4 });
    // One title and one tooltip per minute; one image per ring frame (25 min / 24 frames); the menu never.
    expect(count(tray, 'setTitle')).toBe(5);
    expect(count(tray, 'setToolTip')).toBe(5);
    expect(count(tray, 'setImage')).toBe(4);
    expect(count(tray, 'setMenu')).toBe(0);
    expect(clock.pending()).toEqual([clock.now() + 1000]);
  });

  it('on other platforms, the (empty) title is never set again while running', () => {
    const { tray, clock, service: s } = service('linux');
    s.setFocus(running);
    tray.calls.length = 0;
    clock.advance(5 * MIN);
    expect(count(tray, 'setTitle')).toBe(0);
    expect(count(tray, 'setToolTip')).toBe(5);
  });

  it('stops ticking when paused or idle, and shows the finish without further ticks', () => {
    const { tray, clock, service: s } = service('darwin');
    s.setFocus(running);
    clock.advance(10 * MIN);
    s.setFocus(paused);
    expect(clock.pending()).toEqual([]);
    expect(tray.title).toBe('15m ❚❚');
    expect(action(tray.menu, 'resumeFocus')?.enabled).toBe(true);

    const resumedAt = clock.now() + 30 * MIN;
    clock.advance(30 * MIN);
    const resumed = snapshot(reduceTimer(paused.timer, { type: 'resume' }, resumedAt));
    s.setFocus(resumed);
    expect(clock.pending()).toHaveLength(1);
    clock.advance(15 * MIN);
    expect(tray.title).toBe('done');
    expect(tray.image).toEqual({ kind: 'progress', frame: RING_FRAMES });
    expect(clock.pending()).toEqual([]);

    s.setFocus(idle);
    expect(tray.image).toEqual({ kind: 'idle' });
    expect(tray.title).toBe('');
    expect(clock.pending()).toEqual([]);
  });

  it('keeps a single tick however often it is refreshed', () => {
    const { clock, service: s } = service();
    s.setFocus(running);
    s.setNextAction(task('n', 'A'));
    s.setNextAction(task('n', 'B'));
    s.refresh();
    expect(clock.pending()).toHaveLength(1);
  });

  it('updates the menu when the next action changes, and only then', () => {
    const { tray, service: s } = service();
    s.setNextAction(task('n', 'Call Sam'));
    expect(tray.labels()[0]).toBe('Next: Call Sam');
    const menus = count(tray, 'setMenu');
    s.setNextAction(task('n', 'Call Sam'));
    s.refresh();
    expect(count(tray, 'setMenu')).toBe(menus);
    s.setNextAction(null);
    expect(count(tray, 'setMenu')).toBe(menus + 1);
    expect(action(tray.menu, 'startFocus')?.enabled).toBe(false);
  });
});

describe('the tray through startKinetic', () => {
  it('follows the focus session and the next action, and its menu drives focus', async () => {
    const k = await startTestKinetic({ platform: 'darwin' });
    expect(k.tray.labels()[0]).toBe('Nothing next — add something');
    await k.call('nextAction:report', { task: task('n1', 'Call Sam') });
    expect(k.tray.labels()[0]).toBe('Next: Call Sam');

    k.tray.choose('startFocus');
    await k.clock.advanceAsync(0);
    expect(k.main.services.focus.phase()).toBe('running');
    expect(k.tray.title).toBe('25m');
    await k.clock.advanceAsync(3 * MIN);
    expect(k.tray.title).toBe('22m');

    k.tray.choose('pauseFocus');
    await k.clock.advanceAsync(0);
    expect(k.main.services.focus.phase()).toBe('paused');
    expect(k.tray.title).toBe('22m ❚❚');
    k.tray.choose('resumeFocus');
    await k.clock.advanceAsync(0);
    expect(k.main.services.focus.phase()).toBe('running');
  });

  it('open, reflect and quit do what they say', async () => {
    const k = await startTestKinetic();
    k.tray.choose('openMain');
    k.tray.choose('reflect');
    expect(k.windows.visible).toEqual(new Set(['main', 'reflection']));
    k.tray.choose('quit');
    expect(k.app.quitCalls).toBe(1);
  });
});
