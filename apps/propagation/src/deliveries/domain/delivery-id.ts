import { createHash } from 'node:crypto';

/**
 * Stable for a (partner, event) pair, so a partner can drop a delivery it has seen.
 * A UUID of version 8 (RFC 9562, "custom"): SHA-256 of the pair, with the version and
 * variant bits set.
 */
export function deliveryIdOf(partnerId: string, eventId: string): string {
  const bytes = createHash('sha256').update(`${partnerId}\n${eventId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
