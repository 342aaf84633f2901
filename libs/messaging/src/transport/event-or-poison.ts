import type { EventEnvelope } from '@rod/contracts';
import { validateEvent } from '@rod/contracts';
import { PoisonMessageError } from './message-errors';

/**
 * The event a consumer received, validated against the contract. An event that breaks
 * the contract can never be applied: it goes to the dead-letter queue.
 */
export function eventOrPoison(body: unknown): EventEnvelope {
  const event = validateEvent(body);
  if (!event.ok) {
    const problems = event.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new PoisonMessageError(`invalid event: ${problems}`);
  }
  return event.value;
}
