/**
 * The next-action store's live part (renderer/store/next-action/live.ts): `start` shows the boot
 * pick and then the live one, re-reads as time passes, and returns the unsubscribe; each action
 * shown is reported to main once; the morning greeting shows with its step, before noon only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNextActionStore, REEVALUATE_MS, type NextActionData } from '../../renderer/store/next-action';
import type { NextAction } from '../../shared/nextAction';
import { openTask, type TaskRef } from '../../shared/types';

const at = (hour: number): number => new Date(2026, 10, 26, hour, 0).getTime();

function action(id: string, title = id): NextAction {
  const task = openTask(id, title, at(8));
  return { task, rule: 'ranked', source: task, reason: 'Top of your list' };
}

/** A data layer whose pick the test sets; `observe` runs the query now and on `changed()`. */
function fakeData() {
  let pick: NextAction | null = null;
  let setAside = 0;
  const observers = new Set<() => void>();
  let reads = 0;
  const data: NextActionData = {
    tasks: {
      nextAction: () => {
        reads++;
        return Promise.resolve(pick);
      },
      setAsideCount: () => Promise.resolve(setAside),
    } as unknown as NextActionData['tasks'],
    observe: (query, onValue, onError) => {
      const run = (): void => void query().then(onValue, onError);
      observers.add(run);
      run();
      return () => observers.delete(run);
    },
  };
  return {
    data,
    set: (next: NextAction | null, aside = 0) => {
      pick = next;
      setAside = aside;
      for (const run of observers) run();
    },
    observers: () => observers.size,
    reads: () => reads,
  };
}

let now = at(8);
let reported: (TaskRef | null)[];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  now = at(8);
  reported = [];
});
afterEach(() => {
  vi.useRealTimers();
});

function storeWith(fake: ReturnType<typeof fakeData>, initial?: NextAction | null) {
  return createNextActionStore({
    data: Promise.resolve(fake.data),
    initial: initial === undefined ? undefined : Promise.resolve(initial),
    now: () => now,
    report: (task) => reported.push(task),
    parse: () => Promise.reject(new Error('not used')),
  });
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the next-action store, live', () => {
  it('shows the boot pick first, then the live one, and reports each action to main once', async () => {
    const fake = fakeData();
    fake.set(action('a', 'Call Sam'));
    const store = storeWith(fake, action('a', 'Call Sam'));
    const stop = store.getState().start();
    await flush();
    expect(store.getState()).toMatchObject({ ready: true, current: { task: { id: 'a' } } });
    // The boot pick and the live one are the same action: main hears of it once.
    expect(reported).toEqual([{ id: 'a', title: 'Call Sam', estimateMin: null }]);
    fake.set(action('b', 'Water plants'));
    await flush();
    expect(store.getState().current?.task.id).toBe('b');
    fake.set(null, 2);
    await flush();
    expect(reported.map((r) => r?.id ?? null)).toEqual(['a', 'b', null]);
    expect(store.getState().setAside).toBe(true);
    stop();
  });

  it('re-reads as time passes and on refresh, and start returns the unsubscribe', async () => {
    const fake = fakeData();
    const store = storeWith(fake);
    const stop = store.getState().start();
    await flush();
    const before = fake.reads();
    vi.advanceTimersByTime(REEVALUATE_MS);
    await flush();
    expect(fake.reads()).toBe(before + 1);
    store.getState().refresh();
    await flush();
    expect(fake.reads()).toBe(before + 2);
    expect(fake.observers()).toBe(1);
    stop();
    expect(fake.observers()).toBe(0);
    vi.advanceTimersByTime(REEVALUATE_MS * 3);
    await flush();
    expect(fake.reads()).toBe(before + 2);
  });

  it('greets tomorrow’s step when it is shown, before noon only, and drops the greeting when it goes', async () => {
    const fake = fakeData();
    const store = storeWith(fake);
    const stop = store.getState().start();
    await flush();
    // Main's command may come before the step is on screen.
    store.getState().greet('step');
    expect(store.getState().greeting).toBeNull();
    fake.set(action('step', 'Open the outline'));
    await flush();
    expect(store.getState().greeting).toMatch(/^Good morning/);
    expect(store.getState().greetingUntil).toBe(at(12));
    fake.set(action('other'));
    await flush();
    expect(store.getState().greeting).toBeNull();

    now = at(13);
    store.getState().greet(null);
    fake.set(action('late'));
    await flush();
    expect(store.getState().greeting).toBeNull();
    stop();
  });
});
