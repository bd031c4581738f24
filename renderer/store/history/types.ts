/** The history store's state and dependencies (light: the view and the window's entry import them). */
import type { KineticApi } from '../../../shared/api';
import type { DayStats } from '../../../shared/summary';
import type { Reflection } from '../../../shared/types';
import type { DayMomentum } from '../../../shared/momentum';
import type { TwoMinuteStarts } from '../../../shared/stepSize';
import type { Repositories } from '../../db';
import type * as Reads from './reads';

export const RANGES = [7, 30, 90] as const;
export type Range = (typeof RANGES)[number];

/** What history shows, read in one go from the repositories (reads.ts). */
export interface HistoryData {
  today: string | null;
  /** One entry per day of the last LOOKBACK_DAYS days, oldest first. */
  stats: DayStats[];
  reflections: Reflection[];
  streak: number;
  /** One entry per day of the longest range, oldest first. */
  momentum: DayMomentum[];
  /** Median capture → first start over each range. */
  captureToStart: Record<Range, number | null>;
  /** Over the tasks done in the longest range. */
  calibration: { ratio: number | null; samples: number };
  /** Two-minute starts this calendar month, and how many were kept going. */
  twoMinute: TwoMinuteStarts;
}

export interface HistoryState extends HistoryData {
  range: Range;
  loading: boolean;
  error: string | null;
  /** What the last export did ("Saved to …", "Export cancelled"): news, not an error. */
  notice: string | null;
  /**
   * Opens history afresh (the last 7 days, read now); returns the unsubscribe, after which a
   * read still under way is dropped.
   */
  start(): () => void;
  /** Reads the days again; resolves once they are in the state (or the error is). */
  refresh(): Promise<void>;
  setRange(range: Range): void;
  exportDays(days: number): Promise<void>;
}

export type HistoryRepos = Pick<Repositories, 'tasks' | 'sessions' | 'reflections' | 'momentum'>;

export interface HistoryDeps {
  repos: () => Promise<HistoryRepos>;
  api: Pick<KineticApi, 'history'>;
  now: () => number;
  /** The reads and the Markdown (shared/summary and the momentum maths), loaded when history first opens. */
  load?: () => Promise<typeof Reads>;
}

export const emptyHistory: HistoryData = {
  today: null,
  stats: [],
  reflections: [],
  streak: 0,
  momentum: [],
  captureToStart: { 7: null, 30: null, 90: null },
  calibration: { ratio: null, samples: 0 },
  twoMinute: { starts: 0, keptGoing: 0 },
};
