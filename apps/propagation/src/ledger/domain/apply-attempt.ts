import type { Partner } from '../../partners/domain/partner';
import { deletionConsequences } from './deletion-consequences';
import type { LedgerChange, LedgerEffect, LedgerEntry, ResultLedger } from './ledger-state';
import { releaseNext } from './release';

/** What one attempt to deliver came to (from the partner's transport). */
export type AttemptOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'park'; reason: string };

export interface RetryPolicy {
  maxAttempts: number;
  /** The wait before attempt `attempt + 1`, after `attempt` failed ones. */
  delayMs: (attempt: number) => number;
}

/**
 * Records an attempt. A delivery: `DeliverySucceeded` (and `DeliveryRetracted` for a
 * retraction), then the partner's next delivery of the result is released. A passing
 * failure: retried later, through the broker, until `maxAttempts`; then, or at once for
 * a failure that will not pass, the delivery is parked with `DeliveryFailed`.
 * An attempt on an entry that is no longer pending changes nothing, except a delivery
 * that was under way when the result was deleted: it did arrive, so the partner holds
 * the result and the deletion's consequences follow.
 */
export function applyAttempt(
  ledger: ResultLedger,
  deliveryId: string,
  outcome: AttemptOutcome,
  partner: Partner,
  policy: RetryPolicy,
  now: Date,
): LedgerChange {
  const entry = ledger.entries.find((e) => e.deliveryId === deliveryId);
  const arrivedAfterDeletion = entry?.status === 'skipped' && outcome.kind === 'delivered';
  if (!entry || (entry.status !== 'pending' && !arrivedAfterDeletion)) {
    return { ledger, effects: [] };
  }
  const at = now.toISOString();
  const attempts = entry.attempts + 1;
  switch (outcome.kind) {
    case 'delivered': {
      const done: LedgerEntry = {
        ...entry,
        status: 'delivered',
        attempts,
        deliveredAt: at,
        updatedAt: at,
        body: undefined,
      };
      let next = replace(ledger, done);
      const effects: LedgerEffect[] = [
        {
          kind: 'event',
          type: 'DeliverySucceeded',
          data: {
            partnerId: partner.id,
            kind: entry.kind,
            deliveredEventId: entry.eventId,
            deliveredAt: at,
            attempts,
            canRetract: partner.canRetract,
          },
        },
      ];
      if (entry.kind === 'retraction') {
        next = {
          ...next,
          entries: next.entries.map((e) =>
            e.partnerId === partner.id && e.kind !== 'retraction' && e.status === 'delivered'
              ? { ...e, status: 'retracted', updatedAt: at }
              : e,
          ),
        };
        effects.push({
          kind: 'event',
          type: 'DeliveryRetracted',
          data: { partnerId: partner.id, retractedAt: at },
        });
      } else if (arrivedAfterDeletion) {
        const consequences = deletionConsequences(next, partner, now);
        next = consequences.ledger;
        effects.push(...consequences.effects);
      }
      const released = releaseNext(next, now);
      return { ledger: released.ledger, effects: [...effects, ...released.effects] };
    }
    case 'retry':
      if (attempts < policy.maxAttempts) {
        const waiting: LedgerEntry = {
          ...entry,
          attempts,
          lastError: outcome.reason,
          updatedAt: at,
        };
        const delayMs = Math.max(outcome.retryAfterMs ?? 0, policy.delayMs(attempts));
        return {
          ledger: replace(ledger, waiting),
          effects: [{ kind: 'retry-later', entry: waiting, delayMs }],
        };
      }
      return parked(
        ledger,
        entry,
        attempts,
        `${outcome.reason} (after ${attempts} attempts)`,
        partner,
        at,
      );
    case 'park':
      return parked(ledger, entry, attempts, outcome.reason, partner, at);
  }
}

function parked(
  ledger: ResultLedger,
  entry: LedgerEntry,
  attempts: number,
  reason: string,
  partner: Partner,
  at: string,
): LedgerChange {
  const stopped: LedgerEntry = {
    ...entry,
    status: 'parked',
    attempts,
    lastError: reason,
    released: false,
    updatedAt: at,
  };
  return {
    ledger: replace(ledger, stopped),
    effects: [
      { kind: 'park', entry: stopped },
      {
        kind: 'event',
        type: 'DeliveryFailed',
        data: {
          partnerId: partner.id,
          kind: entry.kind,
          deliveredEventId: entry.eventId,
          attempts,
          lastError: reason,
        },
      },
    ],
  };
}

/** Operations send a parked delivery again (`POST /v1/deliveries/{id}/retry`). */
export function retryParked(
  ledger: ResultLedger,
  deliveryId: string,
  now: Date,
): LedgerChange | null {
  const entry = ledger.entries.find((e) => e.deliveryId === deliveryId);
  if (entry?.status !== 'parked') return null;
  const again: LedgerEntry = {
    ...entry,
    status: 'pending',
    attempts: 0,
    released: false,
    updatedAt: now.toISOString(),
  };
  return releaseNext(replace(ledger, again), now);
}

function replace(ledger: ResultLedger, entry: LedgerEntry): ResultLedger {
  return {
    ...ledger,
    entries: ledger.entries.map((e) => (e.deliveryId === entry.deliveryId ? entry : e)),
  };
}
