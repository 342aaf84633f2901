import { REGISTER_TIME_ZONE, isCalendarDate } from '@rod/contracts';

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: REGISTER_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

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

function amsterdamMidnight(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const guess = utcMidnight - offsetAt(utcMidnight);
  return utcMidnight - offsetAt(guess);
}

/** How far Amsterdam's clocks are ahead of UTC at an instant (a whole second). */
function offsetAt(instant: number): number {
  const parts = wallClock.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - instant;
}
