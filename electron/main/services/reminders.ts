import { formatClock } from '../../../shared/nextAction';
import type { DueItem } from '../../../shared/types';
import type { ClockPort, NotifierPort, TimerHandle, WindowsPort } from '../ports';
import type { SettingsService } from './settings';

/** A moment to notify: at the due time, or the lead time before it. */
interface Moment {
  at: number;
  key: string;
  item: DueItem;
  early: boolean;
}

/**
 * Notifications for tasks due at a time. Main has no database: the main window tells it which
 * tasks are due soon (`reminders:set`), and it keeps one timeout for the next moment — the due
 * time, and the settings' lead time before it when one is set. Each moment notifies once.
 */
export class ReminderService {
  private items: DueItem[] = [];
  private timer: TimerHandle | null = null;
  /** Moments already notified (or passed when the list arrived): never again. */
  private readonly sent = new Set<string>();

  constructor(
    private readonly deps: {
      clock: ClockPort;
      notifier: NotifierPort;
      windows: WindowsPort;
      settings: SettingsService;
    },
  ) {}

  /** The tasks due at a time from now on, as the main window last read them. */
  set(items: readonly DueItem[]): void {
    this.items = [...items];
    this.schedule();
  }

  /** Settings changed, or the computer woke up: recompute the next moment. */
  schedule(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    const now = this.deps.clock.now();
    const next = this.moments().find((m) => m.at > now || (m.at === now && !this.sent.has(m.key)));
    if (!next) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.fire();
    }, next.at - now);
  }

  /** Notifies every moment that has come (once each) and schedules the next. */
  private fire(): void {
    const now = this.deps.clock.now();
    for (const moment of this.moments()) {
      if (moment.at > now || this.sent.has(moment.key)) continue;
      this.sent.add(moment.key);
      // A moment long past (the computer slept through it) stays quiet; the pick shows the task.
      if (now - moment.at > 5 * 60_000) continue;
      const { item } = moment;
      this.deps.notifier.notify({
        title: moment.early ? `Due at ${formatClock(item.at)}` : 'Due now',
        body: item.title,
        onClick: () => this.deps.windows.show('main'),
      });
    }
    this.schedule();
  }

  private moments(): Moment[] {
    const lead = this.deps.settings.get().reminderLeadMinutes * 60_000;
    const list: Moment[] = [];
    for (const item of this.items) {
      list.push({ at: item.at, key: `${item.id}@${item.at}`, item, early: false });
      if (lead > 0)
        list.push({ at: item.at - lead, key: `${item.id}@${item.at}-${lead}`, item, early: true });
    }
    return list.sort((a, b) => a.at - b.at);
  }
}
