import {
  EARLIEST_EXAM_DATE,
  REGISTER_TIME_ZONE,
  amsterdamMidnight,
  amsterdamToday,
  daysBetween,
  isCalendarDate,
} from './dates';

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29'],
    ['2026-07-03'],
    ['1950-01-01'],
    ['2000-02-29'],
    ['2026-12-31'],
    ['2026-04-30'],
  ])('accepts the real date %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['2023-02-29', '29 February of a common year'],
    ['1900-02-29', '29 February of a century that is no leap year'],
    ['2026-02-30', '30 February'],
    ['2026-04-31', '31 April'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-7-3', 'no zero padding'],
    ['03-07-2026', 'day-month-year order'],
    ['2026/07/03', 'slashes'],
    ['2026-07-03T00:00:00Z', 'a timestamp'],
    ['', 'an empty string'],
  ])('rejects %p (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('amsterdamToday', () => {
  it('uses the Europe/Amsterdam time zone', () => {
    expect(REGISTER_TIME_ZONE).toBe('Europe/Amsterdam');
    expect(EARLIEST_EXAM_DATE).toBe('1950-01-01');
  });

  it.each([
    ['2026-07-03T21:59:59.999Z', '2026-07-03', 'summer time (UTC+2), just before midnight'],
    ['2026-07-03T22:00:00.000Z', '2026-07-04', 'summer time (UTC+2), at midnight'],
    ['2026-07-03T22:30:00.000Z', '2026-07-04', 'summer time (UTC+2), after midnight'],
    ['2026-01-15T22:30:00.000Z', '2026-01-15', 'winter time (UTC+1), 23:30 local'],
    ['2026-01-15T22:59:59.999Z', '2026-01-15', 'winter time (UTC+1), just before midnight'],
    ['2026-01-15T23:00:00.000Z', '2026-01-16', 'winter time (UTC+1), at midnight'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01', 'new year already begun in Amsterdam'],
    ['2026-03-29T00:30:00.000Z', '2026-03-29', 'the night summer time starts'],
    ['2026-10-24T22:30:00.000Z', '2026-10-25', 'the night summer time ends'],
  ])('reads %s as %s (%s)', (instant, expected) => {
    expect(amsterdamToday(new Date(instant))).toBe(expected);
  });

  it('defaults to the current instant', () => {
    expect(amsterdamToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(isCalendarDate(amsterdamToday())).toBe(true);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-07-03', '2026-07-03', 0],
    ['2026-07-03', '2026-07-04', 1],
    ['2026-07-04', '2026-07-03', -1],
    ['2026-01-01', '2026-02-26', 56],
    ['2026-01-01', '2026-02-27', 57],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2025-01-01', '2026-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
  ])('counts from %s to %s as %i whole days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('amsterdamMidnight', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z', 'winter time'],
    ['2026-05-01', '2026-04-30T22:00:00.000Z', 'summer time'],
    ['2026-11-01', '2026-10-31T23:00:00.000Z', 'the week after summer time ends'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z', 'the day summer time starts (at 02:00)'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z', 'the day summer time ends (at 03:00)'],
    ['2025-11-01', '2025-10-31T23:00:00.000Z', 'another year'],
  ])('%s starts at %s (%s)', (date, instant) => {
    expect(new Date(amsterdamMidnight(date)).toISOString()).toBe(instant);
  });
});
