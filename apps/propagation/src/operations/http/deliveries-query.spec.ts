import type { DeliveriesQuery } from './deliveries-query';
import { deliveriesQuery } from './deliveries-query';
import type { RawQuery } from './query-parameters';
import { problemOf } from './testing/problem-of';

describe('deliveriesQuery', () => {
  it.each<[string, RawQuery, DeliveriesQuery]>([
    ['nothing: the default limit', {}, { limit: 100 }],
    [
      'every parameter',
      { resultId: '21PA-1', partnerId: 'cibg-big', status: 'parked', limit: '5' },
      { resultId: '21PA-1', partnerId: 'cibg-big', status: 'parked', limit: 5 },
    ],
    ['empty parameters, as absent', { resultId: '', status: '', limit: '' }, { limit: 100 }],
    ['the largest limit', { limit: '1000' }, { limit: 1000 }],
    ['the smallest limit', { limit: '1' }, { limit: 1 }],
    ['a parameter it does not know, ignored', { page: '2' }, { limit: 100 }],
    ...['pending', 'delivered', 'parked', 'retracted', 'skipped'].map(
      (status): [string, RawQuery, DeliveriesQuery] => [
        `status ${status}`,
        { status },
        { status, limit: 100 } as DeliveriesQuery,
      ],
    ),
  ])('reads %s', (_what, raw, expected) => {
    expect(deliveriesQuery(raw)).toEqual(expected);
  });

  it.each<[string, RawQuery, string[]]>([
    ['an unknown status', { status: 'lost' }, ['status']],
    ['a status in capitals', { status: 'PARKED' }, ['status']],
    ['a limit of 0', { limit: '0' }, ['limit']],
    ['a limit over 1000', { limit: '1001' }, ['limit']],
    ['a negative limit', { limit: '-5' }, ['limit']],
    ['a fractional limit', { limit: '2.5' }, ['limit']],
    ['a limit that is no number', { limit: 'ten' }, ['limit']],
    ['a parameter given twice', { partnerId: ['a', 'b'] }, ['partnerId']],
    ['a nested parameter', { resultId: { $ne: 'x' } }, ['resultId']],
    ['two bad parameters', { status: 'x', limit: 'y' }, ['status', 'limit']],
  ])('refuses %s with a 400 problem naming it', (_what, raw, fields) => {
    const problem = problemOf(() => deliveriesQuery(raw));
    expect(problem).toMatchObject({
      status: 400,
      type: 'https://rod.example/problems/validation',
    });
    expect(problem.errors?.map((e) => [e.code, e.field])).toEqual(
      fields.map((field) => ['validation', field]),
    );
  });
});
