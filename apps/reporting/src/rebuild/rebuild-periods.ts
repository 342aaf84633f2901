import type { Period } from '../overviews/domain/periods';
import { isPeriod, periodNamed, periodOf } from '../overviews/domain/periods';

/**
 * The periods a rebuild builds again: those named, or else every period from the one of
 * the earliest registration up to the current one (which is built as a preview).
 */
export function periodsToRebuild(
  named: string[],
  earliestRegisteredAt: string | null,
  now: Date,
): Period[] {
  if (named.length > 0) {
    const wrong = named.filter((name) => !isPeriod(name));
    if (wrong.length > 0) throw new Error(`not a period (YYYY-05 or YYYY-11): ${wrong.join(', ')}`);
    return [...new Set(named)].sort().map((name) => periodNamed(name)!);
  }
  if (!earliestRegisteredAt) return [];
  const periods: Period[] = [];
  const last = periodOf(now);
  for (
    let period = periodOf(new Date(earliestRegisteredAt));
    ;
    period = periodOf(new Date(period.toInstant))
  ) {
    periods.push(period);
    if (period.period === last.period) return periods;
  }
}
