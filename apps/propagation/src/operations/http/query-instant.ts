import { amsterdamMidnight, isCalendarDate } from '@rod/contracts';

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An instant (epoch ms) from a query: an ISO date-time with its offset (`Z` or `±hh:mm`),
 * or a date `YYYY-MM-DD`, which starts at midnight in Amsterdam, as the register's dates
 * and the overview periods do. Undefined for anything else.
 */
export function instantOf(value: string): number | undefined {
  if (isCalendarDate(value)) return amsterdamMidnight(value);
  const match = DATE_TIME.exec(value);
  if (!match || !isCalendarDate(match[1])) return undefined;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? undefined : instant;
}
