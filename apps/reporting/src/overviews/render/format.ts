import { amsterdamMidnight } from '@rod/contracts';
import { isPeriod } from '../domain/periods';

/**
 * How the overview page writes numbers and dates: British English, and every date as the
 * calendar in Amsterdam shows it (the periods are Amsterdam days, DOMAIN.md).
 */

const LOCALE = 'en-GB';
const TIME_ZONE = 'Europe/Amsterdam';

const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const rate = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const axisRate = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const points = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const day = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDay = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, dateStyle: 'medium' });
const dayAndTime = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});

/** `1234` → `1,234`. */
export function formatCount(value: number): string {
  return count.format(value);
}

/** A deletion rate as a percentage with one decimal: `0.0253` → `2.5%`. */
export function formatRate(value: number): string {
  return rate.format(value);
}

/** A percentage for a chart axis, without a needless decimal: `0.02` → `2%`, `0.025` → `2.5%`. */
export function formatAxisRate(value: number): string {
  return axisRate.format(value);
}

/** The change between two rates in percentage points, signed: `0.031, 0.025` → `+0.6`. */
export function formatRateChange(current: number, previous: number): string {
  return points.format((current - previous) * 100);
}

/** A calendar day `YYYY-MM-DD` → `1 May 2026` (anything else as it is). */
export function formatDay(date: string): string {
  return formatDayBefore(date, 0);
}

/** The calendar day that ends `msBefore` ms before the start of `date`, in Amsterdam. */
function formatDayBefore(date: string, msBefore: number): string {
  const midnight = amsterdamMidnight(date);
  return Number.isNaN(midnight) ? date : day.format(midnight - msBefore);
}

/**
 * A period's days, `to` exclusive as the overview gives it: `2026-05-01`, `2026-11-01` →
 * `1 May 2026 – 31 October 2026` (the last day is the one that ends just before `to`).
 */
export function formatPeriodDays(from: string, to: string): string {
  return `${formatDay(from)} – ${formatDayBefore(to, 1)}`;
}

/** An instant as a short Amsterdam date for a table: `2026-06-03T10:00:00Z` → `3 Jun 2026`. */
export function formatShortDate(instant: string): string {
  const time = Date.parse(instant);
  return Number.isNaN(time) ? instant : shortDay.format(time);
}

/** An instant in Amsterdam time: `2026-11-28T13:05:00Z` → `28 November 2026 at 14:05`. */
export function formatDayAndTime(instant: string): string {
  const time = Date.parse(instant);
  return Number.isNaN(time) ? instant : dayAndTime.format(time);
}

/** A period's name for people: `2026-11` → `November 2026`; anything else as it is. */
export function formatPeriodName(period: string): string {
  if (!isPeriod(period)) return period;
  return `${period.endsWith('-05') ? 'May' : 'November'} ${period.slice(0, 4)}`;
}

/** A period's name where room is short: `2026-11` → `Nov 2026`. */
export function formatShortPeriodName(period: string): string {
  return formatPeriodName(period).replace(/^November /, 'Nov ');
}
