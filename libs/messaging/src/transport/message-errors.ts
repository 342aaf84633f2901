/**
 * A message that can never be handled (bad content, not a passing outage): it goes
 * straight to its dead-letter queue instead of being redelivered.
 */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

/** The pattern a handler registers to receive what no other handler takes. */
export const UNROUTABLE_PATTERN = 'amqp:unroutable';

/** The body handed to the unroutable handler. */
export interface UnroutableMessage {
  reason: 'not-json' | 'no-handler' | 'too-large';
  text: string;
}
