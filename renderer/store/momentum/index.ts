/**
 * The person's estimate calibration (shared/momentum.ts) over the last CALIBRATION_DAYS days,
 * for the windows that adjust to it (quick-add's note beside the estimate chip).
 */
import { addDays, startOfDay } from '../../../shared/days';
import { estimateCalibration } from '../../../shared/momentum';
import type { NextAction } from '../../../shared/nextAction';
import type { Repositories } from '../../db';

export const CALIBRATION_DAYS = 90;

export async function loadCalibration(
  repos: Pick<Repositories, 'momentum'>,
  now: number,
): Promise<{ ratio: number | null; samples: number }> {
  const start = addDays(startOfDay(now), -(CALIBRATION_DAYS - 1));
  const { tasks, sessions } = await repos.momentum.between(start, addDays(startOfDay(now), 1));
  return estimateCalibration(tasks, sessions);
}

/** How long a calibration read is reused by the next-action pick. */
export const CALIBRATION_MAX_AGE_MS = 10 * 60_000;

/**
 * Turns the indexed pick's answer into the calibrated one (MomentumRepository.calibrated). The
 * ratio is read only for a ranked answer, and reused for CALIBRATION_MAX_AGE_MS.
 */
export function calibratedPick(
  repos: Pick<Repositories, 'momentum'>,
  now: () => number,
): (action: NextAction | null) => Promise<NextAction | null> {
  let cached: { at: number; ratio: number | null } | null = null;
  let pending: Promise<number | null> | null = null;
  const ratio = (): Promise<number | null> => {
    const t = now();
    if (cached && t - cached.at >= 0 && t - cached.at < CALIBRATION_MAX_AGE_MS) {
      return Promise.resolve(cached.ratio);
    }
    pending ??= loadCalibration(repos, t)
      .then(({ ratio: r }) => {
        cached = { at: t, ratio: r };
        return r;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return async (action) =>
    action?.rule === 'ranked' ? repos.momentum.calibrated(action, now(), await ratio()) : action;
}
