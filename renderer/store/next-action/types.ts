/** The next-action store's state, its dependencies and its constants. */
import { addDays } from '../../../shared/days';
import type { NextAction, PolicyOptions } from '../../../shared/nextAction';
import type { SkipReason, Task, TaskRef } from '../../../shared/types';
import type { ParsedQuickAdd } from '../../../shared/quickAdd';
import type { Repositories } from '../../db';
import type { StoreApi } from 'zustand/vanilla';

/** "Not now" without a reason sets the task aside for this long. */
export const NOT_NOW_MS = 3 * 60 * 60_000;
/** How often the pick is re-evaluated as time passes (snoozes end, days change). */
export const REEVALUATE_MS = 60_000;

export type Panel =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'breakDown'; task: Task; firstOnly: boolean }
  /** E: the title of `task`, as it was when the panel opened, to be changed. */
  | { kind: 'rename'; task: Task }
  | { kind: 'skipWhy'; task: Task }
  | { kind: 'smaller'; task: Task; reason: 'too-big' | 'unclear' }
  | { kind: 'blocked'; task: Task }
  | { kind: 'snooze'; task: Task }
  | { kind: 'completeParent'; parent: Task }
  /** Start focus on `task` while a session on `running` goes on: switch, or keep the current one. */
  | { kind: 'switchFocus'; task: TaskRef; mode: 'standard' | 'twoMinute'; running: string }
  | { kind: 'settings' }
  | { kind: 'history' };

export interface Toast {
  id: number;
  text: string;
  /** Versions of tasks to put back on undo. */
  undo: Task[] | null;
}

/** What the store needs from the data layer; it arrives after the first paint (Dexie loads lazily). */
export interface NextActionData {
  tasks: Repositories['tasks'];
  /** Runs the query now and after every change to tasks (any window); returns the unsubscribe. */
  observe: <T>(
    query: () => Promise<T>,
    onValue: (value: T) => void,
    onError: (error: unknown) => void,
  ) => () => void;
  /** Adjusts the pick to the person's estimate calibration (renderer/store/momentum). */
  calibrate?: (action: NextAction | null) => Promise<NextAction | null>;
}

export interface NextActionDeps {
  data: Promise<NextActionData>;
  /** The first next action read without Dexie (undefined: not available, wait for `data`). */
  initial?: Promise<NextAction | null | undefined>;
  now: () => number;
  /** The settings the policy depends on, as they are now (call `refresh` when they change). */
  policy?: () => Pick<PolicyOptions, 'dueFirstMs'>;
  /** Tells main the current next action (tray menu, global start shortcut). */
  report: (task: TaskRef | null) => void;
  parse: (text: string, now: Date) => Promise<ParsedQuickAdd>;
  /** A task was marked done (a focus session on it ends with it). */
  onDone?: (taskId: string) => void;
  /** Opens the reflection window. */
  openReflection?: () => void;
}

export interface NextActionState {
  ready: boolean;
  current: NextAction | null;
  loadError: string | null;
  panel: Panel;
  /** An error for the open panel, shown inline; the typed text stays. */
  panelError: string | null;
  busy: boolean;
  /** Nothing is shown but some tasks are set aside (snoozed) right now. */
  setAside: boolean;
  toast: Toast | null;
  /** Set when main shows tomorrow's first step on the first wake of the day. */
  greeting: string | null;
  /** The greeting belongs to the morning: it is not shown from this time (noon) on. */
  greetingUntil: number;

  start(): () => void;
  refresh(): void;
  open(panel: Panel): void;
  close(): void;
  done(): Promise<void>;
  notNow(): Promise<void>;
  chooseReason(reason: SkipReason): Promise<void>;
  submitSmaller(text: string): Promise<boolean>;
  submitBlocked(note: string, checkBackAt: number): Promise<boolean>;
  submitSnooze(until: number): Promise<boolean>;
  submitBreakDown(text: string): Promise<boolean>;
  /** Saves the rename panel's title, as typed (trimmed); an empty or unchanged one changes nothing. */
  submitRename(text: string): Promise<boolean>;
  add(text: string): Promise<boolean>;
  completeParent(yes: boolean): Promise<void>;
  undo(): Promise<void>;
  greet(taskId: string | null): void;
  /** The greeted step was started, done or skipped: the greeting has done its job. */
  endGreeting(): void;
  bringBack(): Promise<void>;
  dismissToast(): void;
  /** Says something that needs no action (a toast without undo). */
  notice(text: string): void;
  openReflection(): void;
}

/** Tomorrow (or `days` ahead) at 9:00 local. */
export function morningOf(now: number, days: number): number {
  return addDays(now, days) + 9 * 60 * 60_000;
}

/** What the state starts as. */
export const initialState = {
  ready: false,
  current: null,
  loadError: null,
  panel: { kind: 'none' },
  panelError: null,
  busy: false,
  setAside: false,
  toast: null,
  greeting: null,
  greetingUntil: 0,
} satisfies Partial<NextActionState>;

/** What the store's slices share. */
export interface Slice {
  set: StoreApi<NextActionState>['setState'];
  get: () => NextActionState;
  deps: NextActionDeps;
}
