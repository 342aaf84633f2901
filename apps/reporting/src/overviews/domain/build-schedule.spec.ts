import { CronTime } from 'cron';
import { BUILD_CRON, BUILD_TIME_ZONE, lastEndedPeriod, periodToCatchUp } from './build-schedule';

describe('the scheduled overview builds', () => {
  const cron = new CronTime(BUILD_CRON, BUILD_TIME_ZONE);
  const nextRun = (after: string) =>
    cron.getNextDateFrom(new Date(after), BUILD_TIME_ZONE).toUTC().toISO();

  it.each([
    // 1 May 00:00 in Amsterdam is 22:00 UTC the day before (summer time, UTC+2).
    ['2027-04-30T21:59:59.000Z', '2027-04-30T22:00:00.000Z'],
    // 1 November 00:00 is 23:00 UTC on 31 October (winter time since the last Sunday of October).
    ['2027-04-30T22:00:00.000Z', '2027-10-31T23:00:00.000Z'],
    ['2026-11-28T12:00:00.000Z', '2027-04-30T22:00:00.000Z'],
    ['2027-10-31T22:59:59.000Z', '2027-10-31T23:00:00.000Z'],
  ])('after %s the next build runs at %s', (after, expected) => {
    expect(nextRun(after)).toBe(expected);
  });

  it.each([
    // At the start of 1 May the May overview (up to 1 May) has just ended.
    ['2027-04-30T22:00:00.000Z', '2027-05'],
    ['2027-04-30T21:59:59.999Z', '2026-11'],
    ['2027-10-31T23:00:00.000Z', '2027-11'],
    ['2026-11-28T12:00:00.000Z', '2026-11'],
  ])('at %s the last ended period is %s', (now, period) => {
    expect(lastEndedPeriod(new Date(now)).period).toBe(period);
  });

  it.each([
    { state: 'never built', stored: null, expected: '2026-11' },
    { state: 'built only as a preview', stored: { preview: true }, expected: '2026-11' },
    { state: 'built after it ended', stored: { preview: false }, expected: null },
  ])('at start-up, the last ended period $state is built: $expected', ({ stored, expected }) => {
    expect(periodToCatchUp(new Date('2026-11-28T12:00:00Z'), stored)?.period ?? null).toBe(
      expected,
    );
  });
});
