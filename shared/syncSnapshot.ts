/**
 * A snapshot of the op log: the merged state of every op up to some point, one line per record,
 * with the stamp of each field. It stands for the ops it covers (`parseSnapshot` gives them back,
 * one op per record and stamp), so log segments it covers can be removed.
 *
 * A line: `{"t":table,"id":id,"h":stamp,"f":{fields},"s":{field: stamp}}` where `h` is the stamp of
 * most of the fields and `s` lists the fields stamped otherwise (without the device part where it
 * is `h`'s device: a snapshot of a year holds hundreds of thousands of stamps).
 */
import {
  hlcDevice,
  isHlc,
  parseLines,
  parseOpLog,
  toSyncOp,
  SYNC_TABLES,
  TURN_SLICE,
  type StampedRecord,
  type SyncOp,
  type SyncTable,
} from './sync';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
/** A stamp written without its device (the record's `h` device). */
const SHORT = /^\d{13}-[0-9a-z]{4}$/;

/** One line per record of the state, in table and id order. */
export function snapshotLines(state: Record<SyncTable, Record<string, StampedRecord>>): string[] {
  const lines: string[] = [];
  for (const table of SYNC_TABLES) {
    for (const id of Object.keys(state[table]).sort()) lines.push(snapshotLine(table, id, state[table][id]!));
  }
  return lines;
}

/** `snapshotLines`, awaiting `turn` after every `slice` records (so a caller's event loop gets turns). */
export async function snapshotLinesInTurns(
  state: Record<SyncTable, Record<string, StampedRecord>>,
  turn: () => Promise<void>,
  slice = TURN_SLICE,
): Promise<string[]> {
  const lines: string[] = [];
  for (const table of SYNC_TABLES) {
    for (const id of Object.keys(state[table]).sort()) {
      lines.push(snapshotLine(table, id, state[table][id]!));
      if (lines.length % slice === 0) await turn();
    }
  }
  return lines;
}

/** A record's line: its most common stamp as `h`, the others by field. */
function snapshotLine(table: SyncTable, id: string, { fields, stamps }: StampedRecord): string {
  const counts = new Map<string, number>();
  for (const stamp of Object.values(stamps)) counts.set(stamp, (counts.get(stamp) ?? 0) + 1);
  let h = '';
  for (const [stamp, n] of counts) if (n > (counts.get(h) ?? 0)) h = stamp;
  const s: Record<string, string> = {};
  const suffix = isHlc(h) ? `-${hlcDevice(h)}` : null;
  for (const [field, stamp] of Object.entries(stamps)) {
    if (stamp === h) continue;
    s[field] = suffix !== null && stamp.endsWith(suffix) ? stamp.slice(0, -suffix.length) : stamp;
  }
  const line = JSON.stringify({ t: table, id, h, f: fields, s });
  return line.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The ops a snapshot stands for. Unreadable lines are skipped and counted; never throws. */
export function parseSnapshot(text: string): { ops: SyncOp[]; bad: number } {
  return parseLines(text, recordOps);
}

/** The ops one snapshot line stands for, or null when the line is not a well-formed record. */
function recordOps(value: unknown): SyncOp[] | null {
  const record = value as { t?: unknown; id?: unknown; h?: unknown; f?: unknown; s?: unknown } | null;
  const fields = record?.f;
  const others = record?.s;
  if (
    !record ||
    typeof fields !== 'object' ||
    fields === null ||
    Array.isArray(fields) ||
    typeof others !== 'object' ||
    others === null ||
    Array.isArray(others)
  ) {
    return null;
  }
  const byStamp = new Map<string, Record<string, unknown>>();
  const device = isHlc(record.h) ? hlcDevice(record.h) : null;
  for (const [field, fieldValue] of Object.entries(fields)) {
    const given = Object.prototype.hasOwnProperty.call(others, field)
      ? (others as Record<string, unknown>)[field]
      : record.h;
    const stamp = typeof given === 'string' && SHORT.test(given) && device ? `${given}-${device}` : given;
    if (!isHlc(stamp) || FORBIDDEN.has(field)) return null;
    const set = byStamp.get(stamp) ?? {};
    set[field] = fieldValue;
    byStamp.set(stamp, set);
  }
  const ops = [...byStamp].map(([hlc, set]) =>
    toSyncOp({ hlc, device: hlcDevice(hlc), table: record.t, id: record.id, set }),
  );
  return ops.length === 0 || ops.some((op) => op === null) ? null : (ops as SyncOp[]);
}

/** The ops of a log file, whether a segment (op lines) or a snapshot. */
export function parseLogFile(name: string, text: string): { ops: SyncOp[]; bad: number } {
  return name.startsWith('snap-') ? parseSnapshot(text) : parseOpLog(text);
}

/** `parseLogFile`, awaiting `turn` after every `slice` lines (so a caller's event loop gets turns). */
export async function parseLogFileInTurns(
  name: string,
  text: string,
  turn: () => Promise<void>,
  slice = TURN_SLICE,
): Promise<{ ops: SyncOp[]; bad: number }> {
  if (typeof text !== 'string' || text.length === 0) return parseLogFile(name, text);
  const lines = text.split('\n');
  if (lines.length <= slice) return parseLogFile(name, text);
  const ops: SyncOp[] = [];
  let bad = 0;
  for (let i = 0; i < lines.length; i += slice) {
    const part = parseLogFile(name, lines.slice(i, i + slice).join('\n'));
    for (const op of part.ops) ops.push(op);
    bad += part.bad;
    await turn();
  }
  return { ops, bad };
}
