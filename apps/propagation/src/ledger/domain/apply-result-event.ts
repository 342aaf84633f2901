import type {
  EventEnvelope,
  PartnerDeliveryV1,
  ResultCorrectedDataV1,
  ResultDeletedDataV1,
  ResultRegisteredDataV1,
} from '@rod/contracts';
import type { Partner } from '../../partners/domain/partner';
import { partnerReceives } from '../../partners/domain/partner';
import { deliveryIdOf } from '../../deliveries/domain/delivery-id';
import { deletionConsequences } from './deletion-consequences';
import type { LedgerChange, LedgerEffect, LedgerEntry, ResultLedger } from './ledger-state';
import { releaseNext } from './release';

/**
 * A result event in the ledger: registrations and corrections become one entry per
 * matching partner; a deletion skips what was not delivered yet and retracts or flags
 * what was. The caller applies each event once and in order (applyInSequence).
 */
export function applyResultEvent(
  ledger: ResultLedger | null,
  event: EventEnvelope,
  partners: Partner[],
  now: Date,
): LedgerChange {
  switch (event.type) {
    case 'ResultRegistered':
      return planned(
        ledger,
        event,
        event.data as ResultRegisteredDataV1,
        'registration',
        partners,
        now,
      );
    case 'ResultCorrected':
      return planned(
        ledger,
        event,
        (event.data as ResultCorrectedDataV1).result,
        'correction',
        partners,
        now,
      );
    case 'ResultDeleted':
      return ledger
        ? deleted(ledger, event, partners, now)
        : { ledger: emptyLedger(event), effects: [] };
    default:
      return { ledger: ledger ?? emptyLedger(event), effects: [] };
  }
}

function emptyLedger(event: EventEnvelope): ResultLedger {
  const data = event.data as Partial<ResultDeletedDataV1>;
  return {
    resultId: event.resultId ?? '',
    institutionCode: event.institutionCode ?? '',
    programme: data.programme ?? { crohoCode: '00000', level: 'HBO', examType: 'bachelor' },
    entries: [],
    flagged: [],
  };
}

function planned(
  ledger: ResultLedger | null,
  event: EventEnvelope,
  result: ResultRegisteredDataV1 | ResultCorrectedDataV1['result'],
  kind: 'registration' | 'correction',
  partners: Partner[],
  now: Date,
): LedgerChange {
  const base: ResultLedger = ledger ?? {
    resultId: event.resultId ?? '',
    institutionCode: event.institutionCode ?? '',
    programme: result.programme,
    entries: [],
    flagged: [],
  };
  const at = now.toISOString();
  const added: LedgerEntry[] = partners
    .filter((partner) => partnerReceives(partner, result.programme))
    .map((partner) => {
      const deliveryId = deliveryIdOf(partner.id, event.eventId);
      const body: PartnerDeliveryV1 = {
        deliveryId,
        partnerId: partner.id,
        kind,
        resultId: base.resultId,
        institutionCode: base.institutionCode,
        eventId: event.eventId,
        occurredAt: event.occurredAt,
        result: { ...result },
      };
      return {
        deliveryId,
        partnerId: partner.id,
        eventId: event.eventId,
        kind,
        status: 'pending',
        attempts: 0,
        createdAt: at,
        updatedAt: at,
        released: false,
        body: JSON.stringify(body),
      };
    });
  return releaseNext(
    { ...base, programme: result.programme, entries: [...base.entries, ...added] },
    now,
  );
}

function deleted(
  ledger: ResultLedger,
  event: EventEnvelope,
  partners: Partner[],
  now: Date,
): LedgerChange {
  const data = event.data as ResultDeletedDataV1;
  const at = now.toISOString();
  // Nothing that was not delivered yet goes out after a deletion (DOMAIN.md).
  let next: ResultLedger = {
    ...ledger,
    deletion: { eventId: event.eventId, deletedAt: data.deletedAt, reason: data.reason },
    entries: ledger.entries.map((entry) =>
      entry.status === 'pending' || entry.status === 'parked'
        ? { ...entry, status: 'skipped', body: undefined, updatedAt: at }
        : entry,
    ),
  };
  const effects: LedgerEffect[] = [];
  for (const partner of partners) {
    const change = deletionConsequences(next, partner, now);
    next = change.ledger;
    effects.push(...change.effects);
  }
  const released = releaseNext(next, now);
  return { ledger: released.ledger, effects: [...effects, ...released.effects] };
}
