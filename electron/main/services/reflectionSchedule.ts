import type { z } from 'zod';
import { addDays, atLocalTime, dayKey, nextDayKey } from '../../../shared/days';
import type { ReflectionState } from '../../../shared/ipc';
import type { TaskRef } from '../../../shared/types';
import type { ClockPort, NotifierPort, PowerEvent, StorePort, TimerHandle, WindowsPort } from '../ports';
import type { Logger } from '../ports';
import type { SettingsService } from './settings';
import { PersistedDoc } from './persisted';
import { reflectionStateSchema } from '../../../shared/schemas';

interface ReflectionDoc {
  /** Day keys. */
  lastInvitedDay: string | null;
  lastReflectedDay: string | null;
  /** Tomorrow's first step with the "when I first open my laptop" trigger. */
  morningStep: { task: TaskRef; day: string } | null;
}

const docSchema: z.ZodType<ReflectionDoc> = reflectionStateSchema;

const EMPTY: ReflectionDoc = { lastInvitedDay: null, lastReflectedDay: null, morningStep: null };

export interface ReflectionDeps {
  clock: ClockPort;
  store: StorePort;
  notifier: NotifierPort;
  windows: WindowsPort;
  settings: SettingsService;
  log: Logger;
}

/**
 * The daily invitation to reflect. At the reflection time a notification invites; if the computer
 * slept through it, the invitation comes at the next wake on the same day (or at the next start of
 * the app); never twice a day, never after the user reflected, never when turned off. It also owns
 * the "when I first open my laptop" trigger for tomorrow's first step.
 */
export class ReflectionScheduleService {
  private readonly doc: PersistedDoc<ReflectionDoc>;
  private timer: TimerHandle | null = null;

  constructor(private readonly deps: ReflectionDeps) {
    this.doc = new PersistedDoc(deps.store, 'reflection.json', docSchema, EMPTY, deps.log);
  }

  /** Loads state, catches up on a missed invitation, shows a due morning step, and schedules. */
  async start(): Promise<void> {
    await this.doc.load();
    await this.catchUp();
    this.showMorningStepIfDue();
  }

  state(): ReflectionState {
    return { lastReflectedDay: this.doc.get().lastReflectedDay };
  }

  /** When the next invitation is due (null when turned off): for tests and diagnostics. */
  nextInvitationAt(): number | null {
    const settings = this.deps.settings.get();
    if (!settings.reflectionEnabled) return null;
    const now = this.deps.clock.now();
    const today = atLocalTime(now, settings.reflectionTime);
    if (now < today && !this.handled(dayKey(now))) return today;
    return atLocalTime(addDays(now, 1), settings.reflectionTime);
  }

  async onPower(event: PowerEvent): Promise<void> {
    if (event === 'resume' || event === 'unlock-screen') {
      await this.catchUp();
      this.showMorningStepIfDue();
    } else if (event === 'suspend' && this.timer) {
      // Timers may not run during sleep; everything is recomputed on wake.
      this.deps.clock.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** Settings changed (time, on/off): re-plan. */
  async reschedule(): Promise<void> {
    await this.catchUp();
  }

  open(): void {
    this.deps.windows.show('reflection');
  }

  async saved(day: string, morningStep: { task: TaskRef; day: string } | null): Promise<void> {
    const d = this.doc.get();
    const latest = d.lastReflectedDay && d.lastReflectedDay > day ? d.lastReflectedDay : day;
    // Saving this day's reflection again without the trigger cancels the step it had set.
    const kept = d.morningStep && d.morningStep.day === nextDayKey(day) ? null : d.morningStep;
    await this.doc.set({ ...d, lastReflectedDay: latest, morningStep: morningStep ?? kept });
    await this.catchUp();
  }

  private handled(day: string): boolean {
    const d = this.doc.get();
    return d.lastInvitedDay === day || d.lastReflectedDay === day;
  }

  /** Invites now when today's time has passed and today is not handled; then plans the next check. */
  private async catchUp(): Promise<void> {
    const settings = this.deps.settings.get();
    const now = this.deps.clock.now();
    const today = dayKey(now);
    if (
      settings.reflectionEnabled &&
      now >= atLocalTime(now, settings.reflectionTime) &&
      !this.handled(today)
    ) {
      // Remembered in memory at once; a failed write (already logged) must not cost the invitation
      // or the next plan.
      await this.doc.set({ ...this.doc.get(), lastInvitedDay: today }).catch(() => undefined);
      this.deps.notifier.notify({
        title: 'Time to close the day',
        body: 'One minute: what moved, what got in the way, and tomorrow’s first tiny step.',
        onClick: () => this.open(),
      });
    }
    this.plan();
  }

  private plan(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    const at = this.nextInvitationAt();
    if (at === null) return;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = null;
        void this.catchUp();
      },
      Math.max(0, at - this.deps.clock.now()),
    );
  }

  /** On the first wake, unlock or start of the step's day (or later): show it with a one-key start. */
  private showMorningStepIfDue(): void {
    const step = this.doc.get().morningStep;
    if (!step || dayKey(this.deps.clock.now()) < step.day) return;
    void this.doc.set({ ...this.doc.get(), morningStep: null });
    this.deps.windows.show('main');
    this.deps.windows.send('main', 'app:command', { command: 'morningStep', taskId: step.task.id });
    this.deps.notifier.notify({
      title: 'Your first tiny step',
      body: `${step.task.title} — press Enter in Kinetic to start.`,
      onClick: () => this.deps.windows.show('main'),
    });
  }
}
