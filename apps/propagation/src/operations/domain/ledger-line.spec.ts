import type { LedgerLine, LineFilter } from './ledger-line';
import { ledgerLine, linesOf, newestFirst } from './ledger-line';
import type { EntryView, LedgerView } from './ledger-view';

const entry = (deliveryId: string, partnerId: string, status: EntryView['status']): EntryView => ({
  deliveryId,
  partnerId,
  eventId: `event-${deliveryId}`,
  kind: 'registration',
  status,
  attempts: 1,
  createdAt: '2026-07-04T10:00:00.000Z',
  updatedAt: '2026-07-04T10:00:01.000Z',
});

const ledger: LedgerView = {
  resultId: '21PA-1',
  institutionCode: '21PA',
  flagged: [],
  entries: [
    entry('a', 'cibg-big', 'delivered'),
    entry('b', 'mijnoverheid', 'parked'),
    entry('c', 'mijnoverheid', 'pending'),
  ],
};

describe('ledgerLine', () => {
  it('names the result and leaves the body out, even when the entry still has one', () => {
    const withBody = { ...entry('a', 'p', 'pending'), released: true, body: '{"bsn":"123456782"}' };
    const line = ledgerLine(ledger, withBody);
    expect(line).toEqual({
      deliveryId: 'a',
      resultId: '21PA-1',
      institutionCode: '21PA',
      partnerId: 'p',
      eventId: 'event-a',
      kind: 'registration',
      status: 'pending',
      attempts: 1,
      createdAt: '2026-07-04T10:00:00.000Z',
      updatedAt: '2026-07-04T10:00:01.000Z',
    });
    expect(JSON.stringify(line)).not.toContain('123456782');
  });

  it.each<[string, Partial<EntryView>, Partial<LedgerLine>]>([
    ['lastError', { lastError: 'HTTP 400' }, { lastError: 'HTTP 400' }],
    [
      'deliveredAt',
      { deliveredAt: '2026-07-05T00:00:00Z' },
      { deliveredAt: '2026-07-05T00:00:00Z' },
    ],
  ])('carries %s when the entry has it', (_field, extra, expected) => {
    expect(ledgerLine(ledger, { ...entry('a', 'p', 'parked'), ...extra })).toMatchObject(expected);
  });
});

describe('linesOf', () => {
  it.each<[string, LineFilter, string[]]>([
    ['no filter', {}, ['a', 'b', 'c']],
    ['a partner', { partnerId: 'mijnoverheid' }, ['b', 'c']],
    ['a status', { status: 'parked' }, ['b']],
    ['a partner and a status', { partnerId: 'cibg-big', status: 'delivered' }, ['a']],
    ['a partner and a status it has none of', { partnerId: 'cibg-big', status: 'parked' }, []],
    ['an unknown partner', { partnerId: 'nobody' }, []],
  ])('keeps the lines that match %s', (_what, filter, expected) => {
    expect(linesOf(ledger, filter).map((line) => line.deliveryId)).toEqual(expected);
  });
});

describe('newestFirst', () => {
  const line = (deliveryId: string, updatedAt: string) => ({ deliveryId, updatedAt }) as LedgerLine;

  it.each<[string, LedgerLine[], string[]]>([
    [
      'by updatedAt, newest first',
      [
        line('a', '2026-01-01T00:00:00Z'),
        line('b', '2026-03-01T00:00:00Z'),
        line('c', '2026-02-01T00:00:00Z'),
      ],
      ['b', 'c', 'a'],
    ],
    [
      'by delivery id when updatedAt is the same',
      [line('z', '2026-01-01T00:00:00Z'), line('m', '2026-01-01T00:00:00Z')],
      ['m', 'z'],
    ],
  ])('orders %s', (_what, lines, expected) => {
    expect([...lines].sort(newestFirst).map((l) => l.deliveryId)).toEqual(expected);
  });
});
