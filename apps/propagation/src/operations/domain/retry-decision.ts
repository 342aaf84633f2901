import { retryParked } from '../../ledger/domain/apply-attempt';
import type { DeliveryStatus, LedgerChange, ResultLedger } from '../../ledger/domain/ledger-state';
import type { LedgerLine } from './ledger-line';
import { ledgerLine } from './ledger-line';

/** What `POST /v1/deliveries/{id}/retry` comes to on a ledger. */
export type RetryDecision =
  | { kind: 'unknown' }
  | { kind: 'not-parked'; status: DeliveryStatus }
  | { kind: 'retried'; change: LedgerChange; line: LedgerLine };

/**
 * Only a parked delivery is retried: it gets a fresh set of attempts and is released
 * unless an older open delivery to the same partner holds it back (retryParked).
 */
export function decideRetry(
  ledger: ResultLedger | null,
  deliveryId: string,
  now: Date,
): RetryDecision {
  const entry = ledger?.entries.find((e) => e.deliveryId === deliveryId);
  if (!ledger || !entry) return { kind: 'unknown' };
  const change = retryParked(ledger, deliveryId, now);
  if (!change) return { kind: 'not-parked', status: entry.status };
  const retried = change.ledger.entries.find((e) => e.deliveryId === deliveryId) ?? entry;
  return { kind: 'retried', change, line: ledgerLine(change.ledger, retried) };
}
