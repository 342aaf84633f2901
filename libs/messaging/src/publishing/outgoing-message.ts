import { randomUUID } from 'node:crypto';
import type { EventEnvelope, EventType, Producer } from '@rod/contracts';
import { Events } from '@rod/contracts';

/**
 * A message ready to publish: the body is kept as the exact JSON text, so that what an
 * outbox stores is byte for byte what goes on the wire (and no key restrictions apply).
 */
export interface OutgoingMessage {
  /** An exchange of the contract, or '' for a direct send to a queue (reply_to). */
  exchange: string;
  routingKey: string;
  payload: string;
  messageId: string;
  type: string;
  correlationId?: string;
  timestamp: number;
}

export interface NewEvent<T extends EventType> {
  type: T;
  producer: Producer;
  correlationId: string;
  causationId: string;
  resultId: string | null;
  institutionCode: string | null;
  sequence: number;
  data: unknown;
  occurredAt?: Date;
}

export function createEnvelope<T extends EventType>(event: NewEvent<T>): EventEnvelope<T> {
  return {
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: 1,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    producer: event.producer,
    correlationId: event.correlationId,
    causationId: event.causationId,
    resultId: event.resultId,
    institutionCode: event.institutionCode,
    sequence: event.sequence,
    data: event.data,
  };
}

/** The message that publishes an event where the contract says it goes. */
export function eventMessage(envelope: EventEnvelope<EventType>): OutgoingMessage {
  const { exchange, routingKey } = Events[envelope.type];
  return {
    exchange,
    routingKey,
    payload: JSON.stringify(envelope),
    messageId: envelope.eventId,
    type: envelope.type,
    correlationId: envelope.correlationId,
    timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
  };
}

export function jsonMessage(
  exchange: string,
  routingKey: string,
  type: string,
  body: unknown,
  correlationId?: string,
): OutgoingMessage {
  return {
    exchange,
    routingKey,
    payload: JSON.stringify(body),
    messageId: randomUUID(),
    type,
    correlationId,
    timestamp: Math.floor(Date.now() / 1000),
  };
}
