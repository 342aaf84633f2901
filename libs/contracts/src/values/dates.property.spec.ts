import fc from 'fast-check';
import { amsterdamMidnight, amsterdamToday, daysBetween, isCalendarDate } from './dates';

const RUNS = { seed: 20261128, numRuns: 500 };
const HOUR = 3_600_000;

/** Any instant from 1950 to 2100. */
const instant = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) });
/** A real calendar day, written `YYYY-MM-DD`. */
const calendarDay = instant.map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('calendar dates (properties)', () => {
  it('accepts every day a Date writes, and nothing it would rewrite', () => {
    fc.assert(
      fc.property(calendarDay, (day) => isCalendarDate(day)),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2100 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const real = new Date(Date.UTC(y, m - 1, d));
          const exists =
            m >= 1 && m <= 12 && real.getUTCDate() === d && real.getUTCMonth() === m - 1;
          expect(isCalendarDate(text)).toBe(exists);
        },
      ),
      RUNS,
    );
  });

  it('answers (never throws) for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => typeof isCalendarDate(v) === 'boolean'),
      RUNS,
    );
  });

  it('counts days additively: from a to b plus b to c is a to c', () => {
    fc.assert(
      fc.property(calendarDay, calendarDay, calendarDay, (a, b, c) => {
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
      }),
      RUNS,
    );
  });
});

describe('Amsterdam midnight (properties)', () => {
  it('is the first instant of the day in Amsterdam, one or two hours before UTC midnight', () => {
    fc.assert(
      fc.property(calendarDay, (day) => {
        const midnight = amsterdamMidnight(day);
        expect(amsterdamToday(new Date(midnight))).toBe(day);
        expect(amsterdamToday(new Date(midnight - 1))).not.toBe(day);
        expect([HOUR, 2 * HOUR]).toContain(Date.parse(`${day}T00:00:00Z`) - midnight);
      }),
      RUNS,
    );
  });

  it('every instant falls on the Amsterdam day whose midnight is the last before it', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const day = amsterdamToday(new Date(ms));
        expect(amsterdamMidnight(day)).toBeLessThanOrEqual(ms);
        const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(amsterdamMidnight(next)).toBeGreaterThan(ms);
      }),
      RUNS,
    );
  });
});
