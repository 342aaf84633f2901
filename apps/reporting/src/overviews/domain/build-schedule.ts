import type { Period } from './periods';
import { periodOf, previousPeriod } from './periods';

/** The start of 1 May and of 1 November: the moment a period ends and its overview is due. */
export const BUILD_CRON = '0 0 1 5,11 *';
export const BUILD_TIME_ZONE = 'Europe/Amsterdam';

/** The period that ended last before `now`: the one a scheduled build builds. */
export function lastEndedPeriod(now: Date): Period {
  return previousPeriod(periodOf(now));
}

/**
 * The period to build when the service starts: the last ended one, unless it was built
 * after it ended (a build missed while the service was down is caught up).
 */
export function periodToCatchUp(now: Date, stored: { preview: boolean } | null): Period | null {
  return stored && !stored.preview ? null : lastEndedPeriod(now);
}
