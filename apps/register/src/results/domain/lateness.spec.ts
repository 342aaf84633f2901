import { REGISTRATION_PERIOD_DAYS, isLateRegistration } from './lateness';

describe('isLateRegistration', () => {
  it('allows 8 weeks', () => {
    expect(REGISTRATION_PERIOD_DAYS).toBe(56);
  });

  it.each([
    ['2026-01-01', '2026-01-01T10:00:00.000Z', false, 'registered on the exam day'],
    ['2026-01-01', '2026-02-26T10:00:00.000Z', false, 'exactly 56 days after the exam'],
    ['2026-01-01', '2026-02-27T10:00:00.000Z', true, '57 days after the exam'],
    ['2026-01-01', '2026-06-01T10:00:00.000Z', true, 'months after the exam'],
    // Winter time (UTC+1): 23:30Z on day 56 is already day 57 in Amsterdam.
    [
      '2026-01-01',
      '2026-02-26T22:59:59.999Z',
      false,
      'day 56, one millisecond before midnight in Amsterdam',
    ],
    [
      '2026-01-01',
      '2026-02-26T23:00:00.000Z',
      true,
      'day 56 in UTC but midnight of day 57 in Amsterdam',
    ],
    ['2026-01-01', '2026-02-26T23:30:00.000Z', true, 'day 56 in UTC but day 57 in Amsterdam'],
    // Summer time (UTC+2): 22:30Z on day 56 is already day 57 in Amsterdam.
    [
      '2026-05-08',
      '2026-07-03T21:59:59.999Z',
      false,
      'day 56, just before midnight in Amsterdam summer time',
    ],
    [
      '2026-05-08',
      '2026-07-03T22:30:00.000Z',
      true,
      'day 56 in UTC but day 57 in Amsterdam summer time',
    ],
    ['2026-05-08', '2026-07-02T23:30:00.000Z', false, 'day 55 in UTC, day 56 in Amsterdam'],
    // A period spanning the switch to summer time still counts calendar days.
    ['2026-03-01', '2026-04-26T12:00:00.000Z', false, '56 days across the start of summer time'],
    ['2026-03-01', '2026-04-27T12:00:00.000Z', true, '57 days across the start of summer time'],
    ['2024-01-01', '2024-02-26T12:00:00.000Z', false, '56 days in a leap year'],
  ])('exam %s, registered %s: late=%s (%s)', (examDate, registeredAt, late) => {
    expect(isLateRegistration(examDate, new Date(registeredAt))).toBe(late);
  });
});
