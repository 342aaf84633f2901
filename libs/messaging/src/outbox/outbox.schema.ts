import { Schema } from 'mongoose';
import type { OutgoingMessage } from '../publishing/outgoing-message';

/**
 * The outbox lives inside the aggregate's own document, so the change and the
 * messages it causes are stored in one atomic write (FerretDB has no transactions).
 *
 * Writers follow two rules: every write does `$inc: { version: 1 }`, and messages are
 * only ever appended (`$push` to `outbox`, with `outboxPending: true`). The relay
 * removes what it published with a write conditioned on `version`.
 */
export interface OutboxFields {
  version: number;
  outboxPending: boolean;
  outbox: OutgoingMessage[];
}

export const outgoingMessageSchema = new Schema<OutgoingMessage>(
  {
    exchange: { type: String, required: false, default: '' },
    routingKey: { type: String, required: true },
    payload: { type: String, required: true },
    messageId: { type: String, required: true },
    type: { type: String, required: true },
    correlationId: { type: String },
    timestamp: { type: Number, required: true },
  },
  { _id: false },
);

/** Adds the outbox fields to an aggregate's schema. */
export function addOutbox(schema: Schema): void {
  schema.add({
    version: { type: Number, required: true, default: 0 },
    outboxPending: { type: Boolean, required: true, default: false, index: true },
    outbox: { type: [outgoingMessageSchema], default: [] },
  });
}

/** The update fragment that appends messages to an aggregate's outbox. */
export function appendToOutbox(messages: OutgoingMessage[]): {
  $push: { outbox: { $each: OutgoingMessage[] } };
  $set: { outboxPending: true };
  $inc: { version: 1 };
} {
  return {
    $push: { outbox: { $each: messages } },
    $set: { outboxPending: true },
    $inc: { version: 1 },
  };
}
