import type { FlagFilter, IrreversibleFlag } from './irreversible-flag';
import { byDeletedAt, flagMatches, flagsOf } from './irreversible-flag';
import type { EntryView, LedgerView } from './ledger-view';

const entry = (
  partnerId: string,
  kind: EntryView['kind'],
  status: EntryView['status'],
  deliveredAt?: string,
): EntryView => ({
  deliveryId: `${partnerId}-${kind}-${deliveredAt ?? 'none'}`,
  partnerId,
  eventId: 'e',
  kind,
  status,
  attempts: 1,
  createdAt: '2026-07-01T00:00:00.000Z',
  updatedAt: '2026-07-09T00:00:00.000Z',
  ...(deliveredAt ? { deliveredAt } : {}),
});

const deletion = {
  eventId: 'deletion-1',
  deletedAt: '2026-07-10T12:00:00.000Z',
  reason: 'duplicate',
};

const ledger = (over: Partial<LedgerView>): LedgerView => ({
  resultId: '21PA-1',
  institutionCode: '21PA',
  entries: [],
  flagged: [],
  ...over,
});

describe('flagsOf', () => {
  it.each<[string, LedgerView, IrreversibleFlag[]]>([
    ['a ledger without a deletion', ledger({ flagged: ['cibg-big'] }), []],
    ['a deletion that flagged nobody', ledger({ deletion }), []],
    [
      'a flagged partner, with its first delivery',
      ledger({
        deletion,
        flagged: ['cibg-big'],
        entries: [
          entry('cibg-big', 'correction', 'delivered', '2026-07-05T00:00:00.000Z'),
          entry('cibg-big', 'registration', 'delivered', '2026-07-02T00:00:00.000Z'),
          entry('mijnoverheid', 'registration', 'retracted', '2026-07-01T00:00:00.000Z'),
        ],
      }),
      [
        {
          resultId: '21PA-1',
          institutionCode: '21PA',
          partnerId: 'cibg-big',
          deliveredAt: '2026-07-02T00:00:00.000Z',
          deletedAt: '2026-07-10T12:00:00.000Z',
          reason: 'duplicate',
          deletionEventId: 'deletion-1',
        },
      ],
    ],
    [
      'a delivered entry without deliveredAt: its updatedAt, as the flag event has it',
      ledger({ deletion, flagged: ['x'], entries: [entry('x', 'registration', 'delivered')] }),
      [expect.objectContaining({ partnerId: 'x', deliveredAt: '2026-07-09T00:00:00.000Z' })],
    ],
    [
      'a flagged partner whose delivery the ledger no longer shows',
      ledger({ deletion, flagged: ['x'], entries: [entry('x', 'registration', 'skipped')] }),
      [expect.objectContaining({ partnerId: 'x', deliveredAt: null })],
    ],
    [
      'two flagged partners',
      ledger({ deletion, flagged: ['a', 'b'] }),
      [expect.objectContaining({ partnerId: 'a' }), expect.objectContaining({ partnerId: 'b' })],
    ],
  ])('gives %s', (_what, view, expected) => {
    expect(flagsOf(view)).toEqual(expected);
  });
});

describe('flagMatches', () => {
  const flag = flagsOf(ledger({ deletion, flagged: ['cibg-big'] }))[0];
  const at = (iso: string) => Date.parse(iso);

  it.each<[string, FlagFilter, boolean]>([
    ['no filter', {}, true],
    ['its institution', { institutionCode: '21PA' }, true],
    ['another institution', { institutionCode: '30XY' }, false],
    ['from its deletedAt (inclusive)', { from: at(deletion.deletedAt) }, true],
    ['from after it', { from: at('2026-07-10T12:00:00.001Z') }, false],
    ['to its deletedAt (exclusive)', { to: at(deletion.deletedAt) }, false],
    ['to just after it', { to: at('2026-07-10T12:00:00.001Z') }, true],
    [
      'a window around it',
      { from: at('2026-07-01T00:00:00Z'), to: at('2026-08-01T00:00:00Z') },
      true,
    ],
    [
      'a window before it',
      { from: at('2026-06-01T00:00:00Z'), to: at('2026-07-01T00:00:00Z') },
      false,
    ],
    [
      'its institution, but not the window',
      { institutionCode: '21PA', from: at('2026-08-01T00:00:00Z') },
      false,
    ],
  ])('with %s: %s', (_what, filter, expected) => {
    expect(flagMatches(flag, filter)).toBe(expected);
  });
});

describe('byDeletedAt', () => {
  const flag = (resultId: string, partnerId: string, deletedAt: string) =>
    ({ resultId, partnerId, deletedAt }) as IrreversibleFlag;

  it('orders by deletedAt as an instant, then by result and partner', () => {
    const flags = [
      flag('21PA-2', 'b', '2026-07-10T12:00:00Z'),
      flag('21PA-3', 'a', '2026-07-10T13:00:00+02:00'), // 11:00 UTC: the oldest
      flag('21PA-2', 'a', '2026-07-10T12:00:00.000Z'),
      flag('21PA-1', 'a', '2026-07-10T12:00:00Z'),
    ];
    expect(flags.sort(byDeletedAt).map((f) => `${f.resultId}/${f.partnerId}`)).toEqual([
      '21PA-3/a',
      '21PA-1/a',
      '21PA-2/a',
      '21PA-2/b',
    ]);
  });
});
