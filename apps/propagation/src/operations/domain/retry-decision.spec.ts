import type { DeliveryStatus, LedgerEntry, ResultLedger } from '../../ledger/domain/ledger-state';
import { decideRetry } from './retry-decision';

const NOW = new Date('2026-07-05T10:00:00.000Z');

const entry = (deliveryId: string, status: DeliveryStatus): LedgerEntry => ({
  deliveryId,
  partnerId: 'hook',
  eventId: `event-${deliveryId}`,
  kind: 'registration',
  status,
  attempts: 8,
  lastError: 'HTTP 400',
  createdAt: '2026-07-04T10:00:00.000Z',
  updatedAt: '2026-07-04T10:00:00.000Z',
  released: false,
  body: '{"person":{"bsn":"123456782"}}',
});

const ledgerWith = (...entries: LedgerEntry[]): ResultLedger => ({
  resultId: '21PA-1',
  institutionCode: '21PA',
  programme: { crohoCode: '50000', level: 'WO', examType: 'master' },
  entries,
  flagged: [],
});

describe('decideRetry', () => {
  it.each<[string, ResultLedger | null, string]>([
    ['no ledger', null, 'd1'],
    ['a ledger without the delivery', ledgerWith(entry('d2', 'parked')), 'd1'],
  ])('knows no delivery in %s', (_what, ledger, deliveryId) => {
    expect(decideRetry(ledger, deliveryId, NOW)).toEqual({ kind: 'unknown' });
  });

  it.each<DeliveryStatus>(['pending', 'delivered', 'retracted', 'skipped'])(
    'refuses a delivery that is %s, naming its status',
    (status) => {
      expect(decideRetry(ledgerWith(entry('d1', status)), 'd1', NOW)).toEqual({
        kind: 'not-parked',
        status,
      });
    },
  );

  it('gives a parked delivery fresh attempts and releases it, with its line (no body)', () => {
    const decision = decideRetry(ledgerWith(entry('d1', 'parked')), 'd1', NOW);
    if (decision.kind !== 'retried') throw new Error(`not retried: ${decision.kind}`);
    expect(decision.change.effects.map((e) => e.kind)).toEqual(['send']);
    expect(decision.line).toEqual({
      deliveryId: 'd1',
      resultId: '21PA-1',
      institutionCode: '21PA',
      partnerId: 'hook',
      eventId: 'event-d1',
      kind: 'registration',
      status: 'pending',
      attempts: 0,
      lastError: 'HTTP 400',
      createdAt: '2026-07-04T10:00:00.000Z',
      updatedAt: NOW.toISOString(),
    });
  });

  it('retries a later parked delivery without releasing it past an older open one', () => {
    const ledger = ledgerWith(entry('d1', 'parked'), entry('d2', 'parked'));
    const decision = decideRetry(ledger, 'd2', NOW);
    expect(decision).toMatchObject({
      kind: 'retried',
      change: { effects: [] },
      line: { deliveryId: 'd2', status: 'pending' },
    });
  });
});
