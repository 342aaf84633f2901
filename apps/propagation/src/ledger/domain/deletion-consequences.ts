import type { PartnerDeliveryV1 } from '@rod/contracts';
import type { Partner } from '../../partners/domain/partner';
import { deliveryIdOf } from '../../deliveries/domain/delivery-id';
import type { LedgerChange, LedgerEntry, ResultLedger } from './ledger-state';

/**
 * What a deleted result means for one partner that holds it: a retraction when the partner
 * can retract, otherwise one `IrreversibleDeliveryFlagged` (never two for one partner).
 * Called at the deletion, and again when a delivery that was under way at the deletion
 * turns out to have arrived.
 */
export function deletionConsequences(
  ledger: ResultLedger,
  partner: Partner,
  now: Date,
): LedgerChange {
  const deletion = ledger.deletion;
  const delivered = ledger.entries.filter(
    (e) =>
      e.partnerId === partner.id &&
      (e.kind === 'registration' || e.kind === 'correction') &&
      e.status === 'delivered',
  );
  if (!deletion || delivered.length === 0) return { ledger, effects: [] };
  if (!partner.canRetract) {
    if (ledger.flagged.includes(partner.id)) return { ledger, effects: [] };
    const firstDeliveredAt = delivered.map((e) => e.deliveredAt ?? e.updatedAt).sort()[0];
    return {
      ledger: { ...ledger, flagged: [...ledger.flagged, partner.id] },
      effects: [
        {
          kind: 'event',
          type: 'IrreversibleDeliveryFlagged',
          data: {
            partnerId: partner.id,
            partnerName: partner.name,
            deliveredAt: firstDeliveredAt,
            deletedAt: deletion.deletedAt,
            reason: deletion.reason,
            deletionEventId: deletion.eventId,
          },
        },
      ],
    };
  }
  const deliveryId = deliveryIdOf(partner.id, deletion.eventId);
  if (ledger.entries.some((e) => e.deliveryId === deliveryId)) return { ledger, effects: [] };
  const at = now.toISOString();
  const body: PartnerDeliveryV1 = {
    deliveryId,
    partnerId: partner.id,
    kind: 'retraction',
    resultId: ledger.resultId,
    institutionCode: ledger.institutionCode,
    eventId: deletion.eventId,
    occurredAt: deletion.deletedAt,
  };
  const retraction: LedgerEntry = {
    deliveryId,
    partnerId: partner.id,
    eventId: deletion.eventId,
    kind: 'retraction',
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    released: false,
    body: JSON.stringify(body),
  };
  return { ledger: { ...ledger, entries: [...ledger.entries, retraction] }, effects: [] };
}
