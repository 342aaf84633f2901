import {
  formatAxisRate,
  formatCount,
  formatDayAndTime,
  formatPeriodDays,
  formatPeriodName,
  formatRate,
  formatRateChange,
  formatShortDate,
  formatShortPeriodName,
} from './format';

describe('overview formats', () => {
  it.each([
    [0, '0.0%'],
    [0.007, '0.7%'],
    [0.0253, '2.5%'],
    [0.0256, '2.6%'],
    [0.1234, '12.3%'],
    [1, '100.0%'],
  ])('writes the rate %p as %p', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });

  it.each([
    [0, '0%'],
    [0.005, '0.5%'],
    [0.01, '1%'],
    [0.025, '2.5%'],
  ])('writes the axis rate %p as %p', (rate, text) => {
    expect(formatAxisRate(rate)).toBe(text);
  });

  it.each([
    [0.031, 0.025, '+0.6'],
    [0.007, 0.0098, '-0.3'],
    [0.01, 0.01, '0.0'],
    [0.01, 0.0101, '0.0'],
  ])('writes the change to %p from %p as %p percentage points', (current, previous, text) => {
    expect(formatRateChange(current, previous)).toBe(text);
  });

  it.each([
    [0, '0'],
    [9, '9'],
    [1284, '1,284'],
    [1234567, '1,234,567'],
  ])('writes the count %p as %p', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });

  it.each([
    ['2026-05-01', '2026-11-01', '1 May 2026 – 31 October 2026'],
    ['2025-11-01', '2026-05-01', '1 November 2025 – 30 April 2026'],
    ['2027-11-01', '2028-05-01', '1 November 2027 – 30 April 2028'],
  ])('writes the period %s to %s (exclusive) as %p', (from, to, text) => {
    expect(formatPeriodDays(from, to)).toBe(text);
  });

  it.each([
    ['2026-11-01T05:00:12.345Z', '1 November 2026 at 06:00', 'winter time, UTC+1'],
    [
      '2026-06-15T22:30:00.000Z',
      '16 June 2026 at 00:30',
      'summer time, UTC+2: already the next day',
    ],
    ['not a date', 'not a date', 'anything else as it is'],
  ])('writes the instant %s as %p (%s)', (instant, text) => {
    expect(formatDayAndTime(instant)).toBe(text);
  });

  it.each([
    ['2026-10-30T22:30:00.000Z', '30 Oct 2026'],
    ['2026-10-31T23:00:00.000Z', '1 Nov 2026'],
    ['2026-04-30T22:00:00.000Z', '1 May 2026'],
  ])('writes the table date of %s as %p, the day in Amsterdam', (instant, text) => {
    expect(formatShortDate(instant)).toBe(text);
  });

  it.each([
    ['2026-11', 'November 2026', 'Nov 2026'],
    ['2026-05', 'May 2026', 'May 2026'],
    ['2026-06', '2026-06', '2026-06'],
  ])('names the period %s %p, or %p where room is short', (period, long, short) => {
    expect(formatPeriodName(period)).toBe(long);
    expect(formatShortPeriodName(period)).toBe(short);
  });
});
