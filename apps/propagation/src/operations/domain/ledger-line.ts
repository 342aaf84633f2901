import type { DeliveryKind } from '@rod/contracts';
import type { DeliveryStatus } from '../../ledger/domain/ledger-state';
import type { EntryView, LedgerView } from './ledger-view';

/** One line of `GET /v1/deliveries`: a delivery with its result, never its body. */
export interface LedgerLine {
  deliveryId: string;
  resultId: string;
  institutionCode: string;
  partnerId: string;
  eventId: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
}

/** Which lines of a ledger are wanted; an absent member matches everything. */
export interface LineFilter {
  partnerId?: string;
  status?: DeliveryStatus;
}

/** The line of one entry; its fields are picked one by one, so a body can never slip in. */
export function ledgerLine(ledger: LedgerView, entry: EntryView): LedgerLine {
  return {
    deliveryId: entry.deliveryId,
    resultId: ledger.resultId,
    institutionCode: ledger.institutionCode,
    partnerId: entry.partnerId,
    eventId: entry.eventId,
    kind: entry.kind,
    status: entry.status,
    attempts: entry.attempts,
    ...(entry.lastError === undefined ? {} : { lastError: entry.lastError }),
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    ...(entry.deliveredAt === undefined ? {} : { deliveredAt: entry.deliveredAt }),
  };
}

/** The ledger's lines that pass the filter, in the ledger's order. */
export function linesOf(ledger: LedgerView, filter: LineFilter): LedgerLine[] {
  return ledger.entries
    .filter(
      (entry) =>
        (filter.partnerId === undefined || entry.partnerId === filter.partnerId) &&
        (filter.status === undefined || entry.status === filter.status),
    )
    .map((entry) => ledgerLine(ledger, entry));
}

/** Newest `updatedAt` first; the delivery id breaks ties, so the order is stable. */
export function newestFirst(a: LedgerLine, b: LedgerLine): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.deliveryId.localeCompare(b.deliveryId);
}
