/**
 * Each record's per-field stamps, kept inside the record itself (schema v7) under `STAMPS`, so
 * writing a record writes its stamps with it: one row per record, not two. Only a record the log
 * holds part of so far (another device's ops can arrive before the one that created it) keeps its
 * stamps and fields in a row of the `stamps` table until it is whole.
 */
import { STAMPS } from '../rows';
import type { SyncTable } from '../../../shared/sync';

export { STAMPS };

/** A record's stamps: the most common as `h`, the others by field. */
export interface Stamps {
  /** Each field's stamp, except those stamped `h`. */
  f: Record<string, string>;
  /**
   * The stamp of every field `f` does not name (most records have one or two stamps). Rows
   * written before this field existed name every field in `f`.
   */
  h?: string;
}

/** A record the log holds only part of so far: its stamps and fields, key `<table>/<id>`. */
export interface StampRow extends Stamps {
  key: string;
  /** The fields known so far: kept here until the record is whole. */
  p?: Record<string, unknown>;
}

export const stampKey = (table: SyncTable, id: string): string => `${table}/${id}`;

/** Every field's stamp (of `fields`, where `h` applies), from stored stamps (or none). */
export function fieldStamps(row: Stamps | undefined, fields?: Iterable<string>): Record<string, string> {
  if (!row) return {};
  if (row.h === undefined) return { ...row.f };
  const out: Record<string, string> = {};
  for (const field of fields ?? []) out[field] = row.h;
  return Object.assign(out, row.f);
}

/** Stamps by field, packed: the most common stamp as `h`, the others by field. */
export function packFieldStamps(stamps: Readonly<Record<string, string>>): Stamps {
  const counts = new Map<string, number>();
  let h = '';
  let most = 0;
  for (const stamp of Object.values(stamps)) {
    const n = (counts.get(stamp) ?? 0) + 1;
    counts.set(stamp, n);
    if (n > most) [h, most] = [stamp, n];
  }
  const f: Record<string, string> = {};
  for (const [field, stamp] of Object.entries(stamps)) if (stamp !== h) f[field] = stamp;
  return most > 0 ? { f, h } : { f };
}

/** The `stamps` table's row for a record the log holds only part of. */
export function packStamps(
  key: string,
  stamps: Readonly<Record<string, string>>,
  pending?: Record<string, unknown>,
): StampRow {
  return { key, ...packFieldStamps(stamps), ...(pending ? { p: pending } : {}) };
}

/** A record's stamps after `changed` fields were set at `hlc` (`fields`: all the record's own). */
export function restamp(
  before: Stamps | undefined,
  fields: Iterable<string>,
  changed: Iterable<string>,
  hlc: string,
): Stamps {
  if (!before) return { f: {}, h: hlc };
  const all = fieldStamps(before, fields);
  for (const field of changed) all[field] = hlc;
  return packFieldStamps(all);
}

/** A stored record's stamps, if it has any. */
export const storedStamps = (row: Record<string, unknown> | undefined): Stamps | undefined =>
  row?.[STAMPS] as Stamps | undefined;
