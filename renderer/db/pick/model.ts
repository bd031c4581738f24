/**
 * The pick's row model in meta: the floors (where each section's live entries start), the front
 * (what a pick reads first, as the last write left it) and the stamp that says whether the row
 * changed. How the pick reads them: pick/index.ts.
 */
import { addDays } from '../../../shared/days';
import { NEAR_MS } from '../../../shared/nextAction';
import type { PickKey, TaskRow } from '../rows';
import { MAX } from './keys';

/** The sections the pick reads from a floor (floors.ts); 'd' is read by time instead. */
export const FLOOR_SECTIONS = ['a', 'p', 'q', 'r'] as const;
export type FloorSection = (typeof FLOOR_SECTIONS)[number];
export const FLOORS_ID = 'pickFloors';
/**
 * What a pick reads first, as the last write to tasks left it (floors.ts `raiseFloors` stores it
 * at the end of that write; any later write to tasks drops it in its own transaction). Copies of
 * rows (`frontRows`), each with its entries in its list's range; a pick takes from them the
 * entries a read would have returned.
 */
export interface Front {
  /** The start of the writer's day: `d` holds that day's timed entries (`dueWindow`). */
  day: number;
  /**
   * The rows with an entry in the group of the floor of 'a' (the floor's task and its steps), as
   * `frontRows` copies them for that range.
   */
  a: TaskRow[];
  /** The same for the floor of 'r'. */
  r: TaskRow[];
  d: TaskRow[];
}
/**
 * The meta row holding the floors (no live entry of a section is below its floor) and, while no
 * write to tasks came after the last write that stored it, the front.
 */
export type Floors = { id: typeof FLOORS_ID } & Record<FloorSection, PickKey> & { front?: Front };
/** The sections' starts: the floors when none are stored. */
export const STARTS: Floors = { id: FLOORS_ID, a: ['a'], p: ['p'], q: ['q'], r: ['r'] };
/**
 * The meta row whose stamp changes with every write to meta, in that write's transaction
 * (floors.ts): a window that knows the row of floors stored under the current stamp need not read
 * that row again. So a pick usually reads only this small row, and takes the floors and front
 * from memory: the ones this window's own last write stored, or its last pick read.
 */
export const STAMP_ID = 'pickStamp';
export interface Stamp {
  id: typeof STAMP_ID;
  stamp: string;
}
/** A new stamp: unique enough that two writes never share one. */
export const newStamp = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
/** The range of 'd' a front holds: the timed entries of the day starting at `day`, and near ones after. */
export const dueWindow = (day: number): [PickKey, PickKey] => [
  ['d', day],
  ['d', addDays(day, 1) + NEAR_MS, MAX],
];

/** The floors alone (without the front): what a window remembers. */
export function floorKeys(floors: Floors): Floors {
  const { front: _front, ...keys } = floors;
  return keys;
}
