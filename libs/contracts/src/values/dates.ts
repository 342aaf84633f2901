/** Calendar dates as the register sees them: `YYYY-MM-DD` in Europe/Amsterdam. */

export const REGISTER_TIME_ZONE = 'Europe/Amsterdam';
export const EARLIEST_EXAM_DATE = '1950-01-01';

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: REGISTER_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Amsterdam, as `YYYY-MM-DD`. */
export function amsterdamToday(now: Date = new Date()): string {
  return amsterdamDate.format(now);
}

/** True for a real calendar date written `YYYY-MM-DD` (no 30 February). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

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

/** How far Amsterdam's clocks are ahead of UTC at an instant (epoch ms), in ms. */
function amsterdamOffsetAt(instant: number): number {
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

/**
 * The instant (epoch ms) a calendar day `YYYY-MM-DD` starts in Amsterdam: 23:00Z the day
 * before in winter time, 22:00Z in summer time.
 */
export function amsterdamMidnight(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const guess = utcMidnight - amsterdamOffsetAt(utcMidnight);
  return utcMidnight - amsterdamOffsetAt(guess);
}
