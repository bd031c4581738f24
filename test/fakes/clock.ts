/**
 * The fake clocks, one module: `ManualClock` for unit tests (time moves only when the test says so)
 * and `ControllableClock` for the e2e harness (flows in real time, as the page clock does, and can
 * jump forward).
 */
import type { ClockPort, TimerHandle } from '../../electron/main/ports';

interface ManualTimer {
  id: number;
  due: number;
  callback: () => void;
}

/** Lets every pending promise continuation run (the memory store and the services only use microtasks). */
export function settle(): Promise<void> {
  return new Promise((resolve) => nodeImmediate(resolve));
}
// Node's (the DOM typings of the db tests' project do not declare it; tests run in Node).
const nodeImmediate = (globalThis as unknown as { setImmediate: (callback: () => void) => void })
  .setImmediate;

/**
 * A manual clock for unit tests: time only moves when the test says so.
 *
 * - `advance(ms)` moves time forward and fires every timer that comes due within the span, in
 *   order of due time (ties in the order they were scheduled), each at its own due time — also
 *   timers that callbacks schedule along the way.
 * - `advanceAsync(ms)` does the same, but lets pending promise work settle before and after each
 *   timer, so timers that async work schedules within the span fire too.
 * - `set(ms)` jumps to a time without firing anything (a laptop waking up: timers that came due
 *   fire on the next advance, late, like the OS fires them after wake).
 */
export class ManualClock implements ClockPort {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, ManualTimer>();
  /** How many callbacks have fired so far. */
  fired = 0;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: ManualTimer = { id: this.nextId++, due: this.time + delay, callback };
    this.timers.set(timer.id, timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Moves time forward by `ms`, firing every timer due within the span, in order. */
  advance(ms: number): void {
    const target = this.targetOf(ms);
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) this.fire(timer);
    this.time = target;
  }

  /** Like `advance`, settling promise work around each timer (for services that await their store). */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.targetOf(ms);
    await settle();
    for (let timer = this.nextDue(target); timer; timer = this.nextDue(target)) {
      this.fire(timer);
      await settle();
    }
    this.time = target;
  }

  /** Jumps to `ms` (forwards or backwards) without firing anything. */
  set(ms: number): void {
    this.time = ms;
  }

  /** Due times of the pending timers, earliest first. */
  pending(): number[] {
    return [...this.timers.values()].sort(byDue).map((t) => t.due);
  }

  private targetOf(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Cannot advance by ${ms} ms`);
    return this.time + ms;
  }

  private nextDue(target: number): ManualTimer | undefined {
    const [first] = [...this.timers.values()].filter((t) => t.due <= target).sort(byDue);
    return first;
  }

  private fire(timer: ManualTimer): void {
    this.timers.delete(timer.id);
    if (timer.due > this.time) this.time = timer.due;
    this.fired++;
    timer.callback();
  }
}

function byDue(a: ManualTimer, b: ManualTimer): number {
  return a.due - b.due || a.id - b.id;
}

interface VirtualTimer {
  id: number;
  due: number;
  callback: () => void;
  real: ReturnType<typeof setTimeout> | null;
}

/**
 * A wall clock that flows in real time (like the page clock Playwright installs) and can jump
 * forward: `advance(ms)` moves it and fires every timer that came due, in order.
 */
export class ControllableClock implements ClockPort {
  private offset: number;
  private nextId = 1;
  private readonly timers = new Map<number, VirtualTimer>();

  constructor(start: number) {
    this.offset = start - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: VirtualTimer = {
      id: this.nextId++,
      due: this.now() + Math.max(0, ms),
      callback,
      real: null,
    };
    this.timers.set(timer.id, timer);
    this.arm(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer?.real) clearTimeout(timer.real);
    this.timers.delete(handle.id);
  }

  /** Jumps forward and runs what came due (like the laptop's clock after a long stretch). */
  advance(ms: number): void {
    this.offset += ms;
    const due = [...this.timers.values()].filter((t) => t.due <= this.now()).sort((a, b) => a.due - b.due);
    for (const timer of due) this.fire(timer);
    for (const timer of this.timers.values()) this.arm(timer);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Drops every timer. Their real timeouts would otherwise keep Node running (the reflection
   * schedule's runs for hours) after the harness has closed. */
  stop(): void {
    for (const timer of this.timers.values()) if (timer.real) clearTimeout(timer.real);
    this.timers.clear();
  }

  private arm(timer: VirtualTimer): void {
    if (timer.real) clearTimeout(timer.real);
    timer.real = setTimeout(
      () => this.fire(timer),
      Math.min(2 ** 31 - 1, Math.max(0, timer.due - this.now())),
    );
  }

  private fire(timer: VirtualTimer): void {
    if (!this.timers.has(timer.id)) return;
    if (timer.real) clearTimeout(timer.real);
    this.timers.delete(timer.id);
    timer.callback();
  }
}
