/** The one fake clock, in both of its modes: manual (unit tests) and following real time (the e2e harness). */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from './clock';

const T0 = Date.UTC(2026, 11, 8, 9);

describe('FakeClock, manual', () => {
  it('stands still until advanced, and fires due timers in order at their own due times', () => {
    const clock = new FakeClock(T0);
    const seen: [string, number][] = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 200);
    clock.setTimeout(() => {
      seen.push(['a', clock.now()]);
      // Scheduled along the way, and due within the span: fires too.
      clock.setTimeout(() => seen.push(['c', clock.now()]), 150);
    }, 100);
    clock.setTimeout(() => seen.push(['late', clock.now()]), 1_000);
    expect(clock.now()).toBe(T0);
    clock.advance(300);
    expect(seen).toEqual([
      ['a', T0 + 100],
      ['b', T0 + 200],
      ['c', T0 + 250],
    ]);
    expect(clock.now()).toBe(T0 + 300);
    expect(clock.pending()).toEqual([T0 + 1_000]);
    expect(clock.fired).toBe(3);
  });

  it('set() jumps without firing; the next advance fires what came due, late', () => {
    const clock = new FakeClock(T0);
    let at: number | null = null;
    clock.setTimeout(() => (at = clock.now()), 100);
    clock.set(T0 + 5_000);
    expect(at).toBeNull();
    clock.advance(0);
    expect(at).toBe(T0 + 5_000);
  });

  it('advanceAsync fires timers that promise work schedules within the span', async () => {
    const clock = new FakeClock(T0);
    const seen: number[] = [];
    clock.setTimeout(() => {
      void Promise.resolve().then(() => clock.setTimeout(() => seen.push(clock.now()), 50));
    }, 100);
    await clock.advanceAsync(200);
    expect(seen).toEqual([T0 + 150]);
  });

  it('a cleared timer never fires, and a negative advance is refused', () => {
    const clock = new FakeClock(T0);
    let fired = false;
    clock.clearTimeout(clock.setTimeout(() => (fired = true), 10));
    clock.advance(100);
    expect(fired).toBe(false);
    expect(() => clock.advance(-1)).toThrow(/Cannot advance/);
  });
});

describe('FakeClock, following real time', () => {
  let clock: FakeClock;
  afterEach(() => clock.stop());

  it('flows with the wall clock from its start', async () => {
    clock = new FakeClock(T0, { realTime: true });
    const before = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now()).toBeGreaterThan(before);
    expect(clock.now() - T0).toBeLessThan(60_000);
  });

  it('fires a timer on its own when it comes due', async () => {
    clock = new FakeClock(T0, { realTime: true });
    const fired = new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 5));
    expect(await fired).toBeGreaterThanOrEqual(T0 + 5);
  });

  it('advance jumps forward and fires what came due in order; later timers wait for real time', () => {
    clock = new FakeClock(T0, { realTime: true });
    const seen: string[] = [];
    clock.setTimeout(() => seen.push('hour'), 3_600_000);
    clock.setTimeout(() => seen.push('minute'), 60_000);
    clock.setTimeout(() => seen.push('day'), 86_400_000);
    clock.advance(2 * 3_600_000);
    expect(seen).toEqual(['minute', 'hour']);
    expect(clock.now()).toBeGreaterThanOrEqual(T0 + 2 * 3_600_000);
    expect(clock.pending()).toHaveLength(1);
  });

  it('stop() drops every timer', () => {
    clock = new FakeClock(T0, { realTime: true });
    clock.setTimeout(() => undefined, 10);
    clock.stop();
    expect(clock.pending()).toEqual([]);
  });
});
