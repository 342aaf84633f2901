import { replayPlan, replayStarted } from './replay-plan';

const ID = '0b7e1c4e-8f57-4a39-9b1e-6a0b9f3f2c11';

describe('replayPlan', () => {
  it.each<[string, string | undefined, string | null]>([
    ['no from: the whole history', undefined, null],
    ['a date in summer time: midnight in Amsterdam', '2026-05-01', '2026-04-30T22:00:00.000Z'],
    ['a date in winter time: midnight in Amsterdam', '2026-11-01', '2026-10-31T23:00:00.000Z'],
    ['an instant in UTC', '2026-07-04T09:12:00Z', '2026-07-04T09:12:00.000Z'],
    ['an instant with an offset', '2026-07-04T11:12:00.5+02:00', '2026-07-04T09:12:00.500Z'],
  ])('%s', (_name, from, expected) => {
    const plan = replayPlan({ queue: 'reporting.rebuild', ...(from ? { from } : {}) }, ID);
    expect(replayStarted(plan)).toEqual({
      replayId: ID,
      queue: 'reporting.rebuild',
      from: expected,
    });
  });

  it('refuses a from that was not validated', () => {
    expect(() => replayPlan({ queue: 'q', from: 'yesterday' }, ID)).toThrow('not validated');
  });
});
