/**
 * Local calendar days. A day key is `YYYY-MM-DD` in the local time zone of the running process.
 * Every function takes the time it works on; nothing reads the clock.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function startOfDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Local midnight at the start of the day `days` after the day of `ms` (DST-safe). */
export function addDays(ms: number, days: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
}

export function startOfDayKey(key: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`Not a day key: ${key}`);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
}

export function nextDayKey(key: string): string {
  return dayKey(addDays(startOfDayKey(key), 1));
}

export function isDayKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return dayKey(startOfDayKey(value)) === value;
}

/** The local time `hh:mm` on the day of `ms`. */
export function atLocalTime(ms: number, hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`Not a time of day: ${hhmm}`);
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), Number(m[1]), Number(m[2])).getTime();
}
