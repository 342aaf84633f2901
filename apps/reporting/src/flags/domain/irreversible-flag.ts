import type {
  DeletionReason,
  EventEnvelope,
  IrreversibleDeliveryFlaggedDataV1,
} from '@rod/contracts';

/**
 * One irreversible delivery as reporting keeps it: a deleted result that a partner holds
 * and cannot retract. One per (result, partner): `_id` is `<resultId>/<partnerId>`.
 * Nothing personal: the flag event carries no personal number.
 */
export interface IrreversibleFlag {
  _id: string;
  resultId: string;
  institutionCode: string;
  partnerId: string;
  deletedAt: string;
  reason: DeletionReason;
  /** The `ResultDeleted` event that made the delivery irreversible. */
  deletionEventId: string;
  /** The `IrreversibleDeliveryFlagged` event this flag came from (the first one stored). */
  flaggedEventId: string;
}

/** The key of a flag: one per result and partner, however often propagation says so. */
export function flagIdOf(resultId: string, partnerId: string): string {
  return `${resultId}/${partnerId}`;
}

/**
 * The flag an `IrreversibleDeliveryFlagged` event (already validated against the contract)
 * records; null when it is another event or names no result or institution, which
 * reporting could never count.
 */
export function irreversibleFlagOf(event: EventEnvelope): IrreversibleFlag | null {
  if (event.type !== 'IrreversibleDeliveryFlagged') return null;
  const { resultId, institutionCode } = event;
  if (!resultId || !institutionCode) return null;
  const data = event.data as IrreversibleDeliveryFlaggedDataV1;
  return {
    _id: flagIdOf(resultId, data.partnerId),
    resultId,
    institutionCode,
    partnerId: data.partnerId,
    deletedAt: data.deletedAt,
    reason: data.reason,
    deletionEventId: data.deletionEventId,
    flaggedEventId: event.eventId,
  };
}
