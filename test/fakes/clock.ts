/**
 * The one fake clock, for unit tests and the e2e harness alike. Time moves only when the test says
 * so, unless the clock is made to follow real time (the harness does: its pages run for real, as
 * the page clock Playwright installs does); either way `advance` jumps forward and fires what came
 * due, in order.
 */
import type { ClockPort, TimerHandle } from '../../electron/main/ports';

interface FakeTimer {
  id: number;
  due: number;
  callback: () => void;
  /** The real timeout that fires it when the clock follows real time. */
  real: ReturnType<typeof setTimeout> | null;
}

/** Lets every pending promise continuation run (the memory store and the services only use microtasks). */
export function settle(): Promise<void> {
  return new Promise((resolve) => nodeImmediate(resolve));
}
// Node's (the DOM typings of the db tests' project do not declare it; tests run in Node).
const nodeImmediate = (globalThis as unknown as { setImmediate: (callback: () => void) => void })
  .setImmediate;

/**
 * - `advance(ms)` moves time forward and fires every timer that comes due within the span, in
 *   order of due time (ties in the order they were scheduled), each at its own due time — also
 *   timers that callbacks schedule along the way.
 * - `advanceAsync(ms)` does the same, but lets pending promise work settle before and after each
 *   timer, so timers that async work schedules within the span fire too.
 * - `set(ms)` jumps to a time without firing anything (a laptop waking up: timers that came due
 *   fire on the next advance, late, like the OS fires them after wake).
 * - With `{ realTime: true }` time also flows with the wall clock and timers fire on their own
 *   when they come due; `stop()` drops them so their real timeouts do not keep Node running.
 */
export class FakeClock implements ClockPort {
  /** The time at `anchor`. */
  private base: number;
  /** Date.now() when `base` was set, while following real time; null for a manual clock. */
  private anchor: number | null;
  private nextId = 1;
  private readonly timers = new Map<number, FakeTimer>();
  /** How many callbacks have fired so far. */
  fired = 0;

  constructor(start: number, options: { realTime?: boolean } = {}) {
    this.base = start;
    this.anchor = options.realTime ? Date.now() : null;
  }

  now(): number {
    return this.anchor === null ? this.base : this.base + (Date.now() - this.anchor);
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: FakeTimer = { id: this.nextId++, due: this.now() + delay, callback, real: null };
    this.timers.set(timer.id, timer);
    this.arm(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer?.real) clearTimeout(timer.real);
    this.timers.delete(handle.id);
  }

  /** Moves time forward by `ms`, firing every timer due within the span, in order. */
  advance(ms: number): void {
    const target = this.targetOf(ms);
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) this.fire(timer);
    this.moveTo(target);
  }

  /** Like `advance`, settling promise work around each timer (for services that await their store). */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.targetOf(ms);
    await settle();
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) {
      this.fire(timer);
      await settle();
    }
    this.moveTo(target);
  }

  /** Jumps to `ms` (forwards or backwards) without firing anything. */
  set(ms: number): void {
    this.setTime(ms);
  }

  /** Due times of the pending timers, earliest first. */
  pending(): number[] {
    return [...this.timers.values()].sort(byDue).map((t) => t.due);
  }

  /** Drops every timer (the harness, on close: the reflection schedule's run for hours). */
  stop(): void {
    for (const timer of this.timers.values()) if (timer.real) clearTimeout(timer.real);
    this.timers.clear();
  }

  private setTime(ms: number): void {
    this.base = ms;
    if (this.anchor === null) return;
    this.anchor = Date.now();
    for (const timer of this.timers.values()) this.arm(timer);
  }

  /** Forward only: real time may have passed `ms` while the timers ran. */
  private moveTo(ms: number): void {
    if (ms > this.now()) this.setTime(ms);
  }

  private targetOf(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Cannot advance by ${ms} ms`);
    return this.now() + ms;
  }

  private nextDue(target: number): FakeTimer | undefined {
    const [first] = [...this.timers.values()].filter((t) => t.due <= target).sort(byDue);
    return first;
  }

  private arm(timer: FakeTimer): void {
    if (this.anchor === null) return;
    if (timer.real) clearTimeout(timer.real);
    const wait = Math.min(2 ** 31 - 1, Math.max(0, timer.due - this.now()));
    timer.real = setTimeout(() => this.fire(timer), wait);
  }

  private fire(timer: FakeTimer): void {
    if (!this.timers.has(timer.id)) return;
    if (timer.real) clearTimeout(timer.real);
    this.timers.delete(timer.id);
    this.moveTo(timer.due);
    this.fired++;
    timer.callback();
  }
}

function byDue(a: FakeTimer, b: FakeTimer): number {
  return a.due - b.due || a.id - b.id;
}
