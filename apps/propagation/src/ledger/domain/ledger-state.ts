import type { DeliveryKind, ProgrammeV1 } from '@rod/contracts';

export const DeliveryStatuses = ['pending', 'delivered', 'parked', 'retracted', 'skipped'] as const;
export type DeliveryStatus = (typeof DeliveryStatuses)[number];

/** One delivery of one result event to one partner: a line of the delivery ledger. */
export interface LedgerEntry {
  /** Stable for the (partner, event) pair (`deliveryIdOf`). */
  deliveryId: string;
  partnerId: string;
  eventId: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
  /**
   * Handed to the partner's work queue. Only the oldest unfinished entry of a partner is,
   * so a partner receives a result's deliveries in the result's order.
   */
  released: boolean;
  /** What is sent to the partner (PartnerDelivery JSON); dropped once the entry is finished. */
  body?: string;
  /**
   * `attempts` when a webhook attempt last began (stored before the request). Equal to
   * `attempts` while that attempt's outcome is not stored: if the process died meanwhile
   * and the result was deleted since, the partner may hold it.
   */
  sendingAttempt?: number;
}

/** Propagation's ledger of one result: every delivery to every partner, in order. */
export interface ResultLedger {
  resultId: string;
  institutionCode: string;
  programme: ProgrammeV1;
  entries: LedgerEntry[];
  /** Set by `ResultDeleted`: no registration or correction is delivered after it. */
  deletion?: { eventId: string; deletedAt: string; reason: string };
  /** Partners whose irreversible delivery was flagged (exactly once each). */
  flagged: string[];
}

/** What a change of the ledger asks the world to do (the use case turns these into messages). */
export type LedgerEffect =
  | { kind: 'send'; entry: LedgerEntry }
  | { kind: 'retry-later'; entry: LedgerEntry; delayMs: number }
  | { kind: 'park'; entry: LedgerEntry }
  | { kind: 'event'; type: 'DeliverySucceeded'; data: object }
  | { kind: 'event'; type: 'DeliveryFailed'; data: object }
  | { kind: 'event'; type: 'DeliveryRetracted'; data: object }
  | { kind: 'event'; type: 'IrreversibleDeliveryFlagged'; data: object };

export interface LedgerChange {
  ledger: ResultLedger;
  effects: LedgerEffect[];
}

/** Unfinished: still to be delivered, or waiting for operations. */
export const isOpen = (entry: LedgerEntry): boolean =>
  entry.status === 'pending' || entry.status === 'parked';
