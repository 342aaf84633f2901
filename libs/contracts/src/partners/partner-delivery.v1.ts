import type { DeliveryKind } from '../values/domain-values';

/** What a partner receives on its queue or webhook. `result` is absent for a retraction. */
export interface PartnerDeliveryV1 {
  /** Stable for a (partner, event) pair: partners use it to drop duplicates. */
  deliveryId: string;
  partnerId: string;
  kind: DeliveryKind;
  resultId: string;
  institutionCode: string;
  eventId: string;
  occurredAt: string;
  result?: Record<string, unknown>;
}
