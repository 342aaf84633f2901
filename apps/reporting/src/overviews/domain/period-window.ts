import type { Period } from './periods';
import { previousPeriod } from './periods';

/**
 * The consecutive periods an overview looks at, oldest first, ending with its own period:
 * for the rate chart and the comparison with the period before. Periods meet without gap
 * or overlap, so an instant falls in at most one.
 */
export class PeriodWindow {
  /** Oldest first; the last is the overview's own period. */
  readonly periods: readonly Period[];
  /** Index of the overview's own period in `periods`. */
  readonly current: number;
  private readonly starts: number[];
  private readonly from: number;
  private readonly to: number;

  constructor(period: Period, size: number) {
    if (!Number.isInteger(size) || size < 2) {
      throw new Error(`a period window holds at least 2 periods, not ${size}`);
    }
    const periods = [period];
    while (periods.length < size) periods.unshift(previousPeriod(periods[0]));
    this.periods = periods;
    this.current = periods.length - 1;
    this.starts = periods.map((p) => p.fromInstant);
    this.from = periods[0].fromInstant;
    this.to = period.toInstant;
  }

  /** Index of the period an instant (epoch ms) falls in; -1 outside the window or for NaN. */
  indexOf(instant: number): number {
    if (!(instant >= this.from && instant < this.to)) return -1;
    let i = this.current;
    while (this.starts[i] > instant) i -= 1;
    return i;
  }
}
