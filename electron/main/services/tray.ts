import { focusedMs, remainingMs, timerPhase } from '../../../shared/focusTimer';
import type { FocusSnapshot } from '../../../shared/focus';
import type { TaskRef } from '../../../shared/types';
import type { ClockPort, TimerHandle, TrayImage, TrayMenuItem, TrayPort } from '../ports';

/** Frames of the progress ring in build/tray/progress: 0 (nothing elapsed) to 24 (all of it). */
export const RING_FRAMES = 24;

export interface TrayDisplay {
  title: string;
  image: TrayImage;
  toolTip: string;
}

/** What the tray shows for a focus state at `now` (pure; macOS uses the title, others the ring). */
export function trayDisplay(snapshot: FocusSnapshot | null, now: number, platform: string): TrayDisplay {
  const timer = snapshot?.timer;
  const phase = timer ? timerPhase(timer, now) : 'idle';
  if (!snapshot || !timer || timer.phase !== 'active' || phase === 'idle') {
    return { title: '', image: { kind: 'idle' }, toolTip: 'Kinetic' };
  }
  const task = snapshot.task?.title ?? 'Focus';
  if (phase === 'finished') {
    return {
      title: platform === 'darwin' ? 'done' : '',
      image: { kind: 'progress', frame: RING_FRAMES },
      toolTip: `Kinetic — ${task}: time is up`,
    };
  }
  const left = remainingMs(timer, now);
  const minutes = Math.ceil(left / 60_000);
  const frame = Math.min(RING_FRAMES, Math.floor((focusedMs(timer, now) / timer.totalMs) * RING_FRAMES));
  const paused = phase === 'paused';
  return {
    title: platform === 'darwin' ? `${minutes}m${paused ? ' ❚❚' : ''}` : '',
    image: { kind: 'progress', frame },
    toolTip: `Kinetic — ${task}: ${minutes} min left${paused ? ' (paused)' : ''}`,
  };
}

export function trayMenu(next: TaskRef | null, snapshot: FocusSnapshot | null, now: number): TrayMenuItem[] {
  const phase = snapshot ? timerPhase(snapshot.timer, now) : 'idle';
  const focusItem: TrayMenuItem =
    phase === 'running'
      ? { kind: 'action', id: 'pauseFocus', label: 'Pause focus', enabled: true }
      : phase === 'paused'
        ? { kind: 'action', id: 'resumeFocus', label: 'Resume focus', enabled: true }
        : { kind: 'action', id: 'startFocus', label: 'Start focus on next action', enabled: next !== null };
  return [
    { kind: 'label', label: next ? `Next: ${truncate(next.title, 48)}` : 'Nothing next — add something' },
    { kind: 'separator' },
    { kind: 'action', id: 'quickAdd', label: 'Quick add…', enabled: true },
    focusItem,
    { kind: 'action', id: 'openMain', label: 'Open Kinetic', enabled: true },
    { kind: 'action', id: 'reflect', label: 'Reflect on today', enabled: true },
    { kind: 'separator' },
    { kind: 'action', id: 'openLogs', label: 'Open logs folder', enabled: true },
    { kind: 'action', id: 'quit', label: 'Quit Kinetic', enabled: true },
  ];
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Keeps the tray current: the menu when the next action or the focus phase changes, and while a
 * session runs the title/ring/tooltip — at most once per second, and only when what is shown changes.
 */
export class TrayService {
  private next: TaskRef | null = null;
  private snapshot: FocusSnapshot | null = null;
  private shown: TrayDisplay | null = null;
  private menuKey = '';
  private tick: TimerHandle | null = null;

  constructor(
    private readonly tray: TrayPort,
    private readonly clock: ClockPort,
    private readonly platform: string,
  ) {}

  setNextAction(task: TaskRef | null): void {
    this.next = task;
    this.refresh();
  }

  setFocus(snapshot: FocusSnapshot): void {
    this.snapshot = snapshot;
    this.refresh();
  }

  /** Re-evaluates now; schedules the next check in a second while a session runs. */
  refresh(): void {
    const now = this.clock.now();
    const menu = trayMenu(this.next, this.snapshot, now);
    const key = JSON.stringify(menu);
    if (key !== this.menuKey) {
      this.menuKey = key;
      this.tray.setMenu(menu);
    }
    const display = trayDisplay(this.snapshot, now, this.platform);
    if (this.shown === null || display.title !== this.shown.title) this.tray.setTitle(display.title);
    if (this.shown === null || JSON.stringify(display.image) !== JSON.stringify(this.shown.image)) {
      this.tray.setImage(display.image);
    }
    if (this.shown === null || display.toolTip !== this.shown.toolTip) this.tray.setToolTip(display.toolTip);
    this.shown = display;

    if (this.tick) this.clock.clearTimeout(this.tick);
    this.tick = null;
    if (this.snapshot && timerPhase(this.snapshot.timer, now) === 'running') {
      this.tick = this.clock.setTimeout(() => {
        this.tick = null;
        this.refresh();
      }, 1000);
    }
  }
}
