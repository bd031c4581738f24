/**
 * The op log's meaning: every change to a record is an operation stamped with a hybrid logical
 * clock, and the state is, per field, the value of the op with the greatest stamp. IndexedDB is a
 * fast copy of it; main keeps the log on disk; devices share it through a synced folder.
 *
 * A stamp is `<wall ms, 13 digits>-<counter, 4 base-36 digits>-<device>`: fixed width up to the
 * device, so plain string comparison orders stamps by time, then counter, then device.
 */

export type SyncTable = 'tasks' | 'sessions' | 'reflections';

/** What a write that found no room on disk tells the user (IndexedDB's copy or the log's). */
export const DISK_FULL = 'The disk is full: Kinetic could not save this. Free some space, then try again.';

export const SYNC_TABLES: readonly SyncTable[] = ['tasks', 'sessions', 'reflections'];

export interface SyncOp {
  hlc: string;
  device: string;
  table: SyncTable;
  id: string;
  set: Record<string, unknown>;
}

export type Materialized = Record<SyncTable, Record<string, Record<string, unknown>>>;

/** A device id: 1–64 characters of `[A-Za-z0-9_-]`. */
export const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const STAMP = /^(\d{13})-([0-9a-z]{4})-([A-Za-z0-9_-]{1,64})$/;
const MAX_MS = 9_999_999_999_999;
const MAX_COUNTER = 36 ** 4 - 1;

interface Stamp {
  ms: number;
  counter: number;
}

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID.test(value);
}

/** Whether `value` is a well-formed stamp. */
export function isHlc(value: unknown): value is string {
  return typeof value === 'string' && STAMP.test(value);
}

/** The device a stamp was issued by. */
export function hlcDevice(hlc: string): string {
  return parse(hlc).device;
}

/** The wall time (epoch ms) a stamp carries. */
export function hlcTime(hlc: string): number {
  return parse(hlc).ms;
}

function parse(hlc: string): Stamp & { device: string } {
  const match = STAMP.exec(hlc);
  if (!match) throw new TypeError(`Not a clock stamp: ${hlc.slice(0, 80)}`);
  return { ms: Number(match[1]), counter: parseInt(match[2]!, 36), device: match[3]! };
}

function format(stamp: Stamp, device: string): string {
  if (!DEVICE_ID.test(device)) throw new TypeError(`Not a device id: ${String(device).slice(0, 80)}`);
  let { ms, counter } = stamp;
  // Past the counter's width, time moves on by a millisecond instead (still strictly greater).
  if (counter > MAX_COUNTER) {
    ms += 1;
    counter = 0;
  }
  if (ms > MAX_MS) throw new RangeError('The clock has reached the largest stamp it can write.');
  return `${String(ms).padStart(13, '0')}-${counter.toString(36).padStart(4, '0')}-${device}`;
}

const wall = (wallMs: number): number =>
  Number.isFinite(wallMs) ? Math.min(MAX_MS, Math.max(0, Math.floor(wallMs))) : 0;

/** A stamp strictly greater than `prev`, even when the wall clock went back. */
export function nextHlc(prev: string | null, wallMs: number, device: string): string {
  const now = wall(wallMs);
  if (prev === null) return format({ ms: now, counter: 0 }, device);
  const last = parse(prev);
  if (now > last.ms) return format({ ms: now, counter: 0 }, device);
  return format({ ms: last.ms, counter: last.counter + 1 }, device);
}

/**
 * A stamp strictly greater than both `local` and `remote` (a received op moves this device's
 * clock past it). A remote clock far ahead is accepted as it is, never refused.
 */
export function receiveHlc(local: string | null, remote: string, wallMs: number, device: string): string {
  const r = parse(remote);
  const l = local === null ? null : parse(local);
  const ms = Math.max(wall(wallMs), r.ms, l?.ms ?? 0);
  let counter = 0;
  if (l && ms === l.ms) counter = Math.max(counter, l.counter + 1);
  if (ms === r.ms) counter = Math.max(counter, r.counter + 1);
  return format({ ms, counter }, device);
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether a value stamped `hlc` replaces the current one stamped `current`. Equal stamps are the
 * same op in any real log; for two different values under one stamp the larger JSON text wins, so
 * the outcome never depends on the order ops arrive in.
 */
export function wins(
  hlc: string,
  value: unknown,
  current: string | undefined,
  currentValue: unknown,
): boolean {
  if (current === undefined) return true;
  const order = compareHlc(hlc, current);
  if (order !== 0) return order > 0;
  return (JSON.stringify(value) ?? '') > (JSON.stringify(currentValue) ?? '');
}

/** Sets an own property of any name (`__proto__` included) without touching prototypes. */
function own<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const get = <T>(target: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;

/** A record's fields and the stamp each field was set by. */
export interface StampedRecord {
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
}

/**
 * Applies one op to a record in place (per field, the greater stamp wins). Returns whether any
 * field changed.
 */
export function applyOp(record: StampedRecord, op: SyncOp): boolean {
  let changed = false;
  for (const [field, value] of Object.entries(op.set)) {
    if (!wins(op.hlc, value, get(record.stamps, field), get(record.fields, field))) continue;
    own(record.fields, field, value);
    own(record.stamps, field, op.hlc);
    changed = true;
  }
  return changed;
}

/** Every record the ops set, with per-field stamps. */
export function materializeStamped(ops: Iterable<SyncOp>): Record<SyncTable, Record<string, StampedRecord>> {
  const out: Record<SyncTable, Record<string, StampedRecord>> = { tasks: {}, sessions: {}, reflections: {} };
  materializeInto(out, ops);
  return out;
}

/** Applies `ops` to the records of `out` (as materializeStamped does), for doing it a slice at a time. */
export function materializeInto(
  out: Record<SyncTable, Record<string, StampedRecord>>,
  ops: Iterable<SyncOp>,
): void {
  for (const op of ops) {
    const table = out[op.table];
    let record = get(table, op.id);
    if (!record) {
      record = { fields: {}, stamps: {} };
      own(table, op.id, record);
    }
    applyOp(record, op);
  }
}

/** Lines, ops or records a caller's event loop may wait for: work between two `turn`s. */
export const TURN_SLICE = 2000;

/**
 * `materializeStamped`, awaiting `turn` after every `slice` ops (so a caller's event loop gets
 * turns meanwhile); `turn` may return nothing when it lets the work go on at once.
 */
export async function materializeInTurns(
  ops: readonly SyncOp[],
  turn: () => Promise<void> | undefined,
  slice = TURN_SLICE,
): Promise<Record<SyncTable, Record<string, StampedRecord>>> {
  const out: Record<SyncTable, Record<string, StampedRecord>> = { tasks: {}, sessions: {}, reflections: {} };
  for (let i = 0; i < ops.length; i += slice) {
    materializeInto(out, ops.slice(i, i + slice));
    await turn();
  }
  return out;
}

/** The meaning of a log: for every table, id and field, the value of the op with the greatest stamp. */
export function materialize(ops: Iterable<SyncOp>): Materialized {
  const stamped = materializeStamped(ops);
  const out: Materialized = { tasks: {}, sessions: {}, reflections: {} };
  for (const table of SYNC_TABLES) {
    for (const [id, record] of Object.entries(stamped[table])) own(out[table], id, record.fields);
  }
  return out;
}

/** One line of the log: the op as a JSON object, with no line break inside. */
export function serializeOp(op: SyncOp): string {
  const text = JSON.stringify({ hlc: op.hlc, device: op.device, table: op.table, id: op.id, set: op.set });
  // JSON leaves U+2028 and U+2029 raw; some tools treat them as line breaks.
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** The longest id the log accepts (task and session ids are UUIDs, reflections day keys). */
export const MAX_OP_ID = 128;

/**
 * Whether `value` is not plain JSON that survives a log line unchanged (undefined, functions,
 * NaN and the like are dropped or changed by JSON.stringify), or has a key that could reach a
 * prototype anywhere inside. Iterative: any depth.
 */
function unfitForLog(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return true;
      continue;
    }
    if (typeof item !== 'object') return true;
    const proto = Object.getPrototypeOf(item) as unknown;
    if (!Array.isArray(item) && proto !== Object.prototype && proto !== null) return true;
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
      continue;
    }
    for (const key of Object.keys(item)) {
      if (FORBIDDEN_KEYS.has(key)) return true;
      stack.push((item as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** The op `value` is, or null when it is not a well-formed op. */
export function toSyncOp(value: unknown): SyncOp | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  if (unfitForLog(value)) return null;
  const v = value as Record<string, unknown>;
  const { hlc, device, table, id, set } = v;
  if (typeof hlc !== 'string' || hlc.length === 0 || hlc.length > 200) return null;
  if (!isDeviceId(device)) return null;
  if (typeof table !== 'string' || !(SYNC_TABLES as readonly string[]).includes(table)) return null;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_OP_ID) return null;
  if (set === null || typeof set !== 'object' || Array.isArray(set)) return null;
  if (Object.keys(set).length === 0) return null;
  return { hlc, device, table: table as SyncTable, id, set: set as Record<string, unknown> };
}

/**
 * The ops of a log's text, one per line. Blank lines are ignored; any other line that is not a
 * whole, well-formed op (cut off mid-write, not JSON, a field missing or of the wrong type, an
 * unknown table, an empty `set`, a prototype key anywhere) is skipped and counted. Never throws.
 */
export function parseOpLog(text: string): { ops: SyncOp[]; bad: number } {
  return parseLines(text, (value) => {
    const op = toSyncOp(value);
    return op ? [op] : null;
  });
}

/**
 * The ops of a text of JSON lines, each line read by `read` (null: an unreadable line). Blank lines
 * are ignored; lines that are not JSON or that `read` refuses are counted in `bad`. Never throws.
 */
export function parseLines(
  text: string,
  read: (value: unknown) => SyncOp[] | null,
): { ops: SyncOp[]; bad: number } {
  const ops: SyncOp[] = [];
  let bad = 0;
  if (typeof text !== 'string') return { ops, bad };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    const found = read(value);
    if (found) for (const op of found) ops.push(op);
    else bad++;
  }
  return { ops, bad };
}
