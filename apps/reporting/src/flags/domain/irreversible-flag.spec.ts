import type { EventEnvelope } from '@rod/contracts';
import { irreversibleFlagOf } from './irreversible-flag';

const flagged: EventEnvelope = {
  eventId: '0b7d4a7e-2f5c-4a59-9f55-1d1f3b0f6a01',
  type: 'IrreversibleDeliveryFlagged',
  schemaVersion: 1,
  occurredAt: '2026-08-01T10:00:05.000Z',
  producer: 'propagation',
  correlationId: 'corr-1',
  causationId: 'evt-deleted',
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  sequence: 3,
  data: {
    partnerId: 'cibg-big',
    partnerName: 'CIBG (BIG-register)',
    deliveredAt: '2026-07-05T10:00:00.000Z',
    deletedAt: '2026-08-01T10:00:00.000Z',
    reason: 'administrative-error',
    deletionEventId: 'evt-deleted',
  },
};

describe('irreversibleFlagOf', () => {
  it('keeps one flag per result and partner, with the events it came from', () => {
    expect(irreversibleFlagOf(flagged)).toEqual({
      _id: '21PA-2026000123/cibg-big',
      resultId: '21PA-2026000123',
      institutionCode: '21PA',
      partnerId: 'cibg-big',
      deletedAt: '2026-08-01T10:00:00.000Z',
      reason: 'administrative-error',
      deletionEventId: 'evt-deleted',
      flaggedEventId: '0b7d4a7e-2f5c-4a59-9f55-1d1f3b0f6a01',
    });
  });

  it.each([
    ['another event type', { type: 'DeliverySucceeded' }],
    ['no result', { resultId: null }],
    ['no institution', { institutionCode: null }],
    ['an empty result id', { resultId: '' }],
  ])('records nothing for %s', (_case, change) => {
    expect(irreversibleFlagOf({ ...flagged, ...change })).toBeNull();
  });
});
