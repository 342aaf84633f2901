/** What one webhook attempt came to. `reason` is short and never holds the body. */
export type WebhookOutcome =
  | { kind: 'delivered'; status: number }
  /** A passing failure: try again later, not before `retryAfterMs` when the partner said so. */
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number }
  /** A failure that will not pass by trying again: park the delivery for operations. */
  | { kind: 'park'; reason: string; status: number };
