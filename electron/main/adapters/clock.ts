import type { ClockPort, TimerHandle } from '../ports';

/** The real wall clock. Long timeouts are split so the maximum setTimeout delay is never exceeded. */
export function systemClock(): ClockPort {
  let nextId = 1;
  const live = new Map<number, ReturnType<typeof setTimeout>>();
  const MAX = 2 ** 31 - 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const handle: TimerHandle = { id: nextId++ };
      const due = Date.now() + ms;
      const arm = (): void => {
        const wait = Math.min(MAX, Math.max(0, due - Date.now()));
        live.set(
          handle.id,
          setTimeout(() => {
            if (Date.now() < due - 5) return arm();
            live.delete(handle.id);
            callback();
          }, wait),
        );
      };
      arm();
      return handle;
    },
    clearTimeout(handle) {
      const t = live.get(handle.id);
      if (t !== undefined) clearTimeout(t);
      live.delete(handle.id);
    },
  };
}
