import type { FlagFilter } from '../domain/irreversible-flag';
import { irreversibleQuery } from './irreversible-query';
import type { RawQuery } from './query-parameters';
import { problemOf } from './testing/problem-of';

const at = (iso: string) => Date.parse(iso);

describe('irreversibleQuery', () => {
  it.each<[string, RawQuery, FlagFilter]>([
    ['nothing', {}, {}],
    ['an institution', { institutionCode: '21PA' }, { institutionCode: '21PA' }],
    [
      'dates, from midnight in Amsterdam (summer time)',
      { from: '2026-05-01', to: '2026-11-01' },
      { from: at('2026-04-30T22:00:00Z'), to: at('2026-10-31T23:00:00Z') },
    ],
    [
      'date-times with their offsets',
      { from: '2026-07-01T10:00:00Z', to: '2026-07-01T12:00:00.500+02:00' },
      { from: at('2026-07-01T10:00:00Z'), to: at('2026-07-01T10:00:00.500Z') },
    ],
    ['only from', { from: '2026-01-15' }, { from: at('2026-01-14T23:00:00Z') }],
    ['only to', { to: '2026-01-15T00:00Z' }, { to: at('2026-01-15T00:00:00Z') }],
  ])('reads %s', (_what, raw, expected) => {
    expect(irreversibleQuery(raw)).toEqual(expected);
  });

  it.each<[string, RawQuery, string[]]>([
    ['an institution code in lower case', { institutionCode: '21pa' }, ['institutionCode']],
    ['an institution code too long', { institutionCode: '21PAX' }, ['institutionCode']],
    ['a date that does not exist', { from: '2026-02-30' }, ['from']],
    ['a date-time without an offset', { from: '2026-07-01T10:00:00' }, ['from']],
    ['a date-time at hour 24', { to: '2026-07-01T24:00:00Z' }, ['to']],
    ['a date in another format', { to: '01-07-2026' }, ['to']],
    ['words', { from: 'yesterday' }, ['from']],
    ['to before from', { from: '2026-07-02', to: '2026-07-01' }, ['to']],
    ['to equal to from', { from: '2026-07-01', to: '2026-07-01T00:00:00+02:00' }, ['to']],
    ['from given twice', { from: ['2026-07-01', '2026-07-02'] }, ['from']],
    [
      'everything wrong',
      { institutionCode: 'x', from: 'a', to: 'b' },
      ['institutionCode', 'from', 'to'],
    ],
  ])('refuses %s with a 400 problem naming it', (_what, raw, fields) => {
    const problem = problemOf(() => irreversibleQuery(raw));
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.field)).toEqual(fields);
  });
});
