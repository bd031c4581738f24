/**
 * The person's estimate calibration (shared/momentum.ts) over the last CALIBRATION_DAYS days,
 * for the windows that adjust to it (quick-add's note beside the estimate chip).
 */
import { addDays, startOfDay } from '../../../shared/days';
import { estimateCalibration } from '../../../shared/momentum';
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
