// Test support for the overview fixture: only tests import this folder.
import type { EventEnvelope, EventType } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';

/** A fixture's result event: as register publishes it, `sequence` counting from 1. */
export function resultEvent(
  type: EventType,
  resultId: string,
  institutionCode: string,
  sequence: number,
  occurredAt: string,
  data: object,
): EventEnvelope {
  return createEnvelope({
    type,
    producer: 'register',
    correlationId: `fixture-${resultId}`,
    causationId: `fixture-${resultId}-${sequence}`,
    resultId,
    institutionCode,
    sequence,
    occurredAt: new Date(occurredAt),
    data,
  });
}

/** A fixture's `IrreversibleDeliveryFlagged`, as propagation publishes it after a deletion. */
export function flagEvent(
  deleted: EventEnvelope,
  partnerId: string,
  sequence: number,
  deliveredAt: string,
): EventEnvelope {
  const { deletedAt, reason } = deleted.data as { deletedAt: string; reason: string };
  return createEnvelope({
    type: 'IrreversibleDeliveryFlagged',
    producer: 'propagation',
    correlationId: deleted.correlationId,
    causationId: deleted.eventId,
    resultId: deleted.resultId,
    institutionCode: deleted.institutionCode,
    sequence,
    occurredAt: new Date(deletedAt),
    data: {
      partnerId,
      partnerName: PARTNER_NAMES[partnerId] ?? partnerId,
      deliveredAt,
      deletedAt,
      reason,
      deletionEventId: deleted.eventId,
    },
  });
}

const PARTNER_NAMES: Record<string, string> = {
  'cibg-big': 'CIBG (BIG-register)',
  nuffic: 'Nuffic (fixture partner that cannot retract)',
};

/** The n-th BSN of the fixture (9 digits passing the 11-check): reporting must drop it. */
export function fixtureBsn(n: number): string {
  for (let candidate = 10_000_000 + n * 13; ; candidate += 1) {
    const digits = [...String(candidate)].map(Number);
    const check = digits.reduce((sum, d, i) => sum + (9 - i) * d, 0) % 11;
    if (check < 10) return `${candidate}${check}`;
  }
}

/** An instant moved by whole days (negative: earlier), as an ISO string. */
export function daysAfter(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString();
}
