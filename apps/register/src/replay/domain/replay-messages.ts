import type { EventEnvelope, ReplayCompletedV1 } from '@rod/contracts';
import { REPLAY_COMPLETED } from '@rod/contracts';
import type { OutgoingMessage } from '@rod/messaging';

/** The default exchange: a message published to it with a queue's name as key lands in that queue. */
export const DEFAULT_EXCHANGE = '';

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * A replayed event sent straight to the replay's queue: `message_id` the event id and
 * `type` the event type, as the live event had, and `correlation_id` the replay id.
 */
export function replayedEventMessage(envelope: EventEnvelope, queue: string): OutgoingMessage {
  return {
    exchange: DEFAULT_EXCHANGE,
    routingKey: queue,
    payload: JSON.stringify(envelope),
    messageId: envelope.eventId,
    type: envelope.type,
    correlationId: envelope.correlationId,
    timestamp: seconds(envelope.occurredAt),
  };
}

/** The marker that ends a replay, on the same queue; `messageId` is its own, fresh id. */
export function replayCompletedMessage(
  completed: ReplayCompletedV1,
  messageId: string,
): OutgoingMessage {
  return {
    exchange: DEFAULT_EXCHANGE,
    routingKey: completed.queue,
    payload: JSON.stringify(completed),
    messageId,
    type: REPLAY_COMPLETED,
    correlationId: completed.replayId,
    timestamp: seconds(completed.completedAt),
  };
}
