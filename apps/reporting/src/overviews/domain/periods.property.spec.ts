import fc from 'fast-check';
import { amsterdamMidnight } from '@rod/contracts';
import { PeriodWindow } from './period-window';
import type { Period } from './periods';
import { hasEnded, isPeriod, periodNamed, periodOf, previousPeriod } from './periods';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 500 };
const HOUR = 3_600_000;

const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) });
const year = fc.integer({ min: 1990, max: 2089 });
/** An instant within two hours of a period boundary, where the time zone matters. */
const nearBoundary = fc
  .tuple(year, fc.constantFrom('05-01', '11-01'), fc.integer({ min: -2 * HOUR, max: 2 * HOUR }))
  .map(([y, monthDay, offset]) => amsterdamMidnight(`${y}-${monthDay}`) + offset);
const anyInstant = fc.oneof(instant, nearBoundary);

const contains = (p: Period, ms: number) => p.fromInstant <= ms && ms < p.toInstant;

describe('overview periods (properties)', () => {
  it('put every instant in exactly one period: its own, not the one before or after', () => {
    fc.assert(
      fc.property(anyInstant, (ms) => {
        const own = periodOf(new Date(ms));
        expect(contains(own, ms)).toBe(true);
        const before = previousPeriod(own);
        const after = periodOf(new Date(own.toInstant));
        expect(contains(before, ms)).toBe(false);
        expect(contains(after, ms)).toBe(false);
      }),
      RUNS,
    );
  });

  it('are contiguous and ordered: each starts where the one before ends, alternating May and November', () => {
    fc.assert(
      fc.property(anyInstant, (ms) => {
        const own = periodOf(new Date(ms));
        const before = previousPeriod(own);
        expect(before.toInstant).toBe(own.fromInstant);
        expect(before.fromInstant).toBeLessThan(own.fromInstant);
        expect(before.to).toBe(own.from);
        const y = Number(own.period.slice(0, 4));
        expect(before.period).toBe(own.period.endsWith('-05') ? `${y - 1}-11` : `${y}-05`);
        expect(before.period).not.toBe(own.period);
        expect(periodNamed(own.period)).toEqual(own);
      }),
      RUNS,
    );
  });

  it('begin at Amsterdam midnight of 1 May (22:00Z, summer time) and 1 November (23:00Z, winter time)', () => {
    fc.assert(
      fc.property(year, (y) => {
        const may = amsterdamMidnight(`${y}-05-01`);
        const november = amsterdamMidnight(`${y}-11-01`);
        expect(new Date(may).toISOString()).toBe(`${y}-04-30T22:00:00.000Z`);
        expect(new Date(november).toISOString()).toBe(`${y}-10-31T23:00:00.000Z`);
        expect(periodOf(new Date(may - 1)).period).toBe(`${y}-05`);
        expect(periodOf(new Date(may)).period).toBe(`${y}-11`);
        expect(periodOf(new Date(november - 1)).period).toBe(`${y}-11`);
        expect(periodOf(new Date(november)).period).toBe(`${y + 1}-05`);
      }),
      RUNS,
    );
  });

  it('have ended exactly from their end on', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, (a, b) => {
        const p = periodOf(new Date(a));
        expect(hasEnded(p, new Date(b))).toBe(b >= p.toInstant);
      }),
      RUNS,
    );
  });

  it('are named YYYY-05 or YYYY-11 from 1950 on: anything else names no period', () => {
    const nameLike = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[0-9]{4}-(05|11)$/),
      fc.stringMatching(/^[0-9]{4}-[0-9]{2}$/),
    );
    fc.assert(
      fc.property(nameLike, (name) => {
        const named = periodNamed(name);
        expect(named !== null).toBe(isPeriod(name));
        // A period that is named has real instants as its bounds.
        if (named) expect(named.fromInstant < named.toInstant).toBe(true);
        expect(isPeriod(name)).toBe(/^\d{4}-(05|11)$/.test(name) && name >= '1950');
      }),
      RUNS,
    );
  });
});

describe('PeriodWindow (properties)', () => {
  it('places every instant in the period periodOf names, or outside the window', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, fc.integer({ min: 2, max: 6 }), (a, b, size) => {
        const window = new PeriodWindow(periodOf(new Date(a)), size);
        const at = window.indexOf(b);
        const own = periodOf(new Date(b)).period;
        const inWindow = window.periods.findIndex((p) => p.period === own);
        expect(at).toBe(inWindow);
      }),
      RUNS,
    );
  });
});
