import { amsterdamMidnight, amsterdamToday } from '@rod/contracts';

/**
 * The twice-yearly overview periods (DOMAIN.md), in Europe/Amsterdam time:
 * `YYYY-05` covers 1 November of the year before up to (not including) 1 May;
 * `YYYY-11` covers 1 May up to 1 November.
 */
export interface Period {
  period: string;
  /** First day, `YYYY-MM-DD` (as CONTRACT.md's overview shows it). */
  from: string;
  /** The day after the last, `YYYY-MM-DD`: the period ends when it starts. */
  to: string;
  /** `from` and `to` as instants: midnight in Amsterdam, epoch ms. */
  fromInstant: number;
  toInstant: number;
}

// Years from 1950 (the earliest exam date): earlier ones name no period a result can be
// in, and before year 100 the date arithmetic breaks (a period "0096-11" answered 500).
const PERIOD = /^(19[5-9]\d|[2-9]\d{3})-(05|11)$/;

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** The period named `YYYY-05` or `YYYY-11`; null for anything else. */
export function periodNamed(name: string): Period | null {
  const match = PERIOD.exec(name);
  if (!match) return null;
  const year = Number(match[1]);
  const [from, to] =
    match[2] === '05' ? [`${year - 1}-11-01`, `${year}-05-01`] : [`${year}-05-01`, `${year}-11-01`];
  return {
    period: name,
    from,
    to,
    fromInstant: amsterdamMidnight(from),
    toInstant: amsterdamMidnight(to),
  };
}

/** The period an instant falls in, by its calendar day in Amsterdam. */
export function periodOf(instant: Date): Period {
  const day = amsterdamToday(instant);
  const year = Number(day.slice(0, 4));
  const monthDay = day.slice(5);
  const name =
    monthDay >= '11-01' ? `${year + 1}-05` : monthDay >= '05-01' ? `${year}-11` : `${year}-05`;
  return periodNamed(name)!;
}

/** The period before, for the comparison an overview shows. */
export function previousPeriod(period: Period): Period {
  return periodOf(new Date(period.fromInstant - 1));
}

/** A period has ended when its end has passed; before that an overview is a preview. */
export function hasEnded(period: Period, now: Date): boolean {
  return now.getTime() >= period.toInstant;
}
