import { periodsToRebuild } from './rebuild-periods';

describe('periodsToRebuild', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it.each([
    { case: 'nothing registered', named: [], earliest: null, expected: [] },
    {
      case: 'all from this period',
      named: [],
      earliest: '2026-11-02T09:00:00Z',
      expected: ['2027-05'],
    },
    {
      case: 'from an earlier period up to now',
      named: [],
      earliest: '2025-10-31T22:59:59Z', // 31 October 2025, 23:59:59 in Amsterdam
      expected: ['2025-11', '2026-05', '2026-11', '2027-05'],
    },
    {
      case: 'the periods named, once each, in order',
      named: ['2026-11', '2026-05', '2026-11'],
      earliest: null,
      expected: ['2026-05', '2026-11'],
    },
  ])('$case', ({ named, earliest, expected }) => {
    expect(periodsToRebuild(named, earliest, now).map((p) => p.period)).toEqual(expected);
  });

  it('refuses a name that is not a period', () => {
    expect(() => periodsToRebuild(['2026-06'], null, now)).toThrow('2026-06');
  });
});
