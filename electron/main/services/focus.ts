import {
  finishesAt,
  reduceTimer,
  remainingMs,
  timerPhase,
  type TimerEvent,
  type TimerPhase,
  type TimerState,
} from '../../../shared/focusTimer';
import { formatCountdown, sessionLengthMs, type FocusMode, type FocusSnapshot } from '../../../shared/focus';
import type { PauseReason, SessionOutcome, TaskRef } from '../../../shared/types';
import type { ClockPort, NotifierPort, PowerEvent, StorePort, TimerHandle, WindowsPort } from '../ports';
import type { Logger } from '../ports';
import type { OutboxService } from './outbox';
import type { SettingsService } from './settings';
import { PersistedDoc } from './persisted';
import {
  IDLE_DOC,
  focusDocSchema,
  keptGoing,
  paused,
  resumed,
  segmentSession,
  type FocusDoc,
} from './focusDoc';
import { NOTICES } from './focusNotices';

export interface FocusDeps {
  clock: ClockPort;
  store: StorePort;
  windows: WindowsPort;
  notifier: NotifierPort;
  outbox: OutboxService;
  settings: SettingsService;
  newId: () => string;
  log: Logger;
}

/**
 * The focus timer lives here, in the main process. It reduces the pure timer (shared/focusTimer),
 * persists every transition, keeps exactly one timeout for the finish, pauses on sleep and lock
 * (never counting them as focus), logs each ended session through the outbox, and tells every
 * window about transitions only — windows render the countdown from the state and their own clock.
 */
export class FocusService {
  private readonly doc: PersistedDoc<FocusDoc>;
  private finishTimer: TimerHandle | null = null;
  private readonly listeners = new Set<(snapshot: FocusSnapshot) => void>();
  /** A system pause was already announced on wake (resume and unlock often both arrive). */
  private askedAfterWake = false;
  /** Operations run one at a time: an IPC call, a timeout and a power event never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: FocusDeps) {
    this.doc = new PersistedDoc(deps.store, 'focus.json', focusDocSchema, IDLE_DOC, deps.log);
  }

  /**
   * Restores the session after a restart; a session that ran out meanwhile is finished now, and
   * one that sleep or the lock screen paused asks again whether to resume (as on wake).
   */
  load(): Promise<FocusSnapshot> {
    return this.exclusive(async () => {
      await this.doc.load();
      const snapshot = await this.afterTransition();
      this.askToResume();
      return snapshot;
    });
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  phase(): TimerPhase {
    return timerPhase(this.doc.get().timer, this.deps.clock.now());
  }

  snapshot(): FocusSnapshot {
    const d = this.doc.get();
    return {
      timer: d.timer,
      task: d.task,
      mode: d.mode,
      pauses: d.segment?.pauses ?? [],
      pausedBy: d.pausedBy,
      keepGoingMinutes: this.deps.settings.get().keepGoingMinutes,
    };
  }

  onChange(listener: (snapshot: FocusSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(task: TaskRef, mode: FocusMode): Promise<FocusSnapshot> {
    return this.exclusive(() => this.startNow(task, mode));
  }

  private async startNow(task: TaskRef, mode: FocusMode): Promise<FocusSnapshot> {
    const now = this.deps.clock.now();
    await this.finishIfDue();
    const phase = this.phase();
    // The window asked the user first (switch or keep): a switch stops the running session, with
    // its focused time, rather than abandoning it.
    if (phase === 'running' || phase === 'paused') await this.endSegment('stopped', null, now);
    const durationMs = sessionLengthMs(mode, this.deps.settings.get().focusMinutes, task.estimateMin);
    // `start` only applies to an idle or finished timer: end the running one first.
    const timer = reduceTimer(
      this.reduce({ type: 'stop' }, now),
      { type: 'start', taskId: task.id, durationMs },
      now,
    );
    await this.doc.set({
      timer,
      task,
      mode,
      pausedBy: null,
      segment: { id: this.deps.newId(), startedAt: now, baseFocusedMs: 0, basePlannedMs: 0, pauses: [] },
    });
    this.deps.windows.show('focus');
    return this.afterTransition();
  }

  pause(reason: PauseReason = 'user'): Promise<FocusSnapshot> {
    return this.exclusive(() => this.pauseNow(reason));
  }

  private pauseNow(reason: PauseReason): Promise<FocusSnapshot> {
    return this.apply({ type: 'pause' }, (d, now) => paused(d, reason, now));
  }

  resume(): Promise<FocusSnapshot> {
    return this.exclusive(() => this.resumeNow());
  }

  private resumeNow(): Promise<FocusSnapshot> {
    return this.apply({ type: 'resume' }, (d, now) => resumed(d, now));
  }

  /** Adds time; after the finish this is "keep going": a fresh stretch of exactly `minutes`. */
  extend(minutes: number): Promise<FocusSnapshot> {
    return this.exclusive(() => this.extendNow(minutes));
  }

  private async extendNow(minutes: number): Promise<FocusSnapshot> {
    await this.finishIfDue();
    const wasFinished = this.phase() === 'finished';
    const before = this.doc.get().timer;
    const now = this.deps.clock.now();
    return this.apply({ type: 'extend', ms: minutes * 60_000 }, (d) =>
      wasFinished ? keptGoing(d, before, now, this.deps.newId()) : d,
    );
  }

  /** Stops the session; a "where I stopped" note goes into the session record. */
  stop(note: string | null): Promise<FocusSnapshot> {
    return this.exclusive(() => this.end('stopped', note));
  }

  /** The task is done: the session ends as completed. */
  done(): Promise<FocusSnapshot> {
    return this.exclusive(() => this.end('completed', null));
  }

  /** "Make it smaller": ends the session and opens Break down in the main window. */
  smaller(): Promise<FocusSnapshot> {
    return this.exclusive(() => this.smallerNow());
  }

  private async smallerNow(): Promise<FocusSnapshot> {
    const taskId = this.doc.get().task?.id ?? null;
    const snapshot = await this.end(this.phase() === 'finished' ? 'completed' : 'stopped', null);
    this.deps.windows.show('main');
    this.deps.windows.send('main', 'app:command', { command: 'breakDown', taskId });
    return snapshot;
  }

  /** The global start/pause shortcut and the tray: pause, resume, or start on the next action. */
  toggle(next: TaskRef | null): Promise<FocusSnapshot> {
    return this.exclusive(() => this.toggleNow(next));
  }

  private async toggleNow(next: TaskRef | null): Promise<FocusSnapshot> {
    await this.finishIfDue();
    const phase = this.phase();
    if (phase === 'running') return this.pauseNow('user');
    if (phase === 'paused') return this.resumeNow();
    if (next === null) {
      this.deps.notifier.notify(NOTICES.nothingToFocus);
      return this.snapshot();
    }
    return this.startNow(next, 'standard');
  }

  onPower(event: PowerEvent): Promise<void> {
    return this.exclusive(() => this.onPowerNow(event));
  }

  private async onPowerNow(event: PowerEvent): Promise<void> {
    if (event === 'suspend' || event === 'lock-screen') {
      this.askedAfterWake = false;
      if (this.phase() === 'running') await this.pauseNow(event);
      return;
    }
    // resume / unlock-screen: never resume by ourselves; ask.
    await this.finishIfDue();
    this.askToResume();
  }

  /** A session the system paused: show it and ask to resume, once per wake (or start). */
  private askToResume(): void {
    const d = this.doc.get();
    if (this.phase() !== 'paused' || d.pausedBy === null || this.askedAfterWake) return;
    this.askedAfterWake = true;
    const left = formatCountdown(remainingMs(d.timer, this.deps.clock.now()));
    this.deps.windows.show('focus');
    this.deps.notifier.notify({
      ...NOTICES.paused(d.pausedBy, d.task, left),
      onClick: () => this.deps.windows.show('focus'),
    });
  }

  private async end(outcome: SessionOutcome, note: string | null): Promise<FocusSnapshot> {
    await this.finishIfDue();
    const now = this.deps.clock.now();
    const phase = this.phase();
    if (phase === 'idle') return this.snapshot();
    if (phase === 'running' || phase === 'paused') await this.endSegment(outcome, note, now);
    await this.doc.set({ ...IDLE_DOC, timer: this.reduce({ type: 'stop' }, now) });
    this.deps.windows.hide('focus');
    return this.afterTransition();
  }

  private reduce(event: TimerEvent, now: number): TimerState {
    return reduceTimer(this.doc.get().timer, event, now);
  }

  private async apply(
    event: TimerEvent,
    update: (doc: FocusDoc, now: number) => FocusDoc,
  ): Promise<FocusSnapshot> {
    await this.finishIfDue();
    const now = this.deps.clock.now();
    const current = this.doc.get();
    const timer = reduceTimer(current.timer, event, now);
    if (timer === current.timer) return this.snapshot();
    await this.doc.set(update({ ...current, timer }, now));
    return this.afterTransition();
  }

  /** Writes the open segment to the log (through the outbox) and clears it. */
  private async endSegment(outcome: SessionOutcome, note: string | null, endedAt: number): Promise<void> {
    const d = this.doc.get();
    const session = segmentSession(d, outcome, note, endedAt);
    if (!session) return;
    await this.deps.outbox.add({ id: session.id, createdAt: endedAt, kind: 'session', session });
    await this.doc.set({ ...d, segment: null, lastSessionId: session.id });
  }

  /** When the time has run out and the finish was not handled yet: log, notify, show the prompt. */
  private async finishIfDue(): Promise<boolean> {
    const d = this.doc.get();
    if (d.segment === null || this.phase() !== 'finished') return false;
    const endedAt = finishesAt(d.timer) ?? this.deps.clock.now();
    await this.endSegment('completed', null, endedAt);
    this.deps.windows.show('focus');
    this.deps.notifier.notify({
      ...NOTICES.finished(d.mode, d.task),
      onClick: () => this.deps.windows.show('focus'),
    });
    return true;
  }

  /** After every transition: one finish timeout, then tell windows and listeners. */
  private async afterTransition(): Promise<FocusSnapshot> {
    if (await this.finishIfDue()) return this.afterTransition();
    if (this.finishTimer) this.deps.clock.clearTimeout(this.finishTimer);
    this.finishTimer = null;
    const at = finishesAt(this.doc.get().timer);
    if (at !== null && this.phase() === 'running') {
      const delay = Math.max(0, at - this.deps.clock.now());
      this.finishTimer = this.deps.clock.setTimeout(() => {
        this.finishTimer = null;
        void this.exclusive(() => this.afterTransition());
      }, delay);
    }
    const snapshot = this.snapshot();
    this.deps.windows.broadcast('focus:changed', snapshot);
    for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }
}
