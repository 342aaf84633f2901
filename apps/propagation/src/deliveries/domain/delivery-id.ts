import { createHash } from 'node:crypto';

/** Stable for a (partner, event) pair: a partner drops a delivery it has seen. */
export function deliveryIdOf(partnerId: string, eventId: string): string {
  const hex = createHash('sha256').update(`${partnerId}\n${eventId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
