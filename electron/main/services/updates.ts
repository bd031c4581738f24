import type { ClockPort, TimerHandle, UpdaterEvent, UpdaterPort } from '../ports';
import type { Logger } from '../ports';

export const DAY_MS = 24 * 60 * 60 * 1000;

export type UpdateState =
  | { phase: 'off' }
  | { phase: 'idle'; checkedAt: number | null }
  | { phase: 'checking' }
  | { phase: 'downloading'; version: string; percent: number }
  | { phase: 'ready'; version: string }
  | { phase: 'error'; message: string; checkedAt: number };

/** The next state for an updater event (pure). A ready update stays ready until installed. */
export function reduceUpdate(state: UpdateState, event: UpdaterEvent, now: number): UpdateState {
  if (state.phase === 'off') return state;
  if (state.phase === 'ready' && event.type !== 'downloaded') return state;
  switch (event.type) {
    case 'checking':
      return { phase: 'checking' };
    case 'none':
      return { phase: 'idle', checkedAt: now };
    case 'available':
      return { phase: 'downloading', version: event.version, percent: 0 };
    case 'progress':
      return state.phase === 'downloading'
        ? { ...state, percent: Math.max(0, Math.min(100, Math.round(event.percent))) }
        : state;
    case 'downloaded':
      return { phase: 'ready', version: event.version };
    case 'error':
      return { phase: 'error', message: event.message, checkedAt: now };
  }
}

export interface UpdateDeps {
  updater: UpdaterPort;
  clock: ClockPort;
  /** Whether updates are on (the setting). */
  enabled: () => boolean;
  /** Whether a focus session is running or paused: no update is installed then. */
  focusActive: () => boolean;
  log: Logger;
}

/**
 * Updates: a check at start and once a day, the download in the background, the install when
 * Kinetic quits — never while a focus session is on, and nothing at all when turned off.
 */
export class UpdateService {
  private state: UpdateState = { phase: 'off' };
  private timer: TimerHandle | null = null;
  private readonly listeners = new Set<(state: UpdateState) => void>();

  constructor(private readonly deps: UpdateDeps) {
    deps.updater.onEvent((event) => {
      this.set(reduceUpdate(this.state, event, deps.clock.now()));
      if (event.type === 'error') deps.log.warn(`update: ${event.message}`);
    });
  }

  get(): UpdateState {
    return this.state;
  }

  onChange(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** At start and whenever the setting changes: checks now (when on), then daily. */
  apply(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    if (!this.deps.enabled()) {
      this.set({ phase: 'off' });
      return;
    }
    if (this.state.phase === 'off') this.set({ phase: 'idle', checkedAt: null });
    void this.check();
  }

  /** A focus session started or ended: whether quitting may install. */
  focusChanged(): void {
    this.allowInstall();
  }

  /** "Restart to update": refused (false) during a focus session or without a ready update. */
  installNow(): boolean {
    if (this.state.phase !== 'ready' || this.deps.focusActive() || !this.deps.enabled()) return false;
    this.deps.updater.installNow();
    return true;
  }

  private async check(): Promise<void> {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.check();
    }, DAY_MS);
    // A downloaded update waits for the quit; looking again would only download it again.
    if (this.state.phase === 'ready' || this.state.phase === 'checking' || this.state.phase === 'downloading')
      return;
    try {
      await this.deps.updater.check();
    } catch (error) {
      this.set(reduceUpdate(this.state, { type: 'error', message: String(error) }, this.deps.clock.now()));
      this.deps.log.warn(`update: check failed (${String(error)})`);
    }
  }

  private set(state: UpdateState): void {
    this.state = state;
    this.allowInstall();
    for (const listener of this.listeners) listener(state);
  }

  private allowInstall(): void {
    this.deps.updater.setInstallOnQuit(
      this.state.phase === 'ready' && this.deps.enabled() && !this.deps.focusActive(),
    );
  }
}
