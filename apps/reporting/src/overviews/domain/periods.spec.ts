import { hasEnded, isPeriod, periodNamed, periodOf, previousPeriod } from './periods';

describe('overview periods', () => {
  it.each([
    ['2026-05', '2025-11-01', '2026-05-01', '2025-10-31T23:00:00.000Z', '2026-04-30T22:00:00.000Z'],
    ['2026-11', '2026-05-01', '2026-11-01', '2026-04-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
    ['2000-05', '1999-11-01', '2000-05-01', '1999-10-31T23:00:00.000Z', '2000-04-30T22:00:00.000Z'],
  ])('%s runs from %s to %s (Amsterdam midnights %s to %s)', (name, from, to, fromAt, toAt) => {
    const period = periodNamed(name)!;
    expect(period).toMatchObject({ period: name, from, to });
    expect(new Date(period.fromInstant).toISOString()).toBe(fromAt);
    expect(new Date(period.toInstant).toISOString()).toBe(toAt);
  });

  // 0096-11 and 0000-05 were found by reporting-http.fuzz.int-spec.ts: they answered 500.
  it.each([
    '2026-04',
    '2026-5',
    '26-05',
    '2026-05-01',
    '',
    '2026-11 ',
    '0096-11',
    '0000-05',
    '1949-11',
  ])('does not take %p for a period', (name) => {
    expect(isPeriod(name)).toBe(false);
    expect(periodNamed(name)).toBeNull();
  });

  it.each([
    ['2026-04-30T21:59:59.999Z', '2026-05', 'the last moment of April in Amsterdam'],
    ['2026-04-30T22:00:00.000Z', '2026-11', '1 May 00:00 in Amsterdam, still 30 April in UTC'],
    ['2026-05-01T12:00:00.000Z', '2026-11', 'May Day'],
    ['2026-10-25T01:30:00.000Z', '2026-11', 'the night summer time ends'],
    ['2026-10-31T22:59:59.999Z', '2026-11', 'the last moment of October in Amsterdam'],
    [
      '2026-10-31T23:00:00.000Z',
      '2027-05',
      '1 November 00:00 in Amsterdam, still 31 October in UTC',
    ],
    ['2026-12-31T23:30:00.000Z', '2027-05', 'New Year in Amsterdam, still the old year in UTC'],
    ['2027-01-15T12:00:00.000Z', '2027-05', 'January, in the May period of the same year'],
    ['2027-03-28T01:30:00.000Z', '2027-05', 'the night summer time starts'],
  ])('puts %s in %s (%s)', (instant, name) => {
    expect(periodOf(new Date(instant)).period).toBe(name);
  });

  it.each([
    ['2026-11', '2026-05'],
    ['2026-05', '2025-11'],
    ['2027-05', '2026-11'],
  ])('has %s follow %s', (name, previous) => {
    expect(previousPeriod(periodNamed(name)!).period).toBe(previous);
  });

  it.each([
    ['2026-11', '2026-10-31T22:59:59.999Z', false],
    ['2026-11', '2026-10-31T23:00:00.000Z', true],
    ['2027-05', '2026-11-28T12:00:00.000Z', false],
  ])('%s has ended at %s: %s', (name, now, ended) => {
    expect(hasEnded(periodNamed(name)!, new Date(now))).toBe(ended);
  });

  it('covers every instant exactly once: consecutive periods meet without gap or overlap', () => {
    let period = periodNamed('2020-05')!;
    for (let i = 0; i < 20; i++) {
      const next = periodOf(new Date(period.toInstant));
      expect(next.fromInstant).toBe(period.toInstant);
      expect(periodOf(new Date(period.toInstant - 1)).period).toBe(period.period);
      period = next;
    }
  });
});
