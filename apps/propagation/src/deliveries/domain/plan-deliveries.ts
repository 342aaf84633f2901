import type {
  DeliveryKind,
  EventEnvelope,
  PartnerDeliveryV1,
  ProgrammeV1,
  ResultCorrectedDataV1,
  ResultRegisteredDataV1,
} from '@rod/contracts';
import { Exchanges, RoutingKeys } from '@rod/contracts';
import type { OutgoingMessage } from '@rod/messaging';
import type { Partner } from '../../partners/domain/partner';
import { partnerReceives } from '../../partners/domain/partner';
import { deliveryIdOf } from './delivery-id';

export interface DeliveryRecord {
  deliveryId: string;
  partnerId: string;
  eventId: string;
  kind: DeliveryKind;
  status: 'pending';
  createdAt: string;
}

/** Propagation's record of one result: where it stands and what was sent to whom. */
export interface PropagationState {
  institutionCode: string;
  programme: ProgrammeV1;
  deliveries: DeliveryRecord[];
}

function deliveryMessage(delivery: PartnerDeliveryV1, correlationId: string): OutgoingMessage {
  return {
    exchange: Exchanges.partnersOutbound,
    routingKey: RoutingKeys.partner(delivery.partnerId),
    payload: JSON.stringify(delivery),
    messageId: delivery.deliveryId,
    type: 'PartnerDelivery',
    correlationId,
    timestamp: Math.floor(Date.now() / 1000),
  };
}

/**
 * Plans the deliveries a result event causes: one per partner whose filter matches,
 * each with a stable delivery id. Pure: the caller stores the state and the messages
 * in one write.
 */
export function planDeliveries(
  partners: Partner[],
  state: PropagationState | null,
  event: EventEnvelope,
  now: Date,
): { state: PropagationState | null; messages: OutgoingMessage[] } {
  let kind: DeliveryKind;
  let result: ResultRegisteredDataV1 | ResultCorrectedDataV1['result'];
  switch (event.type) {
    case 'ResultRegistered':
      kind = 'registration';
      result = event.data as ResultRegisteredDataV1;
      break;
    case 'ResultCorrected':
      kind = 'correction';
      result = (event.data as ResultCorrectedDataV1).result;
      break;
    default:
      return { state, messages: [] };
  }
  const next: PropagationState = {
    institutionCode: event.institutionCode ?? state?.institutionCode ?? '',
    programme: result.programme,
    deliveries: [...(state?.deliveries ?? [])],
  };
  const messages: OutgoingMessage[] = [];
  for (const partner of partners.filter((p) => partnerReceives(p, result.programme))) {
    const deliveryId = deliveryIdOf(partner.id, event.eventId);
    next.deliveries.push({
      deliveryId,
      partnerId: partner.id,
      eventId: event.eventId,
      kind,
      status: 'pending',
      createdAt: now.toISOString(),
    });
    messages.push(
      deliveryMessage(
        {
          deliveryId,
          partnerId: partner.id,
          kind,
          resultId: event.resultId ?? '',
          institutionCode: next.institutionCode,
          eventId: event.eventId,
          occurredAt: event.occurredAt,
          result: { ...result },
        },
        event.correlationId,
      ),
    );
  }
  return { state: next, messages };
}
